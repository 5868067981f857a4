import { and, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { tokenMatches } from '../../devices/index.ts';
import { raiseAlert } from '../alert/index.ts';
import { MONITORING_ALERTS } from './alerts.ts';
import { MAX_SNAPSHOT_BYTES, type EventQuery, type KitchenEventInput, type ReviewInput } from './contracts.ts';
import { P } from './permissions.ts';
import { EVENT_TYPES } from './places.ts';
import { camera, eventSnapshot, kitchenEvent, type KitchenEventType } from './schema.ts';
import { canteensFor } from './sensors.ts';

const WHAT = { zh: '后厨行为事件', en: 'Kitchen event' };
/** A camera system's clock may run a little ahead; an event further in the future is refused. */
const FUTURE_SLACK_MS = 5 * 60_000;

const unauthorized = () => new AppError(401, 'camera_unauthorized', '摄像头编码或令牌不正确，或摄像头已停用', 'Wrong camera code or token, or the camera is inactive');

/** JPEG or PNG bytes from base64 (a data URL prefix is allowed), else 422. */
function decodeSnapshot(b64: string): { mime: string; data: Buffer } {
  const data = Buffer.from(b64.replace(/^data:image\/[a-z]+;base64,/i, ''), 'base64');
  const jpeg = data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  const png = data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!jpeg && !png) throw invalid('bad_snapshot', '快照须为 base64 编码的 JPEG 或 PNG 图片', 'The snapshot must be a base64 JPEG or PNG image');
  if (data.length > MAX_SNAPSHOT_BYTES) throw invalid('snapshot_too_large', '快照不能超过 2 MB', 'The snapshot must be at most 2 MB');
  return { mime: jpeg ? 'image/jpeg' : 'image/png', data };
}

/**
 * The camera system's webhook: an AI event of one camera, signed in with that camera's token
 * (`Authorization: Bearer <token>`). The same vendor event id at the same canteen is recorded once;
 * sending it again answers with the first record. Every event waits for a person's review.
 */
export async function receiveKitchenEvent(ctx: Ctx, authorization: string | undefined, input: KitchenEventInput): Promise<{ id: number; duplicate: boolean }> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) throw unauthorized();
  const [cam] = await ctx.db.select().from(camera).where(eq(camera.code, input.cameraCode));
  if (!cam?.active || !tokenMatches(token, cam.tokenHash)) throw unauthorized();
  const at = new Date(input.at);
  if (at.getTime() > ctx.now().getTime() + FUTURE_SLACK_MS) {
    throw invalid('event_in_future', '事件时间晚于当前时间，请检查摄像头系统的时钟', 'The event is dated in the future; check the camera system\'s clock');
  }
  const snapshot = input.snapshot ? decodeSnapshot(input.snapshot) : null;
  const [row] = await ctx.db.insert(kitchenEvent).values({
    orgId: cam.orgId, cameraId: cam.id, vendorEventId: input.eventId, type: input.type, at, confidence: input.confidence,
    receivedAt: ctx.now(), hasSnapshot: !!snapshot,
  }).onConflictDoNothing().returning({ id: kitchenEvent.id });
  if (!row) {
    const [first] = await ctx.db.select({ id: kitchenEvent.id }).from(kitchenEvent).where(and(eq(kitchenEvent.orgId, cam.orgId), eq(kitchenEvent.vendorEventId, input.eventId)));
    return { id: first!.id, duplicate: true };
  }
  if (snapshot) await ctx.db.insert(eventSnapshot).values({ eventId: row.id, ...snapshot });
  await audit(ctx, { orgId: cam.orgId, action: 'monitoring.kitchen_event.received', entity: 'kitchen_event', entityId: row.id,
    after: { camera: cam.code, vendorEventId: input.eventId, type: input.type, at: at.toISOString(), confidence: input.confidence, snapshotBytes: snapshot?.data.length ?? 0 } });
  return { id: row.id, duplicate: false };
}

const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
const nextDay = (date: string) => new Date(chinaMidnight(date).getTime() + 86400_000);

export async function listKitchenEvents(ctx: Ctx, q: EventQuery & { id?: number }) {
  const orgs = canteensFor(ctx, P['monitoring.event.read'], q.canteenId);
  const conds = [inArray(kitchenEvent.orgId, orgs.length ? orgs : [-1])];
  if (q.id) conds.push(eq(kitchenEvent.id, q.id));
  if (q.status) conds.push(eq(kitchenEvent.status, q.status));
  if (q.type) conds.push(eq(kitchenEvent.type, q.type));
  if (q.cameraId) conds.push(eq(kitchenEvent.cameraId, q.cameraId));
  if (q.from) conds.push(gte(kitchenEvent.at, chinaMidnight(q.from)));
  if (q.to) conds.push(lt(kitchenEvent.at, nextDay(q.to)));
  const where = and(...conds);
  const [total] = await ctx.db.select({ n: count() }).from(kitchenEvent).where(where);
  const list = await ctx.db.select({ e: kitchenEvent, cameraCode: camera.code, cameraName: camera.name, location: camera.location })
    .from(kitchenEvent).innerJoin(camera, eq(camera.id, kitchenEvent.cameraId)).where(where)
    .orderBy(sql`case ${kitchenEvent.status} when 'to_review' then 0 else 1 end`, desc(kitchenEvent.at), desc(kitchenEvent.id))
    .limit(q.limit).offset(q.offset);
  const names = await personNames(ctx.db, list.map((r) => r.e.reviewedBy));
  return {
    total: Number(total!.n),
    rows: list.map(({ e, cameraCode, cameraName, location }) => ({
      ...e, cameraCode, cameraName, location, canteenName: ctx.tree.get(e.orgId)?.name ?? null,
      reviewedByName: e.reviewedBy === null ? null : names.get(e.reviewedBy) ?? null,
    })),
  };
}

/** One event as the list shows it (a link from an alert), for a caller who may see it, else 404. */
export async function kitchenEventById(ctx: Ctx, id: number) {
  const { rows: [row] } = await listKitchenEvents(ctx, { id, limit: 1, offset: 0 });
  if (!row) throw notFound(WHAT);
  return row;
}

/** The event's snapshot for a caller who may see the event, else 404. */
export async function eventSnapshotOf(ctx: Ctx, id: number): Promise<{ mime: string; data: Buffer }> {
  const [row] = await ctx.db.select({ orgId: kitchenEvent.orgId, mime: eventSnapshot.mime, data: eventSnapshot.data })
    .from(kitchenEvent).innerJoin(eventSnapshot, eq(eventSnapshot.eventId, kitchenEvent.id)).where(eq(kitchenEvent.id, id));
  if (!row || !ctx.access.can(P['monitoring.event.read'], row.orgId)) throw notFound({ zh: '快照', en: 'Snapshot' });
  return row;
}

const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

/** Monday of the China week of a date (YYYY-MM-DD). */
function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return shiftDate(date, -((d.getUTCDay() + 6) % 7));
}

/**
 * A person's verdict on an event. Confirmed, it counts and raises (or updates) the canteen's alert
 * for that kind of event; a false alarm is closed. Either way who, when and the note are kept.
 */
export async function reviewKitchenEvent(ctx: Ctx, id: number, input: ReviewInput) {
  const [ev] = await ctx.db.select().from(kitchenEvent).where(eq(kitchenEvent.id, id)).for('update');
  if (!ev || !ctx.access.can(P['monitoring.event.read'], ev.orgId)) throw notFound(WHAT);
  ctx.access.require(P['monitoring.event.review'], ev.orgId);
  if (ev.status !== 'to_review') throw conflict('event_reviewed', '该事件已复核', 'This event has already been reviewed');
  let alertId: number | null = null;
  if (input.decision === 'confirmed') {
    const [cam] = await ctx.db.select().from(camera).where(eq(camera.id, ev.cameraId));
    const type = EVENT_TYPES[ev.type as KitchenEventType];
    const week = mondayOf(chinaDate(ev.at));
    const [n] = await ctx.db.select({ n: count() }).from(kitchenEvent).where(and(
      eq(kitchenEvent.orgId, ev.orgId), eq(kitchenEvent.type, ev.type), eq(kitchenEvent.status, 'confirmed'),
      gte(kitchenEvent.at, chinaMidnight(week)), lt(kitchenEvent.at, new Date(chinaMidnight(week).getTime() + 7 * 86400_000))));
    const inWeek = Number(n!.n) + 1;
    const where = cam!.location ? `${cam!.name}（${cam!.location}）` : cam!.name;
    const time = new Date(ev.at.getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');
    const raised = await raiseAlert(ctx, {
      orgId: ev.orgId, kind: MONITORING_ALERTS['monitoring.kitchen_event'].key, key: `type:${ev.type}`,
      severity: type.critical ? 'critical' : 'warning',
      titleZh: `${type.zh}：${where} ${time}，本周已确认 ${inWeek} 次`,
      titleEn: `${type.en}: ${cam!.name}${cam!.location ? ` (${cam!.location})` : ''} ${time}, ${inWeek} confirmed this week`,
      detail: { eventId: ev.id, type: ev.type, cameraId: ev.cameraId, camera: cam!.code, at: ev.at.toISOString(), confirmedThisWeek: inWeek, week },
      link: { entity: 'kitchen_event', id: ev.id, path: `/monitoring/kitchen-events?event=${ev.id}` },
    });
    alertId = raised.id;
  }
  const [after] = await ctx.db.update(kitchenEvent).set({ status: input.decision, reviewedAt: ctx.now(), reviewedBy: ctx.user!.id, note: input.note, alertId })
    .where(eq(kitchenEvent.id, id)).returning();
  await audit(ctx, { orgId: ev.orgId, action: `monitoring.kitchen_event.${input.decision}`, entity: 'kitchen_event', entityId: id,
    before: { status: ev.status }, after: { status: input.decision, note: input.note, alertId } });
  return { ...after!, reviewedByName: ctx.user!.name };
}

/** Events per China week (Monday) and type over the last `weeks` weeks: confirmed, false alarms, still to review. */
export async function weeklyCounts(ctx: Ctx, q: { canteenId?: number; weeks: number }) {
  const orgs = canteensFor(ctx, P['monitoring.event.read'], q.canteenId);
  const thisWeek = mondayOf(chinaDate(ctx.now()));
  const first = new Date(chinaMidnight(thisWeek).getTime() - (q.weeks - 1) * 7 * 86400_000);
  const week = sql<string>`to_char(date_trunc('week', ${kitchenEvent.at} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;
  const list = await ctx.db.select({ week, type: kitchenEvent.type, status: kitchenEvent.status, n: count() }).from(kitchenEvent)
    .where(and(inArray(kitchenEvent.orgId, orgs.length ? orgs : [-1]), gte(kitchenEvent.at, first)))
    .groupBy(week, kitchenEvent.type, kitchenEvent.status);
  const weeks = Array.from({ length: q.weeks }, (_, i) => shiftDate(thisWeek, (i - q.weeks + 1) * 7));
  const out = new Map<string, { week: string; type: string; confirmed: number; falseAlarm: number; toReview: number }>();
  for (const r of list) {
    const k = `${r.week}|${r.type}`;
    const e = out.get(k) ?? { week: r.week, type: r.type, confirmed: 0, falseAlarm: 0, toReview: 0 };
    if (r.status === 'confirmed') e.confirmed += Number(r.n);
    else if (r.status === 'false_alarm') e.falseAlarm += Number(r.n);
    else e.toReview += Number(r.n);
    out.set(k, e);
  }
  return { weeks, rows: [...out.values()].sort((a, b) => a.week.localeCompare(b.week) || a.type.localeCompare(b.type)) };
}

/** Events of a canteen still waiting for review (no permission check: for the lead's pages). */
export async function eventsToReview(ctx: Ctx, canteenId: number): Promise<number> {
  const [n] = await ctx.db.select({ n: count() }).from(kitchenEvent).where(and(eq(kitchenEvent.orgId, canteenId), eq(kitchenEvent.status, 'to_review')));
  return Number(n!.n);
}
