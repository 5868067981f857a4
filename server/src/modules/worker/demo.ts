import type { Platform } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { ctxAs, makeCtx } from '../../core/context-factory.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { Random } from '../../core/random.ts';
import { createDevice, DEMO_DEVICE_TOKEN } from '../../devices/index.ts';
import { checkFromDevice, checkFromPage } from './checks.ts';
import { sweepCertificates } from './jobs.ts';
import { createWorker } from './registry.ts';
import { addDays, normaliseSymptoms, outcome, toTenths } from './rules.ts';
import { check, type JOBS } from './schema.ts';
import { settingsOf } from './settings.ts';

/** The check kiosk (晨检仪) of a demo canteen. */
export const demoKioskCode = (canteenCode: string) => `KIOSK-${canteenCode}-01`;
/** A demo worker's badge: the canteen code and a number (YJZH-W01). */
export const demoBadge = (canteenCode: string, n: number) => `${canteenCode}-W${String(n).padStart(2, '0')}`;

/** Catering contractors and the cleaning company (fictitious names). */
const CATERERS = ['台州市膳源餐饮管理有限公司', '浙江禾丰团膳服务有限公司', '台州市膳源餐饮管理有限公司', '台州康厨餐饮管理有限公司'];
const CLEANER = '台州洁美物业服务有限公司';

type Job = (typeof JOBS)[number];
const CREW: [Job, number, number][] = [
  ['head_cook', 1, 1], ['chef', 3, 5], ['kitchen_helper', 2, 4], ['prep_cook', 2, 3], ['pastry_cook', 1, 3],
  ['dishwasher', 2, 3], ['cleaner', 1, 2], ['waiter', 2, 4], ['storekeeper', 1, 1],
];

const HISTORY_DAYS = 14;
const DAY_MS = 86_400_000;

/** A forehead temperature of a healthy worker, one decimal (36.1–37.1 °C, most around 36.5). */
const healthyTemperature = (rng: Random) => Math.round((36.5 + (rng.next() + rng.next() + rng.next() - 1.5) * 0.4) * 10) / 10;

/**
 * Each demo canteen's kitchen crew (15–25 workers of its caterer, cleaners of a cleaning company)
 * with health certificates — two running out within the month and one expired — a check kiosk,
 * morning checks for the last two weeks (almost all fit; a rare fever, a rare absence) and today's
 * checks partly done, one of them a fever. Certificate alerts are raised at the end.
 */
export async function seedDemoWorkers(platform: Platform, canteens: readonly { id: number; code: string; login: string }[], log: (m: string) => void) {
  // demo.ts (outside the modules) owns the name generator; loaded here only when the demo is built.
  const { personName } = await import('../../demo.ts');
  const started = Date.now();
  const rng = new Random(5_0505);
  const now = platform.now();
  const today = chinaDate(now);
  let workers = 0, checks = 0;
  for (const [ci, c] of canteens.entries()) {
    const head = await ctxAs(platform, `head.${c.login}`);
    const site = await ctxAs(platform, `site.${c.login}`);
    const safety = await ctxAs(platform, `safety.${c.login}`);
    const kiosk = await inTransaction(head, (tx) => createDevice(tx, { canteenId: c.id, kind: 'check_kiosk', code: demoKioskCode(c.code), name: '晨检仪' }, DEMO_DEVICE_TOKEN));

    // Registered two months ago by the site manager (the roster of past days lists them).
    const registeredAt = new Date(now.getTime() - 60 * DAY_MS);
    const jobs = CREW.flatMap(([job, min, max]) => Array.from({ length: rng.int(min, max) }, () => job)).slice(0, 25);
    const special = rng.shuffle(jobs.map((_, i) => i)).slice(0, 3);
    const created = await inTransaction({ ...site, now: () => registeredAt }, async (tx) => {
      const out = [];
      for (const [i, job] of jobs.entries()) {
        // Valid until: two within the warning month, one a few days past, the rest later in the year.
        const validUntil = i === special[0] ? addDays(today, rng.int(5, 12)) : i === special[1] ? addDays(today, rng.int(18, 28))
          : i === special[2] ? addDays(today, -rng.int(2, 5)) : addDays(today, rng.int(40, 330));
        const issuedOn = addDays(validUntil, -365);
        const w = await createWorker(tx, {
          canteenId: c.id, name: personName(rng), employer: job === 'cleaner' ? CLEANER : CATERERS[ci % CATERERS.length]!, job,
          badge: demoBadge(c.code, i + 1), phone: `13${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
          certificate: { no: `TZ${issuedOn.replaceAll('-', '').slice(2)}${String(rng.int(0, 9999)).padStart(4, '0')}`, issuedOn, validUntil },
        });
        out.push(w);
      }
      return out;
    });
    workers += created.length;

    // The last two weeks, written at once: device checks mostly, some on the kiosk page by the safety officer.
    const settings = await settingsOf(site, c.id);
    const rows: (typeof check.$inferInsert)[] = [];
    for (let d = HISTORY_DAYS; d >= 1; d--) {
      const date = addDays(today, -d);
      for (const w of created) {
        if (rng.next() < 0.02) continue; // off sick, or forgot: absent that day
        const feverish = rng.next() < 0.006;
        const temperatureTenths = toTenths(feverish ? 37.3 + rng.int(0, 8) / 10 : healthyTemperature(rng));
        const symptoms = normaliseSymptoms(feverish ? [1] : rng.next() < 0.004 ? [rng.pick([6, 7, 11])] : []);
        const byDevice = rng.next() < 0.75;
        const appearance = byDevice ? null : true;
        const facts = { temperatureTenths, handsOk: true, symptoms, uniformOk: appearance, hatOk: appearance, maskOk: appearance, nailsOk: appearance, noJewellery: appearance };
        const { fit, reasons } = outcome(facts, w.certificate.validUntil, date, settings);
        const checkedAt = new Date(Date.parse(`${date}T06:30:00+08:00`) + rng.int(0, 110) * 60_000);
        rows.push({
          orgId: c.id, workerId: w.id, date, checkedAt, ...facts, fit, reasons,
          source: byDevice ? 'device' : 'kiosk_page', deviceId: byDevice ? kiosk.device.id : null, deviceCode: byDevice ? kiosk.device.code : null,
          deviceAt: byDevice ? checkedAt : null, checkedBy: byDevice ? null : safety.user!.id,
        });
      }
    }
    await platform.database.db.insert(check).values(rows);
    checks += rows.length;

    // Today: those already through the door, through the same services as the kiosk and the page.
    const minutesIn = Math.max(0, Math.round((now.getTime() - Date.parse(`${today}T06:30:00+08:00`)) / 60_000));
    const share = Math.min(0.85, minutesIn / 180);
    const system = await makeCtx(platform, null, [], 'zh');
    for (const [i, w] of created.entries()) {
      // One worker of the first canteen comes in with a fever: the site manager has an alert today.
      const fever = ci === 0 && i === 1 && minutesIn > 0;
      if (!fever && rng.next() >= share) continue;
      const temperatureC = fever ? 37.8 : healthyTemperature(rng);
      const at = new Date(Math.min(now.getTime(), Date.parse(`${today}T06:30:00+08:00`) + rng.int(0, Math.min(minutesIn, 170)) * 60_000));
      if (fever || rng.next() < 0.7) {
        await inTransaction(system, (tx) => checkFromDevice(tx, { id: kiosk.device.id, orgId: c.id, code: kiosk.device.code }, { badge: w.badge, temperatureC, handsOk: true, symptoms: fever ? [1] : [] }, at));
      } else {
        // Entered on the kiosk page by the safety officer, as of that moment this morning.
        await inTransaction({ ...safety, now: () => at }, (tx) => checkFromPage(tx, { workerId: w.id, temperatureC, handsOk: true, symptoms: [], uniformOk: true, hatOk: true, maskOk: true, nailsOk: true, noJewellery: true, recheck: false, note: '' }));
      }
      checks++;
    }
  }
  const alerts = await sweepCertificates(platform);
  log(`${workers} kitchen workers with health certificates (${alerts.expiring} expiring, ${alerts.expired} expired), ${checks} morning checks; check kiosks ${canteens.map((c) => demoKioskCode(c.code)).join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
