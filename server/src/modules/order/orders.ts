import { and, desc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { chinaDate, nextDocNumber } from '../../core/doc-number.ts';
import { AppError, conflict, forbidden, keyReused } from '../../core/errors.ts';
import { roleHoldersAt } from '../../core/people.ts';
import { billUnit, ownAccount, pay, voidPayment } from '../account/index.ts';
import type { CancelInput, DayQuery, ServeInput, TakeoutInput, UnitMealInput } from './contracts.ts';
import { menuOf, takePortions } from './offers.ts';
import { P } from './permissions.ts';
import { block, line, order, statement } from './schema.ts';
import { canteenNode, chinaMinute, requireOpen, rulesOf, standardOf, type Meal } from './settings.ts';
import { orderViews, type OrderRow } from './views.ts';

const PREFIX = { takeout: 'WM', meeting: 'HY', official: 'GW' } as const;
/** Orders may be placed this many days ahead. */
const MAX_DAYS_AHEAD = 14;

const notFoundOrder = () => new AppError(404, 'order_not_found', '订单不存在或无权查看', 'Order not found or not visible to you');

async function one(ctx: Ctx, row: OrderRow) {
  return (await orderViews(ctx, [row]))[0]!;
}

function requireHorizon(ctx: Ctx, date: string) {
  const today = chinaDate(ctx.now());
  const last = new Date(Date.parse(`${today}T00:00:00Z`) + MAX_DAYS_AHEAD * 86_400_000).toISOString().slice(0, 10);
  if (date > last) throw new AppError(422, 'too_far_ahead', `最多可提前 ${MAX_DAYS_AHEAD} 天订餐`, `Orders can be placed at most ${MAX_DAYS_AHEAD} days ahead`);
}

/** An order of this canteen by the client's key (a retried request finds the first one). */
async function byKey(ctx: Ctx, canteenId: number, requestKey: string) {
  const [row] = await ctx.db.select().from(order).where(and(eq(order.orgId, canteenId), eq(order.requestKey, requestKey)));
  return row;
}

/** The diner is kept from takeout at this canteen after too many no-shows. */
async function requireNotBlocked(ctx: Ctx, canteenId: number, personId: number) {
  const [b] = await ctx.db.select().from(block).where(and(eq(block.orgId, canteenId), eq(block.personId, personId), gt(block.until, ctx.now()))).orderBy(desc(block.until)).limit(1);
  if (b) {
    throw new AppError(409, 'takeout_blocked', `因多次未取餐，${chinaMinute(b.until)} 前不能在本食堂订外卖`, `Because of repeated no-shows you cannot order takeout here until ${chinaMinute(b.until)} (China time)`, { until: b.until });
  }
}

/**
 * A diner orders takeout and pays at once from their account: the order, the portions taken from
 * the offers and the payment commit together, so a refused payment leaves no order behind.
 */
export async function placeTakeout(ctx: Ctx, input: z.infer<typeof TakeoutInput>) {
  ctx.access.require(P['order.self.use']);
  canteenNode(ctx, input.canteenId);
  const earlier = await byKey(ctx, input.canteenId, input.requestKey);
  if (earlier) {
    if (earlier.personId !== ctx.user!.id || earlier.kind !== 'takeout') throw keyReused();
    return { ...(await one(ctx, earlier)), replayed: true };
  }
  const rules = await rulesOf(ctx, input.canteenId);
  requireOpen(ctx, rules, 'takeout', input.date, input.meal);
  requireHorizon(ctx, input.date);
  await requireNotBlocked(ctx, input.canteenId, ctx.user!.id);
  const acc = await ownAccount(ctx);
  const menu = new Map((await menuOf(ctx, input.canteenId, input.date, input.meal)).map((d) => [d.dishId, d]));
  const missing = input.lines.filter((l) => !menu.has(l.dishId)).map((l) => l.dishId);
  if (missing.length) throw new AppError(422, 'not_offered', `这些菜品本餐不供应外卖：${missing.join(', ')}`, `Not offered for takeout at this meal: ${missing.join(', ')}`, { dishIds: missing });
  const lines = input.lines.map((l) => {
    const d = menu.get(l.dishId)!;
    return { dishId: l.dishId, name: d.name, portions: l.portions, priceFen: d.priceFen, amountFen: d.priceFen * l.portions };
  });
  await takePortions(ctx, input.canteenId, input.date, input.meal, lines);
  const menuFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const no = await nextDocNumber(ctx, order, order.no, PREFIX.takeout, input.canteenId);
  const [row] = await ctx.db.insert(order).values({
    orgId: input.canteenId, no, kind: 'takeout', status: 'paid', date: input.date, meal: input.meal, pickupTime: input.pickupTime ?? null,
    personId: ctx.user!.id, accountId: acc.id, unitId: acc.unitId, note: input.note, menuFen, requestKey: input.requestKey, createdAt: ctx.now(),
  }).returning();
  await ctx.db.insert(line).values(lines.map((l) => ({ orderId: row!.id, ...l })));
  // The meal's subsidy belongs to the day it is eaten: an order for a later day is charged on that day's books.
  const today = chinaDate(ctx.now());
  const paid = await pay(ctx, {
    accountId: acc.id, canteenId: input.canteenId, meal: input.meal, menuFen, requestKey: `order:${input.requestKey}`, method: 'order', ref: `order:${row!.id}`,
    at: input.date === today ? ctx.now() : new Date(`${input.date}T00:00:00+08:00`),
  });
  const [after] = await ctx.db.update(order).set({ dueFen: paid.dueFen, payEntryId: paid.entryId }).where(eq(order.id, row!.id)).returning();
  await audit(ctx, { orgId: input.canteenId, action: 'order.placed', entity: 'order_order', entityId: row!.id, after: { no, kind: 'takeout', date: input.date, meal: input.meal, lines, menuFen, dueFen: paid.dueFen, entryId: paid.entryId } });
  return { ...(await one(ctx, after!)), replayed: false, payment: { dueFen: paid.dueFen, mealSubsidyFen: paid.mealSubsidyFen, fromSubsidyFen: paid.fromSubsidyFen, fromCashFen: paid.fromCashFen, balances: paid.balances } };
}

/** A meeting or official meal requested by a diner for their own unit, at the unit's per-person standard. */
export async function requestUnitMeal(ctx: Ctx, input: z.infer<typeof UnitMealInput>) {
  ctx.access.require(P['order.self.use']);
  canteenNode(ctx, input.canteenId);
  const unit = ctx.tree.get(ctx.user!.orgId);
  if (unit?.kind !== 'unit') throw new AppError(422, 'no_unit', '只有单位人员可以为本单位申请会议餐/公务餐', 'Only staff of an agency unit can request meals for their unit');
  const earlier = await byKey(ctx, input.canteenId, input.requestKey);
  if (earlier) {
    if (earlier.personId !== ctx.user!.id || earlier.kind === 'takeout') throw keyReused();
    return { ...(await one(ctx, earlier)), replayed: true };
  }
  requireOpen(ctx, await rulesOf(ctx, input.canteenId), input.kind, input.date, input.meal);
  requireHorizon(ctx, input.date);
  const standardFen = await standardOf(ctx, unit.id);
  const no = await nextDocNumber(ctx, order, order.no, PREFIX[input.kind], input.canteenId);
  const [row] = await ctx.db.insert(order).values({
    orgId: input.canteenId, no, kind: input.kind, status: 'requested', date: input.date, meal: input.meal, pickupTime: input.pickupTime ?? null,
    personId: ctx.user!.id, unitId: unit.id, headcount: input.headcount, standardFen, menuFen: input.headcount * standardFen, dueFen: input.headcount * standardFen,
    purpose: input.purpose, contact: input.contact, phone: input.phone, note: input.note, requestKey: input.requestKey, createdAt: ctx.now(),
  }).returning();
  await audit(ctx, { orgId: input.canteenId, action: 'order.requested', entity: 'order_order', entityId: row!.id, after: { no, kind: input.kind, unitId: unit.id, headcount: input.headcount, standardFen, date: input.date, meal: input.meal } });
  return { ...(await one(ctx, row!)), replayed: false };
}

async function loadForUpdate(ctx: Ctx, id: number) {
  const [row] = await ctx.db.select().from(order).where(eq(order.id, id)).for('update');
  if (!row) throw notFoundOrder();
  return row;
}

/** Whether the caller may see this order: the orderer, the canteen's staff, or the unit's approver for unit meals. */
function visible(ctx: Ctx, r: OrderRow) {
  return r.personId === ctx.user?.id || ctx.access.can(P['order.order.read'], r.orgId) || ctx.access.can(P['order.meeting.approve'], r.orgId)
    || (r.kind !== 'takeout' && ctx.access.can(P['order.unit.approve'], r.unitId));
}

export async function getOrder(ctx: Ctx, id: number) {
  const [row] = await ctx.db.select().from(order).where(eq(order.id, id));
  if (!row || !visible(ctx, row)) throw notFoundOrder();
  return one(ctx, row);
}

/**
 * The orderer cancels before the cut-off: a takeout payment is reversed (the account gets back
 * exactly what it paid, the day's meal subsidy is free again) and the portions return to the offer.
 * Cancelling again answers the cancelled order.
 */
export async function cancelOrder(ctx: Ctx, id: number, input: z.infer<typeof CancelInput>) {
  const r = await loadForUpdate(ctx, id);
  if (!visible(ctx, r)) throw notFoundOrder();
  if (r.personId !== ctx.user?.id) throw forbidden();
  if (r.status === 'cancelled') return one(ctx, r);
  if (!['paid', 'requested', 'approved'].includes(r.status)) {
    throw conflict('not_cancellable', '订单已备好、已取或已出餐，不能取消', 'The order is ready, collected or served and can no longer be cancelled');
  }
  requireOpen(ctx, await rulesOf(ctx, r.orgId), r.kind, r.date, r.meal, { zh: '取消', en: 'Cancelling' });
  let refundEntryId: number | null = null;
  if (r.kind === 'takeout') {
    const lines = await ctx.db.select().from(line).where(eq(line.orderId, r.id));
    await takePortions(ctx, r.orgId, r.date, r.meal, lines.map((l) => ({ dishId: l.dishId, portions: -l.portions, name: l.name })));
    if (r.payEntryId) refundEntryId = (await voidPayment(ctx, r.payEntryId, { orgId: r.orgId, requestKey: `order-cancel:${r.id}`, memo: `取消订单 ${r.no} / order cancelled${input.reason ? `: ${input.reason}` : ''}` })).entryId;
  }
  const [after] = await ctx.db.update(order).set({ status: 'cancelled', cancelledAt: ctx.now(), refundEntryId }).where(eq(order.id, r.id)).returning();
  await audit(ctx, { orgId: r.orgId, action: 'order.cancelled', entity: 'order_order', entityId: r.id, before: { status: r.status }, after: { status: 'cancelled', reason: input.reason, refundEntryId } });
  return one(ctx, after!);
}

/** A unit without anyone holding the unit-approver role needs only the canteen's approval. */
async function unitNeedsApproval(ctx: Ctx, unitId: number) {
  return (await roleHoldersAt(ctx.db, unitId, ['unit_approver'])).length > 0;
}

/**
 * Approves a meeting or official meal: the canteen head for the canteen, the unit approver for the
 * unit. It is approved when both have (or the canteen alone, when the unit has no approver). Nobody
 * approves their own request.
 */
export async function approveOrder(ctx: Ctx, id: number) {
  const r = await loadForUpdate(ctx, id);
  if (!visible(ctx, r) || r.kind === 'takeout') throw notFoundOrder();
  if (r.status !== 'requested') throw conflict('not_pending', '该申请不在待审批状态', 'This request is not waiting for approval');
  if (r.personId === ctx.user!.id) throw new AppError(403, 'own_request', '不能审批自己提交的申请', 'You cannot approve your own request');
  const asCanteen = ctx.access.can(P['order.meeting.approve'], r.orgId);
  const asUnit = ctx.access.can(P['order.unit.approve'], r.unitId);
  if (!asCanteen && !asUnit) throw forbidden();
  const set: Partial<OrderRow> = {};
  if (asCanteen && !r.canteenApprovedAt) Object.assign(set, { canteenApprovedBy: ctx.user!.id, canteenApprovedAt: ctx.now() });
  if (asUnit && !r.unitApprovedAt) Object.assign(set, { unitApprovedBy: ctx.user!.id, unitApprovedAt: ctx.now() });
  const canteenOk = !!(r.canteenApprovedAt ?? set.canteenApprovedAt);
  const unitOk = !!(r.unitApprovedAt ?? set.unitApprovedAt) || !(await unitNeedsApproval(ctx, r.unitId));
  if (canteenOk && unitOk) set.status = 'approved';
  const [after] = await ctx.db.update(order).set(set).where(eq(order.id, r.id)).returning();
  await audit(ctx, { orgId: r.orgId, action: 'order.approved', entity: 'order_order', entityId: r.id, before: { status: r.status }, after: { status: after!.status, as: [asCanteen && 'canteen', asUnit && 'unit'].filter(Boolean) } });
  return one(ctx, after!);
}

export async function rejectOrder(ctx: Ctx, id: number, reason: string) {
  const r = await loadForUpdate(ctx, id);
  if (!visible(ctx, r) || r.kind === 'takeout') throw notFoundOrder();
  if (!ctx.access.can(P['order.meeting.approve'], r.orgId) && !ctx.access.can(P['order.unit.approve'], r.unitId)) throw forbidden();
  if (r.status !== 'requested' && r.status !== 'approved') throw conflict('not_pending', '该申请不在待审批状态', 'This request is not waiting for approval');
  const [after] = await ctx.db.update(order).set({ status: 'rejected', rejectReason: reason }).where(eq(order.id, r.id)).returning();
  await audit(ctx, { orgId: r.orgId, action: 'order.rejected', entity: 'order_order', entityId: r.id, before: { status: r.status }, after: { status: 'rejected', reason } });
  return one(ctx, after!);
}

/**
 * The kitchen serves an approved meeting or official meal and the unit is billed then, for the
 * people actually served at the standard fixed when it was requested: what was not served is never
 * billed and needs no credit note. A month whose statement is paid takes no more bills.
 */
export async function serveOrder(ctx: Ctx, id: number, input: z.infer<typeof ServeInput>) {
  const r = await loadForUpdate(ctx, id);
  if (!visible(ctx, r) || r.kind === 'takeout') throw notFoundOrder();
  ctx.access.requireCanteen(P['order.order.write'], r.orgId);
  if (r.status === 'served') return one(ctx, r);
  if (r.status !== 'approved') throw conflict('not_approved', '会议餐/公务餐审批通过后才能出餐', 'A meeting or official meal is served only after approval');
  const month = r.date.slice(0, 7);
  const [closed] = await ctx.db.select({ id: statement.id }).from(statement).where(and(eq(statement.orgId, r.orgId), eq(statement.unitId, r.unitId), eq(statement.month, month)));
  if (closed) throw conflict('statement_closed', `${month} 的单位月结已收款，不能再记账`, `The unit's statement for ${month} is already paid; no more bills can go on it`);
  const headcount = input.headcount ?? r.headcount;
  const amountFen = headcount * r.standardFen;
  const bill = await billUnit(ctx, {
    unitId: r.unitId, canteenId: r.orgId, amountFen, requestKey: `order-bill:${r.id}`, ref: `order:${r.id}`,
    memo: `${r.kind === 'meeting' ? '会议餐' : '公务餐'} ${r.no}：${headcount} 人 × ${(r.standardFen / 100).toFixed(2)} 元`,
  });
  const [after] = await ctx.db.update(order).set({ status: 'served', servedAt: ctx.now(), headcount, dueFen: amountFen, billEntryId: bill.entryId }).where(eq(order.id, r.id)).returning();
  await audit(ctx, { orgId: r.orgId, action: 'order.served', entity: 'order_order', entityId: r.id, before: { status: r.status, headcount: r.headcount }, after: { status: 'served', headcount, amountFen, billEntryId: bill.entryId } });
  return one(ctx, after!);
}

/** The caller's own orders, newest first. */
export async function myOrders(ctx: Ctx, limit: number) {
  ctx.access.require(P['order.self.use']);
  const list = await ctx.db.select().from(order).where(eq(order.personId, ctx.user!.id)).orderBy(desc(order.id)).limit(limit);
  return orderViews(ctx, list);
}

/** A canteen's orders of one day (and meal, kind). */
export async function dayOrders(ctx: Ctx, q: z.infer<typeof DayQuery>) {
  ctx.access.requireCanteen(P['order.order.read'], q.canteenId);
  const where: (SQL | undefined)[] = [eq(order.orgId, q.canteenId), eq(order.date, q.date)];
  if (q.meal) where.push(eq(order.meal, q.meal));
  if (q.kind) where.push(eq(order.kind, q.kind));
  const list = await ctx.db.select().from(order).where(and(...where)).orderBy(order.meal, order.pickupTime, order.id);
  return orderViews(ctx, list);
}

/** Meeting and official meals waiting for the caller's approval: as canteen head, or as the unit's approver. */
export async function pendingApprovals(ctx: Ctx) {
  const canteens = ctx.access.canteens(P['order.meeting.approve']);
  const units = ctx.access.scope(P['order.unit.approve']).filter((o) => ctx.tree.get(o)?.kind === 'unit');
  if (!canteens.length && !units.length) throw forbidden();
  const conds: SQL[] = [];
  if (canteens.length) conds.push(inArray(order.orgId, canteens));
  if (units.length) conds.push(inArray(order.unitId, units));
  const list = await ctx.db.select().from(order).where(and(inArray(order.kind, ['meeting', 'official']), inArray(order.status, ['requested', 'approved']), or(...conds))).orderBy(order.date, order.id);
  const views = await orderViews(ctx, list);
  return views.map((v, i) => {
    const r = list[i]!;
    const mayCanteen = canteens.includes(r.orgId) && !r.canteenApprovedAt;
    const mayUnit = units.includes(r.unitId) && !r.unitApprovedAt;
    return { ...v, mayApprove: r.status === 'requested' && r.personId !== ctx.user!.id && (mayCanteen || mayUnit) };
  });
}

export type { Meal };
