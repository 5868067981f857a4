import { sql } from 'drizzle-orm';
import { inTransaction, type Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { ingredientsByIds, stockLimitsOf } from '../ingredient/index.ts';
import { addDays } from '../menu/index.ts';
import { batchesDueBy, EXPIRY_WARNING_DAYS, onHand, receiptsMissingDocuments } from '../stock/index.ts';
import { defineAlertKinds } from './kinds.ts';
import { raiseAlert, resolveAlertsWhere, type RaiseAlert } from './service.ts';

/** Stock is the storekeeper's to fix, with the canteen head told at once. */
const STOCK_HANDLERS = ['storekeeper', 'canteen_head'];

export const STOCK_ALERTS = defineAlertKinds([
  { key: 'stock.below_min', source: 'stock', zh: '低于最低库存', en: 'Below minimum stock', severity: 'warning', handlers: STOCK_HANDLERS },
  { key: 'stock.above_max', source: 'stock', zh: '超过最高库存', en: 'Above maximum stock', severity: 'info', handlers: STOCK_HANDLERS },
  { key: 'stock.expiring', source: 'stock', zh: '临近保质期', en: 'Best-before soon', severity: 'warning', handlers: STOCK_HANDLERS },
  { key: 'stock.expired', source: 'stock', zh: '过期仍在库', en: 'Expired, still in stock', severity: 'critical', handlers: STOCK_HANDLERS },
  { key: 'stock.documents_missing', source: 'stock', zh: '验收缺少票证', en: 'Receipt missing documents', severity: 'warning', handlers: STOCK_HANDLERS },
] as const);

type StockAlertKind = keyof typeof STOCK_ALERTS;

/** Names of supplier documents as the receiving page shows them. */
const DOCUMENT_NAMES: Record<string, { zh: string; en: string }> = {
  photo: { zh: '到货照片', en: 'photo' },
  invoice: { zh: '发票/送货单', en: 'invoice' },
  quarantine: { zh: '检疫证明', en: 'quarantine certificate' },
  test_report: { zh: '检测报告', en: 'test report' },
  other: { zh: '其他单据', en: 'other document' },
};

const kg = (g: number) => `${Number((g / 1000).toFixed(3))} kg`;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86400_000);

/**
 * Brings a canteen's stock alerts in line with its stock now: raises (or refreshes) an alert per
 * condition that holds and resolves, as the system, those whose condition cleared. Scans of one
 * canteen take turns (an advisory lock), so a scan that read older stock cannot resolve or raise
 * after a newer one.
 */
export async function scanStockAlerts(ctx: Ctx, canteenId: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`alert.stock-scan:${canteenId}`}))`);
    const today = chinaDate(tx.now());
    const limits = await stockLimitsOf(tx, canteenId);
    const qty = await onHand(tx, canteenId, [...limits.keys()]);
    const due = await batchesDueBy(tx, canteenId, addDays(today, EXPIRY_WARNING_DAYS));
    const receipts = await receiptsMissingDocuments(tx, canteenId);
    const ings = await ingredientsByIds(tx, [...limits.keys(), ...due.map((b) => b.ingredientId)]);
    const names = (id: number) => {
      const i = ings.get(id);
      return { zh: i?.name ?? `#${id}`, en: i?.nameEn || i?.name || `#${id}` };
    };

    const found: Omit<RaiseAlert, 'orgId'>[] = [];
    for (const [ingredientId, lim] of limits) {
      const qtyG = qty.get(ingredientId) ?? 0;
      const n = names(ingredientId);
      const link = { entity: 'ingredient', id: ingredientId, path: '/stock' };
      if (qtyG < lim.minG) {
        found.push({ kind: STOCK_ALERTS['stock.below_min'].key, key: `ingredient:${ingredientId}`, link, detail: { ingredientId, qtyG, minG: lim.minG },
          titleZh: `${n.zh} 低于最低库存：现有 ${kg(qtyG)}，下限 ${kg(lim.minG)}`, titleEn: `${n.en} below minimum: ${kg(qtyG)} on hand, minimum ${kg(lim.minG)}` });
      }
      // A maximum of 0 means none was set (as on the stock page).
      if (lim.maxG > 0 && qtyG > lim.maxG) {
        found.push({ kind: STOCK_ALERTS['stock.above_max'].key, key: `ingredient:${ingredientId}`, link, detail: { ingredientId, qtyG, maxG: lim.maxG },
          titleZh: `${n.zh} 超过最高库存：现有 ${kg(qtyG)}，上限 ${kg(lim.maxG)}`, titleEn: `${n.en} above maximum: ${kg(qtyG)} on hand, maximum ${kg(lim.maxG)}` });
      }
    }
    for (const b of due) {
      const n = names(b.ingredientId);
      const left = daysBetween(today, b.bestBefore);
      const base = { key: `batch:${b.id}`, link: { entity: 'stock_batch', id: b.id, path: '/stock' },
        detail: { batchId: b.id, ingredientId: b.ingredientId, receivedOn: b.receivedOn, bestBefore: b.bestBefore, qtyG: b.qtyG } };
      if (left < 0) {
        found.push({ ...base, kind: STOCK_ALERTS['stock.expired'].key,
          titleZh: `${n.zh} 已过保质期仍在库：${b.receivedOn} 入库，${b.bestBefore} 到期，余 ${kg(b.qtyG)}`,
          titleEn: `${n.en} past best-before and still in stock: received ${b.receivedOn}, best before ${b.bestBefore}, ${kg(b.qtyG)} left` });
      } else {
        found.push({ ...base, kind: STOCK_ALERTS['stock.expiring'].key,
          titleZh: `${n.zh} ${left === 0 ? '今天到期' : `${left} 天后到期`}：${b.receivedOn} 入库，保质期至 ${b.bestBefore}，余 ${kg(b.qtyG)}`,
          titleEn: `${n.en} ${left === 0 ? 'best before today' : `best before in ${left} day${left > 1 ? 's' : ''}`}: received ${b.receivedOn}, best before ${b.bestBefore}, ${kg(b.qtyG)} left` });
      }
    }
    for (const r of receipts) {
      const docs = r.missingDocuments.map((k) => DOCUMENT_NAMES[k] ?? { zh: k, en: k });
      found.push({ kind: STOCK_ALERTS['stock.documents_missing'].key, key: `doc:${r.id}`, link: { entity: 'stock_doc', id: r.id, path: `/stock/docs?doc=${r.id}` },
        detail: { docId: r.id, no: r.no, businessDate: r.businessDate, missing: r.missingDocuments },
        titleZh: `验收单 ${r.no} 缺少票证：${docs.map((d) => d.zh).join('、')}`, titleEn: `Receipt ${r.no} is missing documents: ${docs.map((d) => d.en).join(', ')}` });
    }

    for (const a of found) await raiseAlert(tx, { ...a, orgId: canteenId });
    for (const kind of Object.keys(STOCK_ALERTS) as StockAlertKind[]) {
      await resolveAlertsWhere(tx, { orgId: canteenId, kind, notKeys: found.filter((a) => a.kind === kind).map((a) => a.key) });
    }
  });
}
