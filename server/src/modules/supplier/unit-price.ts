/** A supplier's price converted to the ingredient's own purchase unit (a quote per kg for a 斤 ingredient). */
export function unitPrice(quote: { priceFen: number; gramsPerUnit: number }, gramsPerUnit: number): number {
  return Math.round((quote.priceFen * gramsPerUnit) / quote.gramsPerUnit);
}
