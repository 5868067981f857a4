import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { watermarkPhoto, type WatermarkedPhoto } from '../../core/watermark.ts';
import { raiseAlert } from '../alert/index.ts';
import { ALERT } from './alerts.ts';
import { canteenName, chinaSecond, holdsRoleAt, today, writing } from './common.ts';
import type { TaskDoneInput } from './contracts.ts';
import { P } from './permissions.ts';
import { closeIfComplete, ensureRun, isAssignee, resolveOverdue, summarize, taskViews, type TaskRow } from './runs.ts';
import { ASSIGNEE_ROLES, photo, run, task } from './schema.ts';

const TASK = { zh: '自查项', en: 'Checklist item' };
const PHOTO = { zh: '照片', en: 'Photo' };
export const MAX_TASK_PHOTOS = 6;

const BLOCK_ZH = { frugality: '厉行节约', safety: '安全', hygiene: '环境卫生' } as const;

/**
 * Today's (or a day's) tasks given to the caller, per canteen where they are a warden or the hall manager:
 * issued if need be, in checklist order, with the canteen's progress beside their own.
 */
export async function myTasks(ctx: Ctx, q: { date?: string }) {
  const date = q.date ?? today(ctx);
  const canteens = ctx.access.canteens(P['inspection.task.do']).filter((c) => ASSIGNEE_ROLES.some((r) => holdsRoleAt(ctx, r, c)));
  const out = [];
  for (const canteenId of canteens) {
    const r = date === today(ctx)
      ? (await writing(ctx, (tx) => ensureRun(tx, canteenId, date))).run
      : (await ctx.db.select().from(run).where(and(eq(run.orgId, canteenId), eq(run.date, date))))[0];
    if (!r) continue;
    const all = await taskViews(ctx, await ctx.db.select().from(task).where(eq(task.runId, r.id)).orderBy(asc(task.position), asc(task.id)));
    const mine = all.filter((t) => t.mine);
    out.push({ canteenId, canteenName: canteenName(ctx, canteenId), date, runId: r.id, runStatus: r.status, canteen: summarize(all), mine: summarize(mine), tasks: mine });
  }
  return out;
}

/** The task, locked; 404 unless the caller may see its canteen, 403 unless it is theirs. */
export async function loadOwnTask(ctx: Ctx, id: number): Promise<TaskRow> {
  const [t] = await ctx.db.select().from(task).where(eq(task.id, id)).for('update');
  if (!t || !ctx.access.can(P['inspection.checklist.read'], t.orgId)) throw notFound(TASK);
  if (!isAssignee(ctx, t)) throw forbidden();
  if (t.status !== 'open') {
    throw conflict('task_not_open', t.status === 'done' ? '该项已完成' : '该项已随当日自查关闭', t.status === 'done' ? 'This item is already done' : 'This item was closed with the day’s checklist');
  }
  return t;
}

const oneTask = async (ctx: Ctx, id: number) => (await taskViews(ctx, await ctx.db.select().from(task).where(eq(task.id, id))))[0]!;

/** What the server burns into a checklist photo: the item, when (China time), where (canteen and area), who. */
export const taskPhotoLines = (t: Pick<TaskRow, 'block' | 'title' | 'area'>, canteen: string, person: string, at: Date) =>
  [`每日自查 · ${BLOCK_ZH[t.block]} · ${t.title}`, `${chinaSecond(at)}（北京时间）`, `${canteen} · ${t.area}`, `检查人：${person}`];

/** Keeps a watermarked photo of a task (the caller has checked it is theirs and open). */
export async function storeTaskPhoto(ctx: Ctx, t: TaskRow, stamped: WatermarkedPhoto) {
  const [had] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(photo).where(eq(photo.taskId, t.id));
  if (Number(had?.n ?? 0) >= MAX_TASK_PHOTOS) throw invalid('too_many_photos', `每项最多 ${MAX_TASK_PHOTOS} 张照片`, `At most ${MAX_TASK_PHOTOS} photos per item`);
  const [p] = await ctx.db.insert(photo).values({
    orgId: t.orgId, taskId: t.id, mime: stamped.type, width: stamped.width, height: stamped.height, size: stamped.bytes.length, data: stamped.bytes, takenAt: ctx.now(), takenBy: ctx.user!.id,
  }).returning({ id: photo.id });
  await audit(ctx, { orgId: t.orgId, action: 'inspection.task.photo_added', entity: 'inspection_task', entityId: t.id, after: { photoId: p!.id, width: stamped.width, height: stamped.height, size: stamped.bytes.length } });
  return p!.id;
}

/** The assignee adds a photo: the server burns in when, where (canteen and area) and who, and keeps only that. */
export async function addTaskPhoto(ctx: Ctx, id: number, file: { bytes: Buffer }) {
  const t = await loadOwnTask(ctx, id);
  const stamped = await watermarkPhoto(file.bytes, taskPhotoLines(t, canteenName(ctx, t.orgId), ctx.user!.name, ctx.now()));
  const photoId = await storeTaskPhoto(ctx, t, stamped);
  return { photoId, task: await oneTask(ctx, id) };
}

/** A wrong shot is taken back by its assignee while the item is still open. */
export async function removeTaskPhoto(ctx: Ctx, id: number, photoId: number) {
  const t = await loadOwnTask(ctx, id);
  const gone = await ctx.db.delete(photo).where(and(eq(photo.id, photoId), eq(photo.taskId, id))).returning({ id: photo.id });
  if (!gone.length) throw notFound(PHOTO);
  await audit(ctx, { orgId: t.orgId, action: 'inspection.task.photo_removed', entity: 'inspection_task', entityId: id, before: { photoId } });
  return oneTask(ctx, id);
}

/**
 * Done by its assignee, with its photo(s) and a result. Done late, its overdue alert is resolved; a problem raises
 * an alert for the hall and site managers (information only for frugality). The last task closes the day.
 */
export async function completeTask(ctx: Ctx, id: number, input: z.infer<typeof TaskDoneInput>) {
  const t = await loadOwnTask(ctx, id);
  const [n] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(photo).where(eq(photo.taskId, id));
  if (t.requiresPhoto && Number(n?.n ?? 0) === 0) {
    throw new AppError(400, 'photo_required', '该项需要现场照片，请先拍照上传', 'This item needs a photo: take and upload one first');
  }
  const now = ctx.now();
  await ctx.db.update(task).set({ status: 'done', result: input.result, note: input.note ?? null, doneAt: now, doneBy: ctx.user!.id }).where(eq(task.id, id));
  const late = now.getTime() > t.deadlineAt.getTime();
  await audit(ctx, { orgId: t.orgId, action: 'inspection.task.done', entity: 'inspection_task', entityId: id, before: { status: 'open' }, after: { status: 'done', result: input.result, note: input.note ?? null, late } });
  await resolveOverdue(ctx, t.orgId, [id]);
  if (input.result === 'problem') {
    await raiseAlert(ctx, {
      orgId: t.orgId, kind: ALERT['inspection.problem'].key, key: `task:${id}`, severity: t.block === 'frugality' ? 'info' : 'warning',
      titleZh: `自查发现问题：${t.title}（${t.area}）`, titleEn: `Self-inspection found a problem: ${t.title} (${t.area})`,
      detail: { taskId: id, date: t.date, block: t.block, title: t.title, area: t.area, note: input.note ?? null, by: ctx.user!.name },
      link: { entity: 'inspection_task', id, path: `/inspection?date=${t.date}` },
    });
  }
  await closeIfComplete(ctx, t.runId);
  return oneTask(ctx, id);
}

/**
 * A stored photo for whoever may read the canteen's checklist (the wardens, managers, the bureau); a diner never.
 */
export async function photoBytes(ctx: Ctx, photoId: number) {
  const [p] = await ctx.db.select({ orgId: photo.orgId, mime: photo.mime, data: photo.data, takenAt: photo.takenAt }).from(photo).where(eq(photo.id, photoId));
  if (!p || !ctx.access.can(P['inspection.checklist.read'], p.orgId)) throw notFound(PHOTO);
  return p;
}

