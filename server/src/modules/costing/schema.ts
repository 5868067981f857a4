import { bigint, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const SALE_MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;

/**
 * Revenue per canteen, day, meal and dish (dish 0 = sales not split by dish). Until checkout exists
 * (issue 4) it comes from files the canteen imports; an import replaces the rows of the days it names.
 */
export const sale = pgTable('costing_sale', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  date: date('date').notNull(),
  meal: text('meal', { enum: SALE_MEALS }).notNull(),
  dishId: integer('dish_id').notNull().default(0),
  portions: integer('portions').notNull(),
  revenueFen: bigint('revenue_fen', { mode: 'number' }).notNull(),
  source: text('source', { enum: ['import', 'checkout', 'demo'] }).notNull(),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('costing_sale_uq').on(t.orgId, t.date, t.meal, t.dishId), index('costing_sale_org_date_idx').on(t.orgId, t.date)]);
