import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { dishesByIds, requireDishesUsableBy } from '../dish/index.ts';
import { bureauCanteen } from '../../core/bureau-canteens.ts';
import { staffCanteens } from './bureau.ts';
import type { FeedbackInput, FeedbackQuery } from './contracts.ts';
import { P } from './permissions.ts';
import { feedback, photo, reply } from './schema.ts';

const FEEDBACK = { zh: '意见', en: 'Feedback' };
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_PHOTOS = 3;

type FeedbackRow = typeof feedback.$inferSelect;

/** Feedback with the canteen's and people's names, the dish, the replies and the photos' ids. */
async function views(ctx: Ctx, rows: FeedbackRow[]) {
  const ids = rows.map((r) => r.id);
  const [replies, photos, dishes] = await Promise.all([
    ids.length ? ctx.db.select().from(reply).where(inArray(reply.feedbackId, ids)).orderBy(asc(reply.at), asc(reply.id)) : [],
    ids.length ? ctx.db.select({ id: photo.id, feedbackId: photo.feedbackId }).from(photo).where(inArray(photo.feedbackId, ids)).orderBy(asc(photo.id)) : [],
    dishesByIds(ctx, rows.flatMap((r) => (r.dishId ? [r.dishId] : []))),
  ]);
  const names = await personNames(ctx.db, [...rows.flatMap((r) => [r.personId, r.closedBy]), ...replies.map((x) => x.personId)]);
  return rows.map((r) => ({
    ...r,
    canteenName: ctx.tree.get(r.orgId)?.name ?? null,
    authorName: names.get(r.personId) ?? null,
    closedByName: r.closedBy ? names.get(r.closedBy) ?? null : null,
    dishName: r.dishId ? dishes.get(r.dishId)?.name ?? null : null,
    replies: replies.filter((x) => x.feedbackId === r.id).map((x) => ({ id: x.id, text: x.text, at: x.at, byName: names.get(x.personId) ?? null })),
    photoIds: photos.filter((p) => p.feedbackId === r.id).map((p) => p.id),
  }));
}

export type FeedbackView = Awaited<ReturnType<typeof views>>[number];

const view = async (ctx: Ctx, id: number) => (await views(ctx, await ctx.db.select().from(feedback).where(eq(feedback.id, id))))[0]!;

const isAuthor = (ctx: Ctx, row: FeedbackRow) => row.personId === ctx.user!.id;

/** Visible to its author and to the staff who read the canteen's feedback; 404 to everyone else. */
async function loadFeedback(ctx: Ctx, id: number, lock = false): Promise<FeedbackRow> {
  const q = ctx.db.select().from(feedback).where(eq(feedback.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !(isAuthor(ctx, row) || ctx.access.can(P['feedback.feedback.read'], row.orgId))) throw notFound(FEEDBACK);
  return row;
}

export async function submitFeedback(ctx: Ctx, input: z.infer<typeof FeedbackInput>) {
  bureauCanteen(ctx, input.canteenId);
  if (input.dishId) await requireDishesUsableBy(ctx, input.canteenId, [input.dishId]);
  const [row] = await ctx.db.insert(feedback).values({
    orgId: input.canteenId, personId: ctx.user!.id, category: input.category, text: input.text, dishId: input.dishId ?? null, createdAt: ctx.now(),
  }).returning();
  await audit(ctx, { orgId: input.canteenId, action: 'feedback.feedback.submitted', entity: 'feedback', entityId: row!.id, after: input });
  return view(ctx, row!.id);
}

/** The author adds a photo (up to three) while the feedback is not closed. */
export async function addPhoto(ctx: Ctx, id: number, file: { name: string; type: string; bytes: Buffer }) {
  const row = await loadFeedback(ctx, id, true);
  if (!isAuthor(ctx, row)) throw forbidden();
  if (row.status === 'closed') throw conflict('feedback_closed', '该意见已关闭', 'This feedback is closed');
  if (!PHOTO_TYPES.has(file.type)) throw new AppError(400, 'bad_photo_type', '只能上传照片（JPEG、PNG、WebP）', 'Upload a photo (JPEG, PNG or WebP)');
  const [had] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(photo).where(eq(photo.feedbackId, id));
  if (Number(had?.n ?? 0) >= MAX_PHOTOS) throw invalid('too_many_photos', `最多上传 ${MAX_PHOTOS} 张照片`, `At most ${MAX_PHOTOS} photos`);
  const [p] = await ctx.db.insert(photo).values({ orgId: row.orgId, feedbackId: id, filename: file.name, mime: file.type, size: file.bytes.length, data: file.bytes, uploadedAt: ctx.now() })
    .returning({ id: photo.id });
  await audit(ctx, { orgId: row.orgId, action: 'feedback.feedback.photo_added', entity: 'feedback', entityId: id, after: { photoId: p!.id, filename: file.name, size: file.bytes.length } });
  return view(ctx, id);
}

export async function getPhoto(ctx: Ctx, id: number, photoId: number) {
  await loadFeedback(ctx, id);
  const [p] = await ctx.db.select().from(photo).where(and(eq(photo.id, photoId), eq(photo.feedbackId, id)));
  if (!p) throw notFound({ zh: '照片', en: 'Photo' });
  return p;
}

/** The caller's own feedback, newest first, with the canteen's replies. */
export async function myFeedback(ctx: Ctx) {
  return views(ctx, await ctx.db.select().from(feedback).where(eq(feedback.personId, ctx.user!.id)).orderBy(desc(feedback.createdAt), desc(feedback.id)).limit(200));
}

/** The canteen side's inbox: open first (they need a reply), then replied, then closed; newest first within each. */
export async function inbox(ctx: Ctx, q: z.infer<typeof FeedbackQuery>) {
  const conds = [inArray(feedback.orgId, [-1, ...staffCanteens(ctx, [P['feedback.feedback.read']], q.canteenId)])];
  if (q.status) conds.push(eq(feedback.status, q.status));
  const rows = await ctx.db.select().from(feedback).where(and(...conds))
    .orderBy(sql`case ${feedback.status} when 'open' then 0 when 'replied' then 1 else 2 end`, desc(feedback.createdAt), desc(feedback.id)).limit(300);
  return views(ctx, rows);
}

export async function getFeedback(ctx: Ctx, id: number) {
  await loadFeedback(ctx, id);
  return view(ctx, id);
}

/** A reply from the canteen; a new reply asks the diner's verdict again. */
export async function replyFeedback(ctx: Ctx, id: number, text: string) {
  const row = await loadFeedback(ctx, id, true);
  ctx.access.require(P['feedback.feedback.reply'], row.orgId);
  if (row.status === 'closed') throw conflict('feedback_closed', '该意见已关闭，不能再回复', 'This feedback is closed; it takes no more replies');
  const [r] = await ctx.db.insert(reply).values({ orgId: row.orgId, feedbackId: id, personId: ctx.user!.id, text, at: ctx.now() }).returning({ id: reply.id });
  await ctx.db.update(feedback).set({ status: 'replied', repliedAt: ctx.now(), satisfied: null, ratedAt: null }).where(eq(feedback.id, id));
  await audit(ctx, { orgId: row.orgId, action: 'feedback.feedback.replied', entity: 'feedback', entityId: id, before: { status: row.status, satisfied: row.satisfied }, after: { status: 'replied', replyId: r!.id, text } });
  return view(ctx, id);
}

/** Closed by its author, or by the canteen once it has been dealt with. */
export async function closeFeedback(ctx: Ctx, id: number) {
  const row = await loadFeedback(ctx, id, true);
  if (!isAuthor(ctx, row)) ctx.access.require(P['feedback.feedback.reply'], row.orgId);
  if (row.status === 'closed') throw conflict('feedback_closed', '该意见已关闭', 'This feedback is already closed');
  await ctx.db.update(feedback).set({ status: 'closed', closedAt: ctx.now(), closedBy: ctx.user!.id }).where(eq(feedback.id, id));
  await audit(ctx, { orgId: row.orgId, action: 'feedback.feedback.closed', entity: 'feedback', entityId: id, before: { status: row.status }, after: { status: 'closed' } });
  return view(ctx, id);
}

/**
 * The author's verdict on the latest reply: satisfied closes the feedback; not satisfied sends it back to
 * the canteen's open list until it replies again.
 */
export async function rateReply(ctx: Ctx, id: number, satisfied: boolean) {
  const row = await loadFeedback(ctx, id, true);
  if (!isAuthor(ctx, row)) throw forbidden();
  if (!row.repliedAt) throw conflict('feedback_not_replied', '食堂还没有回复', 'The canteen has not replied yet');
  if (row.satisfied !== null) throw conflict('feedback_rated', '您已评价过这条回复', 'You have already rated this reply');
  const now = ctx.now();
  const next = satisfied ? { status: 'closed' as const, closedAt: row.closedAt ?? now, closedBy: row.closedBy ?? ctx.user!.id } : { status: 'open' as const, closedAt: null, closedBy: null };
  await ctx.db.update(feedback).set({ ...next, satisfied, ratedAt: now }).where(eq(feedback.id, id));
  await audit(ctx, { orgId: row.orgId, action: 'feedback.feedback.rated', entity: 'feedback', entityId: id, before: { status: row.status, satisfied: row.satisfied }, after: { status: next.status, satisfied } });
  return view(ctx, id);
}

/** For the disclosure: a canteen's feedback since a day, counted (received, answered, diners satisfied). */
export async function feedbackCounts(ctx: Ctx, canteenId: number, since: Date) {
  const [c] = await ctx.db.select({
    received: sql<number>`count(*)::int`,
    replied: sql<number>`count(*) filter (where ${feedback.repliedAt} is not null)::int`,
    satisfied: sql<number>`count(*) filter (where ${feedback.satisfied})::int`,
    unsatisfied: sql<number>`count(*) filter (where not ${feedback.satisfied})::int`,
  }).from(feedback).where(and(eq(feedback.orgId, canteenId), gte(feedback.createdAt, since)));
  return { received: Number(c?.received ?? 0), replied: Number(c?.replied ?? 0), satisfied: Number(c?.satisfied ?? 0), unsatisfied: Number(c?.unsatisfied ?? 0) };
}
