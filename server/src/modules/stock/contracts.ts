import { z } from 'zod';
import { DOC_KINDS, DOCUMENT_KINDS, LINE_DECISIONS, MEALS, QUALITY_GRADES } from './schema.ts';

const isoDate = z.iso.date();
const id = z.number().int().positive();
/** Up to 100 t in one line: more is a typing mistake, not a delivery. */
const grams = z.number().int().min(1).max(100_000_000);
const requestKey = z.string().trim().min(8).max(80).describe('客户端生成的请求键，重复提交只记一次 / client key: a retried posting is recorded once');
const reason = z.string().trim().max(500);
const noRepeats = (key: 'ingredientId' | 'batchId') => (l: Record<string, unknown>[]) => new Set(l.map((x) => x[key])).size === l.length;

export const ReceiptLineInput = z.object({
  ingredientId: id,
  orderLineId: id.optional(),
  deliveredG: grams,
  acceptedG: z.number().int().min(0).max(100_000_000),
  decision: z.enum(LINE_DECISIONS),
  grade: z.enum(QUALITY_GRADES),
  reason: reason.default(''),
  weighedBy: z.enum(['scale', 'manual']),
  deviceCode: z.string().trim().max(60).optional(),
  unitPriceFen: z.number().int().min(0).max(10_000_000).optional(),
  bestBefore: isoDate.optional(),
}).superRefine((l, c) => {
  const say = (zh: string, en: string, path: string) => c.addIssue({ code: 'custom', message: `${zh} / ${en}`, path: [path] });
  if (l.acceptedG > l.deliveredG) say('验收量不能大于到货量', 'accepted more than delivered', 'acceptedG');
  if (l.decision === 'accepted' && l.acceptedG !== l.deliveredG) say('全部验收时验收量应等于到货量', 'accepted in full means accepted = delivered', 'acceptedG');
  if (l.decision === 'partial' && (l.acceptedG === 0 || l.acceptedG === l.deliveredG)) say('部分验收时验收量应在 0 与到货量之间', 'a partial acceptance lies between 0 and delivered', 'acceptedG');
  if (l.decision === 'rejected' && l.acceptedG !== 0) say('拒收时验收量应为 0', 'a rejected line accepts 0 g', 'acceptedG');
  if (l.decision !== 'accepted' && !l.reason) say('部分验收或拒收须填写原因', 'give a reason for a partial acceptance or a rejection', 'reason');
  if (l.weighedBy === 'scale' && !l.deviceCode) say('使用验收秤时须记录秤编号', 'name the scale that weighed it', 'deviceCode');
});

export const ReceiptInput = z.object({
  canteenId: id,
  requestKey,
  purchaseOrderId: id.optional(),
  supplierId: id.optional(),
  businessDate: isoDate.optional(),
  note: reason.default(''),
  lines: z.array(ReceiptLineInput).min(1).max(500)
    .refine(noRepeats('ingredientId'), '同一食材出现了两次 / an ingredient appears twice'),
}).refine((v) => v.purchaseOrderId || v.supplierId, { path: ['supplierId'], message: '无采购单验收时须选择供应商 / name the supplier when receiving without an order' });

const IngredientGrams = z.object({ ingredientId: id, qtyG: grams });
const BatchGrams = z.object({ batchId: id, qtyG: grams });

export const IssueInput = z.object({
  canteenId: id,
  requestKey,
  businessDate: isoDate.optional(),
  meal: z.enum(MEALS).optional(),
  reason: reason.default(''),
  lines: z.array(IngredientGrams).min(1).max(500).refine(noRepeats('ingredientId'), '同一食材出现了两次 / an ingredient appears twice'),
});

export const TransferInput = z.object({
  canteenId: id,
  toCanteenId: id,
  requestKey,
  reason: reason.min(1, '请填写调拨原因 / give a reason'),
  lines: z.array(IngredientGrams).min(1).max(500).refine(noRepeats('ingredientId'), '同一食材出现了两次 / an ingredient appears twice'),
}).refine((v) => v.toCanteenId !== v.canteenId, { path: ['toCanteenId'], message: '不能调拨给本食堂 / choose another canteen' });

/** Returns and write-offs name the batch: it is that delivery that goes back or goes off. */
export const BatchOutInput = z.object({
  canteenId: id,
  requestKey,
  reason: reason.min(1, '请填写原因 / give a reason'),
  lines: z.array(BatchGrams).min(1).max(500).refine(noRepeats('batchId'), '同一批次出现了两次 / a batch appears twice'),
});

export const ProposalQuery = z.object({ canteenId: z.coerce.number().int().positive(), date: isoDate, meal: z.enum(MEALS) });

export const StockQuery = z.object({
  canteenId: z.coerce.number().int().positive(),
  search: z.string().trim().max(50).optional(),
  category: z.string().trim().max(20).optional(),
});

export const BatchQuery = z.object({
  canteenId: z.coerce.number().int().positive(),
  ingredientId: z.coerce.number().int().positive().optional(),
  withEmpty: z.enum(['0', '1']).optional(),
});

export const DocQuery = z.object({
  canteenId: z.coerce.number().int().positive().optional(),
  kind: z.enum(DOC_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  missingDocuments: z.enum(['0', '1']).optional(),
});

export const AttachmentFields = z.object({ kind: z.enum(DOCUMENT_KINDS) });

export const RequiredDocumentsInput = z.object({
  orgId: id,
  rules: z.array(z.object({ category: z.string().trim().min(1).max(20), kinds: z.array(z.enum(DOCUMENT_KINDS)).max(5) })).max(50),
});

export const CountInput = z.object({ canteenId: id, store: z.enum(['dry', 'chilled', 'frozen']) });
export const CountQuery = z.object({ canteenId: z.coerce.number().int().positive() });
export const CountLinesInput = z.object({
  lines: z.array(z.object({ batchId: id, countedG: z.number().int().min(0).max(100_000_000).nullable() })).min(1).max(2000)
    .refine(noRepeats('batchId'), '同一批次出现了两次 / a batch appears twice'),
});
export const CountDecisionInput = z.object({ comment: z.string().trim().max(500).default('') });
export const CountRejectInput = z.object({ comment: z.string().trim().min(1, '请填写退回原因 / give a reason').max(500) });
