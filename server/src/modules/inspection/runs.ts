import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { resolveAlertsWhere } from '../alert/index.ts';
import { ALERT } from './alerts.ts';
import { addDays, chinaClock, deadlineOn, holdsRoleAt, today, writing } from './common.ts';
import type { HistoryQuery } from './contracts.ts';
import { P } from './permissions.ts';
import { photo, run, task } from './schema.ts';
import { ensureTemplate, itemsOf, type ItemRow } from './templates.ts';

export type RunRow = typeof run.$inferSelect;
export type TaskRow = typeof task.$inferSelect;

const RUN = { zh: '自查记录', en: 'Checklist' };

/** A task as issued from a template line on a date. */
export const taskValues = (i: ItemRow, date: string) => ({
  itemId: i.id, position: i.position, block: i.block, title: i.title, area: i.area, role: i.role, personId: i.personId,
  deadlineAt: deadlineOn(date, i.deadline), requiresPhoto: i.requiresPhoto,
});

/**
 * The canteen's run of `date`, issued from its template with one task per line the first time anyone (the sweep,
 * a reader) asks. Concurrent first readers wait on the unique (canteen, date) and then read the same run.
 */
export async function ensureRun(ctx: Ctx, canteenId: number, date: string): Promise<{ run: RunRow; created: boolean }> {
  const [found] = await ctx.db.select().from(run).where(and(eq(run.orgId, canteenId), eq(run.date, date)));
  if (found) return { run: found, created: false };
  const t = await ensureTemplate(ctx, canteenId);
  const [created] = await ctx.db.insert(run).values({ orgId: canteenId, templateId: t.id, date, createdAt: ctx.now() }).onConflictDoNothing().returning();
  if (!created) return { run: (await ctx.db.select().from(run).where(and(eq(run.orgId, canteenId), eq(run.date, date))))[0]!, created: false };
  const items = await itemsOf(ctx, t.id);
  if (items.length) await ctx.db.insert(task).values(items.map((i) => ({ ...taskValues(i, date), orgId: canteenId, runId: created.id, date })));
  await audit(ctx, { orgId: canteenId, action: 'inspection.run.issued', entity: 'inspection_run', entityId: created.id, after: { date, tasks: items.length } });
  return { run: created, created: true };
}

/** Is this the caller's task: named to them, or to their role at the canteen when nobody is named? */
export const isAssignee = (ctx: Ctx, t: TaskRow) =>
  !!ctx.user && ctx.access.can(P['inspection.task.do'], t.orgId) && (t.personId ? t.personId === ctx.user.id : holdsRoleAt(ctx, t.role, t.orgId));

/** Tasks as the pages show them: who it is for and who did it, its photos, and whether it is overdue or was late. */
export async function taskViews(ctx: Ctx, rows: TaskRow[]) {
  const ids = rows.map((r) => r.id);
  const photos = ids.length
    ? await ctx.db.select({ id: photo.id, taskId: photo.taskId }).from(photo).where(inArray(photo.taskId, ids)).orderBy(asc(photo.id))
    : [];
  const names = await personNames(ctx.db, rows.flatMap((r) => [r.personId, r.doneBy]));
  const now = ctx.now().getTime();
  return rows.map((r) => ({
    id: r.id, runId: r.runId, canteenId: r.orgId, date: r.date, position: r.position, block: r.block, title: r.title, area: r.area,
    role: r.role, personId: r.personId, personName: r.personId ? names.get(r.personId) ?? null : null,
    deadline: chinaClock(r.deadlineAt), deadlineAt: r.deadlineAt, requiresPhoto: r.requiresPhoto,
    status: r.status, result: r.result, note: r.note, doneAt: r.doneAt, doneBy: r.doneBy, doneByName: r.doneBy ? names.get(r.doneBy) ?? null : null,
    overdue: r.status === 'open' && r.deadlineAt.getTime() < now,
    late: r.status === 'done' && !!r.doneAt && r.doneAt.getTime() > r.deadlineAt.getTime(),
    photoIds: photos.filter((p) => p.taskId === r.id).map((p) => p.id),
    mine: isAssignee(ctx, r),
  }));
}
export type TaskView = Awaited<ReturnType<typeof taskViews>>[number];

export const tasksOfRun = (ctx: Ctx, runId: number) => ctx.db.select().from(task).where(eq(task.runId, runId)).orderBy(asc(task.position), asc(task.id));

export function summarize(tasks: Pick<TaskView, 'status' | 'overdue'>[]) {
  return {
    tasks: tasks.length,
    done: tasks.filter((t) => t.status === 'done').length,
    waived: tasks.filter((t) => t.status === 'waived').length,
    overdue: tasks.filter((t) => t.overdue).length,
  };
}

async function runView(ctx: Ctx, r: RunRow, tasks: TaskView[]) {
  const names = await personNames(ctx.db, [r.closedBy]);
  return {
    id: r.id, canteenId: r.orgId, date: r.date, status: r.status, createdAt: r.createdAt, closedAt: r.closedAt,
    closedByName: r.closedBy ? names.get(r.closedBy) ?? null : null, closeNote: r.closeNote, summary: summarize(tasks),
  };
}

/** One canteen's checklist of a day: today's is issued if need be; a past day shows what was issued then (or nothing). */
export async function checklist(ctx: Ctx, q: { canteenId: number; date?: string }) {
  ctx.access.requireCanteen(P['inspection.checklist.read'], q.canteenId);
  const date = q.date ?? today(ctx);
  const r = date === today(ctx)
    ? (await writing(ctx, (tx) => ensureRun(tx, q.canteenId, date))).run
    : (await ctx.db.select().from(run).where(and(eq(run.orgId, q.canteenId), eq(run.date, date))))[0];
  if (!r) return { date, run: null, tasks: [] };
  const tasks = await taskViews(ctx, await tasksOfRun(ctx, r.id));
  return { date, run: await runView(ctx, r, tasks), tasks };
}

/** The runs of a period (default the last 30 days), newest first, with their counts. */
export async function history(ctx: Ctx, q: z.infer<typeof HistoryQuery>) {
  ctx.access.requireCanteen(P['inspection.checklist.read'], q.canteenId);
  const to = q.to ?? today(ctx);
  const from = q.from ?? addDays(to, -29);
  const now = ctx.now();
  const rows = await ctx.db.select({
    id: run.id, date: run.date, status: run.status, closedAt: run.closedAt, closeNote: run.closeNote,
    tasks: sql<number>`count(${task.id})::int`,
    done: sql<number>`count(${task.id}) filter (where ${task.status} = 'done')::int`,
    waived: sql<number>`count(${task.id}) filter (where ${task.status} = 'waived')::int`,
    late: sql<number>`count(${task.id}) filter (where ${task.status} = 'done' and ${task.doneAt} > ${task.deadlineAt})::int`,
    overdue: sql<number>`count(${task.id}) filter (where ${task.status} = 'open' and ${task.deadlineAt} < ${now})::int`,
    problems: sql<number>`count(${task.id}) filter (where ${task.result} = 'problem')::int`,
  }).from(run).leftJoin(task, eq(task.runId, run.id))
    .where(and(eq(run.orgId, q.canteenId), gte(run.date, from), lte(run.date, to)))
    .groupBy(run.id).orderBy(desc(run.date));
  return { from, to, days: rows };
}

/** Tasks past their deadline and still open, in the canteen's open runs, oldest first. */
export async function overdueTasks(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['inspection.checklist.read'], canteenId);
  const rows = await ctx.db.select({ t: task }).from(task).innerJoin(run, eq(run.id, task.runId))
    .where(and(eq(task.orgId, canteenId), eq(task.status, 'open'), eq(run.status, 'open'), lt(task.deadlineAt, ctx.now())))
    .orderBy(asc(task.deadlineAt), asc(task.position)).limit(500);
  return taskViews(ctx, rows.map((r) => r.t));
}

export async function loadRun(ctx: Ctx, id: number, lock = false): Promise<RunRow> {
  const q = ctx.db.select().from(run).where(eq(run.id, id));
  const [r] = lock ? await q.for('update') : await q;
  if (!r || !ctx.access.can(P['inspection.checklist.read'], r.orgId)) throw notFound(RUN);
  return r;
}

/** The overdue alerts of these tasks are settled: they were done (late), waived or taken off the checklist. */
export async function resolveOverdue(ctx: Ctx, orgId: number, taskIds: number[]) {
  if (taskIds.length) await resolveAlertsWhere(ctx, { orgId, kind: ALERT['inspection.overdue'].key, keys: taskIds.map((id) => `task:${id}`) });
}

/**
 * The hall manager (or a manager) closes the day: what is still open is waived with their note, and its overdue
 * alerts are resolved. A day whose every task is done closes by itself.
 */
export async function closeRun(ctx: Ctx, id: number, note: string) {
  const r = await loadRun(ctx, id, true);
  ctx.access.require(P['inspection.run.close'], r.orgId);
  if (r.status === 'closed') throw conflict('run_closed', '该日自查已关闭', 'This day’s checklist is already closed');
  const open = await ctx.db.select({ id: task.id }).from(task).where(and(eq(task.runId, id), eq(task.status, 'open'))).for('update');
  if (open.length) await ctx.db.update(task).set({ status: 'waived', note }).where(inArray(task.id, open.map((t) => t.id)));
  await resolveOverdue(ctx, r.orgId, open.map((t) => t.id));
  await ctx.db.update(run).set({ status: 'closed', closedAt: ctx.now(), closedBy: ctx.user!.id, closeNote: note }).where(eq(run.id, id));
  await audit(ctx, { orgId: r.orgId, action: 'inspection.run.closed', entity: 'inspection_run', entityId: id, before: { status: r.status }, after: { status: 'closed', note, waived: open.map((t) => t.id) } });
  return checklist(ctx, { canteenId: r.orgId, date: r.date });
}

/** Closes the run when nothing is open any more (the last task was just done). */
export async function closeIfComplete(ctx: Ctx, runId: number): Promise<boolean> {
  const [left] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(task).where(and(eq(task.runId, runId), eq(task.status, 'open')));
  if (Number(left?.n ?? 0) > 0) return false;
  const closed = await ctx.db.update(run).set({ status: 'closed', closedAt: ctx.now() }).where(and(eq(run.id, runId), eq(run.status, 'open'))).returning({ orgId: run.orgId });
  if (closed[0]) await audit(ctx, { orgId: closed[0].orgId, action: 'inspection.run.completed', entity: 'inspection_run', entityId: runId, after: { status: 'closed' } });
  return !!closed[0];
}

/**
 * After a template edit, today's open run follows for the tasks nobody has started: edited lines update them,
 * removed lines take them off, new lines add them. Tasks with a photo or a result stay as issued.
 */
export async function syncOpenRun(ctx: Ctx, canteenId: number, date: string, items: ItemRow[]) {
  const [r] = await ctx.db.select().from(run).where(and(eq(run.orgId, canteenId), eq(run.date, date), eq(run.status, 'open'))).for('update');
  if (!r) return;
  const tasks = await ctx.db.select().from(task).where(eq(task.runId, r.id)).for('update');
  const started = new Set((await ctx.db.select({ taskId: photo.taskId }).from(photo).where(inArray(photo.taskId, tasks.length ? tasks.map((t) => t.id) : [-1]))).map((p) => p.taskId));
  const untouched = tasks.filter((t) => t.status === 'open' && !started.has(t.id));
  const byItem = new Map(items.map((i) => [i.id, i]));
  const gone = untouched.filter((t) => t.itemId === null || !byItem.has(t.itemId));
  if (gone.length) await ctx.db.delete(task).where(inArray(task.id, gone.map((t) => t.id)));
  const cleared: number[] = gone.map((t) => t.id);
  for (const t of untouched) {
    const i = t.itemId === null ? undefined : byItem.get(t.itemId);
    if (!i) continue;
    const v = taskValues(i, date);
    // A deadline moved past now no longer stands overdue.
    const notLate = t.overdueAlertedAt && v.deadlineAt.getTime() > ctx.now().getTime();
    if (notLate) cleared.push(t.id);
    await ctx.db.update(task).set({ ...v, ...(notLate && { overdueAlertedAt: null }) }).where(eq(task.id, t.id));
  }
  const have = new Set(tasks.map((t) => t.itemId));
  const added = items.filter((i) => !have.has(i.id));
  if (added.length) await ctx.db.insert(task).values(added.map((i) => ({ ...taskValues(i, date), orgId: canteenId, runId: r.id, date })));
  await resolveOverdue(ctx, canteenId, cleared);
  if (gone.length || added.length) {
    await audit(ctx, { orgId: canteenId, action: 'inspection.run.synced', entity: 'inspection_run', entityId: r.id, after: { removed: gone.map((t) => t.id), added: added.map((i) => i.id) } });
  }
  await closeIfComplete(ctx, r.id);
}
