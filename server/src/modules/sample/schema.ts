import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../core/column-types.ts';

export const MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;
/** Where the recorded weight came from: the cabinet's scale (trusted) or typed by the keeper. */
export const WEIGHED_BY = ['cabinet', 'typed'] as const;
export const CABINET_EVENTS = ['placed', 'removed', 'door_opened', 'door_closed', 'temperature'] as const;

/**
 * Per canteen: whether samples are required (on by default) and the rule's numbers. A canteen
 * without a row uses the defaults in settings.ts (125 g, 48 h, 30 min after the meal).
 */
export const setting = pgTable('sample_setting', {
  canteenId: integer('canteen_id').primaryKey(),
  required: boolean('required').notNull(),
  minGrams: integer('min_grams').notNull(),
  keepHours: integer('keep_hours').notNull(),
  graceMinutes: integer('grace_minutes').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});

/**
 * 留样: one sealed box of one dish of one meal, kept in the sample cabinet until `discardAfter`.
 * The dish name is copied so the record reads the same after the dish library changes.
 */
export const sample = pgTable('sample_sample', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  date: date('date').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  dishId: integer('dish_id').notNull(),
  dishName: text('dish_name').notNull(),
  grams: integer('grams').notNull(),
  weighedBy: text('weighed_by', { enum: WEIGHED_BY }).notNull(),
  /** The minimum in force when it was kept, so a later change of the setting does not rewrite history. */
  minGrams: integer('min_grams').notNull(),
  keptAt: timestamp('kept_at', { withTimezone: true }).notNull(),
  keeperId: integer('keeper_id'),
  /** The sample cabinet (device id) and slot, when kept in a smart cabinet. */
  deviceId: integer('device_id'),
  slot: integer('slot'),
  /** Printed on the box: LY-<canteen code>-<yyyymmdd>-<B|L|D|N>-<nn>. */
  labelCode: text('label_code').notNull(),
  discardAfter: timestamp('discard_after', { withTimezone: true }).notNull(),
  /** Taken out of its cabinet slot before being discarded (the cabinet said so). */
  removedAt: timestamp('removed_at', { withTimezone: true }),
  discardedAt: timestamp('discarded_at', { withTimezone: true }),
  discardedBy: integer('discarded_by'),
  discardReason: text('discard_reason'),
  note: text('note').notNull().default(''),
  requestKey: text('request_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by'),
}, (t) => [
  uniqueIndex('sample_sample_request_key_uq').on(t.requestKey),
  uniqueIndex('sample_sample_label_uq').on(t.labelCode),
  index('sample_sample_day_idx').on(t.orgId, t.date, t.meal),
  index('sample_sample_slot_idx').on(t.deviceId, t.slot),
  check('sample_sample_grams_positive', sql`${t.grams} > 0`),
]);

/** The photo of a sample box (one per sample; replaced when taken again). Apart from the row so lists stay light. */
export const photo = pgTable('sample_photo', {
  sampleId: integer('sample_id').primaryKey().references(() => sample.id),
  type: text('type').notNull(),
  bytes: bytea('bytes').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  takenBy: integer('taken_by'),
});

/**
 * What the sample cabinets reported: boxes placed and removed (with the slot's weight), doors,
 * and temperatures (at most one every few minutes, plus every crossing of the 0–8 °C range).
 * A `placed` row with no sample is a weighing waiting for the keeper to name its dish.
 */
export const cabinetEvent = pgTable('sample_cabinet_event', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  deviceId: integer('device_id').notNull(),
  event: text('event', { enum: CABINET_EVENTS }).notNull(),
  slot: integer('slot'),
  grams: integer('grams'),
  temperatureC: real('temperature_c'),
  at: timestamp('at', { withTimezone: true }).notNull(),
  sampleId: integer('sample_id').references(() => sample.id),
  /** A placement that was taken out again before anyone named it. */
  withdrawn: boolean('withdrawn').notNull().default(false),
}, (t) => [
  index('sample_cabinet_event_device_idx').on(t.deviceId, t.at),
  index('sample_cabinet_event_org_idx').on(t.orgId, t.at),
]);

/** A meal whose samples were checked after it ended (so a resolved missing-sample alert is not raised again). */
export const mealCheck = pgTable('sample_meal_check', {
  orgId: integer('org_id').notNull(),
  date: date('date').notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  dishes: integer('dishes').notNull(),
  missing: integer('missing').notNull(),
}, (t) => [uniqueIndex('sample_meal_check_pk').on(t.orgId, t.date, t.meal)]);
