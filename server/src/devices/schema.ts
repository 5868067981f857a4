import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every kind of device the canteens use. Only kinds whose reading is defined in contracts.ts
 * (READINGS) can be registered yet; the rest are named now so the column never needs a migration.
 */
export const DEVICE_KINDS = ['scale', 'checkout_scale', 'check_kiosk', 'sample_cabinet', 'locker', 'sensor', 'meter'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A device of one canteen. It signs in with its code and a token whose SHA-256 is kept here. */
export const device = pgTable('device_device', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  kind: text('kind', { enum: DEVICE_KINDS }).notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  active: boolean('active').notNull().default(true),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('device_code_uq').on(t.code), index('device_org_idx').on(t.orgId)]);

export type Device = typeof device.$inferSelect;
