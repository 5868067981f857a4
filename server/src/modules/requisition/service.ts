import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { nextDocNumber } from '../../core/doc-number.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { ingredientNeeds, recipesFor } from '../dish/index.ts';
import { ingredientsByIds, requireUsableBy } from '../ingredient/index.ts';
import { publishedDemand } from '../menu/index.ts';
import { onHand } from '../stock/index.ts';
import { pricesFor } from '../supplier/index.ts';
import type { LinesInput } from './contracts.ts';
import { unitPrice, unitsToBuy } from './netting.ts';
import { P } from './permissions.ts';
import { requisition, requisitionLine } from './schema.ts';

const WHAT = { zh: '请购单', en: 'Requisition' };
type Requisition = typeof requisition.$inferSelect;

async function load(ctx: Ctx, id: number, permission: string, lock = false): Promise<Requisition> {
  const q = ctx.db.select().from(requisition).where(eq(requisition.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !ctx.access.can(P['requisition.requisition.read'], row.orgId)) throw notFound(WHAT);
  ctx.access.require(permission, row.orgId);
  return row;
}

export async function listRequisitions(ctx: Ctx, q: { canteenId?: number; status?: Requisition['status'] }) {
  const scope = ctx.access.scope(P['requisition.requisition.read']);
  const conds = [inArray(requisition.orgId, scope.length ? scope : [-1])];
  if (q.canteenId) conds.push(eq(requisition.orgId, q.canteenId));
  if (q.status) conds.push(eq(requisition.status, q.status));
  const list = await ctx.db.select({
    id: requisition.id, orgId: requisition.orgId, no: requisition.no, dateFrom: requisition.dateFrom, dateTo: requisition.dateTo, status: requisition.status,
    totalFen: requisition.totalFen, createdBy: requisition.createdBy, createdAt: requisition.createdAt, decidedAt: requisition.decidedAt,
    lines: sql<number>`(select count(*)::int from ${requisitionLine} l where l.requisition_id = "requisition_requisition"."id")`,
  }).from(requisition).where(and(...conds)).orderBy(desc(requisition.createdAt), desc(requisition.id)).limit(300);
  const names = await personNames(ctx.db, list.map((r) => r.createdBy));
  return list.map((r) => ({ ...r, canteenName: ctx.tree.get(r.orgId)?.name, createdByName: names.get(r.createdBy) ?? null }));
}

export async function getRequisition(ctx: Ctx, id: number) {
  const r = await load(ctx, id, P['requisition.requisition.read']);
  const lines = await ctx.db.select().from(requisitionLine).where(eq(requisitionLine.requisitionId, id)).orderBy(asc(requisitionLine.id));
  const ings = await ingredientsByIds(ctx, lines.map((l) => l.ingredientId));
  const names = await personNames(ctx.db, [r.createdBy, r.decidedBy]);
  return {
    ...r,
    canteenName: ctx.tree.get(r.orgId)?.name,
    createdByName: names.get(r.createdBy) ?? null,
    decidedByName: r.decidedBy ? names.get(r.decidedBy) ?? null : null,
    lines: lines.map((l) => ({ ...l, code: ings.get(l.ingredientId)?.code, name: ings.get(l.ingredientId)?.name, nameEn: ings.get(l.ingredientId)?.nameEn, category: ings.get(l.ingredientId)?.category })),
  };
}

/** Prices one line from the supplier price lists valid on the first day of the requisition. */
function priceLine(qty: number, gramsPerUnit: number, quote?: { priceFen: number; gramsPerUnit: number; supplierId: number; supplierName: string }) {
  const unitPriceFen = quote ? unitPrice(quote, gramsPerUnit) : null;
  return { unitPriceFen, amountFen: unitPriceFen === null ? 0 : unitPriceFen * qty, supplierId: quote?.supplierId ?? null, supplierName: quote?.supplierName ?? null };
}

/**
 * Builds the requisition for the published plans of a canteen in a date range: need = Σ portions ×
 * net grams ÷ yield, minus stock on hand, rounded up to purchase units, priced from the price lists.
 * A draft for the same range is regenerated; an open requisition overlapping the range blocks a new one.
 */
export async function generateRequisition(ctx: Ctx, input: { canteenId: number; from: string; to: string }) {
  ctx.access.requireCanteen(P['requisition.requisition.write'], input.canteenId);
  const overlapping = await ctx.db.select().from(requisition).where(and(
    eq(requisition.orgId, input.canteenId), ne(requisition.status, 'rejected'), lte(requisition.dateFrom, input.to), gte(requisition.dateTo, input.from),
  )).for('update');
  const sameDraft = overlapping.find((r) => r.status === 'draft' && r.dateFrom === input.from && r.dateTo === input.to);
  const blocking = overlapping.filter((r) => r !== sameDraft);
  if (blocking.length) {
    const nos = blocking.map((r) => r.no).join(', ');
    throw conflict('requisition_overlap', `这些日期已有请购单：${nos}`, `Requisitions already cover these dates: ${nos}`, { requisitions: blocking.map((r) => ({ id: r.id, no: r.no })) });
  }
  const demand = await publishedDemand(ctx, input.canteenId, input.from, input.to);
  if (!demand.length) throw new AppError(422, 'no_published_plans', '所选日期没有已发布的菜品计划', 'There are no published menu plans on these dates');
  const needs = ingredientNeeds(demand, await recipesFor(ctx, demand.map((d) => d.dishId)));
  const ids = [...needs.keys()];
  const [ings, stock, prices] = [await ingredientsByIds(ctx, ids), await onHand(ctx, input.canteenId, ids), await pricesFor(ctx, input.canteenId, ids, input.from)];
  let reqId: number;
  if (sameDraft) {
    reqId = sameDraft.id;
    await ctx.db.delete(requisitionLine).where(eq(requisitionLine.requisitionId, reqId));
  } else {
    const [row] = await ctx.db.insert(requisition).values({
      orgId: input.canteenId, no: await nextDocNumber(ctx, requisition, requisition.no, 'QG', input.canteenId), dateFrom: input.from, dateTo: input.to, createdBy: ctx.user!.id, createdAt: ctx.now(),
    }).returning({ id: requisition.id });
    reqId = row!.id;
  }
  const lines = ids.map((id) => {
    const ing = ings.get(id)!;
    const qty = unitsToBuy(needs.get(id)!, stock.get(id) ?? 0, ing.gramsPerUnit);
    return {
      requisitionId: reqId, ingredientId: id, needG: needs.get(id)!, onHandG: stock.get(id) ?? 0, purchaseUnit: ing.purchaseUnit, gramsPerUnit: ing.gramsPerUnit,
      suggestedQty: qty, qty, ...priceLine(qty, ing.gramsPerUnit, prices.get(id)),
    };
  }).sort((a, b) => (ings.get(a.ingredientId)!.category + ings.get(a.ingredientId)!.code).localeCompare(ings.get(b.ingredientId)!.category + ings.get(b.ingredientId)!.code));
  for (let i = 0; i < lines.length; i += 500) await ctx.db.insert(requisitionLine).values(lines.slice(i, i + 500));
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  await ctx.db.update(requisition).set({ totalFen, status: 'draft' }).where(eq(requisition.id, reqId));
  await audit(ctx, { orgId: input.canteenId, action: sameDraft ? 'requisition.regenerated' : 'requisition.generated', entity: 'requisition', entityId: reqId,
    after: { ...input, lines: lines.length, totalFen, unpriced: lines.filter((l) => l.unitPriceFen === null).length } });
  return getRequisition(ctx, reqId);
}

/** Quantities and notes change while a requisition is a draft (or after it was sent back). */
export async function editLines(ctx: Ctx, id: number, input: z.infer<typeof LinesInput>) {
  const r = await load(ctx, id, P['requisition.requisition.write'], true);
  if (r.status !== 'draft' && r.status !== 'rejected') {
    throw conflict('requisition_locked', '已提交或已审核的请购单不能修改', 'A submitted or approved requisition cannot be changed');
  }
  const existing = await ctx.db.select().from(requisitionLine).where(eq(requisitionLine.requisitionId, id));
  const byIng = new Map(existing.map((l) => [l.ingredientId, l]));
  const added = input.lines.filter((l) => !byIng.has(l.ingredientId)).map((l) => l.ingredientId);
  const addedIngs = added.length ? await requireUsableBy(ctx, r.orgId, added) : new Map();
  const prices = added.length ? await pricesFor(ctx, r.orgId, added, r.dateFrom) : new Map();
  for (const l of input.lines) {
    const old = byIng.get(l.ingredientId);
    if (old) {
      const amountFen = old.unitPriceFen === null ? 0 : old.unitPriceFen * l.qty;
      await ctx.db.update(requisitionLine).set({ qty: l.qty, note: l.note, amountFen }).where(eq(requisitionLine.id, old.id));
    } else {
      const ing = addedIngs.get(l.ingredientId)!;
      await ctx.db.insert(requisitionLine).values({
        requisitionId: id, ingredientId: l.ingredientId, needG: 0, onHandG: 0, purchaseUnit: ing.purchaseUnit, gramsPerUnit: ing.gramsPerUnit,
        suggestedQty: 0, qty: l.qty, note: l.note, ...priceLine(l.qty, ing.gramsPerUnit, prices.get(l.ingredientId)),
      });
    }
  }
  const [sum] = await ctx.db.select({ total: sql<number>`coalesce(sum(${requisitionLine.amountFen}), 0)::bigint` }).from(requisitionLine).where(eq(requisitionLine.requisitionId, id));
  await ctx.db.update(requisition).set({ totalFen: Number(sum!.total), status: 'draft', note: input.note ?? r.note }).where(eq(requisition.id, id));
  await audit(ctx, { orgId: r.orgId, action: 'requisition.edited', entity: 'requisition', entityId: id,
    before: { status: r.status, totalFen: r.totalFen, lines: existing.map((l) => ({ ingredientId: l.ingredientId, qty: l.qty, note: l.note })) },
    after: { totalFen: Number(sum!.total), lines: input.lines } });
  return getRequisition(ctx, id);
}

export async function submitRequisition(ctx: Ctx, id: number) {
  const r = await load(ctx, id, P['requisition.requisition.write'], true);
  if (r.status !== 'draft') throw conflict('requisition_status', '只有草稿可以提交', 'Only a draft can be submitted');
  const [lines] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(requisitionLine).where(and(eq(requisitionLine.requisitionId, id), sql`${requisitionLine.qty} > 0`));
  if (!lines!.n) throw new AppError(422, 'requisition_empty', '请购单没有要采购的食材', 'The requisition has nothing to buy');
  await ctx.db.update(requisition).set({ status: 'submitted', submittedAt: ctx.now() }).where(eq(requisition.id, id));
  await audit(ctx, { orgId: r.orgId, action: 'requisition.submitted', entity: 'requisition', entityId: id, before: { status: r.status }, after: { status: 'submitted' } });
  ctx.emit('requisition.submitted', { requisitionId: id, canteenId: r.orgId });
  return getRequisition(ctx, id);
}

/** Approval by someone other than the author: purchasing starts only after it (seed 001 line 855). */
export async function decideRequisition(ctx: Ctx, id: number, approve: boolean, comment: string) {
  const r = await load(ctx, id, P['requisition.requisition.approve'], true);
  if (r.status !== 'submitted') throw conflict('requisition_status', '只有已提交的请购单可以审核', 'Only a submitted requisition can be decided');
  if (r.createdBy === ctx.user!.id) throw new AppError(403, 'own_requisition', '不能审核自己生成的请购单', 'You cannot decide on a requisition you generated');
  const status = approve ? 'approved' : 'rejected';
  await ctx.db.update(requisition).set({ status, decidedBy: ctx.user!.id, decidedAt: ctx.now(), decisionComment: comment }).where(eq(requisition.id, id));
  await audit(ctx, { orgId: r.orgId, action: `requisition.${status}`, entity: 'requisition', entityId: id, before: { status: r.status }, after: { status, comment } });
  ctx.emit(`requisition.${status}`, { requisitionId: id, canteenId: r.orgId });
  return getRequisition(ctx, id);
}
