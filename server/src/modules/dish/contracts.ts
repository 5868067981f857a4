import { z } from 'zod';
import { DISH_KINDS, SEASONS } from './schema.ts';

export const RecipeLineInput = z.object({
  ingredientId: z.number().int().positive(),
  netG: z.number().int().min(1).max(5000),
  yieldPct: z.number().int().min(1).max(100),
});

export const DishInput = z.object({
  orgId: z.number().int().positive().optional(),
  code: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9_.-]+$/, '只能包含字母、数字、-、_ / letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(100).default(''),
  kind: z.enum(DISH_KINDS),
  seasons: z.array(z.enum(SEASONS)).max(4).default([]),
  priceFen: z.number().int().min(0).max(1_000_000),
  portionG: z.number().int().min(1).max(5000),
  active: z.boolean().default(true),
  recipe: z.array(RecipeLineInput).min(1, '标准菜谱至少要有一种食材 / the recipe needs at least one ingredient').max(40)
    .refine((lines) => new Set(lines.map((l) => l.ingredientId)).size === lines.length, '同一食材出现了两次 / an ingredient appears twice'),
});
export type DishInput = z.infer<typeof DishInput>;

export const DishQuery = z.object({
  search: z.string().max(60).optional(),
  kind: z.enum(DISH_KINDS).optional(),
  season: z.enum(SEASONS).optional(),
  canteenId: z.coerce.number().int().positive().optional(),
  date: z.iso.date().optional(),
});
