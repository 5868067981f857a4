import { z } from 'zod';
import { INGREDIENT_CATEGORIES } from './schema.ts';
import { PURCHASE_UNITS, PURCHASE_UNIT_KEYS } from './units.ts';

const nutrient = (max: number) => z.number().min(0).max(max);

export const IngredientInput = z.object({
  orgId: z.number().int().positive().optional(),
  code: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9_.-]+$/, '只能包含字母、数字、-、_ / letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(100).default(''),
  category: z.enum(INGREDIENT_CATEGORIES),
  purchaseUnit: z.enum(PURCHASE_UNIT_KEYS),
  gramsPerUnit: z.number().int().min(1).max(1_000_000),
  shelfLifeDays: z.number().int().min(0).max(3650),
  energyKcal: nutrient(950),
  proteinG: nutrient(100),
  fatG: nutrient(100),
  carbohydrateG: nutrient(100),
  fibreG: nutrient(100),
  sodiumMg: nutrient(40000),
  source: z.string().trim().max(200).default(''),
  active: z.boolean().default(true),
}).refine((v) => PURCHASE_UNITS[v.purchaseUnit].grams === null || PURCHASE_UNITS[v.purchaseUnit].grams === v.gramsPerUnit, {
  path: ['gramsPerUnit'],
  message: '千克=1000 克，斤=500 克 / kg is 1000 g and jin is 500 g',
});
export type IngredientInput = z.infer<typeof IngredientInput>;

export const IngredientQuery = z.object({
  search: z.string().max(60).optional(),
  category: z.enum(INGREDIENT_CATEGORIES).optional(),
  canteenId: z.coerce.number().int().positive().optional(),
});

export const StockLimitInput = z.object({
  canteenId: z.number().int().positive(),
  minG: z.number().int().min(0).max(100_000_000),
  maxG: z.number().int().min(0).max(100_000_000),
}).refine((v) => v.maxG === 0 || v.maxG >= v.minG, { path: ['maxG'], message: '上限不能小于下限 / maximum below minimum' });
