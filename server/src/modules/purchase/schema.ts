import { bigint, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const ORDER_STATUSES = ['open', 'sent', 'partial', 'received', 'closed', 'cancelled'] as const;

/** One supplier's share of an approved requisition (采购单). */
export const purchaseOrder = pgTable('purchase_order', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  no: text('no').notNull(),
  requisitionId: integer('requisition_id'),
  supplierId: integer('supplier_id').notNull(),
  status: text('status', { enum: ORDER_STATUSES }).notNull().default('open'),
  deliveryDate: date('delivery_date').notNull(),
  totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  sentVia: text('sent_via'),
  sentRef: text('sent_ref'),
}, (t) => [uniqueIndex('purchase_order_no_uq').on(t.no), index('purchase_order_org_idx').on(t.orgId, t.deliveryDate),
  index('purchase_order_requisition_idx').on(t.requisitionId)]);

/** Ordered in purchase units; received is kept in grams because the scale weighs what arrives. */
export const purchaseOrderLine = pgTable('purchase_order_line', {
  id: serial('id').primaryKey(),
  orderId: integer('order_id').notNull().references(() => purchaseOrder.id, { onDelete: 'cascade' }),
  ingredientId: integer('ingredient_id').notNull(),
  purchaseUnit: text('purchase_unit').notNull(),
  gramsPerUnit: integer('grams_per_unit').notNull(),
  qty: integer('qty').notNull(),
  unitPriceFen: integer('unit_price_fen').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  receivedG: bigint('received_g', { mode: 'number' }).notNull().default(0),
  receivedFen: bigint('received_fen', { mode: 'number' }).notNull().default(0),
}, (t) => [uniqueIndex('purchase_order_line_uq').on(t.orderId, t.ingredientId)]);
