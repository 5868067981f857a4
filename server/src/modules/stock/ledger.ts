import { and, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../core/context.ts';
import { arrayParam } from '../../core/db.ts';
import { nextDocNumber } from '../../core/doc-number.ts';
import { AppError, conflict } from '../../core/errors.ts';
import { batch, stockDoc, stockMove, type MOVE_KINDS } from './schema.ts';

/**
 * The one place stock changes. Every change is a document header plus append-only moves; batch
 * balances and the daily sums move in the same transaction, and the batch CHECK constraint makes a
 * negative balance impossible even if a caller forgets to lock.
 */

export type MoveKind = (typeof MOVE_KINDS)[number];
export type DocValues = typeof stockDoc.$inferInsert;
export interface Move { ingredientId: number; batchId: number; kind: MoveKind; qtyG: number; valueFen: number }

/** Emitted after commit with the canteen and the ingredients whose stock changed. */
export const STOCK_CHANGED = 'stock.changed';

const PREFIX: Record<DocValues['kind'], string> = {
  receipt: 'YS', issue: 'LY', return: 'TH', transfer_out: 'DC', transfer_in: 'DR', write_off: 'BS', count: 'PD',
};

/**
 * Opens a document. With a request key already used in this canteen, returns the earlier document
 * (`replayed`) so the caller reports the first result and posts nothing again. Its number is given
 * by `closeDoc` at the end: numbers are gapless per canteen and day, so taking one holds a lock,
 * and holding it only from the end of a posting to its commit lets concurrent postings overlap.
 */
export async function openDoc(ctx: Ctx, values: Omit<DocValues, 'no' | 'createdBy' | 'createdAt'>): Promise<{ id: number; no: string; replayed: boolean }> {
  const no = `~${randomUUID()}`;
  const [row] = await ctx.db.insert(stockDoc).values({ ...values, no, createdBy: ctx.user!.id, createdAt: ctx.now() })
    .onConflictDoNothing({ target: [stockDoc.orgId, stockDoc.requestKey] }).returning({ id: stockDoc.id, no: stockDoc.no });
  if (row) return { ...row, replayed: false };
  const [earlier] = await ctx.db.select().from(stockDoc).where(and(eq(stockDoc.orgId, values.orgId), eq(stockDoc.requestKey, values.requestKey!)));
  if (!earlier || earlier.kind !== values.kind) {
    throw conflict('request_key_reused', '该请求键已用于另一笔业务，请重新提交', 'This request key was used for another posting; submit again');
  }
  return { id: earlier.id, no: earlier.no, replayed: true };
}

/** The document posted earlier with this request key, if any: checked first so a retry succeeds even after the order closed. */
export async function earlierPosting(ctx: Ctx, orgId: number, requestKey: string): Promise<number | null> {
  const [row] = await ctx.db.select({ id: stockDoc.id }).from(stockDoc).where(and(eq(stockDoc.orgId, orgId), eq(stockDoc.requestKey, requestKey)));
  return row?.id ?? null;
}

/**
 * The last writes of a posting: the daily sums and the document number. Both are shared rows (every
 * posting of the day touches them), so they come last and are held only until the commit.
 */
export async function closeDoc(ctx: Ctx, doc: { id: number; orgId: number; kind: DocValues['kind']; businessDate: string }, moves: Move[], set: { totalFen: number; missingDocuments?: string[]; linkedDocId?: number }): Promise<string> {
  if (moves.length) {
    const daily = new Map<string, { ingredientId: number; kind: MoveKind; q: number; v: number; n: number }>();
    for (const m of moves) {
      const k = `${m.ingredientId}|${m.kind}`;
      const d = daily.get(k) ?? { ingredientId: m.ingredientId, kind: m.kind, q: 0, v: 0, n: 0 };
      daily.set(k, { ...d, q: d.q + m.qtyG, v: d.v + m.valueFen, n: d.n + 1 });
    }
    const ds = [...daily.values()].sort((a, b) => a.ingredientId - b.ingredientId || a.kind.localeCompare(b.kind));
    await ctx.db.execute(sql`
      insert into stock_daily (org_id, day, ingredient_id, kind, qty_g, value_fen, moves)
      select ${doc.orgId}, ${doc.businessDate}::date, d.i, d.k, d.q, d.v, d.n
      from unnest(${arrayParam(ds.map((d) => d.ingredientId))}::int[], ${arrayParam(ds.map((d) => d.kind))}::text[], ${arrayParam(ds.map((d) => d.q))}::bigint[], ${arrayParam(ds.map((d) => d.v))}::bigint[], ${arrayParam(ds.map((d) => d.n))}::int[]) as d(i, k, q, v, n)
      on conflict (org_id, day, ingredient_id, kind) do update
        set qty_g = stock_daily.qty_g + excluded.qty_g, value_fen = stock_daily.value_fen + excluded.value_fen, moves = stock_daily.moves + excluded.moves`);
    ctx.emit(STOCK_CHANGED, { orgId: doc.orgId, ingredientIds: [...new Set(moves.map((m) => m.ingredientId))] });
  }
  const no = await nextDocNumber(ctx, stockDoc, stockDoc.no, PREFIX[doc.kind], doc.orgId);
  await ctx.db.update(stockDoc).set({ ...set, no }).where(eq(stockDoc.id, doc.id));
  return no;
}

/** Creates empty batches; their receipt or transfer move then fills them. */
export async function newBatches(ctx: Ctx, rows: Omit<typeof batch.$inferInsert, 'qtyG' | 'valueFen' | 'inG' | 'inFen'>[], amounts: { qtyG: number; valueFen: number }[]): Promise<number[]> {
  if (!rows.length) return [];
  const out = await ctx.db.insert(batch).values(rows.map((r, i) => ({ ...r, inG: amounts[i]!.qtyG, inFen: amounts[i]!.valueFen, qtyG: 0, valueFen: 0 })))
    .returning({ id: batch.id });
  return out.map((r) => r.id);
}

/** Appends the moves of a document and applies them to the batches; `closeDoc` adds them to the daily sums. */
export async function postMoves(ctx: Ctx, doc: { id: number; orgId: number; businessDate: string }, moves: Move[]): Promise<void> {
  if (!moves.length) return;
  const at = ctx.now();
  await ctx.db.insert(stockMove).values(moves.map((m) => ({ ...m, orgId: doc.orgId, docId: doc.id, businessDate: doc.businessDate, createdBy: ctx.user!.id, at })));
  const perBatch = new Map<number, { q: number; v: number }>();
  for (const m of moves) {
    const b = perBatch.get(m.batchId) ?? { q: 0, v: 0 };
    perBatch.set(m.batchId, { q: b.q + m.qtyG, v: b.v + m.valueFen });
  }
  const ids = [...perBatch.keys()];
  try {
    await ctx.db.execute(sql`
      update stock_batch b set qty_g = b.qty_g + d.q, value_fen = b.value_fen + d.v
      from unnest(${arrayParam(ids)}::int[], ${arrayParam(ids.map((i) => perBatch.get(i)!.q))}::bigint[], ${arrayParam(ids.map((i) => perBatch.get(i)!.v))}::bigint[]) as d(id, q, v)
      where b.id = d.id`);
  } catch (e) {
    if (String((e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code) === '23514') {
      throw conflict('stock_insufficient', '库存不足，未作任何更改', 'Not enough stock; nothing was changed');
    }
    throw e;
  }
}

export type LockedBatch = typeof batch.$inferSelect;

/**
 * Locks the canteen's non-empty batches of these ingredients, first-expiring-first. Rows are locked in
 * one order (ingredient, best-before, id) by every caller, so concurrent issues wait instead of deadlocking.
 */
export async function lockBatchesOf(ctx: Ctx, orgId: number, ingredientIds: number[]): Promise<Map<number, LockedBatch[]>> {
  const list = ingredientIds.length
    ? await ctx.db.select().from(batch)
      .where(and(eq(batch.orgId, orgId), inArray(batch.ingredientId, ingredientIds), sql`${batch.qtyG} > 0`))
      .orderBy(batch.ingredientId, batch.bestBefore, batch.id).for('update')
    : [];
  const out = new Map<number, LockedBatch[]>(ingredientIds.map((i) => [i, []]));
  for (const b of list) out.get(b.ingredientId)!.push(b);
  return out;
}

/** Locks named batches (returns, write-offs, counts); each must belong to the canteen. */
export async function lockBatches(ctx: Ctx, orgId: number, batchIds: number[]): Promise<Map<number, LockedBatch>> {
  const list = await ctx.db.select().from(batch).where(inArray(batch.id, batchIds)).orderBy(batch.ingredientId, batch.bestBefore, batch.id).for('update');
  const found = new Map(list.filter((b) => b.orgId === orgId).map((b) => [b.id, b]));
  const unknown = batchIds.filter((i) => !found.has(i));
  if (unknown.length) throw new AppError(404, 'batch_not_found', `批次不存在：${unknown.join(', ')}`, `Batches not found: ${unknown.join(', ')}`, { batchIds: unknown });
  return found;
}
