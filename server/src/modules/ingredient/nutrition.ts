/** Nutrients of an amount of food; ingredients store them per 100 g of edible portion. */
export interface Nutrients {
  energyKcal: number;
  proteinG: number;
  fatG: number;
  carbohydrateG: number;
  fibreG: number;
  sodiumMg: number;
}

export const NUTRIENT_KEYS = ['energyKcal', 'proteinG', 'fatG', 'carbohydrateG', 'fibreG', 'sodiumMg'] as const;

export const zeroNutrients = (): Nutrients => ({ energyKcal: 0, proteinG: 0, fatG: 0, carbohydrateG: 0, fibreG: 0, sodiumMg: 0 });

/**
 * Nutrition of a portion from its recipe. Recipe grams are net (trimmed, edible) grams, so the
 * trimming loss is already out: computing on purchased weight would overstate every nutrient.
 */
export function nutritionOf(lines: { netG: number; per100g: Nutrients }[]): Nutrients {
  const total = zeroNutrients();
  for (const l of lines) for (const k of NUTRIENT_KEYS) total[k] += (l.netG * l.per100g[k]) / 100;
  for (const k of NUTRIENT_KEYS) total[k] = Math.round(total[k] * 10) / 10;
  return total;
}

/** Energy share of protein, fat and carbohydrate (4/9/4 kcal per gram), for the 20–30 % fat / 50–65 % carbohydrate targets. */
export function energyShares(n: Nutrients): { protein: number; fat: number; carbohydrate: number } {
  const p = n.proteinG * 4, f = n.fatG * 9, c = n.carbohydrateG * 4;
  const sum = p + f + c;
  if (sum === 0) return { protein: 0, fat: 0, carbohydrate: 0 };
  return { protein: Math.round((p / sum) * 100), fat: Math.round((f / sum) * 100), carbohydrate: Math.round((c / sum) * 100) };
}
