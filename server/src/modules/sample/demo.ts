import { audit } from '../../core/audit.ts';
import { inTransaction, type Ctx, type Platform } from '../../core/context.ts';
import { ctxAs } from '../../core/context-factory.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { Random } from '../../core/random.ts';
import { createDevice, DEMO_DEVICE_TOKEN } from '../../devices/index.ts';
import { addDays } from '../menu/index.ts';
import { boxPhoto } from './photo.ts';
import { judgeWeight, plannedDishes, type Meal, type PlannedDish, type SampleRow } from './samples.ts';
import { cabinetEvent, MEALS, photo, sample } from './schema.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

/** The sample cabinet of a demo canteen (留样柜). */
export const demoCabinetCode = (canteenCode: string) => `CAB-${canteenCode}-01`;

const DAYS = 14;
/** Slots of the demo cabinets; the boxes still inside fill them from the top, so the simulator's first free slots (from 1) are empty. */
const SLOTS = 80;
/** When the keeper boxes the samples of each meal, China time: as the first dishes come out. */
const SAMPLED_AT: Record<Meal, string> = { breakfast: '06:35', lunch: '10:50', dinner: '16:50', late: '20:20' };
const MEAL_LETTER: Record<Meal, string> = { breakfast: 'B', lunch: 'L', dinner: 'D', late: 'N' };
const at = (date: string, hhmm: string, plusMin = 0) => new Date(Date.parse(`${date}T${hhmm}:00+08:00`) + plusMin * 60_000);

type NewSample = typeof sample.$inferInsert;

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Two weeks of samples per demo canteen, as the keepers kept them: every dish of every meal of the
 * published plans boxed at 130–220 g when the first dishes came out, photographed, put in the
 * canteen's cabinet (CAB-<code>-01, token DEMO_DEVICE_TOKEN) and discarded after 48 h; the
 * cabinet's doors and the last day's temperatures (2–6 °C). Problems to see today: in the first
 * canteen one light sample (alert open) and one dish of today's latest meal with no sample (the
 * sweep alerts it after the meal); in the second, a light sample four days ago that was boxed again.
 */
export async function seedDemoSamples(platform: Platform, canteens: readonly { id: number; code: string; login: string }[], log: (m: string) => void): Promise<void> {
  const rng = new Random(20261125);
  let total = 0;
  for (const [ci, c] of canteens.entries()) {
    const head = await ctxAs(platform, `head.${c.login}`);
    const keeper = await ctxAs(platform, `safety.${c.login}`);
    const chef = await ctxAs(platform, `chef.${c.login}`);
    const now = keeper.now();
    const today = chinaDate(now);
    const cabinet = await inTransaction(head, async (tx) => (await createDevice(tx, { canteenId: c.id, kind: 'sample_cabinet', code: demoCabinetCode(c.code), name: '留样柜' }, DEMO_DEVICE_TOKEN)).device);
    const planned = await plannedDishes(keeper, c.id, addDays(today, -(DAYS - 1)), today);
    const meals = new Map<string, PlannedDish[]>();
    for (const d of planned) {
      if (at(d.date, SAMPLED_AT[d.meal]).getTime() > now.getTime() - 10 * 60_000) continue; // not cooked yet
      const k = `${d.date}|${d.meal}`;
      meals.set(k, [...(meals.get(k) ?? []), d]);
    }
    const keys = [...meals.keys()].sort((a, b) => a.split('|')[0]!.localeCompare(b.split('|')[0]!) || MEALS.indexOf(a.split('|')[1] as Meal) - MEALS.indexOf(b.split('|')[1] as Meal));
    const latest = keys.at(-1);
    const lightKey = ci === 0 ? (keys.find((k) => k.startsWith(today)) ?? latest) : ci === 1 ? keys.find((k) => k.startsWith(addDays(today, -4))) : undefined;

    const rows: NewSample[] = [];
    const events: (typeof cabinetEvent.$inferInsert)[] = [];
    let resample: NewSample | null = null;
    let seq = 0;
    let inside = 0;
    for (const k of keys) {
      const [date, meal] = k.split('|') as [string, Meal];
      let dishes = meals.get(k)!;
      if (ci === 0 && k === latest && dishes.length > 1) dishes = dishes.slice(0, -1); // the one missing today
      const first = at(date, SAMPLED_AT[meal], rng.int(0, 6));
      events.push({ orgId: c.id, deviceId: cabinet.id, event: 'door_opened', at: new Date(first.getTime() - 60_000) });
      let last = first;
      for (const [di, d] of dishes.entries()) {
        const keptAt = new Date(first.getTime() + di * rng.int(60, 150) * 1000);
        last = keptAt;
        const light = k === lightKey && di === 0;
        const grams = light ? rng.int(92, 112) : rng.int(130, 220);
        const discardAfter = new Date(keptAt.getTime() + DEFAULT_SETTINGS.keepHours * 3600_000);
        const discardedAt = new Date(discardAfter.getTime() + rng.int(10, 80) * 60_000);
        const done = discardedAt.getTime() < now.getTime();
        const slot = done ? (seq++ % SLOTS) + 1 : Math.max(1, SLOTS - inside++);
        const by = (rng.next() < 0.8 ? keeper : chef).user!.id;
        const row: NewSample = {
          orgId: c.id, date, meal, dishId: d.dishId, dishName: d.name, grams, weighedBy: 'cabinet', minGrams: DEFAULT_SETTINGS.minGrams,
          keptAt, keeperId: by, deviceId: cabinet.id, slot, labelCode: `LY-${c.code}-${date.replaceAll('-', '')}-${MEAL_LETTER[meal]}-${String(di + 1).padStart(2, '0')}`,
          discardAfter, removedAt: done ? discardedAt : null, discardedAt: done ? discardedAt : null, discardedBy: done ? keeper.user!.id : null,
          discardReason: done ? '留样期满销毁 / kept its time, discarded' : null, note: '', requestKey: `demo-sample-${c.code}-${date}-${meal}-${d.dishId}`,
          createdAt: keptAt, createdBy: by,
        };
        rows.push(row);
        if (light && ci === 1) {
          const again = new Date(last.getTime() + 20 * 60_000);
          resample = { ...row, grams: rng.int(150, 190), keptAt: again, createdAt: again, slot: row.discardedAt ? (seq++ % SLOTS) + 1 : Math.max(1, SLOTS - inside++), discardAfter: new Date(again.getTime() + DEFAULT_SETTINGS.keepHours * 3600_000),
            labelCode: `LY-${c.code}-${date.replaceAll('-', '')}-${MEAL_LETTER[meal]}-${String(dishes.length + 1).padStart(2, '0')}`, requestKey: `${row.requestKey}-2`, note: '重新留样 / boxed again' };
        }
      }
      events.push({ orgId: c.id, deviceId: cabinet.id, event: 'door_closed', at: new Date(last.getTime() + 60_000) });
    }

    const ids: number[] = [];
    await inTransaction(keeper, async (tx) => {
      await insertChunks(rows, 400, async (chunk) => ids.push(...(await tx.db.insert(sample).values(chunk).returning({ id: sample.id })).map((r) => r.id)));
      await insertChunks(rows.map((r, i) => ({ sampleId: ids[i]!, type: 'image/jpeg', bytes: boxPhoto(r.dishId), takenAt: r.keptAt!, takenBy: r.keeperId })), 200, (chunk) => tx.db.insert(photo).values(chunk));
      for (const [i, r] of rows.entries()) {
        events.push({ orgId: c.id, deviceId: cabinet.id, event: 'placed', slot: r.slot, grams: r.grams, at: r.keptAt!, sampleId: ids[i]! });
        if (r.removedAt) {
          events.push({ orgId: c.id, deviceId: cabinet.id, event: 'door_opened', at: new Date(r.removedAt.getTime() - 20_000) });
          events.push({ orgId: c.id, deviceId: cabinet.id, event: 'removed', slot: r.slot, at: r.removedAt, sampleId: ids[i]! });
          events.push({ orgId: c.id, deviceId: cabinet.id, event: 'door_closed', at: new Date(r.removedAt.getTime() + 15_000) });
        }
      }
      // The last day's temperatures, one stored every 10 minutes: 2–6 °C, a little higher after the door opens.
      for (let m = 24 * 60; m >= 0; m -= 10) {
        const t = new Date(now.getTime() - m * 60_000);
        const c0 = 4 + 1.4 * Math.sin((t.getTime() / 3600_000) * 0.9 + ci) + (rng.next() - 0.5) * 0.6;
        events.push({ orgId: c.id, deviceId: cabinet.id, event: 'temperature', temperatureC: Math.round(c0 * 10) / 10, at: t });
      }
      await insertChunks(events, 1000, (chunk) => tx.db.insert(cabinetEvent).values(chunk));
      await audit(tx, { orgId: c.id, action: 'sample.demo_loaded', entity: 'sample', entityId: null, after: { samples: rows.length, from: keys[0]?.split('|')[0], cabinet: cabinet.code } });
    });
    // The light boxes are judged as when they were kept: each raises its alert; a box kept again resolves it.
    const asOf = (ctx: Ctx, when: Date): Ctx => ({ ...ctx, now: () => when });
    for (const [i, r] of rows.entries()) {
      if (r.grams >= r.minGrams!) continue;
      await inTransaction(asOf(keeper, r.keptAt!), (tx) => judgeWeight(tx, { ...r, id: ids[i]! } as SampleRow));
    }
    if (resample) {
      const r = resample;
      await inTransaction(asOf(keeper, r.keptAt!), async (tx) => {
        const [row] = await tx.db.insert(sample).values(r).returning();
        await tx.db.insert(photo).values({ sampleId: row!.id, type: 'image/jpeg', bytes: boxPhoto(r.dishId), takenAt: r.keptAt!, takenBy: r.keeperId });
        await tx.db.insert(cabinetEvent).values({ orgId: c.id, deviceId: cabinet.id, event: 'placed', slot: r.slot, grams: r.grams, at: r.keptAt!, sampleId: row!.id });
        if (r.removedAt) await tx.db.insert(cabinetEvent).values({ orgId: c.id, deviceId: cabinet.id, event: 'removed', slot: r.slot, at: r.removedAt, sampleId: row!.id });
        await judgeWeight(tx, row!);
      });
      rows.push(r);
    }
    total += rows.length;
  }
  log(`${total} food samples (留样) over ${DAYS} days with photos, a sample cabinet per canteen (${canteens.map((c) => demoCabinetCode(c.code)).join(', ')})`);
}
