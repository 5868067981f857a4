/** Whole purchase units to order: what is needed beyond stock on hand, rounded up. */
export function unitsToBuy(needG: number, onHandG: number, gramsPerUnit: number): number {
  const short = Math.max(0, needG - Math.max(0, onHandG));
  return Math.ceil(short / gramsPerUnit);
}

/** A supplier's price converted to the ingredient's own purchase unit (a quote per kg for a 斤 ingredient). */
export function unitPrice(quote: { priceFen: number; gramsPerUnit: number }, gramsPerUnit: number): number {
  return Math.round((quote.priceFen * gramsPerUnit) / quote.gramsPerUnit);
}
