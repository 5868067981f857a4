import { boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const supplier = pgTable('supplier_supplier', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  active: boolean('active').notNull().default(true),
}, (t) => [uniqueIndex('supplier_org_code_uq').on(t.orgId, t.code)]);

/** A price list from one supplier, valid from a date until the next list of that supplier (or valid_to). */
export const priceList = pgTable('supplier_price_list', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  supplierId: integer('supplier_id').notNull().references(() => supplier.id),
  name: text('name').notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  source: text('source').notNull(),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('supplier_price_list_org_idx').on(t.orgId, t.validFrom)]);

/** Price in fen for one purchase unit of `gramsPerUnit` grams, as the supplier quotes it. */
export const price = pgTable('supplier_price', {
  priceListId: integer('price_list_id').notNull().references(() => priceList.id, { onDelete: 'cascade' }),
  ingredientId: integer('ingredient_id').notNull(),
  priceFen: integer('price_fen').notNull(),
  gramsPerUnit: integer('grams_per_unit').notNull(),
}, (t) => [primaryKey({ columns: [t.priceListId, t.ingredientId] }), index('supplier_price_ingredient_idx').on(t.ingredientId)]);
