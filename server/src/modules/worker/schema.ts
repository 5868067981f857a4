import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../core/column-types.ts';

/** Jobs in a canteen kitchen and hall (a fixed list; labels in contracts.ts). */
export const JOBS = ['head_cook', 'chef', 'kitchen_helper', 'prep_cook', 'pastry_cook', 'dishwasher', 'cleaner', 'waiter', 'storekeeper', 'other'] as const;
export const CHECK_SOURCES = ['kiosk_page', 'device'] as const;

/**
 * A kitchen worker (从业人员) of one canteen, often employed by the catering contractor. The health
 * certificate in force is kept on the row (what every check reads); each one recorded is also in
 * worker_certificate. `badge` is the card or face id a check kiosk sends, unique per canteen.
 */
export const worker = pgTable('worker_worker', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  name: text('name').notNull(),
  /** The company that employs the worker (the catering contractor), as written on the contract. */
  employer: text('employer').notNull().default(''),
  job: text('job', { enum: JOBS }).notNull(),
  badge: text('badge').notNull(),
  phone: text('phone').notNull().default(''),
  active: boolean('active').notNull().default(true),
  certificateNo: text('certificate_no').notNull(),
  certificateIssuedOn: date('certificate_issued_on').notNull(),
  certificateValidUntil: date('certificate_valid_until').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('worker_badge_uq').on(t.orgId, t.badge),
  index('worker_org_idx').on(t.orgId, t.active),
]);

/** Every health certificate recorded for a worker (健康证), the one in force being the latest. */
export const certificate = pgTable('worker_certificate', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  workerId: integer('worker_id').notNull().references(() => worker.id),
  no: text('no').notNull(),
  issuedOn: date('issued_on').notNull(),
  validUntil: date('valid_until').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  recordedBy: integer('recorded_by'),
}, (t) => [index('worker_certificate_worker_idx').on(t.workerId)]);

/** The worker's photo, apart from the row so lists never carry the bytes. */
export const photo = pgTable('worker_photo', {
  workerId: integer('worker_id').primaryKey().references(() => worker.id),
  orgId: integer('org_id').notNull(),
  mime: text('mime').notNull(),
  data: bytea('data').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
});

/**
 * One morning check (晨检) per worker and day. The first check of the day stands; a site manager or
 * canteen head may check again (a worker who was sent to change, or measured again), which replaces
 * it and counts `rechecks` — the audit log keeps what it was. Temperatures are tenths of a degree.
 * Appearance checks are null when a device did the check (it cannot see them).
 */
export const check = pgTable('worker_check', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  workerId: integer('worker_id').notNull().references(() => worker.id),
  date: date('date').notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  temperatureTenths: integer('temperature_tenths').notNull(),
  handsOk: boolean('hands_ok').notNull(),
  /** Codes of the common form: 0 normal, 1 fever … 12 other; [] or [0] is normal. */
  symptoms: integer('symptoms').array().notNull(),
  uniformOk: boolean('uniform_ok'),
  hatOk: boolean('hat_ok'),
  maskOk: boolean('mask_ok'),
  nailsOk: boolean('nails_ok'),
  noJewellery: boolean('no_jewellery'),
  fit: boolean('fit').notNull(),
  /** Why not fit (codes in rules.ts); empty when fit. */
  reasons: text('reasons').array().notNull(),
  source: text('source', { enum: CHECK_SOURCES }).notNull(),
  deviceId: integer('device_id'),
  deviceCode: text('device_code'),
  /** The device's own time of the reading: a resent reading (same badge and time) is recognised by it. */
  deviceAt: timestamp('device_at', { withTimezone: true }),
  checkedBy: integer('checked_by'),
  rechecks: integer('rechecks').notNull().default(0),
  note: text('note').notNull().default(''),
}, (t) => [
  uniqueIndex('worker_check_day_uq').on(t.workerId, t.date),
  index('worker_check_org_date_idx').on(t.orgId, t.date),
]);

export interface WorkerSettings {
  /** Warn this many days before a health certificate runs out. */
  certificateWarnDays: number;
  /** A temperature at or above this (°C) is a fever: not fit. */
  feverC: number;
  /** China time 'HH:MM': a worker not checked by then is absent. */
  cutoff: string;
}

/** Per-canteen rules of the registry and the morning check; missing keys take the defaults in settings.ts. */
export const setting = pgTable('worker_setting', {
  canteenId: integer('canteen_id').primaryKey(),
  rules: jsonb('rules').$type<Partial<WorkerSettings>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});
