import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import { inTransaction, type Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { personNames } from '../../core/people.ts';
import { raiseAlert } from '../alert/index.ts';
import { ALERT } from './alerts.ts';
import { canteenName, chinaClock, today } from './common.ts';
import { ensureRun } from './runs.ts';
import { run, task, template } from './schema.ts';

const ROLE_ZH = { area_warden: '网格区域责任人', hall_manager: '餐厅经理' } as const;
const ROLE_EN = { area_warden: 'area warden', hall_manager: 'hall manager' } as const;

/**
 * The periodic check: every canteen with a checklist gets today's run, and each open task past its deadline raises
 * one `inspection.overdue` alert (key task:<id>), which doing it — late — or closing the day resolves. A task issued
 * after its deadline had passed (a run created late in the day) is shown overdue but raises nothing: nobody could
 * have done it in time. Idempotent; tests move the clock and call it.
 */
export async function sweepInspections(platform: Platform): Promise<{ runsIssued: number; overdueRaised: number }> {
  const ctx = await makeCtx(platform, null, [], 'zh');
  const date = today(ctx);
  let runsIssued = 0;
  for (const { orgId } of await ctx.db.select({ orgId: template.orgId }).from(template).orderBy(asc(template.orgId))) {
    if (!ctx.tree.get(orgId)) continue;
    if ((await inTransaction(ctx, (tx) => ensureRun(tx, orgId, date))).created) runsIssued++;
  }
  const due = await ctx.db.select({ id: task.id }).from(task).innerJoin(run, eq(run.id, task.runId))
    .where(and(eq(task.status, 'open'), isNull(task.overdueAlertedAt), lt(task.deadlineAt, ctx.now()), eq(run.status, 'open'), sql`${run.createdAt} < ${task.deadlineAt}`))
    .orderBy(asc(task.id));
  let overdueRaised = 0;
  for (const { id } of due) {
    await inTransaction(ctx, async (tx) => {
      const [t] = await tx.db.select().from(task).where(eq(task.id, id)).for('update');
      if (!t || t.status !== 'open' || t.overdueAlertedAt) return;
      const who = t.personId ? (await personNames(tx.db, [t.personId])).get(t.personId) ?? null : null;
      await raiseAlert(tx, {
        orgId: t.orgId, kind: ALERT['inspection.overdue'].key, key: `task:${t.id}`,
        titleZh: `自查项逾期未完成：${t.title}（${t.area}，${t.date} ${chinaClock(t.deadlineAt)} 前）`,
        titleEn: `Self-inspection item overdue: ${t.title} (${t.area}, due ${t.date} ${chinaClock(t.deadlineAt)})`,
        detail: { taskId: t.id, canteen: canteenName(tx, t.orgId), date: t.date, block: t.block, title: t.title, area: t.area, deadline: chinaClock(t.deadlineAt), role: t.role, assignee: who ?? `${ROLE_ZH[t.role]} / ${ROLE_EN[t.role]}` },
        link: { entity: 'inspection_task', id: t.id, path: `/inspection?date=${t.date}` },
      });
      await tx.db.update(task).set({ overdueAlertedAt: tx.now() }).where(eq(task.id, t.id));
      await audit(tx, { orgId: t.orgId, action: 'inspection.task.overdue', entity: 'inspection_task', entityId: t.id, after: { deadlineAt: t.deadlineAt } });
      overdueRaised++;
    });
  }
  return { runsIssued, overdueRaised };
}

/** How often the clock is checked against the deadlines. */
const SWEEP_MS = 60_000;
const timers = new WeakMap<Platform, NodeJS.Timeout>();
/** Platforms whose past is being written (the demo): the timer waits, or it would alert on days half written. */
const paused = new WeakSet<Platform>();

export async function withSweepPaused<T>(platform: Platform, fn: () => Promise<T>): Promise<T> {
  paused.add(platform);
  try {
    return await fn();
  } finally {
    paused.delete(platform);
  }
}

/** Starts the inspection module's sweep on this platform (once); the timer alone keeps nothing alive. */
export function inspectionReactions(platform: Platform): void {
  if (timers.has(platform)) return;
  const timer = setInterval(() => void (paused.has(platform) ? Promise.resolve() : sweepInspections(platform)).catch((err) => console.error('[inspection] sweep failed', err)), SWEEP_MS);
  timer.unref();
  timers.set(platform, timer);
}

/** Stops the sweep before the database closes (shutdown, tests). */
export function stopInspectionJobs(platform: Platform): void {
  clearInterval(timers.get(platform));
}
