/** Grams to buy for `netG` usable grams at a yield of `yieldPct` %, unrounded. */
export const grossGrams = (netG: number, yieldPct: number) => (netG * 100) / yieldPct;

/**
 * Estimated cost of one portion in fen: purchased grams of each line × price per gram. Lines
 * without a price are listed, so a cost is never silently understated.
 */
export function portionCost(
  lines: { ingredientId: number; netG: number; yieldPct: number }[],
  prices: Map<number, { priceFen: number; gramsPerUnit: number }>,
): { costFen: number; unpriced: number[] } {
  let cost = 0;
  const unpriced: number[] = [];
  for (const l of lines) {
    const p = prices.get(l.ingredientId);
    if (!p) unpriced.push(l.ingredientId);
    else cost += (grossGrams(l.netG, l.yieldPct) * p.priceFen) / p.gramsPerUnit;
  }
  return { costFen: Math.round(cost), unpriced };
}

/**
 * Grams to buy per ingredient for the planned portions: Σ portions × net grams ÷ yield, rounded up
 * once per ingredient (not per dish), so rounding never adds more than a gram.
 */
export function ingredientNeeds(demand: { dishId: number; portions: number }[], recipes: Map<number, { ingredientId: number; netG: number; yieldPct: number }[]>): Map<number, number> {
  const exact = new Map<number, number>();
  for (const d of demand) {
    for (const l of recipes.get(d.dishId) ?? []) {
      exact.set(l.ingredientId, (exact.get(l.ingredientId) ?? 0) + d.portions * grossGrams(l.netG, l.yieldPct));
    }
  }
  // The epsilon absorbs binary rounding of exact sums (e.g. 3 × 100/3), which must not add a gram.
  return new Map([...exact.entries()].map(([id, g]) => [id, Math.max(0, Math.ceil(g - 1e-6))]));
}
