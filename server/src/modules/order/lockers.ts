import { randomInt } from 'node:crypto';
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import { inTransaction, type Ctx, type Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { AppError, conflict } from '../../core/errors.ts';
import { DEVICE_READING, devicesOfKind, sendDeviceCommand, type DeviceView, type LockerCommand, type Reading } from '../../devices/index.ts';
import { voidPayment } from '../account/index.ts';
import { P } from './permissions.ts';
import { block, locker, order } from './schema.ts';
import { chinaMinute, chinaTime, MEAL_ENDS, rulesOf } from './settings.ts';
import { orderViews } from './views.ts';

const DEFAULT_CELLS = 24;
/** Wrong codes a locker may send before it is refused for a while (a 6-digit code must not be guessable at the keypad). */
const MAX_WRONG_CODES = 5;
const LOCK_OUT_MS = 60_000;

const notFoundOrder = () => new AppError(404, 'order_not_found', '订单不存在或无权查看', 'Order not found or not visible to you');

async function cellsOf(ctx: Ctx, deviceIds: number[]): Promise<Map<number, number>> {
  const rows = deviceIds.length ? await ctx.db.select().from(locker).where(inArray(locker.deviceId, deviceIds)) : [];
  return new Map(deviceIds.map((id) => [id, rows.find((r) => r.deviceId === id)?.cells ?? DEFAULT_CELLS]));
}

/** A fresh 6-digit code not live at this canteen (the partial unique index is the final word). */
async function freshCode(ctx: Ctx, canteenId: number): Promise<string> {
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const [taken] = await ctx.db.select({ id: order.id }).from(order).where(and(eq(order.orgId, canteenId), eq(order.pickupCode, code), eq(order.status, 'ready')));
    if (!taken) return code;
  }
}

/**
 * The kitchen has packed a takeout order: it goes into a free cell of a locker (the one named, or
 * the first with room), and the diner's pickup code starts to work until `pickupHours` after the
 * meal ends (or after now, when packed late).
 */
export async function markReady(ctx: Ctx, id: number, lockerId?: number) {
  const [r] = await ctx.db.select().from(order).where(eq(order.id, id)).for('update');
  if (!r || !ctx.access.can(P['order.order.read'], r.orgId)) throw notFoundOrder();
  ctx.access.requireCanteen(P['order.order.write'], r.orgId);
  if (r.kind !== 'takeout') throw conflict('not_takeout', '会议餐/公务餐请用“出餐”', 'Meeting and official meals are marked served, not put in a locker');
  if (r.status === 'ready') return (await orderViews(ctx, [r]))[0]!;
  if (r.status !== 'paid') throw conflict('not_ready_able', '只有已付款、未取消的外卖可以放入取餐柜', 'Only paid, uncancelled takeout can go into a locker');
  // Lockers are taken in turn by id, so two orders packed at once wait rather than pick the same cell.
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`order-locker-${r.orgId}`}))`);
  const lockers = (await devicesOfKind(ctx, r.orgId, 'locker')).filter((d) => lockerId === undefined || d.id === lockerId);
  if (lockerId !== undefined && !lockers.length) throw new AppError(404, 'locker_not_found', '取餐柜不存在或已停用', 'Locker not found or inactive');
  if (!lockers.length) throw conflict('no_locker', '本食堂还没有登记取餐柜', 'This canteen has no pickup locker registered');
  const cells = await cellsOf(ctx, lockers.map((l) => l.id));
  const busy = await ctx.db.select({ deviceId: order.lockerDeviceId, cell: order.cell }).from(order).where(and(inArray(order.lockerDeviceId, lockers.map((l) => l.id)), eq(order.status, 'ready')));
  let chosen: { device: DeviceView; cell: number } | null = null;
  for (const l of lockers) {
    const taken = new Set(busy.filter((b) => b.deviceId === l.id).map((b) => b.cell));
    for (let c = 1; c <= cells.get(l.id)! && !chosen; c++) if (!taken.has(c)) chosen = { device: l, cell: c };
    if (chosen) break;
  }
  if (!chosen) throw conflict('locker_full', '取餐柜已满，请先清空格口', 'Every locker cell is taken; free a cell first');
  const rules = await rulesOf(ctx, r.orgId);
  const mealEnd = chinaTime(r.date, MEAL_ENDS[r.meal]);
  const from = Math.max(mealEnd.getTime(), ctx.now().getTime());
  const code = await freshCode(ctx, r.orgId);
  const [after] = await ctx.db.update(order).set({
    status: 'ready', readyAt: ctx.now(), lockerDeviceId: chosen.device.id, cell: chosen.cell, pickupCode: code, codeExpiresAt: new Date(from + rules.pickupHours * 3600_000),
  }).where(eq(order.id, r.id)).returning();
  await audit(ctx, { orgId: r.orgId, action: 'order.ready', entity: 'order_order', entityId: r.id, before: { status: r.status }, after: { status: 'ready', locker: chosen.device.code, cell: chosen.cell } });
  return (await orderViews(ctx, [after!]))[0]!;
}

/** Wrong codes per locker in the last minute. */
const wrong = new WeakMap<Platform, Map<number, number[]>>();

export type PickupOutcome = { ok: true; cell: number; orderId: number; no: string } | { ok: false; reason: 'unknown' | 'expired' | 'locked_out' };

/**
 * A code typed (or scanned) at a locker. It opens only the cell of its own order in this locker,
 * only once (the order leaves `ready` in the same transaction), and not after it expired.
 */
export async function pickupByCode(ctx: Ctx, device: { id: number; orgId: number }, code: string): Promise<PickupOutcome> {
  let tries = wrong.get(ctx.platform);
  if (!tries) wrong.set(ctx.platform, (tries = new Map()));
  const now = ctx.now().getTime();
  const recent = (tries.get(device.id) ?? []).filter((t) => now - t < LOCK_OUT_MS);
  tries.set(device.id, recent);
  if (recent.length >= MAX_WRONG_CODES) return { ok: false, reason: 'locked_out' };
  const [r] = await ctx.db.select().from(order)
    .where(and(eq(order.orgId, device.orgId), eq(order.lockerDeviceId, device.id), eq(order.pickupCode, code), eq(order.status, 'ready'))).for('update');
  if (!r) {
    recent.push(now);
    return { ok: false, reason: 'unknown' };
  }
  if (r.codeExpiresAt && r.codeExpiresAt.getTime() <= now) return { ok: false, reason: 'expired' };
  await ctx.db.update(order).set({ status: 'picked_up', pickedUpAt: ctx.now() }).where(eq(order.id, r.id));
  await audit(ctx, { orgId: r.orgId, action: 'order.picked_up', entity: 'order_order', entityId: r.id, before: { status: 'ready' }, after: { status: 'picked_up', lockerId: device.id, cell: r.cell } });
  return { ok: true, cell: r.cell!, orderId: r.id, no: r.no };
}

export const DENY_TEXT: Record<'unknown' | 'expired' | 'locked_out', { zh: string; en: string }> = {
  unknown: { zh: '取餐码无效', en: 'Unknown pickup code' },
  expired: { zh: '取餐码已过期，请联系食堂', en: 'The pickup code has expired; ask the canteen' },
  locked_out: { zh: '错误次数过多，请稍后再试', en: 'Too many wrong codes; try again in a minute' },
};

export function commandFor(outcome: PickupOutcome): LockerCommand {
  return outcome.ok ? { action: 'open', cell: outcome.cell, ref: outcome.no } : { action: 'deny', reason: outcome.reason, ...DENY_TEXT[outcome.reason] };
}

/** Door states the lockers last reported (kept in memory: a restart shows them closed until they move). */
const doors = new WeakMap<Platform, Map<number, Map<number, { open: boolean; at: string }>>>();
const doorsOf = (platform: Platform) => {
  let m = doors.get(platform);
  if (!m) doors.set(platform, (m = new Map()));
  return m;
};

/** The canteen's lockers with each cell: free, or the order in it (number, since when, expiry), and its door. */
export async function lockerBoard(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['order.order.read'], canteenId);
  const lockers = await devicesOfKind(ctx, canteenId, 'locker');
  const cells = await cellsOf(ctx, lockers.map((l) => l.id));
  const inside = lockers.length ? await ctx.db.select().from(order).where(and(inArray(order.lockerDeviceId, lockers.map((l) => l.id)), eq(order.status, 'ready'))) : [];
  const views = await orderViews(ctx, inside);
  return lockers.map((l) => ({
    id: l.id, code: l.code, name: l.name, lastSeenAt: l.lastSeenAt, cells: cells.get(l.id)!,
    cellStates: Array.from({ length: cells.get(l.id)! }, (_, i) => {
      const o = views.find((v) => v.locker?.id === l.id && v.locker.cell === i + 1);
      const door = doorsOf(ctx.platform).get(l.id)?.get(i + 1);
      return {
        cell: i + 1, doorOpen: door?.open ?? false,
        order: o ? { id: o.id, no: o.no, personName: o.personName, readyAt: o.readyAt, codeExpiresAt: o.codeExpiresAt, expired: !!o.codeExpiresAt && o.codeExpiresAt <= ctx.now() } : null,
      };
    }),
  }));
}

export async function setLockerCells(ctx: Ctx, deviceId: number, cells: number) {
  const all = ctx.access.canteens(P['order.offer.write']);
  let found: DeviceView | undefined;
  for (const c of all) found ??= (await devicesOfKind(ctx, c, 'locker')).find((d) => d.id === deviceId);
  if (!found) throw new AppError(404, 'locker_not_found', '取餐柜不存在或已停用', 'Locker not found or inactive');
  const [{ used }] = await ctx.db.select({ used: sql<number>`coalesce(max(${order.cell}), 0)::int` }).from(order).where(and(eq(order.lockerDeviceId, deviceId), eq(order.status, 'ready'))) as [{ used: number }];
  if (used > cells) throw conflict('cell_in_use', `第 ${used} 格还有待取餐品`, `Cell ${used} still holds an order`);
  await ctx.db.insert(locker).values({ deviceId, orgId: found.orgId, cells }).onConflictDoUpdate({ target: locker.deviceId, set: { cells } });
  await audit(ctx, { orgId: found.orgId, action: 'order.locker_set', entity: 'order_locker', entityId: deviceId, after: { cells } });
  return lockerBoard(ctx, found.orgId);
}

/**
 * Orders still in a locker when their code expires become no-shows and their cell is free again.
 * By the canteen's rule the payment is kept (forfeit) or given back (refund); a diner with too many
 * no-shows in 30 days is kept from takeout at that canteen for a while. Idempotent: a second run
 * finds nothing left to do.
 */
export async function sweepNoShows(platform: Platform): Promise<number> {
  const ctx = await makeCtx(platform, null, [], 'zh');
  const due = await ctx.db.select({ id: order.id }).from(order).where(and(eq(order.status, 'ready'), lt(order.codeExpiresAt, ctx.now()))).orderBy(asc(order.id));
  let n = 0;
  for (const { id } of due) {
    await inTransaction(ctx, async (tx) => {
      const [r] = await tx.db.select().from(order).where(eq(order.id, id)).for('update');
      if (!r || r.status !== 'ready') return;
      const rules = await rulesOf(tx, r.orgId);
      let refundEntryId: number | null = null;
      if (rules.noShowRule === 'refund' && r.payEntryId) {
        refundEntryId = (await voidPayment(tx, r.payEntryId, { orgId: r.orgId, requestKey: `order-no-show:${r.id}`, memo: `未取餐退款 ${r.no} / no-show refund` })).entryId;
      }
      await tx.db.update(order).set({ status: 'no_show', noShowAt: tx.now(), refundEntryId }).where(eq(order.id, r.id));
      await audit(tx, { orgId: r.orgId, action: 'order.no_show', entity: 'order_order', entityId: r.id, before: { status: 'ready' }, after: { status: 'no_show', rule: rules.noShowRule, refundEntryId } });
      const since = new Date(tx.now().getTime() - 30 * 86_400_000);
      const [{ n: count }] = await tx.db.select({ n: sql<number>`count(*)::int` }).from(order)
        .where(and(eq(order.orgId, r.orgId), eq(order.personId, r.personId), eq(order.status, 'no_show'), gte(order.noShowAt, since))) as [{ n: number }];
      const [active] = await tx.db.select({ id: block.id }).from(block).where(and(eq(block.orgId, r.orgId), eq(block.personId, r.personId), sql`${block.until} > ${tx.now()}`));
      if (count >= rules.noShowLimit && !active) {
        const until = new Date(tx.now().getTime() + rules.blockDays * 86_400_000);
        const reason = `30 天内 ${count} 次未取餐 / ${count} no-shows in 30 days`;
        const [b] = await tx.db.insert(block).values({ orgId: r.orgId, personId: r.personId, since: tx.now(), until, reason }).returning();
        await audit(tx, { orgId: r.orgId, action: 'order.diner_blocked', entity: 'order_block', entityId: b!.id, after: { personId: r.personId, until: chinaMinute(until), reason } });
      }
      n++;
    });
  }
  return n;
}

/** How often expired codes are looked for. */
const SWEEP_MS = 60_000;
const started = new WeakSet<Platform>();

/**
 * The order module's background work: codes typed at lockers (over MQTT) are checked and answered
 * with an open or deny command, door events are remembered, and no-shows are swept every minute.
 */
export function orderReactions(platform: Platform): void {
  if (started.has(platform)) return;
  started.add(platform);
  platform.events.on(DEVICE_READING, async (payload) => {
    const r = payload as Reading;
    if (r.kind !== 'locker' || !r.locker) return;
    if (r.locker.event === 'opened' || r.locker.event === 'closed') {
      const m = doorsOf(platform);
      const cells = m.get(r.deviceId) ?? new Map();
      m.set(r.deviceId, cells.set(r.locker.cell!, { open: r.locker.event === 'opened', at: r.at }));
      return;
    }
    const ctx = await makeCtx(platform, null, [], 'zh');
    const outcome = await inTransaction(ctx, (tx) => pickupByCode(tx, { id: r.deviceId, orgId: r.orgId }, r.locker!.code!));
    await sendDeviceCommand(platform, r.code, commandFor(outcome));
  });
  const timer = setInterval(() => void sweepNoShows(platform).catch((err) => console.error('[order] no-show sweep failed', err)), SWEEP_MS);
  timer.unref();
  sweeps.set(platform, timer);
}

const sweeps = new WeakMap<Platform, NodeJS.Timeout>();

/** Stops the no-show sweep before the database closes (shutdown, tests). */
export function stopOrderJobs(platform: Platform): void {
  clearInterval(sweeps.get(platform));
}
