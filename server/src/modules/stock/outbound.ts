import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict } from '../../core/errors.ts';
import { ingredientNeeds, recipesFor } from '../dish/index.ts';
import { ingredientsByIds, requireUsableBy } from '../ingredient/index.ts';
import { publishedDemand } from '../menu/index.ts';
import type { BatchOutInput, IssueInput, TransferInput } from './contracts.ts';
import { getDoc } from './documents.ts';
import { takeFefo, valueOf, type Take } from './fefo.ts';
import { closeDoc, lockBatches, lockBatchesOf, newBatches, openDoc, postMoves, type Move, type MoveKind } from './ledger.ts';
import { P } from './permissions.ts';
import { postingDate } from './receipt.ts';
import { onHand } from './service.ts';
import { stockDoc, stockMove, type MEALS } from './schema.ts';

type Line = { ingredientId: number; qtyG: number };

/** FEFO takes from batches still within best-before for every line, or one 409 naming each ingredient that is short and what is usable. */
async function takeAll(ctx: Ctx, orgId: number, lines: Line[], businessDate: string): Promise<Map<number, Take[]>> {
  await requireUsableBy(ctx, orgId, lines.map((l) => l.ingredientId));
  // Expired food never goes to the kitchen or another canteen: it stays locked here until written off.
  const locked = new Map([...(await lockBatchesOf(ctx, orgId, lines.map((l) => l.ingredientId)))].map(([id, list]) => [id, list.filter((b) => b.bestBefore >= businessDate)]));
  const out = new Map<number, Take[]>();
  const short: { ingredientId: number; name: string; wantedG: number; onHandG: number }[] = [];
  const ings = await ingredientsByIds(ctx, lines.map((l) => l.ingredientId));
  for (const l of lines) {
    const batches = locked.get(l.ingredientId)!;
    const takes = takeFefo(batches, l.qtyG);
    if (takes) out.set(l.ingredientId, takes);
    else short.push({ ingredientId: l.ingredientId, name: ings.get(l.ingredientId)!.name, wantedG: l.qtyG, onHandG: batches.reduce((s, b) => s + b.qtyG, 0) });
  }
  if (short.length) {
    const kg = (g: number) => (g / 1000).toFixed(3);
    throw conflict('stock_insufficient',
      `库存不足，未作任何更改：${short.map((s) => `${s.name} 需 ${kg(s.wantedG)} kg，可用库存 ${kg(s.onHandG)} kg`).join('；')}`,
      `Not enough stock; nothing was changed: ${short.map((s) => `${s.name} wanted ${kg(s.wantedG)} kg, usable ${kg(s.onHandG)} kg`).join('; ')}`, { short });
  }
  return out;
}

const movesOut = (takes: Map<number, Take[]>, kind: MoveKind): Move[] =>
  [...takes.entries()].flatMap(([ingredientId, ts]) => ts.map((t) => ({ ingredientId, batchId: t.batchId, kind, qtyG: -t.qtyG, valueFen: -t.valueFen })));

/** Reads the document back, then takes the shared rows (daily sums, number) as the last writes. */
async function finish(ctx: Ctx, doc: { id: number; kind: 'issue' | 'transfer_out' | 'return' | 'write_off'; businessDate: string; linkedDocId?: number }, orgId: number, moves: Move[], action: string, detail: object) {
  const totalFen = -moves.reduce((s, m) => s + m.valueFen, 0);
  const posted = await getDoc(ctx, doc.id);
  const no = await closeDoc(ctx, { ...doc, orgId }, moves, { totalFen, linkedDocId: doc.linkedDocId });
  await audit(ctx, { orgId, action, entity: 'stock_doc', entityId: doc.id, after: { no, totalFen, ...detail, moves: moves.map((m) => ({ batchId: m.batchId, qtyG: m.qtyG, valueFen: m.valueFen })) } });
  return { ...posted, no, totalFen, linkedDocId: doc.linkedDocId ?? posted.linkedDocId, replayed: false };
}

/** Kitchen issue (领用): first-expiring batches first; all lines or none. */
export async function postIssue(ctx: Ctx, input: z.infer<typeof IssueInput>) {
  ctx.access.requireCanteen(P['stock.issue.write'], input.canteenId);
  const businessDate = postingDate(ctx, input.businessDate);
  const doc = await openDoc(ctx, { orgId: input.canteenId, kind: 'issue', businessDate, meal: input.meal ?? null, reason: input.reason, requestKey: input.requestKey });
  if (doc.replayed) return { ...(await getDoc(ctx, doc.id)), replayed: true };
  const moves = movesOut(await takeAll(ctx, input.canteenId, input.lines, businessDate), 'issue');
  await postMoves(ctx, { id: doc.id, orgId: input.canteenId, businessDate }, moves);
  return finish(ctx, { id: doc.id, kind: 'issue', businessDate }, input.canteenId, moves, 'stock.issue_posted', { meal: input.meal ?? null, businessDate });
}

const bureauOf = (ctx: Ctx, id: number) => ctx.tree.ancestry(id).at(-1);

/** The other canteens of the bureau: a storekeeper may send stock to any of them without seeing their stock. */
export function transferTargets(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['stock.adjust.write'], canteenId);
  return ctx.tree.canteens().filter((c) => c.id !== canteenId && bureauOf(ctx, c.id) === bureauOf(ctx, canteenId)).map((c) => ({ id: c.id, code: c.code, name: c.name }));
}

/**
 * Transfer between canteens of one bureau: out of this canteen first-expiring-first, into the other as
 * batches keeping their best-before dates and cost, so the value moves with the goods to the fen.
 */
export async function postTransfer(ctx: Ctx, input: z.infer<typeof TransferInput>) {
  ctx.access.requireCanteen(P['stock.adjust.write'], input.canteenId);
  const to = ctx.tree.get(input.toCanteenId);
  if (!to || to.kind !== 'canteen' || bureauOf(ctx, to.id) !== bureauOf(ctx, input.canteenId)) throw new AppError(404, 'canteen_not_found', '调入食堂不存在', 'The receiving canteen was not found');
  const businessDate = postingDate(ctx);
  const out = await openDoc(ctx, { orgId: input.canteenId, kind: 'transfer_out', businessDate, counterpartOrgId: to.id, reason: input.reason, requestKey: input.requestKey });
  if (out.replayed) return { ...(await getDoc(ctx, out.id)), replayed: true };
  const takes = await takeAll(ctx, input.canteenId, input.lines, businessDate);
  const moves = movesOut(takes, 'transfer_out');
  await postMoves(ctx, { id: out.id, orgId: input.canteenId, businessDate }, moves);
  const into = await openDoc(ctx, { orgId: to.id, kind: 'transfer_in', businessDate, counterpartOrgId: input.canteenId, linkedDocId: out.id, reason: input.reason });
  const sources = await lockBatches(ctx, input.canteenId, moves.map((m) => m.batchId));
  const ids = await newBatches(ctx, moves.map((m) => {
    const s = sources.get(m.batchId)!;
    return { orgId: to.id, ingredientId: m.ingredientId, docId: into.id, supplierId: s.supplierId, receivedOn: s.receivedOn, bestBefore: s.bestBefore };
  }), moves.map((m) => ({ qtyG: -m.qtyG, valueFen: -m.valueFen })));
  const inMoves = moves.map((m, i) => ({ ingredientId: m.ingredientId, batchId: ids[i]!, kind: 'transfer_in' as const, qtyG: -m.qtyG, valueFen: -m.valueFen }));
  await postMoves(ctx, { id: into.id, orgId: to.id, businessDate }, inMoves);
  await closeDoc(ctx, { id: into.id, orgId: to.id, kind: 'transfer_in', businessDate }, inMoves, { totalFen: inMoves.reduce((s, m) => s + m.valueFen, 0) });
  return finish(ctx, { id: out.id, kind: 'transfer_out', businessDate, linkedDocId: into.id }, input.canteenId, moves, 'stock.transfer_posted', { toCanteenId: to.id, transferInDocId: into.id });
}

/** Return to supplier (退货) or write-off (报损): named batches; a return names one supplier's deliveries. */
export async function postBatchOut(ctx: Ctx, kind: 'return' | 'write_off', input: z.infer<typeof BatchOutInput>) {
  ctx.access.requireCanteen(P['stock.adjust.write'], input.canteenId);
  const businessDate = postingDate(ctx);
  const locked = await lockBatches(ctx, input.canteenId, input.lines.map((l) => l.batchId));
  const suppliers = new Set(input.lines.map((l) => locked.get(l.batchId)!.supplierId));
  if (kind === 'return' && suppliers.size !== 1) {
    throw new AppError(422, 'return_one_supplier', '一张退货单只能退给一个供应商', 'One return goes back to one supplier');
  }
  const doc = await openDoc(ctx, { orgId: input.canteenId, kind, businessDate, supplierId: kind === 'return' ? [...suppliers][0] ?? null : null, reason: input.reason, requestKey: input.requestKey });
  if (doc.replayed) return { ...(await getDoc(ctx, doc.id)), replayed: true };
  const short = input.lines.filter((l) => locked.get(l.batchId)!.qtyG < l.qtyG);
  if (short.length) {
    throw conflict('stock_insufficient', `批次剩余不足，未作任何更改：${short.map((l) => `#${l.batchId}`).join('、')}`, `These batches hold less than that; nothing was changed: ${short.map((l) => `#${l.batchId}`).join(', ')}`,
      { short: short.map((l) => ({ batchId: l.batchId, wantedG: l.qtyG, onHandG: locked.get(l.batchId)!.qtyG })) });
  }
  const moves: Move[] = input.lines.map((l) => {
    const b = locked.get(l.batchId)!;
    return { ingredientId: b.ingredientId, batchId: b.id, kind, qtyG: -l.qtyG, valueFen: -valueOf(l.qtyG, b) };
  });
  await postMoves(ctx, { id: doc.id, orgId: input.canteenId, businessDate }, moves);
  return finish(ctx, { id: doc.id, kind, businessDate }, input.canteenId, moves, `stock.${kind}_posted`, { reason: input.reason });
}

/**
 * What the kitchen needs for one meal from the published plan: Σ portions × net ÷ yield per
 * ingredient, less what was already issued for that meal, beside what is on hand.
 */
export async function proposeIssue(ctx: Ctx, q: { canteenId: number; date: string; meal: (typeof MEALS)[number] }) {
  ctx.access.requireCanteen(P['stock.stock.read'], q.canteenId);
  const demand = (await publishedDemand(ctx, q.canteenId, q.date, q.date)).filter((d) => d.meal === q.meal);
  const needs = ingredientNeeds(demand, await recipesFor(ctx, demand.map((d) => d.dishId)));
  const ids = [...needs.keys()];
  const issued = ids.length ? await ctx.db.select({ ingredientId: stockMove.ingredientId, g: sql<number>`(-sum(${stockMove.qtyG}))::bigint` }).from(stockMove)
    .innerJoin(stockDoc, eq(stockDoc.id, stockMove.docId))
    .where(and(eq(stockDoc.orgId, q.canteenId), eq(stockDoc.kind, 'issue'), eq(stockDoc.businessDate, q.date), eq(stockDoc.meal, q.meal)))
    .groupBy(stockMove.ingredientId) : [];
  const done = new Map(issued.map((r) => [r.ingredientId, Number(r.g)]));
  const stock = await onHand(ctx, q.canteenId, ids);
  const ings = await ingredientsByIds(ctx, ids);
  return ids.map((id) => {
    const needG = needs.get(id)!;
    const issuedG = done.get(id) ?? 0;
    const onHandG = stock.get(id) ?? 0;
    const i = ings.get(id)!;
    return { ingredientId: id, code: i.code, name: i.name, nameEn: i.nameEn, category: i.category, needG, issuedG, onHandG, proposedG: Math.min(Math.max(0, needG - issuedG), onHandG) };
  }).sort((a, b) => (a.category + a.code).localeCompare(b.category + b.code));
}
