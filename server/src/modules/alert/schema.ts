import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

/**
 * One alert of any module (stock now; food safety, sensors, cameras, energy later). A condition is
 * identified by (org, kind, key): while its alert is unresolved, raising it again updates that row,
 * which the partial unique index enforces even under concurrent raises. Once resolved, the same
 * condition coming back is a new alert with its own history.
 */
export const alert = pgTable('alert_alert', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  /** The module that raised it: `stock`, later `food_safety`, `sensor`, `camera`, `energy`. */
  source: text('source').notNull(),
  /** A registered kind (kinds.ts), e.g. `stock.below_min`. */
  kind: text('kind').notNull(),
  /** What the condition is about within the kind, e.g. `ingredient:12`, `batch:40`. */
  key: text('key').notNull(),
  severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
  status: text('status', { enum: ALERT_STATUSES }).notNull().default('open'),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  /** Facts of the condition as last seen (quantities, dates), for the page and for adapters. */
  detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  /** The thing the alert is about: another module's record (plain id, no foreign key) and its page. */
  linkEntity: text('link_entity'),
  linkId: text('link_id'),
  linkPath: text('link_path'),
  raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
  /** Null when the system raised it (a scan), else the person whose action raised it. */
  raisedBy: integer('raised_by'),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  seenCount: integer('seen_count').notNull().default(1),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  acknowledgedBy: integer('acknowledged_by'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  /** Null with `resolvedAt` set: the system resolved it because the condition cleared. */
  resolvedBy: integer('resolved_by'),
  resolveNote: text('resolve_note').notNull().default(''),
  /** 0 = the canteen's own handlers; escalation (site manager → canteen head → bureau) raises it. */
  escalationLevel: integer('escalation_level').notNull().default(0),
  nextEscalationAt: timestamp('next_escalation_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('alert_unresolved_uq').on(t.orgId, t.kind, t.key).where(sql`status <> 'resolved'`),
  index('alert_org_status_idx').on(t.orgId, t.status, t.lastSeenAt),
]);

/** Who was notified of an alert, at which escalation level, through which notifier, and when. */
export const notification = pgTable('alert_notification', {
  id: serial('id').primaryKey(),
  alertId: integer('alert_id').notNull().references(() => alert.id),
  personId: integer('person_id').notNull(),
  notifier: text('notifier').notNull(),
  level: integer('level').notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('alert_notification_uq').on(t.alertId, t.personId, t.notifier, t.level)]);

/**
 * When an unacknowledged alert goes up a level, per severity in minutes (null: never). Kept per
 * organisation; a canteen without its own row follows its centre, then its bureau, then the defaults.
 */
export interface EscalationRules {
  afterMinutes: Record<(typeof ALERT_SEVERITIES)[number], number | null>;
}

export const escalationSetting = pgTable('alert_escalation_setting', {
  orgId: integer('org_id').primaryKey(),
  rules: jsonb('rules').$type<EscalationRules>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
});
