import { grossGrams, type RecipeLine } from '../dish/index.ts';

/**
 * Grams to buy per ingredient for the planned portions: Σ portions × net grams ÷ yield, rounded up
 * once per ingredient (not per dish), so rounding never adds more than a gram.
 */
export function ingredientNeeds(demand: { dishId: number; portions: number }[], recipes: Map<number, RecipeLine[]>): Map<number, number> {
  const exact = new Map<number, number>();
  for (const d of demand) {
    for (const l of recipes.get(d.dishId) ?? []) {
      exact.set(l.ingredientId, (exact.get(l.ingredientId) ?? 0) + d.portions * grossGrams(l.netG, l.yieldPct));
    }
  }
  // The epsilon absorbs binary rounding of exact sums (e.g. 3 × 100/3), which must not add a gram.
  return new Map([...exact.entries()].map(([id, g]) => [id, Math.max(0, Math.ceil(g - 1e-6))]));
}

/** Whole purchase units to order: what is needed beyond stock on hand, rounded up. */
export function unitsToBuy(needG: number, onHandG: number, gramsPerUnit: number): number {
  const short = Math.max(0, needG - Math.max(0, onHandG));
  return Math.ceil(short / gramsPerUnit);
}

/** A supplier's price converted to the ingredient's own purchase unit (a quote per kg for a 斤 ingredient). */
export function unitPrice(quote: { priceFen: number; gramsPerUnit: number }, gramsPerUnit: number): number {
  return Math.round((quote.priceFen * gramsPerUnit) / quote.gramsPerUnit);
}
