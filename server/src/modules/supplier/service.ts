import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { rows } from '../../core/db.ts';
import { AppError, conflict, forbidden, notFound } from '../../core/errors.ts';
import { rejectOrSkip } from '../../core/excel.ts';
import { ingredientsByCode, ingredientsByIds, ownerOrg, requireUsableBy } from '../ingredient/index.ts';
import { priceSheet } from './adapters/file-price-feed.ts';
import type { PriceFeed } from './adapters/price-feed.ts';
import type { PriceListInput, SupplierInput } from './contracts.ts';
import { P } from './permissions.ts';
import { price, priceList, supplier } from './schema.ts';

const SUPPLIER = { zh: '供应商', en: 'Supplier' };
const PRICE_LIST = { zh: '价格表', en: 'Price list' };

export async function listSuppliers(ctx: Ctx) {
  return ctx.db.select().from(supplier).where(inArray(supplier.orgId, ctx.access.readScope(P['supplier.supplier.read']))).orderBy(asc(supplier.code));
}

async function loadSupplier(ctx: Ctx, id: number) {
  const [row] = await ctx.db.select().from(supplier).where(eq(supplier.id, id));
  if (!row || !ctx.access.readScope(P['supplier.supplier.read']).includes(row.orgId)) throw notFound(SUPPLIER);
  return row;
}

/** Suppliers by id that records of canteen `orgId` may name (the canteen's own or those above it); unknown ids are left out. */
export async function suppliersUsableBy(ctx: Ctx, orgId: number, ids: number[]): Promise<Map<number, typeof supplier.$inferSelect>> {
  if (!ids.length) return new Map();
  const list = await ctx.db.select().from(supplier).where(and(inArray(supplier.id, ids), inArray(supplier.orgId, ctx.tree.ancestry(orgId))));
  return new Map(list.map((s) => [s.id, s]));
}

export async function createSupplier(ctx: Ctx, input: z.infer<typeof SupplierInput>) {
  const orgId = ownerOrg(ctx, P['supplier.supplier.write'], input.orgId);
  const [dup] = await ctx.db.select({ id: supplier.id }).from(supplier).where(and(eq(supplier.orgId, orgId), eq(supplier.code, input.code)));
  if (dup) throw conflict('supplier_code_taken', `供应商编码 ${input.code} 已存在`, `Supplier code ${input.code} already exists`);
  const [row] = await ctx.db.insert(supplier).values({ ...input, orgId }).returning();
  await audit(ctx, { orgId, action: 'supplier.created', entity: 'supplier', entityId: row!.id, after: row });
  return row!;
}

export async function updateSupplier(ctx: Ctx, id: number, input: z.infer<typeof SupplierInput>) {
  const before = await loadSupplier(ctx, id);
  ctx.access.require(P['supplier.supplier.write'], before.orgId);
  const { orgId: _ignored, ...fields } = input;
  const [row] = await ctx.db.update(supplier).set(fields).where(eq(supplier.id, id)).returning();
  await audit(ctx, { orgId: before.orgId, action: 'supplier.updated', entity: 'supplier', entityId: id, before, after: row });
  return row!;
}

export async function listPriceLists(ctx: Ctx) {
  const scope = ctx.access.readScope(P['supplier.supplier.read']);
  return ctx.db
    .select({ id: priceList.id, orgId: priceList.orgId, supplierId: priceList.supplierId, supplierName: supplier.name, name: priceList.name,
      validFrom: priceList.validFrom, validTo: priceList.validTo, source: priceList.source, createdAt: priceList.createdAt,
      items: sql<number>`(select count(*)::int from ${price} p where p.price_list_id = "supplier_price_list"."id")` })
    .from(priceList).innerJoin(supplier, eq(supplier.id, priceList.supplierId))
    .where(inArray(priceList.orgId, scope)).orderBy(desc(priceList.validFrom), desc(priceList.id)).limit(500);
}

export async function getPriceList(ctx: Ctx, id: number) {
  const [list] = await ctx.db.select().from(priceList).where(eq(priceList.id, id));
  if (!list || !ctx.access.readScope(P['supplier.supplier.read']).includes(list.orgId)) throw notFound(PRICE_LIST);
  const lines = await ctx.db.select().from(price).where(eq(price.priceListId, id));
  const ings = await ingredientsByIds(ctx, lines.map((l) => l.ingredientId));
  return {
    ...list,
    prices: lines.map((l) => ({ ...l, code: ings.get(l.ingredientId)?.code, name: ings.get(l.ingredientId)?.name, purchaseUnit: ings.get(l.ingredientId)?.purchaseUnit }))
      .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '')),
  };
}

/** Stores a supplier's price list; the list belongs to the supplier's organisation and is used by everything below it. */
/**
 * Who owns a price list: the supplier's own organisation when the caller may write there, else the
 * caller's canteen below it — a canteen may agree its own prices with a bureau-wide supplier.
 */
function priceListOwner(ctx: Ctx, supplierOrgId: number, orgId?: number): number {
  const perm = P['supplier.price_list.write'];
  const target = orgId ?? (ctx.access.can(perm, supplierOrgId) ? supplierOrgId : ctx.access.assignments.map((a) => a.orgId).find((o) => ctx.access.can(perm, o) && ctx.tree.isWithin(o, supplierOrgId)));
  if (target === undefined) throw forbidden();
  ctx.access.require(perm, target);
  if (!ctx.tree.isWithin(target, supplierOrgId)) throw forbidden();
  return target;
}

export async function savePriceList(ctx: Ctx, input: z.infer<typeof PriceListInput>, source: string) {
  const sup = await loadSupplier(ctx, input.supplierId);
  const owner = priceListOwner(ctx, sup.orgId, input.orgId);
  const seen = new Set<number>();
  for (const p of input.prices) {
    if (seen.has(p.ingredientId)) throw new AppError(422, 'duplicate_price', `价格表中食材 #${p.ingredientId} 重复`, `Ingredient #${p.ingredientId} appears twice`);
    seen.add(p.ingredientId);
  }
  const ings = await requireUsableBy(ctx, owner, [...seen]);
  const [list] = await ctx.db.insert(priceList).values({
    orgId: owner, supplierId: sup.id, name: input.name, validFrom: input.validFrom, validTo: input.validTo ?? null, source, createdBy: ctx.user?.id ?? null, createdAt: ctx.now(),
  }).returning();
  const values = input.prices.map((p) => ({ priceListId: list!.id, ingredientId: p.ingredientId, priceFen: p.priceFen, gramsPerUnit: p.gramsPerUnit ?? ings.get(p.ingredientId)!.gramsPerUnit }));
  for (let i = 0; i < values.length; i += 1000) await ctx.db.insert(price).values(values.slice(i, i + 1000));
  await audit(ctx, { orgId: owner, action: 'price_list.imported', entity: 'price_list', entityId: list!.id, after: { ...list, items: values.length } });
  return { ...list!, items: values.length };
}

export interface QuotedPrice {
  ingredientId: number;
  supplierId: number;
  supplierName: string;
  priceFen: number;
  gramsPerUnit: number;
  priceListId: number;
}

/**
 * The price each ingredient costs a canteen on a date: each supplier's latest list valid that day
 * among lists owned by the canteen or above it, then the cheapest per gram across suppliers.
 */
export async function pricesFor(ctx: Ctx, canteenId: number, ingredientIds: number[], date: string): Promise<Map<number, QuotedPrice>> {
  if (!ingredientIds.length) return new Map();
  const owners = ctx.tree.ancestry(canteenId);
  const found = await rows<{ ingredient_id: number; supplier_id: number; supplier_name: string; price_fen: number; grams_per_unit: number; price_list_id: number }>(ctx.db, sql`
    with latest as (
      select distinct on (pl.supplier_id) pl.id, pl.supplier_id
      from ${priceList} pl
      where pl.org_id in ${owners} and pl.valid_from <= ${date}::date and (pl.valid_to is null or pl.valid_to >= ${date}::date)
      order by pl.supplier_id, pl.valid_from desc, pl.id desc
    )
    select distinct on (p.ingredient_id) p.ingredient_id, l.supplier_id, s.name as supplier_name, p.price_fen, p.grams_per_unit, l.id as price_list_id
    from ${price} p
    join latest l on l.id = p.price_list_id
    join ${supplier} s on s.id = l.supplier_id and s.active
    where p.ingredient_id in ${[...new Set(ingredientIds)]}
    order by p.ingredient_id, p.price_fen::float8 / p.grams_per_unit, l.supplier_id`);
  return new Map(found.map((r) => [r.ingredient_id, {
    ingredientId: r.ingredient_id, supplierId: r.supplier_id, supplierName: r.supplier_name, priceFen: r.price_fen, gramsPerUnit: r.grams_per_unit, priceListId: r.price_list_id,
  }]));
}

/** Ingredients that appear on any price list a canteen can use. */
export async function priceableIngredients(ctx: Ctx, canteenId: number): Promise<number[]> {
  const found = await ctx.db.selectDistinct({ id: price.ingredientId }).from(price)
    .innerJoin(priceList, eq(priceList.id, price.priceListId)).where(inArray(priceList.orgId, ctx.tree.ancestry(canteenId)));
  return found.map((r) => r.id);
}

/** Turns a feed's quotes into a price list; unknown ingredient codes are row errors like any other. */
export async function importFromFeed(ctx: Ctx, feed: PriceFeed, meta: { supplierId: number; name: string; validFrom: string; skipBadRows: boolean }) {
  const sup = await loadSupplier(ctx, meta.supplierId);
  const owner = priceListOwner(ctx, sup.orgId);
  const { quotes, errors } = await feed.quotes();
  const byCode = await ingredientsByCode(ctx, owner);
  const seen = new Set<number>();
  const prices: { ingredientId: number; priceFen: number; gramsPerUnit?: number }[] = [];
  for (const { row, quote } of quotes) {
    const ing = byCode.get(quote.ingredientCode);
    if (!ing) errors.push({ sheet: priceSheet.name, row, message: `食材编码 ${quote.ingredientCode} 不存在 / unknown ingredient code` });
    else if (seen.has(ing.id)) errors.push({ sheet: priceSheet.name, row, message: `食材 ${quote.ingredientCode} 重复 / ingredient repeated` });
    else {
      seen.add(ing.id);
      prices.push({ ingredientId: ing.id, priceFen: quote.priceFen, gramsPerUnit: quote.gramsPerUnit });
    }
  }
  const skipped = rejectOrSkip(errors, prices.length, meta.skipBadRows);
  const list = await savePriceList(ctx, { supplierId: sup.id, orgId: owner, name: meta.name, validFrom: meta.validFrom, prices }, feed.source);
  return { ...list, imported: prices.length, skipped };
}
