import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../core/column-types.ts';

/** The three blocks of the daily self-inspection ledger (seed 001 line 865): 厉行节约, 安全, 环境卫生. */
export const BLOCKS = ['frugality', 'safety', 'hygiene'] as const;
/** Who an item is given to: the grid-area warden (网格区域责任人) or the dining-hall manager (餐厅经理). */
export const ASSIGNEE_ROLES = ['area_warden', 'hall_manager'] as const;
/** open → done (by its assignee, with its photos), or waived when the hall manager closes the day with a note. */
export const TASK_STATUSES = ['open', 'done', 'waived'] as const;
export const RESULTS = ['ok', 'problem'] as const;
export const RUN_STATUSES = ['open', 'closed'] as const;
export const WASTE_MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;
export const WASTE_SOURCES = ['typed', 'scale'] as const;

/** A canteen's checklist (每日自查表): one per canteen; every day a run is issued from it. */
export const template = pgTable('inspection_template', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  name: text('name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by'),
}, (t) => [uniqueIndex('inspection_template_org_uq').on(t.orgId)]);

/** One line of the checklist: what to check, where, by whom and by when each day. */
export const item = pgTable('inspection_item', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  templateId: integer('template_id').notNull().references(() => template.id, { onDelete: 'cascade' }),
  position: smallint('position').notNull(),
  block: text('block', { enum: BLOCKS }).notNull(),
  title: text('title').notNull(),
  /** 后厨, 餐厅, 仓库 … — printed on the photo's watermark. */
  area: text('area').notNull(),
  role: text('role', { enum: ASSIGNEE_ROLES }).notNull(),
  /** A named person holding `role` at the canteen; null: whoever holds it. */
  personId: integer('person_id'),
  /** Time of day (China time) by which it must be done, 'HH:MM'. */
  deadline: text('deadline').notNull(),
  requiresPhoto: boolean('requires_photo').notNull().default(true),
}, (t) => [
  index('inspection_item_template_idx').on(t.templateId, t.position),
  check('inspection_item_deadline_ck', sql`${t.deadline} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
]);

/** One day's checklist of a canteen, issued from its template (lazily on the first read or by the sweep). */
export const run = pgTable('inspection_run', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  templateId: integer('template_id').notNull().references(() => template.id),
  date: date('date').notNull(),
  status: text('status', { enum: RUN_STATUSES }).notNull().default('open'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** Null when the last task's completion closed it. */
  closedBy: integer('closed_by'),
  closeNote: text('close_note'),
}, (t) => [uniqueIndex('inspection_run_day_uq').on(t.orgId, t.date)]);

/** One item of one day, copied from the template when the run is issued so later edits leave the record as it was. */
export const task = pgTable('inspection_task', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  runId: integer('run_id').notNull().references(() => run.id, { onDelete: 'cascade' }),
  /** The template line it came from (plain id: the line may be edited or removed later). */
  itemId: integer('item_id'),
  date: date('date').notNull(),
  position: smallint('position').notNull(),
  block: text('block', { enum: BLOCKS }).notNull(),
  title: text('title').notNull(),
  area: text('area').notNull(),
  role: text('role', { enum: ASSIGNEE_ROLES }).notNull(),
  personId: integer('person_id'),
  deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
  requiresPhoto: boolean('requires_photo').notNull(),
  status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
  result: text('result', { enum: RESULTS }),
  note: text('note'),
  doneAt: timestamp('done_at', { withTimezone: true }),
  doneBy: integer('done_by'),
  /** When the sweep raised its overdue alert (raised once; done late resolves it). */
  overdueAlertedAt: timestamp('overdue_alerted_at', { withTimezone: true }),
}, (t) => [
  index('inspection_task_run_idx').on(t.runId, t.position),
  index('inspection_task_due_idx').on(t.status, t.deadlineAt).where(sql`${t.overdueAlertedAt} is null`),
  check('inspection_task_done_ck', sql`(${t.status} = 'done') = (${t.result} is not null and ${t.doneAt} is not null)`),
]);

/** 泔水: kitchen waste weighed per meal, with a photo and who took it away (disposal ledger). */
export const waste = pgTable('inspection_waste', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  date: date('date').notNull(),
  meal: text('meal', { enum: WASTE_MEALS }).notNull(),
  grams: integer('grams').notNull(),
  source: text('source', { enum: WASTE_SOURCES }).notNull(),
  /** The scale (a device of the gateway, plain id) whose stable weight was taken. */
  scaleDeviceId: integer('scale_device_id'),
  collector: text('collector').notNull(),
  licenceNo: text('licence_no'),
  note: text('note'),
  requestKey: text('request_key').notNull(),
  recordedBy: integer('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: integer('voided_by'),
  voidReason: text('void_reason'),
}, (t) => [
  uniqueIndex('inspection_waste_key_uq').on(t.orgId, t.requestKey),
  index('inspection_waste_day_idx').on(t.orgId, t.date),
  check('inspection_waste_grams_ck', sql`${t.grams} > 0`),
]);

/**
 * An evidence photo as stored: already watermarked with time, place and person (the original is not kept).
 * It belongs to a task or to a waste record.
 */
export const photo = pgTable('inspection_photo', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  taskId: integer('task_id').references(() => task.id, { onDelete: 'cascade' }),
  wasteId: integer('waste_id').references(() => waste.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  takenBy: integer('taken_by'),
}, (t) => [
  index('inspection_photo_task_idx').on(t.taskId),
  index('inspection_photo_waste_idx').on(t.wasteId),
  index('inspection_photo_org_idx').on(t.orgId, t.takenAt),
  check('inspection_photo_owner_ck', sql`(${t.taskId} is null) <> (${t.wasteId} is null)`),
]);
