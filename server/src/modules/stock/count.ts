import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { nextDocNumber } from '../../core/doc-number.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { ingredientsByIds, type Ingredient } from '../ingredient/index.ts';
import { valueOf } from './fefo.ts';
import { closeDoc, lockBatches, openDoc, postMoves, type Move } from './ledger.ts';
import { P } from './permissions.ts';
import { postingDate } from './receipt.ts';
import { batch, stockCount, stockCountLine, stockMove } from './schema.ts';

/** Where an ingredient is kept, by category: each store is counted on its own sheet. */
export const STORES = { dry: { zh: '干货库', en: 'Dry store' }, chilled: { zh: '冷藏库', en: 'Cold room' }, frozen: { zh: '冷冻库', en: 'Freezer' } } as const;
export type Store = keyof typeof STORES;
export const storeOf = (category: Ingredient['category']): Store =>
  ['meat', 'poultry', 'aquatic'].includes(category) ? 'frozen' : ['vegetable', 'egg', 'soy', 'fungus', 'fruit', 'dairy'].includes(category) ? 'chilled' : 'dry';

const WHAT = { zh: '盘点表', en: 'Stock count' };
type Count = typeof stockCount.$inferSelect;

async function load(ctx: Ctx, id: number, permission: string, lock = false): Promise<Count> {
  const q = ctx.db.select().from(stockCount).where(eq(stockCount.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !ctx.access.can(P['stock.stock.read'], row.orgId)) throw notFound(WHAT);
  ctx.access.require(permission, row.orgId);
  return row;
}

export async function listCounts(ctx: Ctx, q: { canteenId: number }) {
  ctx.access.requireCanteen(P['stock.stock.read'], q.canteenId);
  const list = await ctx.db.select().from(stockCount).where(eq(stockCount.orgId, q.canteenId)).orderBy(desc(stockCount.createdAt), desc(stockCount.id)).limit(200);
  const names = await personNames(ctx.db, list.flatMap((c) => [c.createdBy, c.decidedBy]));
  return list.map((c) => ({ ...c, storeName: STORES[c.store as Store], createdByName: names.get(c.createdBy) ?? null, decidedByName: c.decidedBy ? names.get(c.decidedBy) ?? null : null }));
}

/** A count sheet with the book quantity at the time it was opened, what was counted and the variance in grams and fen. */
export async function getCount(ctx: Ctx, id: number) {
  const c = await load(ctx, id, P['stock.stock.read']);
  const lines = await ctx.db.select({ l: stockCountLine, b: batch }).from(stockCountLine).innerJoin(batch, eq(batch.id, stockCountLine.batchId))
    .where(eq(stockCountLine.countId, id)).orderBy(asc(stockCountLine.ingredientId), asc(batch.bestBefore));
  const ings = await ingredientsByIds(ctx, lines.map((x) => x.l.ingredientId));
  // Once approved, the variances are what was posted; before, what approval would post now.
  const posted = c.docId ? new Map((await ctx.db.select({ batchId: stockMove.batchId, v: stockMove.valueFen }).from(stockMove).where(eq(stockMove.docId, c.docId))).map((m) => [m.batchId, m.v])) : null;
  const out = lines.map(({ l, b }) => {
    const varianceG = l.countedG === null ? null : l.countedG - l.bookG;
    return {
      ...l, bestBefore: b.bestBefore, receivedOn: b.receivedOn, code: ings.get(l.ingredientId)?.code, name: ings.get(l.ingredientId)?.name, nameEn: ings.get(l.ingredientId)?.nameEn,
      purchaseUnit: ings.get(l.ingredientId)?.purchaseUnit, gramsPerUnit: ings.get(l.ingredientId)?.gramsPerUnit,
      batch: { qtyG: b.qtyG, valueFen: b.valueFen, inG: b.inG, inFen: b.inFen },
      varianceG, varianceFen: varianceG === null ? null : posted ? posted.get(b.id) ?? 0 : varianceValue(varianceG, b),
    };
  });
  const names = await personNames(ctx.db, [c.createdBy, c.decidedBy]);
  return {
    ...c, storeName: STORES[c.store as Store], canteenName: ctx.tree.get(c.orgId)?.name, createdByName: names.get(c.createdBy) ?? null, decidedByName: c.decidedBy ? names.get(c.decidedBy) ?? null : null,
    lines: out, counted: out.filter((l) => l.countedG !== null).length,
    varianceFen: out.reduce((s, l) => s + (l.varianceFen ?? 0), 0),
  };
}

/** A gain is valued at the batch's purchase cost per gram; a loss takes value the way an issue would. */
export function varianceValue(varianceG: number, b: { qtyG: number; valueFen: number; inG: number; inFen: number }): number {
  if (varianceG >= 0) return Math.floor((2 * varianceG * b.inFen + b.inG) / (2 * b.inG));
  return -valueOf(Math.min(-varianceG, b.qtyG), b);
}

/** Opens a count sheet for one store: every batch with stock, at its book quantity now. One open sheet per store. */
export async function createCount(ctx: Ctx, input: { canteenId: number; store: Store }) {
  ctx.access.requireCanteen(P['stock.count.write'], input.canteenId);
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`stock-count-${input.canteenId}-${input.store}`}))`);
  const [open] = await ctx.db.select({ id: stockCount.id, no: stockCount.no }).from(stockCount)
    .where(and(eq(stockCount.orgId, input.canteenId), eq(stockCount.store, input.store), inArray(stockCount.status, ['open', 'submitted'])));
  if (open) throw conflict('count_open', `${STORES[input.store].zh}已有未完成的盘点表 ${open.no}`, `${STORES[input.store].en} already has an unfinished count ${open.no}`, { countId: open.id });
  const batches = await ctx.db.select().from(batch).where(and(eq(batch.orgId, input.canteenId), sql`${batch.qtyG} > 0`));
  const ings = await ingredientsByIds(ctx, batches.map((b) => b.ingredientId));
  const mine = batches.filter((b) => storeOf(ings.get(b.ingredientId)!.category) === input.store);
  if (!mine.length) throw new AppError(422, 'count_empty', `${STORES[input.store].zh}没有库存，无需盘点`, `Nothing is in the ${STORES[input.store].en}; there is nothing to count`);
  const [row] = await ctx.db.insert(stockCount).values({
    orgId: input.canteenId, no: await nextDocNumber(ctx, stockCount, stockCount.no, 'PD', input.canteenId), store: input.store, createdBy: ctx.user!.id, createdAt: ctx.now(),
  }).returning();
  await ctx.db.insert(stockCountLine).values(mine.map((b) => ({ countId: row!.id, batchId: b.id, ingredientId: b.ingredientId, bookG: b.qtyG })));
  await audit(ctx, { orgId: input.canteenId, action: 'stock.count_opened', entity: 'stock_count', entityId: row!.id, after: { no: row!.no, store: input.store, lines: mine.length } });
  return getCount(ctx, row!.id);
}

/** Counted quantities, entered on a phone or tablet while the sheet is open. */
export async function enterCounts(ctx: Ctx, id: number, lines: { batchId: number; countedG: number | null }[]) {
  const c = await load(ctx, id, P['stock.count.write'], true);
  if (c.status !== 'open') throw conflict('count_status', '只有未提交的盘点表可以录入', 'Only an open count can be entered');
  const known = new Set((await ctx.db.select({ b: stockCountLine.batchId }).from(stockCountLine).where(eq(stockCountLine.countId, id))).map((r) => r.b));
  const unknown = lines.filter((l) => !known.has(l.batchId)).map((l) => l.batchId);
  if (unknown.length) throw new AppError(422, 'count_line_unknown', `盘点表上没有这些批次：${unknown.join(', ')}`, `These batches are not on the count sheet: ${unknown.join(', ')}`);
  for (const l of lines) await ctx.db.update(stockCountLine).set({ countedG: l.countedG }).where(and(eq(stockCountLine.countId, id), eq(stockCountLine.batchId, l.batchId)));
  await audit(ctx, { orgId: c.orgId, action: 'stock.count_entered', entity: 'stock_count', entityId: id, after: { lines } });
  return getCount(ctx, id);
}

export async function submitCount(ctx: Ctx, id: number) {
  const c = await load(ctx, id, P['stock.count.write'], true);
  if (c.status !== 'open') throw conflict('count_status', '只有未提交的盘点表可以提交', 'Only an open count can be submitted');
  const [missing] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(stockCountLine).where(and(eq(stockCountLine.countId, id), sql`${stockCountLine.countedG} is null`));
  if (missing!.n) throw new AppError(422, 'count_incomplete', `还有 ${missing!.n} 个批次未录入实盘数`, `${missing!.n} batches have no counted quantity yet`);
  await ctx.db.update(stockCount).set({ status: 'submitted', submittedAt: ctx.now() }).where(eq(stockCount.id, id));
  await audit(ctx, { orgId: c.orgId, action: 'stock.count_submitted', entity: 'stock_count', entityId: id, before: { status: c.status }, after: { status: 'submitted' } });
  return getCount(ctx, id);
}

/**
 * Approval posts each variance as a count gain or loss on its batch. Variances are against the book
 * quantity when the sheet was opened; if stock moved since so that a loss no longer fits, nothing is posted.
 */
export async function decideCount(ctx: Ctx, id: number, approve: boolean, comment: string) {
  const c = await load(ctx, id, P['stock.count.approve'], true);
  if (c.status !== 'submitted') throw conflict('count_status', '只有已提交的盘点表可以审核', 'Only a submitted count can be decided');
  if (c.createdBy === ctx.user!.id) throw new AppError(403, 'own_count', '不能审核自己盘点的表', 'You cannot decide on a count you made');
  if (!approve) {
    await ctx.db.update(stockCount).set({ status: 'open', comment, decidedBy: ctx.user!.id, decidedAt: ctx.now() }).where(eq(stockCount.id, id));
    await audit(ctx, { orgId: c.orgId, action: 'stock.count_rejected', entity: 'stock_count', entityId: id, before: { status: c.status }, after: { status: 'open', comment } });
    return getCount(ctx, id);
  }
  const lines = (await ctx.db.select().from(stockCountLine).where(eq(stockCountLine.countId, id))).filter((l) => l.countedG !== l.bookG);
  let docId: number | null = null;
  if (lines.length) {
    const businessDate = postingDate(ctx);
    const doc = await openDoc(ctx, { orgId: c.orgId, kind: 'count', businessDate, reason: `盘点 ${c.no}` });
    const locked = await lockBatches(ctx, c.orgId, lines.map((l) => l.batchId));
    const moves: Move[] = lines.map((l) => {
      const b = locked.get(l.batchId)!;
      const v = l.countedG! - l.bookG;
      if (v < 0 && b.qtyG < -v) {
        throw conflict('count_stale', `批次 #${b.id} 在盘点后已出库，剩余不足以冲减盘亏，请重新盘点`, `Batch #${b.id} moved since the count and cannot take the loss; count again`);
      }
      return { ingredientId: l.ingredientId, batchId: b.id, kind: v > 0 ? 'count_gain' : 'count_loss', qtyG: v, valueFen: varianceValue(v, b) };
    });
    await postMoves(ctx, { id: doc.id, orgId: c.orgId, businessDate }, moves);
    await closeDoc(ctx, { id: doc.id, orgId: c.orgId, kind: 'count', businessDate }, moves, { totalFen: moves.reduce((s, m) => s + m.valueFen, 0) });
    docId = doc.id;
  }
  await ctx.db.update(stockCount).set({ status: 'approved', comment, decidedBy: ctx.user!.id, decidedAt: ctx.now(), docId }).where(eq(stockCount.id, id));
  await audit(ctx, { orgId: c.orgId, action: 'stock.count_approved', entity: 'stock_count', entityId: id, before: { status: c.status }, after: { status: 'approved', docId, variances: lines.length } });
  return getCount(ctx, id);
}
