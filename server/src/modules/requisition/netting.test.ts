import { describe, expect, it } from 'vitest';
import { ingredientNeeds } from '../dish/index.ts';
import { unitPrice, unitsToBuy } from './netting.ts';

describe('requisition netting and rounding', () => {
  const recipes = new Map([
    [1, [{ ingredientId: 10, netG: 100, yieldPct: 75 }, { ingredientId: 11, netG: 5, yieldPct: 100 }]],
    [2, [{ ingredientId: 10, netG: 50, yieldPct: 50 }]],
  ]);

  it('sums across dishes before rounding up once per ingredient', () => {
    // dish 1: 3 × 100/0.75 = 400; dish 2: 1 × 50/0.5 = 100 → 500 exactly, no spurious extra gram
    const needs = ingredientNeeds([{ dishId: 1, portions: 3 }, { dishId: 2, portions: 1 }], recipes);
    expect(needs.get(10)).toBe(500);
    expect(needs.get(11)).toBe(15);
  });

  it('rounds a fractional gram up', () => {
    expect(ingredientNeeds([{ dishId: 1, portions: 1 }], recipes).get(10)).toBe(134);
  });

  it('ignores dishes without a recipe and zero portions', () => {
    expect(ingredientNeeds([{ dishId: 99, portions: 10 }, { dishId: 2, portions: 0 }], recipes).get(10)).toBe(0);
  });

  it('buys only what stock does not cover, in whole purchase units', () => {
    expect(unitsToBuy(40000, 0, 500)).toBe(80);
    expect(unitsToBuy(40001, 0, 500)).toBe(81);
    expect(unitsToBuy(40000, 39999, 500)).toBe(1);
    expect(unitsToBuy(40000, 50000, 500)).toBe(0);
    expect(unitsToBuy(1000, -200, 500)).toBe(2);
  });

  it('converts a quote in another unit to the ingredient\'s purchase unit', () => {
    expect(unitPrice({ priceFen: 2800, gramsPerUnit: 1000 }, 500)).toBe(1400);
    expect(unitPrice({ priceFen: 1000, gramsPerUnit: 3000 }, 500)).toBe(167);
  });
});
