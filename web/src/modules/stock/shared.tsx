import { Alert, InputNumber, type InputNumberProps } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, yuan } from '../../api.ts';
import { currentLang, t } from '../../i18n.ts';
import { labelOf, tagOf, type Label } from '../../shell/labels.tsx';
import { unitLabel } from '../ingredient/shared.tsx';

/**
 * Helpers shared by the purchase and stock pages: request keys for postings, weights in kilograms
 * with three decimals, and the labels of the codes the stock API uses.
 */

/**
 * A fresh request key. `crypto.randomUUID` exists only on https or localhost; a tablet at the back
 * door that opens the platform by its LAN address over http still has `getRandomValues`.
 */
export function newRequestKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What went wrong with a posting, in words a storekeeper can act on. */
export function postingErrorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof TypeError) return t('网络连接中断，没有收到服务器的答复。请检查网络后再点一次：同一笔不会重复记账。', 'The network dropped before the server answered. Check the connection and press again: the same posting is never recorded twice.');
  return e instanceof Error ? e.message : String(e);
}

/**
 * A request started by a button: busy while it runs (a second press meanwhile does nothing), the
 * error in plain words afterwards. Resolves to the result, or undefined when it failed.
 */
export function useRequest() {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T,>(send: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      return await send();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const errorText = error == null ? null : postingErrorText(error);
  return { busy, error, errorText, clearError: () => setError(null), run };
}

/**
 * One stock posting (receipt, issue, transfer, return, write-off). The request key is made when the
 * form opens and kept across retries of the same submission, so a double click or a retry after a
 * network error posts once; it is renewed only after a success.
 */
export function usePosting() {
  const key = useRef(newRequestKey());
  const request = useRequest();
  const run = <T,>(send: (requestKey: string) => Promise<T>) => request.run(async () => {
    const result = await send(key.current);
    key.current = newRequestKey();
    return result;
  });
  return { ...request, run };
}

/** The message after a posting: its number and value, or that a retry found it already posted. */
export function postedText(doc: { no: string; totalFen: number; replayed?: boolean }, zh: string, en: string) {
  return doc.replayed ? t(`这笔已在之前记过账（${doc.no}），没有重复记账`, `Already posted earlier (${doc.no}); nothing was recorded twice`)
    : t(`已${zh} ${doc.no}，金额 ${yuan(doc.totalFen)}`, `${en} ${doc.no}, ${yuan(doc.totalFen)}`);
}

/** The posting error above a form, closable. */
export function PostingError({ text, onClose }: { text: string | null; onClose: () => void }) {
  if (!text) return null;
  return <Alert type="error" showIcon title={text} closable={{ onClose }} style={{ marginBottom: 12, fontSize: 16 }} />;
}

/** Rows the server reported short are tinted red (className `stock-short-row`). */
export const ShortRowStyle = () => <style>{'.stock-short-row > td { background: #fff1f0 !important; }'}</style>;

/** Ingredients whose stock was short in a 409 stock_insufficient, by ingredient or batch id. */
export function shortIds(e: unknown, key: 'ingredientId' | 'batchId'): Set<number> {
  if (!(e instanceof ApiError) || e.code !== 'stock_insufficient') return new Set();
  const short = (e.details as { short?: Record<string, number>[] } | undefined)?.short ?? [];
  return new Set(short.map((s) => s[key]!).filter((v) => v != null));
}

/** The name in the reader's language (English name when there is one). */
export const nameOf = (x: { name?: string | null; nameEn?: string | null }) => (currentLang() === 'en' && x.nameEn ? x.nameEn : x.name ?? '');

/** Grams → "12.345 千克". */
export const kg3 = (g: number | null | undefined) => (g == null ? '—' : `${(g / 1000).toFixed(3)} ${t('千克', 'kg')}`);

/** Grams in the ingredient's purchase unit when that is not kg: "≈ 24.7 斤"; empty for kg and g. */
export function unitApprox(g: number, unit: string, gramsPerUnit: number): string {
  if (unit === 'kg' || unit === 'g' || !gramsPerUnit) return '';
  return `≈ ${Number((g / gramsPerUnit).toFixed(1))} ${unitLabel(unit)}`;
}

/** A weight typed in kilograms (three decimals), held in whole grams. */
export function KgInput({ value, onChange, ...rest }: { value?: number | null; onChange?: (grams: number | null) => void } & Omit<InputNumberProps<number>, 'value' | 'onChange'>) {
  return (
    <InputNumber<number> min={0} max={100_000} step={0.1} precision={3} inputMode="decimal" suffix={t('千克', 'kg')} {...rest}
      value={value == null ? null : value / 1000} onChange={(v) => onChange?.(v == null ? null : Math.round(v * 1000))} />
  );
}


export const DOC_KINDS = [
  { value: 'receipt', zh: '验收入库', en: 'Receipt', color: 'green' },
  { value: 'issue', zh: '领用出库', en: 'Kitchen issue', color: 'blue' },
  { value: 'transfer_out', zh: '调拨出库', en: 'Transfer out', color: 'purple' },
  { value: 'transfer_in', zh: '调拨入库', en: 'Transfer in', color: 'cyan' },
  { value: 'return', zh: '退货', en: 'Return', color: 'orange' },
  { value: 'write_off', zh: '报损', en: 'Write-off', color: 'red' },
  { value: 'count', zh: '盘点', en: 'Stock count', color: 'default' },
] as const;
export const docKindLabel = (v: string) => labelOf(DOC_KINDS, v);
export const docKindTag = (v: string) => tagOf(DOC_KINDS, v);

const MOVE_KINDS: readonly Label[] = [...DOC_KINDS, { value: 'count_gain', zh: '盘盈', en: 'Count gain', color: 'green' }, { value: 'count_loss', zh: '盘亏', en: 'Count loss', color: 'red' }];
export const moveKindLabel = (v: string) => labelOf(MOVE_KINDS, v);

export const DECISIONS = [
  { value: 'accepted', zh: '合格入库', en: 'Accepted', color: 'success' },
  { value: 'partial', zh: '部分验收', en: 'Partly accepted', color: 'warning' },
  { value: 'rejected', zh: '拒收', en: 'Rejected', color: 'error' },
] as const;
export type Decision = (typeof DECISIONS)[number]['value'];
export const decisionTag = (v: string) => tagOf(DECISIONS, v);

export const GRADES = [
  { value: 'good', zh: '良好', en: 'Good' },
  { value: 'fair', zh: '一般', en: 'Fair' },
  { value: 'poor', zh: '较差', en: 'Poor' },
] as const;
export type Grade = (typeof GRADES)[number]['value'];
export const gradeLabel = (v: string) => labelOf(GRADES, v);

export const DOCUMENT_KINDS = [
  { value: 'photo', zh: '到货照片', en: 'Photo' },
  { value: 'invoice', zh: '发票/送货单', en: 'Invoice' },
  { value: 'quarantine', zh: '检疫证明', en: 'Quarantine certificate' },
  { value: 'test_report', zh: '检测报告', en: 'Test report' },
  { value: 'other', zh: '其他单据', en: 'Other document' },
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]['value'];
export const documentKindLabel = (v: string) => labelOf(DOCUMENT_KINDS, v);

export const STOCK_MEALS = [
  { value: 'breakfast', zh: '早餐', en: 'Breakfast' },
  { value: 'lunch', zh: '午餐', en: 'Lunch' },
  { value: 'dinner', zh: '晚餐', en: 'Dinner' },
] as const;

/** Reasons a receiving clerk picks from; free text is always possible beside them. */
export const RECEIPT_REASONS = [
  { zh: '质量不合格', en: 'Poor quality' },
  { zh: '数量不足', en: 'Short quantity' },
  { zh: '规格不符', en: 'Wrong specification' },
  { zh: '包装破损', en: 'Damaged packaging' },
  { zh: '温度超标', en: 'Temperature too high' },
  { zh: '无检疫证明', en: 'No quarantine certificate' },
];
export const WRITE_OFF_REASONS = [
  { zh: '已过期', en: 'Past best-before' },
  { zh: '变质', en: 'Spoiled' },
  { zh: '破损', en: 'Damaged' },
  { zh: '虫蛀鼠咬', en: 'Pests' },
];
export const RETURN_REASONS = [
  { zh: '质量问题', en: 'Quality problem' },
  { zh: '规格不符', en: 'Wrong specification' },
  { zh: '送多了', en: 'Delivered too much' },
  { zh: '临近保质期', en: 'Close to best-before' },
];
