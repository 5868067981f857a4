import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { nextDocNumber } from '../../core/doc-number.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import type { ReportDocument } from '../../core/report-document.ts';
import { ingredientsByIds, PURCHASE_UNITS, type PurchaseUnit } from '../ingredient/index.ts';
import { getRequisition } from '../requisition/index.ts';
import { suppliersUsableBy } from '../supplier/index.ts';
import { supplierChannel } from './adapters/supplier-channel.ts';
import { P } from './permissions.ts';
import { purchaseOrder, purchaseOrderLine, type ORDER_STATUSES } from './schema.ts';

const WHAT = { zh: '采购单', en: 'Purchase order' };
type Order = typeof purchaseOrder.$inferSelect;
type Status = (typeof ORDER_STATUSES)[number];

/** Weighed deliveries rarely match the order to the gram: within 2 % short, a line counts as received. */
export const RECEIVED_TOLERANCE = 0.98;

async function load(ctx: Ctx, id: number, permission: string, lock = false): Promise<Order> {
  const q = ctx.db.select().from(purchaseOrder).where(eq(purchaseOrder.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !ctx.access.can(P['purchase.order.read'], row.orgId)) throw notFound(WHAT);
  ctx.access.require(permission, row.orgId);
  return row;
}

export async function listOrders(ctx: Ctx, q: { canteenId?: number; status?: Status; open?: '0' | '1' }) {
  const scope = ctx.access.scope(P['purchase.order.read']);
  const conds = [inArray(purchaseOrder.orgId, scope.length ? scope : [-1])];
  if (q.canteenId) conds.push(eq(purchaseOrder.orgId, q.canteenId));
  if (q.status) conds.push(eq(purchaseOrder.status, q.status));
  if (q.open === '1') conds.push(inArray(purchaseOrder.status, ['open', 'sent', 'partial']));
  const list = await ctx.db.select().from(purchaseOrder).where(and(...conds)).orderBy(desc(purchaseOrder.deliveryDate), desc(purchaseOrder.id)).limit(500);
  const names = new Map<number, string>();
  for (const orgId of new Set(list.map((o) => o.orgId))) {
    const sups = await suppliersUsableBy(ctx, orgId, [...new Set(list.filter((o) => o.orgId === orgId).map((o) => o.supplierId))]);
    for (const [sid, s] of sups) names.set(sid, s.name);
  }
  return list.map((o) => ({ ...o, canteenName: ctx.tree.get(o.orgId)?.name, supplierName: names.get(o.supplierId) ?? null }));
}

export async function getOrder(ctx: Ctx, id: number) {
  const o = await load(ctx, id, P['purchase.order.read']);
  const lines = await ctx.db.select().from(purchaseOrderLine).where(eq(purchaseOrderLine.orderId, id)).orderBy(asc(purchaseOrderLine.id));
  const ings = await ingredientsByIds(ctx, lines.map((l) => l.ingredientId));
  const sup = (await suppliersUsableBy(ctx, o.orgId, [o.supplierId])).get(o.supplierId);
  const names = await personNames(ctx.db, [o.createdBy]);
  return {
    ...o,
    canteenName: ctx.tree.get(o.orgId)?.name,
    canteenCode: ctx.tree.get(o.orgId)?.code,
    supplierName: sup?.name ?? null,
    supplierCode: sup?.code ?? null,
    createdByName: names.get(o.createdBy) ?? null,
    lines: lines.map((l) => {
      const ing = ings.get(l.ingredientId);
      const orderedG = l.qty * l.gramsPerUnit;
      return { ...l, code: ing?.code, name: ing?.name, nameEn: ing?.nameEn, category: ing?.category, orderedG, openG: Math.max(0, orderedG - l.receivedG) };
    }),
  };
}

/**
 * Splits an approved requisition into one order per supplier. A requisition is ordered once: a
 * second call reports the orders that exist. Lines without a supplier price stop it, named.
 */
export async function ordersFromRequisition(ctx: Ctx, input: { requisitionId: number; deliveryDate?: string }) {
  const r = await getRequisition(ctx, input.requisitionId);
  ctx.access.require(P['purchase.order.write'], r.orgId);
  if (r.status !== 'approved') throw conflict('requisition_not_approved', '请购单审核通过后才能生成采购单', 'Only an approved requisition can be ordered');
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`purchase-order-of-${r.id}`}))`);
  const existing = await ctx.db.select({ id: purchaseOrder.id, no: purchaseOrder.no }).from(purchaseOrder).where(eq(purchaseOrder.requisitionId, r.id));
  if (existing.length) {
    const nos = existing.map((o) => o.no).join(', ');
    throw conflict('requisition_ordered', `该请购单已生成采购单：${nos}`, `This requisition is already ordered: ${nos}`, { orders: existing });
  }
  const lines = r.lines.filter((l) => l.qty > 0);
  const unpriced = lines.filter((l) => l.supplierId === null || l.unitPriceFen === null);
  if (unpriced.length) {
    const names = unpriced.map((l) => l.name).join('、');
    throw new AppError(422, 'lines_without_supplier', `这些食材没有供应商报价，请先补充价格表：${names}`, `These ingredients have no supplier price; add them to a price list first: ${names}`, { ingredientIds: unpriced.map((l) => l.ingredientId) });
  }
  const bySupplier = new Map<number, typeof lines>();
  for (const l of lines) bySupplier.set(l.supplierId!, [...(bySupplier.get(l.supplierId!) ?? []), l]);
  const ids: number[] = [];
  for (const [supplierId, ls] of [...bySupplier.entries()].sort((a, b) => a[0] - b[0])) {
    const totalFen = ls.reduce((s, l) => s + l.amountFen, 0);
    const [o] = await ctx.db.insert(purchaseOrder).values({
      orgId: r.orgId, no: await nextDocNumber(ctx, purchaseOrder, purchaseOrder.no, 'CG', r.orgId), requisitionId: r.id, supplierId,
      deliveryDate: input.deliveryDate ?? r.dateFrom, totalFen, createdBy: ctx.user!.id, createdAt: ctx.now(),
    }).returning({ id: purchaseOrder.id, no: purchaseOrder.no });
    await ctx.db.insert(purchaseOrderLine).values(ls.map((l) => ({
      orderId: o!.id, ingredientId: l.ingredientId, purchaseUnit: l.purchaseUnit, gramsPerUnit: l.gramsPerUnit, qty: l.qty, unitPriceFen: l.unitPriceFen!, amountFen: l.amountFen,
    })));
    await audit(ctx, { orgId: r.orgId, action: 'purchase.order_created', entity: 'purchase_order', entityId: o!.id, after: { no: o!.no, requisitionId: r.id, supplierId, lines: ls.length, totalFen } });
    ids.push(o!.id);
  }
  return Promise.all(ids.map((id) => getOrder(ctx, id)));
}

export async function sendOrder(ctx: Ctx, id: number, channelKey: string) {
  const o = await load(ctx, id, P['purchase.order.write'], true);
  if (!['open', 'sent'].includes(o.status)) throw conflict('order_status', '只有未收货的采购单可以发送', 'Only an order not yet received can be sent');
  const channel = supplierChannel(channelKey);
  if (!channel) throw new AppError(400, 'unknown_channel', `没有发送方式 ${channelKey}`, `No sending channel ${channelKey}`);
  const full = await getOrder(ctx, id);
  const { ref } = await channel.send({
    no: o.no, canteen: { code: full.canteenCode ?? '', name: full.canteenName ?? '' }, supplier: { code: full.supplierCode ?? '', name: full.supplierName ?? '' },
    deliveryDate: o.deliveryDate, totalFen: o.totalFen,
    lines: full.lines.map((l) => ({ ingredientCode: l.code ?? '', ingredientName: l.name ?? '', purchaseUnit: l.purchaseUnit, qty: l.qty, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })),
  });
  await ctx.db.update(purchaseOrder).set({ status: 'sent', sentAt: ctx.now(), sentVia: channel.key, sentRef: ref }).where(eq(purchaseOrder.id, id));
  await audit(ctx, { orgId: o.orgId, action: 'purchase.order_sent', entity: 'purchase_order', entityId: id, before: { status: o.status }, after: { status: 'sent', via: channel.key, ref } });
  return getOrder(ctx, id);
}

/** Ends an order that will not be delivered in full: cancelled if nothing came, closed otherwise. */
export async function closeOrder(ctx: Ctx, id: number, reason: string) {
  const o = await load(ctx, id, P['purchase.order.write'], true);
  if (!['open', 'sent', 'partial'].includes(o.status)) throw conflict('order_status', '该采购单已结束', 'This order is already finished');
  const status: Status = o.status === 'partial' ? 'closed' : 'cancelled';
  await ctx.db.update(purchaseOrder).set({ status, note: reason }).where(eq(purchaseOrder.id, id));
  await audit(ctx, { orgId: o.orgId, action: `purchase.order_${status}`, entity: 'purchase_order', entityId: id, before: { status: o.status }, after: { status, reason } });
  return getOrder(ctx, id);
}

/** For goods receipt: the order, locked, if the canteen may still receive against it. */
export async function receivableOrder(ctx: Ctx, id: number, canteenId: number) {
  const [o] = await ctx.db.select().from(purchaseOrder).where(eq(purchaseOrder.id, id)).for('update');
  if (!o || o.orgId !== canteenId) throw notFound(WHAT);
  if (!['open', 'sent', 'partial'].includes(o.status)) throw conflict('order_status', `采购单 ${o.no} 已结束，不能再收货`, `Order ${o.no} is finished; nothing more can be received against it`);
  const lines = await ctx.db.select().from(purchaseOrderLine).where(eq(purchaseOrderLine.orderId, id));
  return { ...o, lines };
}

/** Adds what a receipt accepted to its order lines and moves the order to partial or received. */
export async function recordReceived(ctx: Ctx, orderId: number, received: { orderLineId: number; grams: number; fen: number }[]) {
  for (const r of received) {
    await ctx.db.update(purchaseOrderLine).set({
      receivedG: sql`${purchaseOrderLine.receivedG} + ${r.grams}`, receivedFen: sql`${purchaseOrderLine.receivedFen} + ${r.fen}`,
    }).where(and(eq(purchaseOrderLine.id, r.orderLineId), eq(purchaseOrderLine.orderId, orderId)));
  }
  const lines = await ctx.db.select().from(purchaseOrderLine).where(eq(purchaseOrderLine.orderId, orderId));
  const done = lines.every((l) => l.receivedG >= l.qty * l.gramsPerUnit * RECEIVED_TOLERANCE);
  const any = lines.some((l) => l.receivedG > 0);
  if (any) await ctx.db.update(purchaseOrder).set({ status: done ? 'received' : 'partial' }).where(eq(purchaseOrder.id, orderId));
}

const STATUS_ZH: Record<Status, string> = { open: '待发送', sent: '已发送', partial: '部分到货', received: '已到货', closed: '已关闭', cancelled: '已取消' };

/** The order as the supplier gets it: one printable document (PDF) with signature lines. */
export async function orderDocument(ctx: Ctx, id: number): Promise<ReportDocument> {
  const o = await getOrder(ctx, id);
  return {
    title: { zh: '采购单', en: 'Purchase order' },
    subtitle: o.canteenName ?? '',
    fields: [
      { zh: '采购单号', en: 'Order no.', value: o.no }, { zh: '供应商', en: 'Supplier', value: o.supplierName ?? '' },
      { zh: '送货日期', en: 'Delivery date', value: o.deliveryDate }, { zh: '状态', en: 'Status', value: STATUS_ZH[o.status] },
    ],
    columns: [
      { key: 'code', zh: '编码', en: 'Code', kind: 'text' }, { key: 'name', zh: '食材', en: 'Ingredient', kind: 'text', width: 2 },
      { key: 'unit', zh: '单位', en: 'Unit', kind: 'text' }, { key: 'qty', zh: '数量', en: 'Quantity', kind: 'int' },
      { key: 'unitPriceFen', zh: '单价(元)', en: 'Unit price', kind: 'fen' }, { key: 'amountFen', zh: '金额(元)', en: 'Amount', kind: 'fen', total: true },
      { key: 'receivedG', zh: '已收(kg)', en: 'Received kg', kind: 'grams' },
    ],
    rows: o.lines.map((l) => ({ code: l.code ?? '', name: l.name ?? '', unit: PURCHASE_UNITS[l.purchaseUnit as PurchaseUnit]?.zh ?? l.purchaseUnit, qty: l.qty, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen, receivedG: l.receivedG })),
    totals: true,
    signatures: [{ zh: '采购员', en: 'Buyer' }, { zh: '食堂负责人', en: 'Canteen head' }, { zh: '供应商确认', en: 'Supplier' }],
    footnote: '请按送货日期送至食堂后门验收；验收以验收秤称重为准。 Deliver to the canteen back door on the delivery date; the receiving scale weight counts.',
    generatedAt: ctx.now(),
    generatedBy: o.createdByName ?? undefined,
  };
}
