/**
 * Where supplier prices come from. The local implementation reads a CSV/Excel file; a 食采云
 * (food-procurement cloud) adapter can implement the same interface later.
 */
export interface PriceQuote {
  ingredientCode: string;
  priceFen: number;
  /** Grams in the quoted unit; defaults to the ingredient's purchase unit. */
  gramsPerUnit?: number;
}

export interface PriceFeed {
  readonly source: string;
  quotes(): Promise<{ quotes: { row: number; quote: PriceQuote }[]; errors: { sheet: string; row: number; column?: string; message: string }[] }>;
}
