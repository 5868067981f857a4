import type { Ctx } from '../../core/context.ts';
import { insertUnnest, reserveIds } from '../../core/db.ts';
import { amountFor, takeFefo } from './fefo.ts';
import type { MoveKind } from './ledger.ts';
import { P } from './permissions.ts';
import type { MEALS } from './schema.ts';
import { storeOf, varianceValue, type Store } from './count.ts';
import { ingredientsByIds } from '../ingredient/index.ts';

type Meal = (typeof MEALS)[number];

export interface HistoryReceiptLine { ingredientId: number; deliveredG: number; acceptedG: number; unitPriceFen: number; gramsPerUnit: number; bestBefore: string; reason?: string }
export type HistoryEvent =
  | { kind: 'receipt'; time: string; supplierId: number; lines: HistoryReceiptLine[] }
  | { kind: 'issue'; time: string; meal: Meal; lines: { ingredientId: number; qtyG: number }[] }
  /** A month-end count of one store, approved by `approvedBy`: `counted` says what was found in each batch. */
  | { kind: 'count'; time: string; store: Store; approvedBy: number; counted: (b: { ingredientId: number; qtyG: number }) => number }
  /** Writes off every batch whose best-before date is before `expiredBefore`. */
  | { kind: 'write_off'; time: string; reason: string; expiredBefore: string };
export interface HistoryDay { date: string; events: HistoryEvent[] }

interface LiveBatch { id: number; qtyG: number; valueFen: number; bestBefore: string; inG: number; inFen: number }

const PREFIX = { receipt: 'YS', issue: 'LY', write_off: 'BS', count: 'PD' } as const;

/**
 * Loads past postings of one canteen in bulk (demo history; moving from another system). The same
 * arithmetic as live postings (FEFO, value carried by batches, amounts rounded half up) runs in
 * memory, then documents, receipt lines, batches, moves and daily sums are written in a few
 * statements. Issues larger than stock on hand take what is there. Returns the number of moves.
 */
export async function loadHistory(ctx: Ctx, canteenId: number, days: HistoryDay[]): Promise<number> {
  ctx.access.requireCanteen(P['stock.receipt.write'], canteenId);
  ctx.access.requireCanteen(P['stock.issue.write'], canteenId);
  const code = ctx.tree.get(canteenId)!.code;
  const events = days.flatMap((d) => d.events);
  let docId = await reserveIds(ctx.db, 'stock_doc', events.length);
  let countId = await reserveIds(ctx.db, 'stock_count', events.filter((e) => e.kind === 'count').length);
  const categories = new Map([...(await ingredientsByIds(ctx, [...new Set(events.flatMap((e) => e.kind === 'receipt' ? e.lines.map((l) => l.ingredientId) : []))])).values()].map((i) => [i.id, i.category]));
  let batchId = await reserveIds(ctx.db, 'stock_batch', events.reduce((n, e) => n + (e.kind === 'receipt' ? e.lines.filter((l) => l.acceptedG > 0).length : 0), 0));
  const user = ctx.user!.id;
  const live = new Map<number, LiveBatch[]>();
  const docs: unknown[][] = [], lines: unknown[][] = [], moves: unknown[][] = [], batches = new Map<number, unknown[]>(), counts: unknown[][] = [], countLines: unknown[][] = [];
  const final = new Map<number, LiveBatch>();
  const daily = new Map<string, [number, number, number]>();
  const addDaily = (date: string, ingredientId: number, kind: MoveKind, q: number, v: number) => {
    const k = `${date}|${ingredientId}|${kind}`;
    const d = daily.get(k) ?? [0, 0, 0];
    daily.set(k, [d[0] + q, d[1] + v, d[2] + 1]);
  };
  for (const day of days) {
    const seq = { receipt: 0, issue: 0, write_off: 0, count: 0 };
    for (const e of day.events) {
      if (e.kind === 'write_off' && ![...live.values()].some((list) => list.some((b) => b.qtyG > 0 && b.bestBefore < e.expiredBefore))) continue;
      const id = docId++;
      const at = new Date(`${day.date}T${e.time}:00+08:00`);
      const no = `${PREFIX[e.kind]}-${code}-${day.date.replaceAll('-', '')}-${String(++seq[e.kind]).padStart(2, '0')}`;
      let total = 0;
      if (e.kind === 'receipt') {
        for (const l of e.lines) {
          const amount = amountFor(l.acceptedG, l.unitPriceFen, l.gramsPerUnit);
          const decision = l.acceptedG === l.deliveredG ? 'accepted' : l.acceptedG === 0 ? 'rejected' : 'partial';
          let bid: number | null = null;
          if (l.acceptedG > 0) {
            bid = batchId++;
            const b = { id: bid, qtyG: l.acceptedG, valueFen: amount, bestBefore: l.bestBefore, inG: l.acceptedG, inFen: amount };
            live.set(l.ingredientId, [...(live.get(l.ingredientId) ?? []), b].sort((x, y) => x.bestBefore.localeCompare(y.bestBefore) || x.id - y.id));
            final.set(bid, b);
            batches.set(bid, [bid, canteenId, l.ingredientId, id, e.supplierId, day.date, l.bestBefore, l.acceptedG, amount]);
            moves.push([canteenId, l.ingredientId, bid, id, 'receipt', l.acceptedG, amount, day.date, user, at]);
            addDaily(day.date, l.ingredientId, 'receipt', l.acceptedG, amount);
            total += amount;
          }
          lines.push([id, l.ingredientId, l.deliveredG, l.acceptedG, decision, decision === 'accepted' ? 'good' : 'fair', l.reason ?? '', 'scale', `SCALE-${code}-01`, l.unitPriceFen, l.gramsPerUnit, amount, bid, l.acceptedG > 0 ? l.bestBefore : null]);
        }
        docs.push([id, canteenId, 'receipt', no, day.date, null, e.supplierId, '', total, user, at]);
      } else if (e.kind === 'count') {
        const cid = countId++;
        for (const [ingredientId, list] of live) {
          if (storeOf(categories.get(ingredientId)!) !== e.store) continue;
          for (const b of list.filter((x) => x.qtyG > 0)) {
            const counted = Math.max(0, e.counted({ ingredientId, qtyG: b.qtyG }));
            countLines.push([cid, b.id, ingredientId, b.qtyG, counted]);
            const v = counted - b.qtyG;
            if (!v) continue;
            const value = varianceValue(v, b);
            const kind = v > 0 ? 'count_gain' : 'count_loss';
            b.qtyG += v;
            b.valueFen += value;
            moves.push([canteenId, ingredientId, b.id, id, kind, v, value, day.date, user, at]);
            addDaily(day.date, ingredientId, kind, v, value);
            total += value;
          }
          live.set(ingredientId, list.filter((x) => x.qtyG > 0));
        }
        counts.push([cid, canteenId, no, e.store, 'approved', user, at, at, e.approvedBy, at, '月末盘点', id]);
        docs.push([id, canteenId, 'count', no, day.date, null, null, `盘点 ${no}`, total, user, at]);
      } else {
        const kind = e.kind;
        const wanted = e.kind === 'issue' ? e.lines : [...live.entries()].map(([ingredientId, list]) => ({
          ingredientId, qtyG: list.filter((b) => b.bestBefore < e.expiredBefore).reduce((s, b) => s + b.qtyG, 0),
        })).filter((l) => l.qtyG > 0);
        for (const l of wanted) {
          const list = (live.get(l.ingredientId) ?? []).filter((b) => b.qtyG > 0 && (kind === 'write_off' || b.bestBefore >= day.date));
          const have = list.reduce((s, b) => s + b.qtyG, 0);
          const takes = takeFefo(list, Math.min(l.qtyG, have)) ?? [];
          for (const t of takes) {
            const b = final.get(t.batchId)!;
            b.qtyG -= t.qtyG;
            b.valueFen -= t.valueFen;
            moves.push([canteenId, l.ingredientId, t.batchId, id, kind, -t.qtyG, -t.valueFen, day.date, user, at]);
            addDaily(day.date, l.ingredientId, kind, -t.qtyG, -t.valueFen);
            total += t.valueFen;
          }
          live.set(l.ingredientId, (live.get(l.ingredientId) ?? []).filter((b) => b.qtyG > 0));
        }
        docs.push([id, canteenId, kind, no, day.date, kind === 'issue' ? e.meal : null, null, kind === 'write_off' ? e.reason : '', total, user, at]);
      }
    }
  }
  await insertUnnest(ctx.db, 'stock_doc', [['id', 'int'], ['org_id', 'int'], ['kind', 'text'], ['no', 'text'], ['business_date', 'date'], ['meal', 'text'], ['supplier_id', 'int'], ['reason', 'text'], ['total_fen', 'bigint'], ['created_by', 'int'], ['created_at', 'timestamptz']], docs);
  await insertUnnest(ctx.db, 'stock_batch', [['id', 'int'], ['org_id', 'int'], ['ingredient_id', 'int'], ['doc_id', 'int'], ['supplier_id', 'int'], ['received_on', 'date'], ['best_before', 'date'], ['in_g', 'bigint'], ['in_fen', 'bigint'], ['qty_g', 'bigint'], ['value_fen', 'bigint']],
    [...batches.values()].map((b) => [...b, final.get(b[0] as number)!.qtyG, final.get(b[0] as number)!.valueFen]));
  await insertUnnest(ctx.db, 'stock_receipt_line', [['doc_id', 'int'], ['ingredient_id', 'int'], ['delivered_g', 'bigint'], ['accepted_g', 'bigint'], ['decision', 'text'], ['grade', 'text'], ['reason', 'text'], ['weighed_by', 'text'], ['device_code', 'text'], ['unit_price_fen', 'int'], ['grams_per_unit', 'int'], ['amount_fen', 'bigint'], ['batch_id', 'int'], ['best_before', 'date']], lines);
  await insertUnnest(ctx.db, 'stock_move', [['org_id', 'int'], ['ingredient_id', 'int'], ['batch_id', 'int'], ['doc_id', 'int'], ['kind', 'text'], ['qty_g', 'bigint'], ['value_fen', 'bigint'], ['business_date', 'date'], ['created_by', 'int'], ['at', 'timestamptz']], moves);
  await insertUnnest(ctx.db, 'stock_count', [['id', 'int'], ['org_id', 'int'], ['no', 'text'], ['store', 'text'], ['status', 'text'], ['created_by', 'int'], ['created_at', 'timestamptz'], ['submitted_at', 'timestamptz'], ['decided_by', 'int'], ['decided_at', 'timestamptz'], ['comment', 'text'], ['doc_id', 'int']], counts);
  await insertUnnest(ctx.db, 'stock_count_line', [['count_id', 'int'], ['batch_id', 'int'], ['ingredient_id', 'int'], ['book_g', 'bigint'], ['counted_g', 'bigint']], countLines);
  await insertUnnest(ctx.db, 'stock_daily', [['org_id', 'int'], ['day', 'date'], ['ingredient_id', 'int'], ['kind', 'text'], ['qty_g', 'bigint'], ['value_fen', 'bigint'], ['moves', 'int']],
    [...daily.entries()].map(([k, [q, v, n]]) => { const [date, ing, kind] = k.split('|'); return [canteenId, date, Number(ing), kind, q, v, n]; }));
  return moves.length;
}
