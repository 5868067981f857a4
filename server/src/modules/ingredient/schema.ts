import { boolean, doublePrecision, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const INGREDIENT_CATEGORIES = ['vegetable', 'meat', 'poultry', 'egg', 'aquatic', 'grain', 'oil', 'soy', 'seasoning', 'dried', 'fungus', 'fruit', 'dairy'] as const;

/** Nutrition is per 100 g of edible portion; weights are integer grams. */
export const ingredient = pgTable('ingredient_ingredient', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  category: text('category', { enum: INGREDIENT_CATEGORIES }).notNull(),
  purchaseUnit: text('purchase_unit').notNull(),
  gramsPerUnit: integer('grams_per_unit').notNull(),
  shelfLifeDays: integer('shelf_life_days').notNull(),
  energyKcal: doublePrecision('energy_kcal').notNull().default(0),
  proteinG: doublePrecision('protein_g').notNull().default(0),
  fatG: doublePrecision('fat_g').notNull().default(0),
  carbohydrateG: doublePrecision('carbohydrate_g').notNull().default(0),
  fibreG: doublePrecision('fibre_g').notNull().default(0),
  sodiumMg: doublePrecision('sodium_mg').notNull().default(0),
  source: text('source').notNull().default(''),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('ingredient_org_code_uq').on(t.orgId, t.code), index('ingredient_org_idx').on(t.orgId)]);

/** Minimum and maximum stock of one ingredient in one canteen (grams). */
export const stockLimit = pgTable('ingredient_stock_limit', {
  ingredientId: integer('ingredient_id').notNull().references(() => ingredient.id, { onDelete: 'cascade' }),
  orgId: integer('org_id').notNull(),
  minG: integer('min_g').notNull(),
  maxG: integer('max_g').notNull(),
}, (t) => [primaryKey({ columns: [t.ingredientId, t.orgId] })]);
