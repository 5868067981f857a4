import { boolean, doublePrecision, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../core/column-types.ts';

/** Where a temperature probe hangs; each place has default thresholds (places.ts). */
export const SENSOR_PLACES = ['cold_room', 'freezer', 'fridge', 'prep_room', 'sample_fridge', 'other'] as const;
export type SensorPlace = (typeof SENSOR_PLACES)[number];

/** What the camera systems' AI reports (明厨亮灶): no mask, no hat, no uniform, smoking, phone, rodent, fire left unattended, stranger. */
export const KITCHEN_EVENT_TYPES = ['no_mask', 'no_hat', 'no_uniform', 'smoking', 'phone', 'rodent', 'fire_unattended', 'stranger', 'other'] as const;
export type KitchenEventType = (typeof KITCHEN_EVENT_TYPES)[number];
/** Camera AI raises many false alarms: an event counts only once a person confirmed it. */
export const KITCHEN_EVENT_STATUSES = ['to_review', 'confirmed', 'false_alarm'] as const;

/**
 * How one temperature sensor (a device of kind `sensor`, plain id) is watched: the place it
 * measures, the allowed range, and how long it may be out of range before an alert (door openings).
 */
export const sensorProfile = pgTable('monitoring_sensor_profile', {
  deviceId: integer('device_id').primaryKey(),
  orgId: integer('org_id').notNull(),
  place: text('place', { enum: SENSOR_PLACES }).notNull(),
  /** Null: no lower (or upper) limit, e.g. a freezer has only a maximum. */
  minC: doublePrecision('min_c'),
  maxC: doublePrecision('max_c'),
  maxHumidityPct: doublePrecision('max_humidity_pct'),
  /** Seconds out of range before the alert is raised; 0 = at once. */
  holdSeconds: integer('hold_seconds').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
}, (t) => [index('monitoring_sensor_profile_org_idx').on(t.orgId)]);

/**
 * Readings downsampled per sensor and minute. Written in batches that merge into the minute's row
 * (a minute may span two flushes), so n and the sums add up and min/max widen.
 */
export const sensorMinute = pgTable('monitoring_sensor_minute', {
  deviceId: integer('device_id').notNull(),
  minute: timestamp('minute', { withTimezone: true }).notNull(),
  orgId: integer('org_id').notNull(),
  n: integer('n').notNull(),
  minC: doublePrecision('min_c').notNull(),
  maxC: doublePrecision('max_c').notNull(),
  sumC: doublePrecision('sum_c').notNull(),
  lastC: doublePrecision('last_c').notNull(),
  /** Readings that carried a humidity (not every probe measures it). */
  humidityN: integer('humidity_n').notNull().default(0),
  minHumidity: doublePrecision('min_humidity'),
  maxHumidity: doublePrecision('max_humidity'),
  sumHumidity: doublePrecision('sum_humidity'),
  lastHumidity: doublePrecision('last_humidity'),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.deviceId, t.minute] }), index('monitoring_sensor_minute_org_idx').on(t.orgId, t.minute)]);

/**
 * A camera of a canteen's camera system (NVR with AI). The system posts kitchen events per camera,
 * signed in with the camera's token (only its SHA-256 kept). The live view is the vendor's HLS/web
 * link, shown to managers, and in the open kitchen (阳光厨房) when public.
 */
export const camera = pgTable('monitoring_camera', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  location: text('location').notNull().default(''),
  liveUrl: text('live_url'),
  public: boolean('public').notNull().default(false),
  active: boolean('active').notNull().default(true),
  tokenHash: text('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('monitoring_camera_code_uq').on(t.code), index('monitoring_camera_org_idx').on(t.orgId)]);

/** One AI event of a camera (后厨行为分析), to be reviewed by a person: confirmed or a false alarm. */
export const kitchenEvent = pgTable('monitoring_kitchen_event', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  cameraId: integer('camera_id').notNull().references(() => camera.id),
  /** The camera system's own id of the event: the same event sent twice is recorded once. */
  vendorEventId: text('vendor_event_id').notNull(),
  type: text('type', { enum: KITCHEN_EVENT_TYPES }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  /** The AI's confidence, 0–1. */
  confidence: doublePrecision('confidence').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  hasSnapshot: boolean('has_snapshot').notNull().default(false),
  status: text('status', { enum: KITCHEN_EVENT_STATUSES }).notNull().default('to_review'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewedBy: integer('reviewed_by'),
  note: text('note').notNull().default(''),
  /** The alert a confirmation raised or updated (plain id of the alert module's row). */
  alertId: integer('alert_id'),
}, (t) => [
  uniqueIndex('monitoring_kitchen_event_vendor_uq').on(t.orgId, t.vendorEventId),
  index('monitoring_kitchen_event_org_idx').on(t.orgId, t.status, t.at),
]);

/** The event's snapshot, apart so lists never read the bytes. */
export const eventSnapshot = pgTable('monitoring_event_snapshot', {
  eventId: integer('event_id').primaryKey().references(() => kitchenEvent.id),
  mime: text('mime').notNull(),
  data: bytea('data').notNull(),
});
