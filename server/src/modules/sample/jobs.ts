import { and, eq, inArray } from 'drizzle-orm';
import { inTransaction, type Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { raiseAlert } from '../alert/index.ts';
import { DEVICE_READING, type Reading } from '../../devices/index.ts';
import { addDays } from '../menu/index.ts';
import { dishKey, SAMPLE_ALERTS } from './alerts.ts';
import { onCabinetReading } from './cabinet.ts';
import { chinaMinute, MEAL_LABEL, mealDueAt } from './meals.ts';
import { plannedDishes, type Meal } from './samples.ts';
import { mealCheck, sample } from './schema.ts';
import { settingsOfMany } from './settings.ts';

/**
 * Checks every meal of today and yesterday (a late meal ends near midnight) whose serving window
 * ended more than the canteen's grace ago and has not been checked: each dish of its published
 * menu without any sample raises `sample.missing`. A meal is checked once, so a missing-sample
 * alert someone resolved by hand is not raised again; a meal without a published plan is left for
 * later (its plan may still be published). Returns how many alerts were raised.
 */
export async function sweepMissingSamples(platform: Platform): Promise<number> {
  const ctx = await makeCtx(platform, null, [], 'zh');
  const now = ctx.now();
  const today = chinaDate(now);
  const yesterday = addDays(today, -1);
  const canteens = ctx.tree.canteens().map((c) => c.id);
  const settings = await settingsOfMany(ctx, canteens);
  const done = new Set((await ctx.db.select({ orgId: mealCheck.orgId, date: mealCheck.date, meal: mealCheck.meal }).from(mealCheck)
    .where(inArray(mealCheck.date, [yesterday, today]))).map((c) => `${c.orgId}|${c.date}|${c.meal}`));
  let raised = 0;
  for (const canteenId of canteens) {
    const rule = settings.get(canteenId)!;
    if (!rule.required) continue;
    const planned = await plannedDishes(ctx, canteenId, yesterday, today);
    const meals = new Map<string, { date: string; meal: Meal; dishes: typeof planned }>();
    for (const d of planned) {
      const k = `${d.date}|${d.meal}`;
      if (done.has(`${canteenId}|${k}`) || now < mealDueAt(d.date, d.meal, rule.graceMinutes)) continue;
      meals.set(k, { date: d.date, meal: d.meal, dishes: [...(meals.get(k)?.dishes ?? []), d] });
    }
    for (const m of meals.values()) {
      raised += await inTransaction(ctx, async (tx) => {
        const [claimed] = await tx.db.insert(mealCheck).values({ orgId: canteenId, date: m.date, meal: m.meal, checkedAt: now, dishes: m.dishes.length, missing: 0 })
          .onConflictDoNothing().returning({ orgId: mealCheck.orgId });
        if (!claimed) return 0; // another sweep got there first
        const kept = new Set((await tx.db.select({ dishId: sample.dishId }).from(sample)
          .where(and(eq(sample.orgId, canteenId), eq(sample.date, m.date), eq(sample.meal, m.meal)))).map((s) => s.dishId));
        const missing = m.dishes.filter((d) => !kept.has(d.dishId));
        const label = MEAL_LABEL[m.meal];
        const due = mealDueAt(m.date, m.meal, rule.graceMinutes);
        for (const d of missing) {
          await raiseAlert(tx, {
            orgId: canteenId, kind: SAMPLE_ALERTS['sample.missing'].key, key: dishKey(m.date, m.meal, d.dishId),
            titleZh: `${m.date} ${label.zh}「${d.name}」未留样（应在 ${chinaMinute(due)} 前完成）`,
            titleEn: `No sample of ${d.nameEn || d.name} (${label.en}, ${m.date}); due by ${chinaMinute(due)}`,
            detail: { date: m.date, meal: m.meal, dishId: d.dishId, dishName: d.name, dueAt: due.toISOString() },
            link: { entity: 'dish', id: d.dishId, path: `/samples?date=${m.date}` },
          });
        }
        if (missing.length) await tx.db.update(mealCheck).set({ missing: missing.length }).where(and(eq(mealCheck.orgId, canteenId), eq(mealCheck.date, m.date), eq(mealCheck.meal, m.meal)));
        return missing.length;
      });
    }
  }
  return raised;
}

/** How often the sweep looks for meals that have just ended. */
const SWEEP_MS = 60_000;

interface Jobs { timer: NodeJS.Timeout; stopped: boolean; chains: Map<number, Promise<void>>; pending: Set<Promise<void>> }
const jobs = new WeakMap<Platform, Jobs>();

/**
 * The sample module's background work: sample-cabinet readings (boxes placed and removed, doors,
 * temperatures), one device at a time in arrival order, and the missing-sample sweep every minute.
 */
export function sampleReactions(platform: Platform): void {
  if (jobs.has(platform)) return;
  const j: Jobs = { timer: setInterval(() => void track(j, sweepMissingSamples(platform).then(() => undefined, (err) => console.error('[sample] missing-sample sweep failed', err))), SWEEP_MS), stopped: false, chains: new Map(), pending: new Set() };
  j.timer.unref();
  jobs.set(platform, j);
  platform.events.on(DEVICE_READING, (payload) => {
    const r = payload as Reading;
    if (r.kind !== 'sample_cabinet' || j.stopped) return;
    const next = (j.chains.get(r.deviceId) ?? Promise.resolve())
      .then(() => (j.stopped ? undefined : onCabinetReading(platform, r)))
      .catch((err) => console.error(`[sample] reading of cabinet ${r.code} not handled`, err));
    j.chains.set(r.deviceId, next);
    void track(j, next).finally(() => j.chains.get(r.deviceId) === next && j.chains.delete(r.deviceId));
  });
}

function track(j: Jobs, p: Promise<void>): Promise<void> {
  j.pending.add(p);
  void p.finally(() => j.pending.delete(p));
  return p;
}

/** Stops the sweep and ignores further cabinet readings (shutdown, tests); resolves when the work under way is done. */
export async function stopSampleJobs(platform: Platform): Promise<void> {
  const j = jobs.get(platform);
  if (!j) return;
  j.stopped = true;
  clearInterval(j.timer);
  await sampleJobsIdle(platform);
}

/** Resolves when no cabinet reading or sweep is being handled (tests wait on it). */
export async function sampleJobsIdle(platform: Platform): Promise<void> {
  const j = jobs.get(platform);
  while (j?.pending.size) await Promise.allSettled([...j.pending]);
}
