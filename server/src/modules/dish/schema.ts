import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const DISH_KINDS = ['meat', 'vegetable', 'mixed', 'staple', 'soup'] as const;
export const SEASONS = ['spring', 'summer', 'autumn', 'winter'] as const;

export const dish = pgTable('dish_dish', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  kind: text('kind', { enum: DISH_KINDS }).notNull(),
  /** Empty means all year. */
  seasons: text('seasons').array().notNull().default([]),
  priceFen: integer('price_fen').notNull(),
  portionG: integer('portion_g').notNull(),
  hasPhoto: boolean('has_photo').notNull().default(false),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('dish_org_code_uq').on(t.orgId, t.code), index('dish_org_idx').on(t.orgId)]);

/** Standard recipe: net (trimmed) grams per portion and the yield, the usable share of what is bought. */
export const recipeLine = pgTable('dish_recipe_line', {
  dishId: integer('dish_id').notNull().references(() => dish.id, { onDelete: 'cascade' }),
  ingredientId: integer('ingredient_id').notNull(),
  netG: integer('net_g').notNull(),
  yieldPct: integer('yield_pct').notNull(),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.dishId, t.ingredientId] }), index('dish_recipe_ingredient_idx').on(t.ingredientId)]);

export const dishPhoto = pgTable('dish_photo', {
  dishId: integer('dish_id').primaryKey().references(() => dish.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  dataBase64: text('data_base64').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
