import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { arrayParam, rows } from '../../core/db.ts';
import type { MoveKind } from './ledger.ts';
import { P } from './permissions.ts';

/**
 * Read-side sums for reports and costing. Every canteen named must be readable by the caller.
 * Period sums come from the daily sums kept with the moves, so a year costs the same as a week.
 */
function readable(ctx: Ctx, canteenIds: number[]): number[] {
  for (const id of canteenIds) ctx.access.requireCanteen(P['stock.stock.read'], id);
  return canteenIds;
}

export interface KindSum { ingredientId: number; kind: MoveKind; qtyG: number; valueFen: number; moves: number; day?: string }

/** Moves summed per ingredient and kind over [from, to] (per day too when `byDay`). */
export async function movementSums(ctx: Ctx, q: { canteenIds: number[]; from: string; to: string; byDay?: boolean }): Promise<KindSum[]> {
  const ids = readable(ctx, q.canteenIds);
  const list = await rows<{ day: string | null; ingredient_id: number; kind: MoveKind; q: string; v: string; n: number }>(ctx.db, sql`
    select ${q.byDay ? sql`day::text` : sql`null`} as day, ingredient_id, kind, sum(qty_g)::bigint as q, sum(value_fen)::bigint as v, sum(moves)::int as n
    from stock_daily where org_id = any(${arrayParam(ids)}::int[]) and day between ${q.from}::date and ${q.to}::date
    group by 1, 2, 3`);
  return list.map((r) => ({ ingredientId: Number(r.ingredient_id), kind: r.kind, qtyG: Number(r.q), valueFen: Number(r.v), moves: Number(r.n), ...(r.day ? { day: r.day } : {}) }));
}

/** Stock per ingredient at the start of `date` (everything moved before it). */
export async function balancesBefore(ctx: Ctx, q: { canteenIds: number[]; date: string }): Promise<Map<number, { qtyG: number; valueFen: number }>> {
  const ids = readable(ctx, q.canteenIds);
  const list = await rows<{ ingredient_id: number; q: string; v: string }>(ctx.db, sql`
    select ingredient_id, sum(qty_g)::bigint as q, sum(value_fen)::bigint as v
    from stock_daily where org_id = any(${arrayParam(ids)}::int[]) and day < ${q.date}::date group by 1`);
  return new Map(list.map((r) => [Number(r.ingredient_id), { qtyG: Number(r.q), valueFen: Number(r.v) }]));
}

export interface PurchaseSum { supplierId: number | null; ingredientId: number; receivedG: number; receivedFen: number; rejectedG: number; returnedG: number; returnedFen: number; receipts: number }

/** What came in from each supplier (accepted, rejected) and went back to it, per ingredient, over [from, to]. */
export async function purchaseSums(ctx: Ctx, q: { canteenIds: number[]; from: string; to: string }): Promise<PurchaseSum[]> {
  const ids = readable(ctx, q.canteenIds);
  const list = await rows<{ supplier_id: number | null; ingredient_id: number; rg: string; rf: string; xg: string; tg: string; tf: string; n: number }>(ctx.db, sql`
    with received as (
      select d.supplier_id, l.ingredient_id, sum(l.accepted_g) as rg, sum(l.amount_fen) as rf, sum(l.delivered_g - l.accepted_g) as xg, count(distinct d.id) as n
      from stock_receipt_line l join stock_doc d on d.id = l.doc_id
      where d.org_id = any(${arrayParam(ids)}::int[]) and d.kind = 'receipt' and d.business_date between ${q.from}::date and ${q.to}::date
      group by 1, 2
    ), returned as (
      select b.supplier_id, m.ingredient_id, -sum(m.qty_g) as tg, -sum(m.value_fen) as tf
      from stock_move m join stock_batch b on b.id = m.batch_id
      where m.org_id = any(${arrayParam(ids)}::int[]) and m.kind = 'return' and m.business_date between ${q.from}::date and ${q.to}::date
      group by 1, 2
    )
    select coalesce(r.supplier_id, t.supplier_id) as supplier_id, coalesce(r.ingredient_id, t.ingredient_id) as ingredient_id,
      coalesce(r.rg, 0)::bigint as rg, coalesce(r.rf, 0)::bigint as rf, coalesce(r.xg, 0)::bigint as xg,
      coalesce(t.tg, 0)::bigint as tg, coalesce(t.tf, 0)::bigint as tf, coalesce(r.n, 0)::int as n
    from received r full join returned t on t.supplier_id is not distinct from r.supplier_id and t.ingredient_id = r.ingredient_id`);
  return list.map((r) => ({
    supplierId: r.supplier_id === null ? null : Number(r.supplier_id), ingredientId: Number(r.ingredient_id), receivedG: Number(r.rg), receivedFen: Number(r.rf),
    rejectedG: Number(r.xg), returnedG: Number(r.tg), returnedFen: Number(r.tf), receipts: Number(r.n),
  }));
}

/** Cost of what was issued to the kitchen per day, meal and ingredient (issues without a meal count as 'other'). */
export async function issueCosts(ctx: Ctx, q: { canteenIds: number[]; from: string; to: string }) {
  const ids = readable(ctx, q.canteenIds);
  const list = await rows<{ day: string; meal: string | null; ingredient_id: number; g: string; v: string }>(ctx.db, sql`
    select m.business_date::text as day, d.meal, m.ingredient_id, -sum(m.qty_g)::bigint as g, -sum(m.value_fen)::bigint as v
    from stock_move m join stock_doc d on d.id = m.doc_id
    where m.org_id = any(${arrayParam(ids)}::int[]) and m.kind = 'issue' and m.business_date between ${q.from}::date and ${q.to}::date
    group by 1, 2, 3`);
  return list.map((r) => ({ day: r.day, meal: r.meal, ingredientId: Number(r.ingredient_id), qtyG: Number(r.g), valueFen: Number(r.v) }));
}

/** Value and grams on hand per ingredient (for an average cost per gram where nothing was issued). */
export async function stockValues(ctx: Ctx, canteenId: number, ingredientIds: number[]): Promise<Map<number, { qtyG: number; valueFen: number }>> {
  readable(ctx, [canteenId]);
  if (!ingredientIds.length) return new Map();
  const list = await rows<{ ingredient_id: number; q: string; v: string }>(ctx.db, sql`
    select ingredient_id, sum(qty_g)::bigint as q, sum(value_fen)::bigint as v from stock_batch
    where org_id = ${canteenId} and ingredient_id = any(${arrayParam(ingredientIds)}::int[]) and qty_g > 0 group by 1`);
  return new Map(list.map((r) => [Number(r.ingredient_id), { qtyG: Number(r.q), valueFen: Number(r.v) }]));
}

export interface InspectionSummary {
  supplierId: number | null;
  receipts: number;
  lines: number;
  accepted: number;
  partial: number;
  rejected: number;
  good: number;
  fair: number;
  poor: number;
  lastReceivedOn: string;
}

/**
 * Receiving-inspection results of one canteen per supplier over [from, to]: counts of receipts, lines,
 * decisions and quality grades, no quantities or prices. For the public disclosure (阳光公示), which any
 * signed-in person of the bureau may read, so it asks for no stock permission: the caller decides who reads it.
 */
export async function inspectionSummary(ctx: Ctx, q: { canteenId: number; from: string; to: string }): Promise<InspectionSummary[]> {
  const list = await rows<{ supplier_id: number | null; receipts: number; lines: number; accepted: number; partial: number; rejected: number; good: number; fair: number; poor: number; last_on: string }>(ctx.db, sql`
    select d.supplier_id, count(distinct d.id)::int as receipts, count(*)::int as lines,
      count(*) filter (where l.decision = 'accepted')::int as accepted, count(*) filter (where l.decision = 'partial')::int as partial,
      count(*) filter (where l.decision = 'rejected')::int as rejected, count(*) filter (where l.grade = 'good')::int as good,
      count(*) filter (where l.grade = 'fair')::int as fair, count(*) filter (where l.grade = 'poor')::int as poor, max(d.business_date)::text as last_on
    from stock_doc d join stock_receipt_line l on l.doc_id = d.id
    where d.org_id = ${q.canteenId} and d.kind = 'receipt' and d.business_date between ${q.from}::date and ${q.to}::date
    group by 1 order by 3 desc`);
  return list.map((r) => ({
    supplierId: r.supplier_id === null ? null : Number(r.supplier_id), receipts: Number(r.receipts), lines: Number(r.lines),
    accepted: Number(r.accepted), partial: Number(r.partial), rejected: Number(r.rejected),
    good: Number(r.good), fair: Number(r.fair), poor: Number(r.poor), lastReceivedOn: r.last_on,
  }));
}
