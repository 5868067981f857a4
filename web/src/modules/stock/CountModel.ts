import { t } from '../../i18n.ts';

/** Shapes of the stock-count API (server/src/modules/stock/count.ts) and the arithmetic of a variance's value. */

export type Store = 'dry' | 'chilled' | 'frozen';
export type CountStatus = 'open' | 'submitted' | 'approved' | 'rejected';

export interface CountRow {
  id: number; orgId: number; no: string; store: Store; status: CountStatus; createdBy: number; createdAt: string; submittedAt: string | null;
  decidedBy: number | null; decidedAt: string | null; comment: string | null; docId: number | null;
  storeName: { zh: string; en: string }; createdByName: string | null; decidedByName: string | null;
}
export interface CountLine {
  countId: number; batchId: number; ingredientId: number; bookG: number; countedG: number | null; bestBefore: string; receivedOn: string;
  code?: string; name?: string; nameEn?: string; purchaseUnit?: string; gramsPerUnit?: number; varianceG: number | null; varianceFen: number | null;
}
export interface CountSheet extends CountRow { canteenName?: string; lines: CountLine[]; counted: number; varianceFen: number }

/** What each store holds (the server's storeOf by ingredient category), so people open the right sheet. */
export const STORES: { value: Store; zh: string; en: string; holdsZh: string; holdsEn: string }[] = [
  { value: 'dry', zh: '干货库', en: 'Dry store', holdsZh: '粮食、油、调味品、干货', holdsEn: 'Grain, oil, seasoning, dried goods' },
  { value: 'chilled', zh: '冷藏库', en: 'Cold room', holdsZh: '蔬菜、蛋、豆制品、菌菇、水果、奶', holdsEn: 'Vegetables, eggs, soy, mushrooms, fruit, dairy' },
  { value: 'frozen', zh: '冷冻库', en: 'Freezer', holdsZh: '肉、禽、水产', holdsEn: 'Meat, poultry, fish and seafood' },
];
export const storeLabel = (s: string) => { const x = STORES.find((v) => v.value === s); return x ? t(x.zh, x.en) : s; };

export const COUNT_STATUSES: { value: CountStatus; zh: string; en: string; color: string }[] = [
  { value: 'open', zh: '盘点中', en: 'Counting', color: 'processing' },
  { value: 'submitted', zh: '待审核', en: 'Waiting for approval', color: 'warning' },
  { value: 'approved', zh: '已审核入账', en: 'Approved', color: 'success' },
  { value: 'rejected', zh: '已退回', en: 'Sent back', color: 'error' },
];
export const countStatusOf = (s: string) => COUNT_STATUSES.find((x) => x.value === s);
/** A sheet sent back is open again with the head's comment on it. */
export const wasSentBack = (c: CountRow) => c.status === 'open' && !!c.decidedBy && !!c.comment;

/** A batch as GET /api/stock/batches gives it: enough to value a variance before the server does. */
export interface BatchValue { id: number; qtyG: number; valueFen: number; inG: number; inFen: number; category?: string; supplierName?: string | null }

/**
 * The value of a variance as the server computes it (count.ts varianceValue): a gain at the batch's
 * purchase cost per gram, a loss the way an issue takes value out of what is left. Rounded half up.
 */
export function varianceFenOf(varianceG: number, b: BatchValue): number {
  if (varianceG >= 0) return b.inG ? Math.floor((2 * varianceG * b.inFen + b.inG) / (2 * b.inG)) : 0;
  const g = Math.min(-varianceG, b.qtyG);
  if (g >= b.qtyG) return -b.valueFen;
  return -Math.floor((2 * b.valueFen * g + b.qtyG) / (2 * b.qtyG));
}

/** "+1.200 千克" / "−0.350 千克" / "0". */
export function signedKg(g: number): string {
  if (g === 0) return t('无差异', 'No difference');
  return `${g > 0 ? '+' : '−'}${(Math.abs(g) / 1000).toFixed(3)} ${t('千克', 'kg')}`;
}
const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const signedYuan = (fen: number) => (fen === 0 ? '¥0.00' : `${fen > 0 ? '+' : '−'}¥${YUAN.format(Math.abs(fen) / 100)}`);
export const GAIN = '#237804';
export const LOSS = '#cf1322';
export const varianceColor = (v: number | null | undefined) => (!v ? undefined : v > 0 ? GAIN : LOSS);
