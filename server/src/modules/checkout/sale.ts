import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { arrayParam, PREPARED, rows } from '../../core/db.ts';
import { AppError, conflict } from '../../core/errors.ts';
import { accountByCard, accountByPayCode, accountFor, accountPermissions, describeAccounts, pay, quotePayment, voidPayment, type AccountRow, type PayResult } from '../account/index.ts';
import { boardFor, mealAt, priceLines, type Meal, type PricedLine } from './board.ts';
import type { Identify, QuoteInput, SaleInput, SalesQuery, UndoInput } from './contracts.ts';
import { P } from './permissions.ts';
import { sale, saleLine, station } from './schema.ts';

/** A cashier may take back a sale this long after it was made; later it needs a manager's void. */
export const UNDO_SECONDS = 120;

type IdentifyBy = z.infer<typeof Identify>;
const METHOD = (by: IdentifyBy) => ('card' in by ? 'card' : 'qr' in by ? 'qr' : 'face') as 'card' | 'qr' | 'face';

/** The diner at the station: by card, by the pay code on their phone, or by the face interface's answer. */
export async function identifyDiner(ctx: Ctx, by: IdentifyBy): Promise<AccountRow> {
  if ('card' in by) return accountByCard(ctx, by.card);
  if ('qr' in by) return accountByPayCode(ctx, by.qr);
  return accountFor(ctx, by.faceAccountId, accountPermissions['account.account.read']);
}

export async function identify(ctx: Ctx, canteenId: number, by: IdentifyBy) {
  ctx.access.requireCanteen(P['checkout.sale.write'], canteenId);
  const acc = await identifyDiner(ctx, by);
  return (await describeAccounts(ctx, [acc]))[0]!;
}

/** Items, subsidy, amount and balance after, before anything is charged. */
export async function quote(ctx: Ctx, input: z.infer<typeof QuoteInput>) {
  ctx.access.requireCanteen(P['checkout.sale.write'], input.canteenId);
  const { date, meal } = mealAt(ctx.now());
  const lines = priceLines(await boardFor(ctx, input.canteenId, date, meal), input.lines);
  const menuFen = lines.reduce((s, l) => s + l.amountFen, 0);
  if (!input.identify) return { date, meal, lines, menuFen };
  const acc = await identifyDiner(ctx, input.identify);
  return { date, meal, lines, menuFen, account: { id: acc.id, name: acc.name }, payment: await quotePayment(ctx, { accountId: acc.id, canteenId: input.canteenId, meal, menuFen }) };
}

/** Stations change rarely and every sale names one: kept for a minute. */
const stationCache = new WeakMap<object, Map<number, { at: number; orgId: number; active: boolean } | null>>();

async function requireStation(ctx: Ctx, canteenId: number, stationId: number | undefined) {
  if (!stationId) return;
  let cache = stationCache.get(ctx.platform);
  if (!cache) stationCache.set(ctx.platform, (cache = new Map()));
  let s = cache.get(stationId);
  if (s === undefined || (s && Date.now() - s.at > 60_000)) {
    const [row] = await ctx.db.select({ orgId: station.orgId, active: station.active }).from(station).where(eq(station.id, stationId));
    s = row ? { at: Date.now(), ...row } : null;
    cache.set(stationId, s);
  }
  if (!s || s.orgId !== canteenId || !s.active) throw new AppError(404, 'station_not_found', '结算台不存在或已停用', 'Checkout station not found or inactive');
}

export type SaleView = Awaited<ReturnType<typeof saleView>>;

async function saleView(ctx: Ctx, s: typeof sale.$inferSelect, lines?: (typeof saleLine.$inferSelect | PricedLine)[], balances?: { cashFen: number; subsidyFen: number }) {
  const ls = lines ?? await ctx.db.select().from(saleLine).where(eq(saleLine.saleId, s.id)).orderBy(saleLine.id);
  return {
    id: s.id, canteenId: s.orgId, stationId: s.stationId, accountId: s.accountId, businessDate: s.businessDate, meal: s.meal, method: s.method,
    menuFen: s.menuFen, dueFen: s.dueFen, mealSubsidyFen: s.mealSubsidyFen, fromSubsidyFen: s.fromSubsidyFen, fromCashFen: s.fromCashFen,
    shortfallFen: s.shortfallFen, status: s.status, offline: s.offline, soldAt: s.soldAt, voidedAt: s.voidedAt, voidReason: s.voidReason,
    undoUntil: new Date(s.soldAt.getTime() + UNDO_SECONDS * 1000),
    lines: ls.map((l) => ({ dishId: l.dishId, how: l.how, portions: l.portions, weightG: l.weightG, priceFen: l.priceFen, amountFen: l.amountFen, name: 'name' in l ? l.name : undefined })),
    balances: balances ?? null,
  };
}

/**
 * Records a sale and charges it, in the caller's transaction: the account payment (idempotent by
 * the request key) and the sale row (unique by the same key) commit together or not at all.
 */
export async function recordSale(ctx: Ctx, s: {
  canteenId: number; stationId?: number; requestKey: string; payer: { accountId: number } | { cardNo: string }; method: 'card' | 'qr' | 'face';
  lines: PricedLine[]; date: string; meal: Meal; soldAt: Date; offline: boolean;
}): Promise<{ view: SaleView; replayed: boolean; diner: { id: number; name: string } }> {
  const menuFen = s.lines.reduce((sum, l) => sum + l.amountFen, 0);
  const paid: PayResult = await pay(ctx, {
    ...s.payer, canteenId: s.canteenId, meal: s.meal, menuFen, requestKey: `sale:${s.requestKey}`, method: s.method,
    offline: s.offline, at: s.soldAt,
  });
  if (paid.replayed) {
    const [earlier] = await ctx.db.select().from(sale).where(and(eq(sale.orgId, s.canteenId), eq(sale.requestKey, s.requestKey)));
    if (!earlier) throw conflict('request_key_reused', '该请求键已用于另一笔业务，请重新提交', 'This request key was used for another transaction; submit again');
    return { view: await saleView(ctx, earlier, undefined, paid.balances), replayed: true, diner: { id: paid.accountId, name: paid.name } };
  }
  // The sale and its lines in one statement (see pay: round trips are the station's waiting time).
  const [row] = await rows<typeof sale.$inferSelect & { sold_at: string }>(ctx.db, sql`${PREPARED}
    with s as (
      insert into checkout_sale (org_id, station_id, account_id, request_key, business_date, meal, method, menu_fen, due_fen, meal_subsidy_fen,
        from_subsidy_fen, from_cash_fen, shortfall_fen, entry_id, offline, sold_at, synced_at, created_by)
      values (${s.canteenId}, ${s.stationId ?? null}, ${paid.accountId}, ${s.requestKey}, ${s.date}::date, ${s.meal}, ${s.method}, ${menuFen}, ${paid.dueFen},
        ${paid.mealSubsidyFen}, ${paid.fromSubsidyFen}, ${paid.fromCashFen}, ${paid.shortfallFen}, ${paid.entryId}, ${s.offline}, ${s.soldAt},
        ${s.offline ? ctx.now() : null}, ${ctx.user?.id ?? null})
      returning id
    ), l as (
      insert into checkout_sale_line (sale_id, dish_id, how, portions, weight_g, price_fen, amount_fen)
      select s.id, d, h, p, w, pr, a from s, unnest(${arrayParam(s.lines.map((l) => l.dishId))}::int[], ${arrayParam(s.lines.map((l) => l.how))}::text[],
        ${arrayParam(s.lines.map((l) => l.portions))}::int[], ${arrayParam(s.lines.map((l) => l.weightG))}::int[], ${arrayParam(s.lines.map((l) => l.priceFen))}::int[],
        ${arrayParam(s.lines.map((l) => l.amountFen))}::int[]) with ordinality as x(d, h, p, w, pr, a, n) order by n
    )
    select id from s`);
  const saleRow: typeof sale.$inferSelect = {
    id: Number(row!.id), orgId: s.canteenId, stationId: s.stationId ?? null, accountId: paid.accountId, requestKey: s.requestKey, businessDate: s.date, meal: s.meal,
    method: s.method, menuFen, dueFen: paid.dueFen, mealSubsidyFen: paid.mealSubsidyFen, fromSubsidyFen: paid.fromSubsidyFen, fromCashFen: paid.fromCashFen,
    shortfallFen: paid.shortfallFen, entryId: paid.entryId, status: 'paid', offline: s.offline, soldAt: s.soldAt, syncedAt: s.offline ? ctx.now() : null,
    createdBy: ctx.user?.id ?? null, voidedAt: null, voidedBy: null, voidReason: null,
  };
  const corrected = s.lines.filter((l) => l.how === 'recognize' && l.suggestedDishId !== undefined);
  if (corrected.length) {
    await ctx.db.execute(sql`
      insert into checkout_recognition_log (org_id, sale_id, suggested_dish_id, chosen_dish_id, score, at)
      select ${s.canteenId}, ${saleRow.id}, sg, ch, sc, ${s.soldAt} from unnest(${arrayParam(corrected.map((l) => l.suggestedDishId!))}::int[],
        ${arrayParam(corrected.map((l) => l.dishId))}::int[], ${arrayParam(corrected.map((l) => l.score ?? null))}::real[]) as x(sg, ch, sc)`);
  }
  return { view: await saleView(ctx, saleRow, s.lines, paid.balances), replayed: false, diner: { id: paid.accountId, name: paid.name } };
}

/** A sale at the station now: priced from the menu of the current meal, charged to the diner identified. */
export async function sell(ctx: Ctx, input: z.infer<typeof SaleInput>) {
  ctx.access.requireCanteen(P['checkout.sale.write'], input.canteenId);
  await requireStation(ctx, input.canteenId, input.stationId);
  const soldAt = ctx.now();
  const { date, meal } = mealAt(soldAt);
  const lines = priceLines(await boardFor(ctx, input.canteenId, date, meal), input.lines);
  // A card goes straight to the payment (one statement finds and charges the account); codes and faces are checked first.
  const payer = 'card' in input.identify ? { cardNo: input.identify.card } : { accountId: (await identifyDiner(ctx, input.identify)).id };
  const r = await recordSale(ctx, { ...input, payer, method: METHOD(input.identify), lines, date, meal, soldAt, offline: false });
  return { ...r.view, replayed: r.replayed, diner: r.diner };
}

/**
 * Takes a sale back: the payment is reversed (subsidy freed for the meal) and the sale marked.
 * Within the undo window a cashier may; afterwards, the same day, a manager may void it.
 */
export async function undoSale(ctx: Ctx, saleId: number, input: z.infer<typeof UndoInput>) {
  const [s] = await ctx.db.select().from(sale).where(eq(sale.id, saleId)).for('update');
  if (!s || !ctx.access.canteens(P['checkout.sale.read']).concat(ctx.access.canteens(P['checkout.sale.undo'])).includes(s.orgId)) {
    throw new AppError(404, 'sale_not_found', '结算记录不存在', 'Sale not found');
  }
  if (s.status === 'voided') return saleView(ctx, s);
  const withinWindow = ctx.now().getTime() - s.soldAt.getTime() <= UNDO_SECONDS * 1000;
  const mayVoid = ctx.access.can(P['checkout.sale.void'], s.orgId) && mealAt(ctx.now()).date === s.businessDate;
  if (!(withinWindow && ctx.access.can(P['checkout.sale.undo'], s.orgId)) && !mayVoid) {
    throw new AppError(403, 'undo_window_passed', `已超过 ${UNDO_SECONDS / 60} 分钟撤销时限，请餐厅经理作废`, `The ${UNDO_SECONDS / 60}-minute undo window has passed; ask a manager to void it`);
  }
  const r = await voidPayment(ctx, s.entryId, { orgId: s.orgId, requestKey: `void:${s.id}`, memo: input.reason });
  const [after] = await ctx.db.update(sale).set({ status: 'voided', voidedAt: ctx.now(), voidedBy: ctx.user!.id, voidReason: input.reason }).where(eq(sale.id, s.id)).returning();
  await audit(ctx, { orgId: s.orgId, action: 'checkout.sale_voided', entity: 'checkout_sale', entityId: s.id, before: { status: s.status, dueFen: s.dueFen }, after: { status: 'voided', reason: input.reason, reversalEntryId: r.entryId } });
  return saleView(ctx, after!, undefined, r.balances ?? undefined);
}

export async function listSales(ctx: Ctx, q: z.infer<typeof SalesQuery>) {
  ctx.access.requireCanteen(P['checkout.sale.read'], q.canteenId);
  const where: (SQL | undefined)[] = [eq(sale.orgId, q.canteenId), eq(sale.businessDate, q.date ?? mealAt(ctx.now()).date)];
  if (q.stationId) where.push(eq(sale.stationId, q.stationId));
  if (q.meal) where.push(eq(sale.meal, q.meal));
  const list = await ctx.db.select().from(sale).where(and(...where)).orderBy(desc(sale.id)).limit(q.limit);
  const lines = list.length ? await ctx.db.select().from(saleLine).where(inArray(saleLine.saleId, list.map((s) => s.id))).orderBy(saleLine.id) : [];
  return Promise.all(list.map((s) => saleView(ctx, s, lines.filter((l) => l.saleId === s.id))));
}

export async function getSale(ctx: Ctx, id: number) {
  const [s] = await ctx.db.select().from(sale).where(eq(sale.id, id));
  if (!s) throw new AppError(404, 'sale_not_found', '结算记录不存在', 'Sale not found');
  if (!ctx.access.canteens(P['checkout.sale.read']).includes(s.orgId)) {
    const mine = await accountFor(ctx, s.accountId, accountPermissions['account.account.read'], { self: true }).catch(() => null);
    if (!mine) throw new AppError(404, 'sale_not_found', '结算记录不存在', 'Sale not found');
  }
  return saleView(ctx, s);
}
