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
