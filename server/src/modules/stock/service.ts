import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { rows } from '../../core/db.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { addDays } from '../menu/index.ts';
import { ingredientsByIds, stockLimitsOf } from '../ingredient/index.ts';
import { suppliersUsableBy } from '../supplier/index.ts';
import { P } from './permissions.ts';
import { batch } from './schema.ts';

/** Days before best-before at which a batch counts as expiring soon. */
export const EXPIRY_WARNING_DAYS = 2;

/** Stock on hand per ingredient in one canteen, with value, batches, nearest best-before and limits. */
export async function stockOnHand(ctx: Ctx, q: { canteenId: number; search?: string; category?: string }) {
  ctx.access.requireCanteen(P['stock.stock.read'], q.canteenId);
  const today = chinaDate(ctx.now());
  const list = await rows<{ ingredient_id: number; qty_g: string; value_fen: string; batches: number; first_best_before: string; expired_g: string; expiring_g: string }>(ctx.db, sql`
    select ingredient_id, sum(qty_g)::bigint as qty_g, sum(value_fen)::bigint as value_fen, count(*)::int as batches,
      min(best_before)::text as first_best_before,
      coalesce(sum(qty_g) filter (where best_before < ${today}::date), 0)::bigint as expired_g,
      coalesce(sum(qty_g) filter (where best_before >= ${today}::date and best_before <= ${addDays(today, EXPIRY_WARNING_DAYS)}::date), 0)::bigint as expiring_g
    from stock_batch where org_id = ${q.canteenId} and qty_g > 0 group by ingredient_id`);
  const limits = await stockLimitsOf(ctx, q.canteenId);
  const ids = [...new Set([...list.map((r) => Number(r.ingredient_id)), ...limits.keys()])];
  const ings = await ingredientsByIds(ctx, ids);
  const byId = new Map(list.map((r) => [Number(r.ingredient_id), r]));
  const search = q.search?.toLowerCase();
  return ids.map((id) => {
    const r = byId.get(id);
    const i = ings.get(id)!;
    const qtyG = Number(r?.qty_g ?? 0);
    const lim = limits.get(id);
    return {
      ingredientId: id, code: i.code, name: i.name, nameEn: i.nameEn, category: i.category, purchaseUnit: i.purchaseUnit, gramsPerUnit: i.gramsPerUnit,
      qtyG, valueFen: Number(r?.value_fen ?? 0), batches: r?.batches ?? 0, firstBestBefore: r?.first_best_before ?? null,
      expiredG: Number(r?.expired_g ?? 0), expiringG: Number(r?.expiring_g ?? 0), minG: lim?.minG ?? null, maxG: lim?.maxG ?? null,
      belowMin: lim ? qtyG < lim.minG : false, aboveMax: lim ? lim.maxG > 0 && qtyG > lim.maxG : false,
    };
  }).filter((r) => (!q.category || r.category === q.category) && (!search || r.name.includes(search) || r.code.toLowerCase().includes(search) || r.nameEn.toLowerCase().includes(search)))
    .sort((a, b) => (a.category + a.code).localeCompare(b.category + b.code));
}

/** Batches of a canteen, first-expiring-first: what is left of each delivery and where it came from. */
export async function batchesOf(ctx: Ctx, q: { canteenId: number; ingredientId?: number; withEmpty?: '0' | '1' }) {
  ctx.access.requireCanteen(P['stock.stock.read'], q.canteenId);
  const conds = [eq(batch.orgId, q.canteenId)];
  if (q.ingredientId) conds.push(eq(batch.ingredientId, q.ingredientId));
  if (q.withEmpty !== '1') conds.push(sql`${batch.qtyG} > 0`);
  const list = await ctx.db.select().from(batch).where(and(...conds)).orderBy(asc(batch.bestBefore), asc(batch.id)).limit(2000);
  const ings = await ingredientsByIds(ctx, list.map((b) => b.ingredientId));
  const sups = await suppliersUsableBy(ctx, q.canteenId, [...new Set(list.filter((b) => b.supplierId).map((b) => b.supplierId!))]);
  const today = chinaDate(ctx.now());
  return list.map((b) => ({
    ...b, code: ings.get(b.ingredientId)?.code, name: ings.get(b.ingredientId)?.name, nameEn: ings.get(b.ingredientId)?.nameEn, category: ings.get(b.ingredientId)?.category,
    supplierName: b.supplierId ? sups.get(b.supplierId)?.name ?? null : null, expired: b.bestBefore < today,
  }));
}

/** Usable stock for other modules (requisition netting, issue proposals): grams per ingredient within best-before today. */
export async function onHand(ctx: Ctx, canteenId: number, ingredientIds: number[]): Promise<Map<number, number>> {
  if (!ingredientIds.length) return new Map();
  const list = await ctx.db.select({ ingredientId: batch.ingredientId, g: sql<string>`sum(${batch.qtyG})::bigint` }).from(batch)
    .where(and(eq(batch.orgId, canteenId), inArray(batch.ingredientId, ingredientIds), sql`${batch.qtyG} > 0`, sql`${batch.bestBefore} >= ${chinaDate(ctx.now())}::date`)).groupBy(batch.ingredientId);
  const found = new Map(list.map((r) => [r.ingredientId, Number(r.g)]));
  return new Map(ingredientIds.map((id) => [id, found.get(id) ?? 0]));
}
