/** Shapes of the costing API (server/src/modules/costing/costing.ts), as the pages read them. */

export interface MealCost {
  date: string; meal: string | null; plannedPortions: number; plannedRevenueFen: number; soldPortions: number; revenueFen: number; costFen: number;
  costPerPortionFen: number | null; marginFen: number; marginPct: number | null;
}

export type CostSource = 'issued' | 'stock' | 'price_list';
export interface DishCost {
  meal: string; dishId: number; code: string; name: string; nameEn: string | null; plannedPortions: number; priceFen: number;
  costFen: number; marginFen: number; marginPct: number | null; soldPortions: number | null; revenueFen: number | null;
  /** Ingredients of the recipe with no cost anywhere (not issued, not in stock, no price): the cost is too low by them. */
  uncosted: number[];
  sources: CostSource[];
}
