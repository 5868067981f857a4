import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;
/** 外卖 takeout (paid by the diner), 会议留餐 meeting and 公务餐 official meals (billed to the diner's unit). */
export const ORDER_KINDS = ['takeout', 'meeting', 'official'] as const;
/**
 * takeout: paid → ready (in a locker cell, pickup code issued) → picked_up | no_show; paid → cancelled.
 * meeting / official: requested → approved → served (billed to the unit) ; requested → rejected | cancelled.
 */
export const ORDER_STATUSES = ['requested', 'approved', 'rejected', 'paid', 'ready', 'picked_up', 'served', 'no_show', 'cancelled'] as const;
export const NO_SHOW_RULES = ['forfeit', 'refund'] as const;

export interface Cutoff { daysBefore: number; time: string }
/** A canteen's ordering rules; missing keys take the defaults in settings.ts. */
export interface OrderRules {
  takeoutCutoffs: Record<(typeof MEALS)[number], Cutoff>;
  meetingCutoff: Cutoff;
  /** The pickup code works until this many hours after the meal ends. */
  pickupHours: number;
  noShowRule: (typeof NO_SHOW_RULES)[number];
  /** This many no-shows within 30 days block the diner from takeout for `blockDays`. */
  noShowLimit: number;
  blockDays: number;
}

/** Ordering rules per canteen (cut-offs, pickup window, no-show rule). */
export const setting = pgTable('order_setting', {
  canteenId: integer('canteen_id').primaryKey(),
  rules: jsonb('rules').$type<OrderRules>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});

/** A unit's per-person standard for meeting and official meals (餐标). */
export const unitStandard = pgTable('order_unit_standard', {
  unitId: integer('unit_id').primaryKey(),
  standardFen: integer('standard_fen').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
}, (t) => [check('order_unit_standard_positive', sql`${t.standardFen} > 0`)]);

/**
 * A dish a canteen offers for takeout at one date and meal, with how many portions it will make.
 * The CHECK is the hard stop against selling more than the limit, even under concurrent orders.
 */
export const offer = pgTable('order_offer', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  date: date('date').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  dishId: integer('dish_id').notNull(),
  limitPortions: integer('limit_portions').notNull(),
  orderedPortions: integer('ordered_portions').notNull().default(0),
}, (t) => [
  uniqueIndex('order_offer_uq').on(t.orgId, t.date, t.meal, t.dishId),
  check('order_offer_within_limit', sql`${t.orderedPortions} >= 0 and ${t.orderedPortions} <= ${t.limitPortions}`),
]);

export const order = pgTable('order_order', {
  id: serial('id').primaryKey(),
  /** The canteen that cooks it. */
  orgId: integer('org_id').notNull(),
  no: text('no').notNull(),
  kind: text('kind', { enum: ORDER_KINDS }).notNull(),
  status: text('status', { enum: ORDER_STATUSES }).notNull(),
  date: date('date').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  /** When the diner will come, or the meeting is served ('HH:MM', China time). */
  pickupTime: text('pickup_time'),
  personId: integer('person_id').notNull(),
  /** The paying account (takeout). */
  accountId: integer('account_id'),
  /** The orderer's unit: billed for meeting and official meals. */
  unitId: integer('unit_id').notNull(),
  headcount: integer('headcount').notNull().default(0),
  standardFen: integer('standard_fen').notNull().default(0),
  purpose: text('purpose').notNull().default(''),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  note: text('note').notNull().default(''),
  menuFen: integer('menu_fen').notNull().default(0),
  /** What the diner paid (takeout) or the unit is billed (meeting, official). */
  dueFen: integer('due_fen').notNull().default(0),
  requestKey: text('request_key').notNull(),
  payEntryId: bigint('pay_entry_id', { mode: 'number' }),
  refundEntryId: bigint('refund_entry_id', { mode: 'number' }),
  billEntryId: bigint('bill_entry_id', { mode: 'number' }),
  canteenApprovedBy: integer('canteen_approved_by'),
  canteenApprovedAt: timestamp('canteen_approved_at', { withTimezone: true }),
  unitApprovedBy: integer('unit_approved_by'),
  unitApprovedAt: timestamp('unit_approved_at', { withTimezone: true }),
  rejectReason: text('reject_reason').notNull().default(''),
  lockerDeviceId: integer('locker_device_id'),
  cell: integer('cell'),
  pickupCode: text('pickup_code'),
  codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
  readyAt: timestamp('ready_at', { withTimezone: true }),
  pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
  servedAt: timestamp('served_at', { withTimezone: true }),
  noShowAt: timestamp('no_show_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  statementId: integer('statement_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('order_no_uq').on(t.no),
  uniqueIndex('order_request_key_uq').on(t.orgId, t.requestKey),
  // One order per occupied cell, one live pickup code per canteen: the database refuses a double booking.
  uniqueIndex('order_cell_uq').on(t.lockerDeviceId, t.cell).where(sql`status = 'ready'`),
  uniqueIndex('order_code_uq').on(t.orgId, t.pickupCode).where(sql`status = 'ready'`),
  index('order_day_idx').on(t.orgId, t.date, t.meal),
  index('order_person_idx').on(t.personId, t.createdAt),
  index('order_unit_idx').on(t.unitId, t.date),
]);

export const line = pgTable('order_line', {
  id: serial('id').primaryKey(),
  orderId: integer('order_id').notNull().references(() => order.id),
  dishId: integer('dish_id').notNull(),
  name: text('name').notNull(),
  portions: integer('portions').notNull(),
  priceFen: integer('price_fen').notNull(),
  amountFen: integer('amount_fen').notNull(),
}, (t) => [index('order_line_order_idx').on(t.orderId)]);

/** A pickup locker (a device of kind `locker`) and how many cells it has. */
export const locker = pgTable('order_locker', {
  deviceId: integer('device_id').primaryKey(),
  orgId: integer('org_id').notNull(),
  cells: integer('cells').notNull().default(24),
}, (t) => [check('order_locker_cells', sql`${t.cells} between 1 and 200`)]);

/** A diner kept from ordering takeout at a canteen until `until` (too many no-shows). */
export const block = pgTable('order_block', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  personId: integer('person_id').notNull(),
  since: timestamp('since', { withTimezone: true }).notNull(),
  until: timestamp('until', { withTimezone: true }).notNull(),
  reason: text('reason').notNull(),
}, (t) => [index('order_block_person_idx').on(t.personId, t.until)]);

/** A unit's month at one canteen, settled: the bills it covers point at it. */
export const statement = pgTable('order_statement', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  unitId: integer('unit_id').notNull(),
  month: text('month').notNull(),
  orders: integer('orders').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  entryId: bigint('entry_id', { mode: 'number' }),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  paidBy: integer('paid_by'),
  memo: text('memo').notNull().default(''),
}, (t) => [uniqueIndex('order_statement_uq').on(t.orgId, t.unitId, t.month)]);
