import sharp from 'sharp';
import { audit } from '../../core/audit.ts';
import { inTransaction, type Ctx, type Platform } from '../../core/context.ts';
import { ctxAs } from '../../core/context-factory.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { Random } from '../../core/random.ts';
import { decodePhoto, stampDecoded } from '../../core/watermark.ts';
import { paidSalesByMeal } from '../checkout/index.ts';
import { addDays, canteenName, deadlineOn } from './common.ts';
import { ensureRun, taskValues, tasksOfRun } from './runs.ts';
import { BLOCKS, photo, run, task, waste } from './schema.ts';
import { completeTask, storeTaskPhoto, taskPhotoLines } from './tasks.ts';
import { sweepInspections, withSweepPaused } from './sweep.ts';
import { ensureTemplate, itemsOf, type ItemRow } from './templates.ts';
import { recordWaste } from './waste.ts';

const RUN_DAYS = 14;
const WASTE_DAYS = 90;
/** Waste records of today and yesterday carry a photo; older ones were copied from the paper ledger. */
const WASTE_PHOTO_DAYS = 2;
const COLLECTOR = '台州市绿源餐厨废弃物收运有限公司';
const LICENCE = '浙台餐厨收运许字 2024-017';
const EARLY_NOTE = '消毒柜检修，当日改用蒸汽消毒，次日补查';

const PROBLEMS: Record<(typeof BLOCKS)[number], string[]> = {
  frugality: ['两张桌牌缺失，已补放', '午餐米饭备量偏多约 5 公斤，已提醒按人数备餐'],
  safety: ['一只灭火器压力偏低，已报修更换', '消防通道堆放了两箱纸巾，已当场清走', '一把刀具未归位，已放回刀具柜'],
  hygiene: ['餐厅东侧地面有积水，已拖干并放置提示牌', '一只垃圾桶未加盖，已处理'],
};

/** Ordinary-looking scenes (kitchen, dining hall, store), small, drawn once; every photo is one of them, watermarked. */
async function scenes(): Promise<Buffer[]> {
  const svg = (wall: string, floor: string, extra: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 480 360">
    <rect width="480" height="200" fill="${wall}"/><rect y="200" width="480" height="160" fill="${floor}"/>
    ${Array.from({ length: 8 }, (_, i) => `<line x1="${i * 60}" y1="200" x2="${i * 60 - 40}" y2="360" stroke="#0002"/>`).join('')}
    <line x1="0" y1="260" x2="480" y2="260" stroke="#0002"/>${extra}</svg>`);
  const drawn = [
    // Kitchen: stainless counter, range hood, a red extinguisher.
    svg('#dfe6e9', '#9aa5ab', '<rect x="40" y="150" width="300" height="90" fill="#b2bec3"/><rect x="60" y="40" width="220" height="50" fill="#95a5a6"/><rect x="400" y="150" width="26" height="60" rx="6" fill="#d63031"/>'),
    // Dining hall: tables and a poster.
    svg('#f5efe0', '#c8a97e', '<rect x="30" y="220" width="150" height="40" fill="#8d6e63"/><rect x="260" y="240" width="170" height="44" fill="#8d6e63"/><rect x="300" y="50" width="110" height="80" fill="#2e7d32"/><rect x="315" y="70" width="80" height="8" fill="#fff"/><rect x="315" y="90" width="60" height="8" fill="#fff"/>'),
    // Store: shelves off the floor.
    svg('#e8e4da', '#a1a1a1', '<rect x="40" y="60" width="180" height="150" fill="none" stroke="#636e72" stroke-width="6"/><rect x="50" y="90" width="60" height="40" fill="#e1b12c"/><rect x="120" y="150" width="80" height="45" fill="#c23616"/><rect x="260" y="60" width="180" height="150" fill="none" stroke="#636e72" stroke-width="6"/><rect x="280" y="100" width="70" height="40" fill="#44bd32"/>'),
  ];
  return Promise.all(drawn.map((s) => sharp(s).jpeg({ quality: 80 }).toBuffer()));
}

const at = (ctx: Ctx, when: Date): Ctx => ({ ...ctx, now: () => when });
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/**
 * The last 14 days of every canteen's checklist, done by its warden and hall manager at plausible times with
 * watermarked photos (a few late, a few problems, one day closed early with a note). The 13 days before today are
 * loaded in bulk (as a canteen moving its paper ledger in would); today goes through the services: only what is
 * due is done, and two items due already are left for the sweep to raise as overdue. Then 90 days of waste per
 * meal at 80–150 g per diner, slowly falling as the clean-plate campaign takes hold.
 */
export function seedDemoInspections(platform: Platform, canteens: { id: number; code: string; login: string }[], log: (m: string) => void): Promise<void> {
  return withSweepPaused(platform, () => seed(platform, canteens, log));
}

type Done = { item: ItemRow; who: Ctx; when: Date; problem: string | null };

async function seed(platform: Platform, canteens: { id: number; code: string; login: string }[], log: (m: string) => void): Promise<void> {
  const started = Date.now();
  const rng = new Random(20261205);
  const now = platform.now();
  const todayStr = chinaDate(now);
  const pictures = await scenes();
  // Decoded once, stamped many times: the stamping is what takes the time.
  const decoded = await Promise.all(pictures.map(decodePhoto));
  const pictureOf = (area: string) => decoded[area === '仓库' ? 2 : area === '餐厅' ? 1 : 0]!;
  const doneAt = (deadline: Date) => minutes(deadline, rng.next() < 0.06 ? rng.int(5, 40) : -rng.int(5, 90));
  const problem = (block: ItemRow['block']) => (rng.next() < 0.05 ? rng.pick(PROBLEMS[block]) : null);
  const days = Array.from({ length: RUN_DAYS - 1 }, (_, i) => addDays(todayStr, -(RUN_DAYS - 1 - i)));

  // First every canteen's 13 days before today are planned and their photos set stamping (on sharp's threads),
  // so that stamping one canteen's photos overlaps with writing another's.
  const plans = [];
  for (const c of canteens) {
    const people = { hall_manager: await ctxAs(platform, `hall.${c.login}`), area_warden: await ctxAs(platform, `warden.${c.login}`) };
    const place = canteenName(people.hall_manager, c.id);
    const tpl = await inTransaction(people.hall_manager, (tx) => ensureTemplate(tx, c.id));
    const items = await itemsOf(people.hall_manager, tpl.id);
    const closedEarly = addDays(todayStr, -rng.int(3, 9));
    const planned = days.map((date) => ({
      date,
      done: items.filter((_, i) => !(date === closedEarly && i === items.length - 1)).map((item): Done => {
        const when = doneAt(deadlineOn(date, item.deadline));
        return { item, who: people[item.role], when, problem: problem(item.block) };
      }),
    }));
    const stamped = Promise.all(planned.flatMap((d) => d.done.map((x) =>
      stampDecoded(pictureOf(x.item.area), taskPhotoLines(x.item, place, x.who.user!.name, x.when)))));
    // Awaited below; a failure must not surface as unhandled before then.
    stamped.catch(() => {});
    plans.push({ c, people, place, tpl, items, closedEarly, planned, stamped });
  }

  let photos = 0;
  let records = 0;
  for (const { c, people, place, tpl, items, closedEarly, planned, stamped: stamping } of plans) {
    const hall = people.hall_manager;
    // The 13 days before today, in bulk: runs, finished tasks and their watermarked photos.
    const stamped = await stamping;
    let next = 0;
    await inTransaction(hall, async (tx) => {
      for (const d of planned) {
        const early = d.date === closedEarly;
        const last = new Date(Math.max(...d.done.map((x) => x.when.getTime())));
        const [r] = await tx.db.insert(run).values({
          orgId: c.id, templateId: tpl.id, date: d.date, status: 'closed', createdAt: deadlineOn(d.date, '00:05'),
          closedAt: early ? deadlineOn(d.date, '18:30') : last, closedBy: early ? hall.user!.id : null, closeNote: early ? EARLY_NOTE : null,
        }).returning({ id: run.id });
        const rows = items.map((item) => {
          const x = d.done.find((y) => y.item.id === item.id);
          const base = { ...taskValues(item, d.date), orgId: c.id, runId: r!.id, date: d.date };
          return x
            ? { ...base, status: 'done' as const, result: x.problem ? 'problem' as const : 'ok' as const, note: x.problem, doneAt: x.when, doneBy: x.who.user!.id }
            : { ...base, status: 'waived' as const, note: EARLY_NOTE };
        });
        const ids = await tx.db.insert(task).values(rows).returning({ id: task.id, itemId: task.itemId });
        await tx.db.insert(photo).values(d.done.map((x) => {
          const s = stamped[next++]!;
          return { orgId: c.id, taskId: ids.find((t) => t.itemId === x.item.id)!.id, mime: s.type, width: s.width, height: s.height, size: s.bytes.length, data: s.bytes, takenAt: x.when, takenBy: x.who.user!.id };
        }));
        photos += d.done.length;
      }
      await audit(tx, { orgId: c.id, action: 'inspection.history.loaded', entity: 'inspection_template', entityId: tpl.id, after: { from: days[0], to: days.at(-1), runs: days.length, photos: stamped.length } });
    });

    // Today, through the services: what is due is done, except two items left for the sweep to find overdue.
    const { run: today } = await inTransaction(at(hall, deadlineOn(todayStr, '00:05')), (tx) => ensureRun(tx, c.id, todayStr));
    const tasks = await tasksOfRun(hall, today.id);
    const skipped = new Set(rng.shuffle(tasks.filter((t) => t.deadlineAt < now)).slice(0, 2).map((t) => t.id));
    const plan = tasks.flatMap((t) => {
      const when = doneAt(t.deadlineAt);
      return skipped.has(t.id) || when > now ? [] : [{ t, who: people[t.role], when, problem: problem(t.block) }];
    });
    const shots = await Promise.all(plan.map((p) => stampDecoded(pictureOf(p.t.area), taskPhotoLines(p.t, place, p.who.user!.name, p.when))));
    for (const [i, p] of plan.entries()) {
      await inTransaction(at(p.who, p.when), async (tx) => {
        await storeTaskPhoto(tx, p.t, shots[i]!);
        await completeTask(tx, p.t.id, p.problem ? { result: 'problem', note: p.problem } : { result: 'ok' });
      });
      photos++;
    }
    records += await seedWaste(c, people.area_warden, pictures[0]!, rng, todayStr, now);
  }
  const swept = await sweepInspections(platform);
  log(`self-inspection: 14 days of checklists with ${photos} watermarked photos, ${swept.overdueRaised} overdue today, ${records} waste records (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const MEAL_TIMES = { breakfast: '09:10', lunch: '13:20', dinner: '19:10' } as const;
const MEAL_SHARE = { breakfast: 0.85, lunch: 1.1, dinner: 1 } as const;

async function seedWaste(c: { id: number; code: string }, warden: Ctx, picture: Buffer, rng: Random, todayStr: string, now: Date): Promise<number> {
  const from = addDays(todayStr, -(WASTE_DAYS - 1));
  const sold = await paidSalesByMeal(warden, c.id, from, todayStr);
  const known = new Map(sold.map((s) => [`${s.date}|${s.meal}`, s.sales]));
  // Days before the stored sales: the same weekday and meal's average, else a canteen of ordinary size.
  const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
  const usual = (d: string, meal: string) => {
    const same = sold.filter((s) => s.meal === meal && weekday(s.date) === weekday(d));
    if (same.length) return Math.round(same.reduce((s, x) => s + x.sales, 0) / same.length);
    const weekend = weekday(d) === 0 || weekday(d) === 6;
    return Math.round(({ breakfast: 260, lunch: 620, dinner: 240 } as Record<string, number>)[meal]! * (weekend ? 0.33 : 1));
  };
  const bulk: (typeof waste.$inferInsert)[] = [];
  let n = 0;
  for (let k = WASTE_DAYS - 1; k >= 0; k--) {
    const date = addDays(todayStr, -k);
    for (const meal of ['breakfast', 'lunch', 'dinner'] as const) {
      const when = deadlineOn(date, MEAL_TIMES[meal]);
      if (when > now) continue;
      const diners = known.get(`${date}|${meal}`) ?? usual(date, meal);
      if (diners <= 0) continue;
      // From about 135 g a diner three months ago to about 105 g now, ±12 %.
      const perDiner = (135 - 30 * ((WASTE_DAYS - 1 - k) / (WASTE_DAYS - 1))) * MEAL_SHARE[meal] * (0.88 + rng.next() * 0.24);
      const grams = Math.max(10, Math.round((diners * perDiner) / 10) * 10);
      n++;
      if (k < WASTE_PHOTO_DAYS) {
        await inTransaction(at(warden, when), (tx) => recordWaste(tx, {
          bytes: picture,
          fields: { canteenId: c.id, date, meal, grams, collector: COLLECTOR, licenceNo: LICENCE, requestKey: `demo-waste-${c.code}-${date}-${meal}` },
        }));
      } else {
        bulk.push({ orgId: c.id, date, meal, grams, source: 'typed', collector: COLLECTOR, licenceNo: LICENCE, note: '纸质台账补录 / from the paper ledger',
          requestKey: `demo-waste-${c.code}-${date}-${meal}`, recordedBy: warden.user!.id, recordedAt: when });
      }
    }
  }
  // The paper ledger's months, loaded in one statement (no photos were taken then).
  if (bulk.length) {
    await inTransaction(warden, async (tx) => {
      await tx.db.insert(waste).values(bulk);
      await audit(tx, { orgId: c.id, action: 'inspection.waste.imported', entity: 'inspection_waste', entityId: null, after: { records: bulk.length, from: bulk[0]!.date, to: bulk.at(-1)!.date, source: 'paper ledger' } });
    });
  }
  return n;
}
