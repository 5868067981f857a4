import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { line, order } from './schema.ts';
import type { Meal } from './settings.ts';

/** Splits `total` over `weights` in whole fen, largest remainders first, so the parts add up exactly. */
function allocate(total: number, weights: number[]): number[] {
  const w = weights.reduce((s, x) => s + x, 0);
  if (w === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((x) => (total * x) / w);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((s, x) => s + x, 0);
  for (const { i } of raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i)) {
    if (rest-- <= 0) break;
    out[i]!++;
  }
  return out;
}

export interface OrderSale { date: string; meal: Meal; dishId: number; portions: number; revenueFen: number }

/**
 * A canteen's order revenue of one day (the meal date) per meal and dish, for the daily settlement:
 * takeout that was paid and not given back (collected, waiting, or a forfeited no-show), spread over
 * its dishes by menu value; meeting and official meals billed to units, under dish 0 (no dish) as
 * the costing import does for a meal without dishes. Reads no permission: the caller checks its own.
 */
export async function orderSalesByDish(ctx: Ctx, canteenId: number, date: string): Promise<OrderSale[]> {
  const rows = await ctx.db.select().from(order).where(and(eq(order.orgId, canteenId), eq(order.date, date), inArray(order.status, ['paid', 'ready', 'picked_up', 'no_show', 'served'])));
  const live = rows.filter((r) => r.refundEntryId === null && (r.kind === 'takeout' ? r.payEntryId !== null : r.billEntryId !== null));
  const lines = live.length ? await ctx.db.select().from(line).where(inArray(line.orderId, live.map((r) => r.id))).orderBy(line.id) : [];
  const out = new Map<string, OrderSale>();
  const add = (meal: Meal, dishId: number, portions: number, revenueFen: number) => {
    const key = `${meal}|${dishId}`;
    const was = out.get(key) ?? { date, meal, dishId, portions: 0, revenueFen: 0 };
    out.set(key, { ...was, portions: was.portions + portions, revenueFen: was.revenueFen + revenueFen });
  };
  for (const r of live) {
    const ls = lines.filter((l) => l.orderId === r.id);
    if (r.kind !== 'takeout' || !ls.length) {
      add(r.meal, 0, r.headcount, r.dueFen);
      continue;
    }
    const parts = allocate(r.dueFen, ls.map((l) => l.amountFen));
    ls.forEach((l, i) => add(r.meal, l.dishId, l.portions, parts[i]!));
  }
  return [...out.values()];
}
