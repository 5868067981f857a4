import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Organisations form a tree: bureau → centre → canteen / unit. `path` is "/1/4/9/" for subtree queries. */
export const org = pgTable('core_org', {
  id: serial('id').primaryKey(),
  parentId: integer('parent_id'),
  kind: text('kind', { enum: ['bureau', 'centre', 'canteen', 'unit'] }).notNull(),
  name: text('name').notNull(),
  code: text('code').notNull(),
  path: text('path').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('core_org_code_uq').on(t.code), index('core_org_path_idx').on(t.path)]);

export const person = pgTable('core_person', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => org.id),
  username: text('username').notNull(),
  name: text('name').notNull(),
  phone: text('phone'),
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('core_person_username_uq').on(t.username), index('core_person_org_idx').on(t.orgId)]);

export const role = pgTable('core_role', {
  key: text('key').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  builtin: boolean('builtin').notNull().default(false),
});

/** Permissions as data: a role grants "<module>.<resource>.<action>" keys (admin-editable). */
export const rolePermission = pgTable('core_role_permission', {
  roleKey: text('role_key').notNull().references(() => role.key, { onDelete: 'cascade' }),
  permission: text('permission').notNull(),
}, (t) => [primaryKey({ columns: [t.roleKey, t.permission] })]);

/** A person holds a role at an organisation; it applies to that organisation's whole subtree. */
export const roleAssignment = pgTable('core_role_assignment', {
  personId: integer('person_id').notNull().references(() => person.id, { onDelete: 'cascade' }),
  orgId: integer('org_id').notNull().references(() => org.id),
  roleKey: text('role_key').notNull().references(() => role.key, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.personId, t.orgId, t.roleKey] })]);

/** Sessions are stored by the SHA-256 of the cookie token, so a leaked table does not leak sessions. */
export const session = pgTable('core_session', {
  id: text('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => person.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const auditLog = pgTable('core_audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: integer('org_id'),
  actorId: integer('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
}, (t) => [index('core_audit_org_at_idx').on(t.orgId, t.at), index('core_audit_entity_idx').on(t.entity, t.entityId)]);

/** Permissions an install has already seeded defaults for, so later edits by admins are never overwritten. */
export const permissionKnown = pgTable('core_permission_known', {
  permission: text('permission').primaryKey(),
});
