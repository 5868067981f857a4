import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { ingredientsByIds } from '../ingredient/index.ts';
import { suppliersUsableBy } from '../supplier/index.ts';
import { P } from './permissions.ts';
import { attachment, batch, receiptLine, stockDoc, stockMove, type DOC_KINDS } from './schema.ts';

const WHAT = { zh: '出入库单', en: 'Stock document' };

export async function listDocs(ctx: Ctx, q: { canteenId?: number; kind?: (typeof DOC_KINDS)[number]; from?: string; to?: string; missingDocuments?: '0' | '1' }) {
  const scope = ctx.access.scope(P['stock.stock.read']);
  const conds = [inArray(stockDoc.orgId, scope.length ? scope : [-1])];
  if (q.canteenId) conds.push(eq(stockDoc.orgId, q.canteenId));
  if (q.kind) conds.push(eq(stockDoc.kind, q.kind));
  if (q.from) conds.push(gte(stockDoc.businessDate, q.from));
  if (q.to) conds.push(lte(stockDoc.businessDate, q.to));
  if (q.missingDocuments === '1') conds.push(sql`cardinality(${stockDoc.missingDocuments}) > 0`);
  const list = await ctx.db.select().from(stockDoc).where(and(...conds)).orderBy(desc(stockDoc.businessDate), desc(stockDoc.id)).limit(300);
  const names = await personNames(ctx.db, list.map((d) => d.createdBy));
  const sups = new Map<number, string>();
  for (const orgId of new Set(list.map((d) => d.orgId))) {
    for (const [id, s] of await suppliersUsableBy(ctx, orgId, [...new Set(list.filter((d) => d.orgId === orgId && d.supplierId).map((d) => d.supplierId!))])) sups.set(id, s.name);
  }
  return list.map((d) => ({ ...d, canteenName: ctx.tree.get(d.orgId)?.name, counterpartName: d.counterpartOrgId ? ctx.tree.get(d.counterpartOrgId)?.name : null,
    supplierName: d.supplierId ? sups.get(d.supplierId) ?? null : null, createdByName: names.get(d.createdBy) ?? null }));
}

/** A document with what it moved: receipt lines for receipts, moves by batch for the rest. */
export async function getDoc(ctx: Ctx, id: number) {
  const [d] = await ctx.db.select().from(stockDoc).where(eq(stockDoc.id, id));
  if (!d || !ctx.access.can(P['stock.stock.read'], d.orgId)) throw notFound(WHAT);
  const lines = d.kind === 'receipt' ? await ctx.db.select().from(receiptLine).where(eq(receiptLine.docId, id)).orderBy(asc(receiptLine.id)) : [];
  const moves = await ctx.db.select({ m: stockMove, bestBefore: batch.bestBefore, receivedOn: batch.receivedOn }).from(stockMove)
    .innerJoin(batch, eq(batch.id, stockMove.batchId)).where(eq(stockMove.docId, id)).orderBy(asc(stockMove.id));
  const files = await ctx.db.select({ id: attachment.id, kind: attachment.kind, filename: attachment.filename, mime: attachment.mime, size: attachment.size, uploadedAt: attachment.uploadedAt })
    .from(attachment).where(eq(attachment.docId, id)).orderBy(asc(attachment.id));
  const ings = await ingredientsByIds(ctx, [...lines.map((l) => l.ingredientId), ...moves.map((m) => m.m.ingredientId)]);
  const sup = d.supplierId ? (await suppliersUsableBy(ctx, d.orgId, [d.supplierId])).get(d.supplierId) : undefined;
  const names = await personNames(ctx.db, [d.createdBy]);
  const named = (ingredientId: number) => ({ code: ings.get(ingredientId)?.code, name: ings.get(ingredientId)?.name, nameEn: ings.get(ingredientId)?.nameEn, category: ings.get(ingredientId)?.category, purchaseUnit: ings.get(ingredientId)?.purchaseUnit, gramsPerUnit: ings.get(ingredientId)?.gramsPerUnit });
  return {
    ...d,
    canteenName: ctx.tree.get(d.orgId)?.name,
    counterpartName: d.counterpartOrgId ? ctx.tree.get(d.counterpartOrgId)?.name ?? null : null,
    supplierName: sup?.name ?? null,
    createdByName: names.get(d.createdBy) ?? null,
    lines: lines.map((l) => ({ ...l, ...named(l.ingredientId) })),
    moves: moves.map(({ m, bestBefore, receivedOn }) => ({ ...m, bestBefore, receivedOn, ...named(m.ingredientId) })),
    attachments: files,
  };
}
