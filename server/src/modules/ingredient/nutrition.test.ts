import { describe, expect, it } from 'vitest';
import { energyShares, nutritionOf, zeroNutrients } from './nutrition.ts';

describe('nutrition per portion', () => {
  const rice = { ...zeroNutrients(), energyKcal: 130, proteinG: 2.7, fatG: 0.3, carbohydrateG: 28.2, fibreG: 0.4, sodiumMg: 1 };
  const egg = { ...zeroNutrients(), energyKcal: 143, proteinG: 12.6, fatG: 9.5, carbohydrateG: 0.7, sodiumMg: 142 };

  it('scales each ingredient by its net grams and sums', () => {
    const n = nutritionOf([{ netG: 200, per100g: rice }, { netG: 50, per100g: egg }]);
    expect(n).toEqual({ energyKcal: 331.5, proteinG: 11.7, fatG: 5.4, carbohydrateG: 56.8, fibreG: 0.8, sodiumMg: 73 });
  });

  it('is zero for an empty recipe', () => {
    expect(nutritionOf([])).toEqual(zeroNutrients());
  });

  it('gives energy shares of protein, fat and carbohydrate', () => {
    expect(energyShares({ ...zeroNutrients(), proteinG: 25, fatG: 10, carbohydrateG: 50 })).toEqual({ protein: 26, fat: 23, carbohydrate: 51 });
  });
});
