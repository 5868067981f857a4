import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { addDays } from '../menu/index.ts';
import { requireUsableBy } from '../ingredient/index.ts';
import { receivableOrder, recordReceived } from '../purchase/index.ts';
import { pricesFor, suppliersUsableBy, unitPrice } from '../supplier/index.ts';
import type { ReceiptInput } from './contracts.ts';
import { amountFor } from './fefo.ts';
import { closeDoc, earlierPosting, newBatches, openDoc, postMoves } from './ledger.ts';
import { P } from './permissions.ts';
import { attachment, receiptLine, requiredDocument, stockDoc, type DOCUMENT_KINDS } from './schema.ts';
import { getDoc } from './documents.ts';

type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** How far back a late posting may go: the month just closed is still open for paperwork that arrived late. */
export const BACKDATE_DAYS = 31;

/** The business date a posting belongs to: today unless given; never in the future, nor older than BACKDATE_DAYS. */
export function postingDate(ctx: Ctx, given?: string): string {
  const today = chinaDate(ctx.now());
  if (given && given > today) throw new AppError(400, 'date_in_future', '业务日期不能晚于今天', 'The business date cannot be later than today');
  if (given && given < addDays(today, -BACKDATE_DAYS)) {
    throw new AppError(400, 'date_too_old', `只能补录 ${BACKDATE_DAYS} 天内的单据`, `Postings can be back-dated by at most ${BACKDATE_DAYS} days`);
  }
  return given ?? today;
}

/**
 * Posts a goods receipt (验收入库): each line accepted, partly accepted or rejected; accepted grams
 * become a batch with its best-before date and cost. Against an order, prices come from the order;
 * without one, from the line or the supplier's current price list. Retried with the same request
 * key, it returns the first receipt and posts nothing.
 */
export async function postReceipt(ctx: Ctx, input: z.infer<typeof ReceiptInput>) {
  ctx.access.requireCanteen(P['stock.receipt.write'], input.canteenId);
  const businessDate = postingDate(ctx, input.businessDate);
  const earlier = await earlierPosting(ctx, input.canteenId, input.requestKey);
  if (earlier) return { ...(await getDoc(ctx, earlier)), replayed: true };
  const order = input.purchaseOrderId ? await receivableOrder(ctx, input.purchaseOrderId, input.canteenId) : null;
  const supplierId = order?.supplierId ?? input.supplierId!;
  if (!order && !(await suppliersUsableBy(ctx, input.canteenId, [supplierId])).has(supplierId)) {
    throw new AppError(404, 'supplier_not_found', '供应商不存在', 'Supplier not found');
  }
  const doc = await openDoc(ctx, { orgId: input.canteenId, kind: 'receipt', businessDate, purchaseOrderId: order?.id ?? null, supplierId, reason: input.note, requestKey: input.requestKey });
  if (doc.replayed) return { ...(await getDoc(ctx, doc.id)), replayed: true };

  const ids = input.lines.map((l) => l.ingredientId);
  const ings = await requireUsableBy(ctx, input.canteenId, ids);
  const orderLines = new Map((order?.lines ?? []).map((l) => [l.id, l]));
  const listed = order || input.lines.every((l) => l.unitPriceFen !== undefined) ? new Map() : await pricesFor(ctx, input.canteenId, ids, businessDate);
  const lines = input.lines.map((l) => {
    const ing = ings.get(l.ingredientId)!;
    const ol = l.orderLineId ? orderLines.get(l.orderLineId) : order?.lines.find((x) => x.ingredientId === l.ingredientId);
    if (order && (!ol || ol.ingredientId !== l.ingredientId)) {
      throw new AppError(422, 'not_on_order', `${ing.name} 不在该采购单上`, `${ing.nameEn || ing.name} is not on this order`, { ingredientId: l.ingredientId });
    }
    const quote = listed.get(l.ingredientId);
    const gramsPerUnit = ol?.gramsPerUnit ?? ing.gramsPerUnit;
    // A rejected line buys nothing, so it needs no price.
    const unitPriceFen = l.unitPriceFen ?? ol?.unitPriceFen ?? (quote && quote.supplierId === supplierId ? unitPrice(quote, gramsPerUnit) : l.acceptedG === 0 ? 0 : undefined);
    if (unitPriceFen === undefined) {
      throw new AppError(422, 'price_missing', `${ing.name} 没有单价：请填写单价`, `${ing.nameEn || ing.name} has no price: enter the unit price`, { ingredientId: l.ingredientId });
    }
    const bestBefore = l.bestBefore ?? addDays(businessDate, ing.shelfLifeDays);
    if (l.acceptedG > 0 && bestBefore < businessDate) {
      throw new AppError(422, 'already_expired', `${ing.name} 已过保质期，不能验收入库`, `${ing.nameEn || ing.name} is past its best-before date and cannot be accepted`, { ingredientId: l.ingredientId });
    }
    return { ...l, ing, orderLineId: ol?.id ?? null, gramsPerUnit, unitPriceFen, bestBefore, amountFen: amountFor(l.acceptedG, unitPriceFen, gramsPerUnit) };
  });

  const accepted = lines.filter((l) => l.acceptedG > 0);
  const batchIds = await newBatches(ctx,
    accepted.map((l) => ({ orgId: input.canteenId, ingredientId: l.ingredientId, docId: doc.id, supplierId, receivedOn: businessDate, bestBefore: l.bestBefore })),
    accepted.map((l) => ({ qtyG: l.acceptedG, valueFen: l.amountFen })));
  const batchOf = new Map(accepted.map((l, i) => [l.ingredientId, batchIds[i]!]));
  const moves = accepted.map((l) => ({ ingredientId: l.ingredientId, batchId: batchOf.get(l.ingredientId)!, kind: 'receipt' as const, qtyG: l.acceptedG, valueFen: l.amountFen }));
  await postMoves(ctx, { id: doc.id, orgId: input.canteenId, businessDate }, moves);
  await ctx.db.insert(receiptLine).values(lines.map((l) => ({
    docId: doc.id, ingredientId: l.ingredientId, orderLineId: l.orderLineId, deliveredG: l.deliveredG, acceptedG: l.acceptedG, decision: l.decision, grade: l.grade,
    reason: l.reason, weighedBy: l.weighedBy, deviceCode: l.deviceCode ?? null, unitPriceFen: l.unitPriceFen, gramsPerUnit: l.gramsPerUnit, amountFen: l.amountFen,
    batchId: batchOf.get(l.ingredientId) ?? null, bestBefore: l.acceptedG > 0 ? l.bestBefore : null,
  })));
  const totalFen = accepted.reduce((s, l) => s + l.amountFen, 0);
  const missing = await missingDocuments(ctx, input.canteenId, accepted.map((l) => l.ing.category), []);
  if (order) await recordReceived(ctx, order.id, accepted.filter((l) => l.orderLineId).map((l) => ({ orderLineId: l.orderLineId!, grams: l.acceptedG, fen: l.amountFen })));
  const posted = await getDoc(ctx, doc.id);
  const no = await closeDoc(ctx, { id: doc.id, orgId: input.canteenId, kind: 'receipt', businessDate }, moves, { totalFen, missingDocuments: missing });
  await audit(ctx, { orgId: input.canteenId, action: 'stock.receipt_posted', entity: 'stock_doc', entityId: doc.id,
    after: { no, purchaseOrderId: order?.id ?? null, supplierId, totalFen, missingDocuments: missing, lines: lines.map((l) => ({ ingredientId: l.ingredientId, deliveredG: l.deliveredG, acceptedG: l.acceptedG, decision: l.decision, grade: l.grade, amountFen: l.amountFen })) } });
  if (missing.length) ctx.emit(RECEIPT_MISSING_DOCUMENTS, { orgId: input.canteenId, docId: doc.id, no, missing });
  return { ...posted, no, totalFen, missingDocuments: missing, replayed: false };
}

export const RECEIPT_MISSING_DOCUMENTS = 'stock.receipt_missing_documents';

/** Kinds of document the categories received require (rules of the canteen and the organisations above) not yet attached. */
async function missingDocuments(ctx: Ctx, canteenId: number, categories: string[], attached: DocumentKind[]): Promise<DocumentKind[]> {
  if (!categories.length) return [];
  const rules = await ctx.db.select({ kind: requiredDocument.kind }).from(requiredDocument)
    .where(and(inArray(requiredDocument.orgId, ctx.tree.ancestry(canteenId)), inArray(requiredDocument.category, [...new Set(categories)])));
  const have = new Set(attached);
  return [...new Set(rules.map((r) => r.kind))].filter((k) => !have.has(k)).sort();
}

const ATTACHMENT_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

/** Links a photo or supplier document to a receipt and clears it from the receipt's missing list. */
export async function addAttachment(ctx: Ctx, docId: number, kind: DocumentKind, file: { name: string; type: string; bytes: Buffer }) {
  const [doc] = await ctx.db.select().from(stockDoc).where(eq(stockDoc.id, docId)).for('update');
  if (!doc || doc.kind !== 'receipt' || !ctx.access.can(P['stock.stock.read'], doc.orgId)) throw notFound({ zh: '验收单', en: 'Receipt' });
  ctx.access.require(P['stock.receipt.write'], doc.orgId);
  if (!ATTACHMENT_TYPES.has(file.type)) throw new AppError(400, 'bad_attachment_type', '只能上传照片（JPEG、PNG、WebP）或 PDF 文件', 'Upload a photo (JPEG, PNG, WebP) or a PDF');
  const [row] = await ctx.db.insert(attachment).values({ docId, kind, filename: file.name, mime: file.type, size: file.bytes.length, data: file.bytes, uploadedBy: ctx.user!.id, uploadedAt: ctx.now() })
    .returning({ id: attachment.id });
  const missing = doc.missingDocuments.filter((k) => k !== kind);
  await ctx.db.update(stockDoc).set({ missingDocuments: missing }).where(eq(stockDoc.id, docId));
  await audit(ctx, { orgId: doc.orgId, action: 'stock.attachment_added', entity: 'stock_doc', entityId: docId, before: { missingDocuments: doc.missingDocuments }, after: { attachmentId: row!.id, kind, filename: file.name, size: file.bytes.length, missingDocuments: missing } });
  if (!missing.length && doc.missingDocuments.length) ctx.emit(RECEIPT_DOCUMENTS_COMPLETE, { orgId: doc.orgId, docId });
  return getDoc(ctx, docId);
}

export const RECEIPT_DOCUMENTS_COMPLETE = 'stock.receipt_documents_complete';

export async function getAttachment(ctx: Ctx, docId: number, attachmentId: number) {
  const [row] = await ctx.db.select({ a: attachment, orgId: stockDoc.orgId }).from(attachment).innerJoin(stockDoc, eq(stockDoc.id, attachment.docId))
    .where(and(eq(attachment.id, attachmentId), eq(attachment.docId, docId)));
  if (!row || !ctx.access.can(P['stock.stock.read'], row.orgId)) throw notFound({ zh: '附件', en: 'Attachment' });
  return row.a;
}

/** Required documents per ingredient category for one organisation (bureau rules apply to its canteens). */
export async function requiredDocuments(ctx: Ctx, orgId: number) {
  if (!ctx.access.readScope(P['stock.stock.read']).includes(orgId)) throw notFound({ zh: '组织', en: 'Organisation' });
  const rows = await ctx.db.select().from(requiredDocument).where(inArray(requiredDocument.orgId, ctx.tree.ancestry(orgId)));
  return rows.map((r) => ({ ...r, inherited: r.orgId !== orgId }));
}

export async function setRequiredDocuments(ctx: Ctx, orgId: number, rules: { category: string; kinds: DocumentKind[] }[]) {
  ctx.access.require(P['stock.settings.write'], orgId);
  if (!ctx.tree.get(orgId)) throw notFound({ zh: '组织', en: 'Organisation' });
  const before = await ctx.db.select().from(requiredDocument).where(eq(requiredDocument.orgId, orgId));
  await ctx.db.delete(requiredDocument).where(eq(requiredDocument.orgId, orgId));
  const rows = rules.flatMap((r) => [...new Set(r.kinds)].map((kind) => ({ orgId, category: r.category, kind })));
  if (rows.length) await ctx.db.insert(requiredDocument).values(rows).onConflictDoNothing();
  await audit(ctx, { orgId, action: 'stock.required_documents_set', entity: 'stock_required_document', entityId: orgId, before, after: rows });
  return requiredDocuments(ctx, orgId);
}
