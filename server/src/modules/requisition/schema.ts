import { bigint, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const REQUISITION_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;

export const requisition = pgTable('requisition_requisition', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  no: text('no').notNull(),
  dateFrom: date('date_from').notNull(),
  dateTo: date('date_to').notNull(),
  status: text('status', { enum: REQUISITION_STATUSES }).notNull().default('draft'),
  totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  decidedBy: integer('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionComment: text('decision_comment'),
}, (t) => [uniqueIndex('requisition_no_uq').on(t.no), index('requisition_org_idx').on(t.orgId, t.dateFrom)]);

/** One ingredient to buy. need − on hand = to buy (grams); rounded up to whole purchase units. */
export const requisitionLine = pgTable('requisition_line', {
  id: serial('id').primaryKey(),
  requisitionId: integer('requisition_id').notNull().references(() => requisition.id, { onDelete: 'cascade' }),
  ingredientId: integer('ingredient_id').notNull(),
  needG: bigint('need_g', { mode: 'number' }).notNull(),
  onHandG: bigint('on_hand_g', { mode: 'number' }).notNull(),
  purchaseUnit: text('purchase_unit').notNull(),
  gramsPerUnit: integer('grams_per_unit').notNull(),
  suggestedQty: integer('suggested_qty').notNull(),
  qty: integer('qty').notNull(),
  unitPriceFen: integer('unit_price_fen'),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
  supplierId: integer('supplier_id'),
  supplierName: text('supplier_name'),
  note: text('note').notNull().default(''),
}, (t) => [uniqueIndex('requisition_line_uq').on(t.requisitionId, t.ingredientId)]);
