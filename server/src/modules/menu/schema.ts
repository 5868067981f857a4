import { boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;

/** One canteen's plan for one meal of one day. */
export const menuPlan = pgTable('menu_plan', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  date: date('date').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
  note: text('note').notNull().default(''),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: integer('published_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('menu_plan_uq').on(t.orgId, t.date, t.meal), index('menu_plan_date_idx').on(t.date)]);

export const menuItem = pgTable('menu_item', {
  planId: integer('plan_id').notNull().references(() => menuPlan.id, { onDelete: 'cascade' }),
  dishId: integer('dish_id').notNull(),
  portions: integer('portions').notNull(),
  priceFen: integer('price_fen').notNull(),
  mustServe: boolean('must_serve').notNull().default(false),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.planId, t.dishId] })]);

/** Dishes a canteen serves at a meal every day (必排菜): a plan for that meal cannot drop them. */
export const mustServe = pgTable('menu_must_serve', {
  orgId: integer('org_id').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  dishId: integer('dish_id').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.meal, t.dishId] })]);
