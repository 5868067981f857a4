import { describe, expect, it } from 'vitest';
import { IngredientInput } from '../src/modules/ingredient/contracts.ts';
import { referenceIngredients } from '../src/modules/ingredient/index.ts';
import { DishInput } from '../src/modules/dish/contracts.ts';
import { referenceDishes } from '../src/modules/dish/index.ts';

describe('shipped reference data', () => {
  const ingredients = referenceIngredients();
  const dishes = referenceDishes();

  it('has 150+ valid ingredients with unique codes and Chinese names', () => {
    expect(ingredients.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ingredients.map((i) => i.code)).size).toBe(ingredients.length);
    for (const { referencePriceFen, ...i } of ingredients) {
      expect(IngredientInput.safeParse(i).success, i.code).toBe(true);
      expect(i.name).toMatch(/[\u4e00-\u9fff]/);
      expect(referencePriceFen).toBeGreaterThan(0);
    }
  });

  it('has 120+ dishes whose recipes use only shipped ingredients', () => {
    expect(dishes.length).toBeGreaterThanOrEqual(120);
    const codes = new Map(ingredients.map((i, n) => [i.code, n + 1]));
    for (const d of dishes) {
      const recipe = d.recipe.map((l) => ({ ingredientId: codes.get(l.ingredientCode) ?? -1, netG: l.netG, yieldPct: l.yieldPct }));
      expect(DishInput.safeParse({ ...d, recipe }).success, d.code).toBe(true);
    }
  });
});
