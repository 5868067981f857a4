import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, pgTable, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;
export const SALE_METHODS = ['card', 'qr', 'face'] as const;
export const LINE_HOWS = ['tap', 'weigh', 'recognize'] as const;

/** A checkout station (智能结算台) of a canteen, with the scale it reads when a dish is sold by weight. */
export const station = pgTable('checkout_station', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  /** A device of the gateway (kind `scale`), plain code across modules. */
  scaleCode: text('scale_code'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('checkout_station_code_uq').on(t.orgId, t.code)]);

/**
 * One sale at a station. The request key the station generates is unique per canteen, so a
 * retried or re-synced sale is found instead of charged again; the money side is the account
 * entry it names.
 */
export const sale = pgTable('checkout_sale', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: integer('org_id').notNull(),
  stationId: integer('station_id'),
  accountId: integer('account_id').notNull(),
  requestKey: text('request_key').notNull(),
  businessDate: date('business_date').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  method: text('method', { enum: SALE_METHODS }).notNull(),
  menuFen: integer('menu_fen').notNull(),
  dueFen: integer('due_fen').notNull(),
  mealSubsidyFen: integer('meal_subsidy_fen').notNull(),
  fromSubsidyFen: integer('from_subsidy_fen').notNull(),
  fromCashFen: integer('from_cash_fen').notNull(),
  shortfallFen: integer('shortfall_fen').notNull().default(0),
  entryId: bigint('entry_id', { mode: 'number' }).notNull(),
  status: text('status', { enum: ['paid', 'voided'] }).notNull().default('paid'),
  offline: boolean('offline').notNull().default(false),
  soldAt: timestamp('sold_at', { withTimezone: true }).notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true }),
  createdBy: integer('created_by'),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: integer('voided_by'),
  voidReason: text('void_reason'),
}, (t) => [
  uniqueIndex('checkout_sale_key_uq').on(t.orgId, t.requestKey),
  index('checkout_sale_org_date_idx').on(t.orgId, t.businessDate),
  index('checkout_sale_account_idx').on(t.accountId, t.soldAt),
]);

/** The dishes of a sale: tapped (portions), weighed (grams) or recognised on the tray. */
export const saleLine = pgTable('checkout_sale_line', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  saleId: bigint('sale_id', { mode: 'number' }).notNull().references(() => sale.id),
  dishId: integer('dish_id').notNull(),
  how: text('how', { enum: LINE_HOWS }).notNull(),
  portions: integer('portions').notNull(),
  weightG: integer('weight_g'),
  /** The menu price of one portion when sold. */
  priceFen: integer('price_fen').notNull(),
  amountFen: integer('amount_fen').notNull(),
}, (t) => [index('checkout_sale_line_sale_idx').on(t.saleId)]);

/** What the recogniser learned from: photos the canteen registered and corrections at the station. */
export const recognitionSample = pgTable('checkout_recognition_sample', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  dishId: integer('dish_id').notNull(),
  features: real('features').array().notNull(),
  source: text('source', { enum: ['registered', 'correction'] }).notNull(),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('checkout_recognition_sample_org_idx').on(t.orgId, t.dishId)]);

/** Each recognition shown at a station and what the diner or cashier kept: the accuracy figures come from here. */
export const recognitionLog = pgTable('checkout_recognition_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: integer('org_id').notNull(),
  saleId: bigint('sale_id', { mode: 'number' }),
  suggestedDishId: integer('suggested_dish_id'),
  chosenDishId: integer('chosen_dish_id').notNull(),
  score: real('score'),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
}, (t) => [index('checkout_recognition_log_org_idx').on(t.orgId, t.at)]);
