import type { Ctx } from '../../core/context.ts';
import { dishesByIds, grossGrams, recipesFor } from '../dish/index.ts';
import { publishedDemand } from '../menu/index.ts';
import { issueCosts, stockValues } from '../stock/index.ts';
import { pricesFor } from '../supplier/index.ts';
import { P } from './permissions.ts';
import { dishSales, salesSums } from './sales.ts';

const MEAL_ORDER = ['breakfast', 'lunch', 'dinner', 'late', null];
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * Actual cost of each meal: what was issued for it at batch cost, beside what was planned and sold.
 * Issues posted without a meal are shown as their own row, so no cost disappears.
 */
export async function mealCosts(ctx: Ctx, q: { canteenId: number; from: string; to: string }) {
  ctx.access.requireCanteen(P['costing.costing.read'], q.canteenId);
  const [issues, sales, demand] = [await issueCosts(ctx, { canteenIds: [q.canteenId], ...q }), await salesSums(ctx, { canteenIds: [q.canteenId], ...q }), await publishedDemand(ctx, q.canteenId, q.from, q.to)];
  const dishes = await dishesByIds(ctx, demand.map((d) => d.dishId));
  const rows = new Map<string, { date: string; meal: string | null; plannedPortions: number; plannedRevenueFen: number; soldPortions: number; revenueFen: number; costFen: number }>();
  const row = (date: string, meal: string | null) => {
    const k = `${date}|${meal}`;
    if (!rows.has(k)) rows.set(k, { date, meal, plannedPortions: 0, plannedRevenueFen: 0, soldPortions: 0, revenueFen: 0, costFen: 0 });
    return rows.get(k)!;
  };
  for (const d of demand) {
    const r = row(d.date, d.meal);
    r.plannedPortions += d.portions;
    r.plannedRevenueFen += d.portions * (dishes.get(d.dishId)?.priceFen ?? 0);
  }
  for (const s of sales) Object.assign(row(s.day, s.meal), { soldPortions: row(s.day, s.meal).soldPortions + s.portions, revenueFen: row(s.day, s.meal).revenueFen + s.revenueFen });
  for (const i of issues) row(i.day, i.meal).costFen += i.valueFen;
  return [...rows.values()].map((r) => {
    const portions = r.soldPortions || r.plannedPortions;
    return { ...r, costPerPortionFen: portions ? Math.round(r.costFen / portions) : null, marginFen: r.revenueFen - r.costFen, marginPct: pct(r.revenueFen - r.costFen, r.revenueFen) };
  }).sort((a, b) => a.date.localeCompare(b.date) || MEAL_ORDER.indexOf(a.meal) - MEAL_ORDER.indexOf(b.meal));
}

/**
 * Cost per portion of each planned dish from real batch costs: the cost per gram of what was
 * issued that day, else of what is in stock, else the price list (each line says which it used).
 */
export async function dishCosts(ctx: Ctx, q: { canteenId: number; date: string }) {
  ctx.access.requireCanteen(P['costing.costing.read'], q.canteenId);
  const demand = await publishedDemand(ctx, q.canteenId, q.date, q.date);
  const recipes = await recipesFor(ctx, demand.map((d) => d.dishId));
  const ids = [...new Set([...recipes.values()].flat().map((l) => l.ingredientId))];
  const issuedPerG = new Map<number, { q: number; v: number }>();
  for (const i of await issueCosts(ctx, { canteenIds: [q.canteenId], from: q.date, to: q.date })) {
    const was = issuedPerG.get(i.ingredientId) ?? { q: 0, v: 0 };
    issuedPerG.set(i.ingredientId, { q: was.q + i.qtyG, v: was.v + i.valueFen });
  }
  const [onHand, prices] = [await stockValues(ctx, q.canteenId, ids), await pricesFor(ctx, q.canteenId, ids, q.date)];
  const perGram = (id: number): { fen: number; source: 'issued' | 'stock' | 'price_list' } | null => {
    const i = issuedPerG.get(id);
    if (i?.q) return { fen: i.v / i.q, source: 'issued' };
    const s = onHand.get(id);
    if (s?.qtyG) return { fen: s.valueFen / s.qtyG, source: 'stock' };
    const p = prices.get(id);
    return p ? { fen: p.priceFen / p.gramsPerUnit, source: 'price_list' } : null;
  };
  const dishes = await dishesByIds(ctx, demand.map((d) => d.dishId));
  const sold = await dishSales(ctx, q.canteenId, q.date);
  return demand.map((d) => {
    const dish = dishes.get(d.dishId)!;
    const lines = (recipes.get(d.dishId) ?? []).map((l) => {
      const c = perGram(l.ingredientId);
      return { ingredientId: l.ingredientId, grossG: grossGrams(l.netG, l.yieldPct), costFen: c ? grossGrams(l.netG, l.yieldPct) * c.fen : null, source: c?.source ?? null };
    });
    const costFen = Math.round(lines.reduce((s, l) => s + (l.costFen ?? 0), 0));
    const s = sold.find((x) => x.dishId === d.dishId && x.meal === d.meal);
    return {
      meal: d.meal, dishId: d.dishId, code: dish.code, name: dish.name, nameEn: dish.nameEn, plannedPortions: d.portions, priceFen: dish.priceFen,
      costFen, marginFen: dish.priceFen - costFen, marginPct: pct(dish.priceFen - costFen, dish.priceFen),
      soldPortions: s?.portions ?? null, revenueFen: s?.revenueFen ?? null,
      uncosted: lines.filter((l) => l.costFen === null).map((l) => l.ingredientId),
      sources: [...new Set(lines.map((l) => l.source).filter((x) => x))],
    };
  }).sort((a, b) => MEAL_ORDER.indexOf(a.meal) - MEAL_ORDER.indexOf(b.meal) || a.code.localeCompare(b.code));
}
