import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;
export const ACCOUNT_STATUSES = ['active', 'frozen', 'closed'] as const;
export const CARD_STATUSES = ['active', 'lost', 'replaced', 'returned'] as const;

/**
 * Books money moves between. A diner's two wallets carry the account id in `ref_id`; the others
 * carry an organisation id (a canteen's sales and counter cash, a unit's subsidy fund and
 * receivable, the issuer's online-payment clearing; `carried_forward` holds balances brought over
 * from an earlier system). Money entering from outside makes the outside book go negative by the
 * amount that came in, so every entry sums to zero.
 */
export const BOOKS = ['diner_cash', 'diner_subsidy', 'canteen_sales', 'counter_cash', 'online_clearing', 'unit_subsidy', 'unit_receivable', 'carried_forward'] as const;
export const ENTRY_KINDS = ['top_up', 'refund', 'subsidy', 'subsidy_expiry', 'payment', 'unit_bill', 'unit_settlement', 'reversal', 'carried_forward'] as const;
export const ENTRY_METHODS = ['cash', 'online', 'batch', 'card', 'qr', 'face', 'order', 'unit'] as const;

/** Diner categories (staff, contractor, visitor …) kept by the issuing centre; rules per canteen and meal below. */
export const category = pgTable('account_category', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  code: text('code').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** How far a diner's cash wallet may go below zero when paying online. */
  overdraftFen: integer('overdraft_fen').notNull().default(0),
  /** How much a station may sell to one diner while it cannot reach the server. */
  offlineLimitFen: integer('offline_limit_fen').notNull().default(3000),
  /** Monthly subsidy credited by the unit batch. */
  monthlySubsidyFen: integer('monthly_subsidy_fen').notNull().default(0),
  active: boolean('active').notNull().default(true),
}, (t) => [uniqueIndex('account_category_code_uq').on(t.orgId, t.code)]);

/** What a category pays in one canteen at one meal: a share of the menu price, a subsidy per meal, or a flat fee per visit (按次计费). */
export const mealRule = pgTable('account_meal_rule', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  categoryId: integer('category_id').notNull().references(() => category.id),
  canteenId: integer('canteen_id').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  pricePct: integer('price_pct').notNull().default(100),
  /** Paid from the diner's unit subsidy fund, once per meal and day. */
  subsidyFen: integer('subsidy_fen').notNull().default(0),
  flatFen: integer('flat_fen'),
}, (t) => [uniqueIndex('account_meal_rule_uq').on(t.categoryId, t.canteenId, t.meal)]);

/**
 * One account per diner (一卡通), usable in every canteen of the issuer. The balances are the sums
 * of the account's postings, kept on the row so a payment is one update; ledger checks compare them.
 * The CHECK is the hard floor even if a caller forgets the rules: online payments stop at the
 * overdraft, sales a station made offline may go on by at most the offline limit.
 */
export const account = pgTable('account_account', {
  id: serial('id').primaryKey(),
  /** The issuing centre: the access boundary for counter staff in its canteens. */
  orgId: integer('org_id').notNull(),
  /** The diner's agency unit: who funds the subsidy and receives statements. */
  unitId: integer('unit_id').notNull(),
  personId: integer('person_id'),
  name: text('name').notNull(),
  categoryId: integer('category_id').notNull().references(() => category.id),
  status: text('status', { enum: ACCOUNT_STATUSES }).notNull().default('active'),
  cashFen: bigint('cash_fen', { mode: 'number' }).notNull().default(0),
  subsidyFen: bigint('subsidy_fen', { mode: 'number' }).notNull().default(0),
  overdraftFen: integer('overdraft_fen').notNull().default(0),
  offlineLimitFen: integer('offline_limit_fen').notNull().default(0),
  statusReason: text('status_reason').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('account_person_uq').on(t.personId),
  index('account_unit_idx').on(t.unitId),
  check('account_floor', sql`${t.subsidyFen} >= 0 and ${t.cashFen} >= -(${t.overdraftFen} + ${t.offlineLimitFen})`),
]);

/** Physical cards; a lost card is blocked and a replacement keeps the same account and balance. */
export const card = pgTable('account_card', {
  id: serial('id').primaryKey(),
  accountId: integer('account_id').notNull().references(() => account.id),
  cardNo: text('card_no').notNull(),
  status: text('status', { enum: CARD_STATUSES }).notNull().default('active'),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('account_card_no_uq').on(t.cardNo),
  uniqueIndex('account_card_active_uq').on(t.accountId).where(sql`status = 'active'`),
]);

/**
 * One movement of money (a top-up, a payment, a reversal …). The request key a client sends is
 * unique per organisation in the database, so a retried payment finds the first one instead of
 * charging twice; a reversal names the entry it undoes, and that too is unique.
 */
export const entry = pgTable('account_entry', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** Where it happened: the canteen (counter, station, order) or the issuer (online, batch). */
  orgId: integer('org_id').notNull(),
  accountId: integer('account_id'),
  kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
  method: text('method', { enum: ENTRY_METHODS }).notNull(),
  /** What the entry moved, seen from the diner's side of it (positive). */
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  requestKey: text('request_key').notNull(),
  reversesId: bigint('reverses_id', { mode: 'number' }),
  /** The record of another module it pays for, e.g. `checkout_sale:12`, `order:7`. */
  ref: text('ref'),
  memo: text('memo').notNull().default(''),
  offline: boolean('offline').notNull().default(false),
  businessDate: date('business_date').notNull(),
  createdBy: integer('created_by'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('account_entry_key_uq').on(t.orgId, t.requestKey),
  uniqueIndex('account_entry_reverses_uq').on(t.reversesId).where(sql`reverses_id is not null`),
  index('account_entry_account_idx').on(t.accountId, t.at),
  index('account_entry_org_date_idx').on(t.orgId, t.businessDate),
]);

/** The legs of an entry: signed amounts into (+) and out of (−) books; each entry's legs sum to zero. */
export const posting = pgTable('account_posting', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull().references(() => entry.id),
  book: text('book', { enum: BOOKS }).notNull(),
  refId: integer('ref_id').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
}, (t) => [index('account_posting_entry_idx').on(t.entryId)]);

/** Online top-ups: created when the diner starts paying, credited once when the provider confirms. */
export const onlinePayment = pgTable('account_online_payment', {
  id: text('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  accountId: integer('account_id').notNull().references(() => account.id),
  amountFen: integer('amount_fen').notNull(),
  provider: text('provider').notNull(),
  status: text('status', { enum: ['pending', 'paid', 'failed', 'expired'] }).notNull().default('pending'),
  providerRef: text('provider_ref'),
  entryId: bigint('entry_id', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }),
}, (t) => [index('account_online_payment_account_idx').on(t.accountId, t.createdAt)]);

/** Per-meal subsidies taken: the primary key lets a diner have one subsidised meal per canteen day and meal, even when two stations charge at once. */
export const subsidyUse = pgTable('account_subsidy_use', {
  accountId: integer('account_id').notNull(),
  businessDate: date('business_date').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.businessDate, t.meal] })]);
