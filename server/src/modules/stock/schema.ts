import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../core/column-types.ts';

/** Documents that move stock. A transfer is two documents: out of one canteen, into the other. */
export const DOC_KINDS = ['receipt', 'issue', 'return', 'transfer_out', 'transfer_in', 'write_off', 'count'] as const;
export const MOVE_KINDS = ['receipt', 'issue', 'return', 'transfer_in', 'transfer_out', 'write_off', 'count_gain', 'count_loss'] as const;
export const DOCUMENT_KINDS = ['photo', 'invoice', 'quarantine', 'test_report', 'other'] as const;
export const LINE_DECISIONS = ['accepted', 'partial', 'rejected'] as const;
export const QUALITY_GRADES = ['good', 'fair', 'poor'] as const;
export const MEALS = ['breakfast', 'lunch', 'dinner', 'late'] as const;


/** The header of every stock posting: who, when, why. Never updated once posted except its flags. */
export const stockDoc = pgTable('stock_doc', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  kind: text('kind', { enum: DOC_KINDS }).notNull(),
  no: text('no').notNull(),
  businessDate: date('business_date').notNull(),
  meal: text('meal', { enum: MEALS }),
  purchaseOrderId: integer('purchase_order_id'),
  supplierId: integer('supplier_id'),
  counterpartOrgId: integer('counterpart_org_id'),
  linkedDocId: integer('linked_doc_id'),
  reason: text('reason').notNull().default(''),
  /** Client-chosen key: a posting retried with the same key returns the first result. */
  requestKey: text('request_key'),
  missingDocuments: text('missing_documents').array().notNull().default(sql`'{}'::text[]`),
  totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('stock_doc_no_uq').on(t.no),
  uniqueIndex('stock_doc_request_key_uq').on(t.orgId, t.requestKey),
  index('stock_doc_org_idx').on(t.orgId, t.kind, t.businessDate),
]);

/** What the receiving clerk decided for one delivered ingredient. */
export const receiptLine = pgTable('stock_receipt_line', {
  id: serial('id').primaryKey(),
  docId: integer('doc_id').notNull().references(() => stockDoc.id),
  ingredientId: integer('ingredient_id').notNull(),
  orderLineId: integer('order_line_id'),
  deliveredG: bigint('delivered_g', { mode: 'number' }).notNull(),
  acceptedG: bigint('accepted_g', { mode: 'number' }).notNull(),
  decision: text('decision', { enum: LINE_DECISIONS }).notNull(),
  grade: text('grade', { enum: QUALITY_GRADES }).notNull(),
  reason: text('reason').notNull().default(''),
  weighedBy: text('weighed_by', { enum: ['scale', 'manual'] }).notNull(),
  deviceCode: text('device_code'),
  unitPriceFen: integer('unit_price_fen').notNull(),
  gramsPerUnit: integer('grams_per_unit').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  batchId: integer('batch_id'),
  bestBefore: date('best_before'),
}, (t) => [index('stock_receipt_line_doc_idx').on(t.docId)]);

/** What remains of one delivery. Remaining value is carried so the last gram takes the last fen. */
export const batch = pgTable('stock_batch', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  ingredientId: integer('ingredient_id').notNull(),
  docId: integer('doc_id').notNull(),
  supplierId: integer('supplier_id'),
  receivedOn: date('received_on').notNull(),
  bestBefore: date('best_before').notNull(),
  inG: bigint('in_g', { mode: 'number' }).notNull(),
  inFen: bigint('in_fen', { mode: 'number' }).notNull(),
  qtyG: bigint('qty_g', { mode: 'number' }).notNull(),
  valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
}, (t) => [
  index('stock_batch_fefo_idx').on(t.orgId, t.ingredientId, t.bestBefore, t.id).where(sql`qty_g > 0`),
  check('stock_batch_not_negative', sql`${t.qtyG} >= 0 and ${t.valueFen} >= 0 and (${t.qtyG} > 0 or ${t.valueFen} = 0)`),
]);

/** Append-only: + into stock, − out of it. Grams and fen are integers; a batch's moves sum to what remains. */
export const stockMove = pgTable('stock_move', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: integer('org_id').notNull(),
  ingredientId: integer('ingredient_id').notNull(),
  batchId: integer('batch_id').notNull(),
  docId: integer('doc_id').notNull(),
  kind: text('kind', { enum: MOVE_KINDS }).notNull(),
  qtyG: bigint('qty_g', { mode: 'number' }).notNull(),
  valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
  businessDate: date('business_date').notNull(),
  createdBy: integer('created_by').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('stock_move_org_date_idx').on(t.orgId, t.businessDate),
  index('stock_move_doc_idx').on(t.docId),
  index('stock_move_batch_idx').on(t.batchId),
]);

/**
 * Moves summed per canteen, day, ingredient and kind, kept in the same transaction as the moves:
 * a year's report reads this, not the million moves behind it.
 */
export const stockDaily = pgTable('stock_daily', {
  orgId: integer('org_id').notNull(),
  day: date('day').notNull(),
  ingredientId: integer('ingredient_id').notNull(),
  kind: text('kind', { enum: MOVE_KINDS }).notNull(),
  qtyG: bigint('qty_g', { mode: 'number' }).notNull(),
  valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
  moves: integer('moves').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.day, t.ingredientId, t.kind] })]);

/** Photos and supplier documents (invoice, quarantine certificate, test report) of a receipt. */
export const attachment = pgTable('stock_attachment', {
  id: serial('id').primaryKey(),
  docId: integer('doc_id').notNull().references(() => stockDoc.id),
  kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: integer('uploaded_by').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('stock_attachment_doc_idx').on(t.docId)]);

/** Which supplier documents a receipt of an ingredient category must carry; set by the bureau or a canteen. */
export const requiredDocument = pgTable('stock_required_document', {
  orgId: integer('org_id').notNull(),
  category: text('category').notNull(),
  kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.category, t.kind] })]);

export const COUNT_STATUSES = ['open', 'submitted', 'approved', 'rejected'] as const;

/** A count sheet (盘点表) for one store of a canteen; approval posts the variances. */
export const stockCount = pgTable('stock_count', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  no: text('no').notNull(),
  store: text('store').notNull(),
  status: text('status', { enum: COUNT_STATUSES }).notNull().default('open'),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  decidedBy: integer('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  comment: text('comment'),
  docId: integer('doc_id'),
}, (t) => [uniqueIndex('stock_count_no_uq').on(t.no), index('stock_count_org_idx').on(t.orgId, t.status)]);

export const stockCountLine = pgTable('stock_count_line', {
  countId: integer('count_id').notNull().references(() => stockCount.id, { onDelete: 'cascade' }),
  batchId: integer('batch_id').notNull(),
  ingredientId: integer('ingredient_id').notNull(),
  bookG: bigint('book_g', { mode: 'number' }).notNull(),
  countedG: bigint('counted_g', { mode: 'number' }),
}, (t) => [primaryKey({ columns: [t.countId, t.batchId] })]);
