import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import { Batcher, failure, RunAlone } from '../../core/batcher.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, keyReused } from '../../core/errors.ts';
import { accountByCard, accountByPayCode, accountFor, accountPermissions, describeAccounts, payMany, quotePayment, voidPayment, type AccountRow } from '../account/index.ts';
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

export interface SaleToRecord {
  canteenId: number; stationId?: number; requestKey: string; payer: { accountId: number } | { cardNo: string }; method: 'card' | 'qr' | 'face';
  lines: PricedLine[]; date: string; meal: Meal; soldAt: Date; offline: boolean;
  /** The cashier who sold it (a batch holds several cashiers' sales); the caller by default. */
  createdBy?: number | null;
}
export type RecordedSale = { view: SaleView; replayed: boolean; diner: { id: number; name: string } };

/**
 * Records sales and charges them: each payment (idempotent by the request key) and its sale row
 * (unique by the same key) are written in one statement, together or not at all, and a refused
 * sale (no balance, lost card) is answered with its error without holding back the others. The
 * sales' rows, lines and recognition corrections are written with the payments (payMany's writeWith).
 */
export async function recordSales(ctx: Ctx, ss: SaleToRecord[]): Promise<(RecordedSale | AppError | RunAlone)[]> {
  const menuFen = ss.map((s) => s.lines.reduce((sum, l) => sum + l.amountFen, 0));
  const by = (s: SaleToRecord) => (s.createdBy === undefined ? ctx.user?.id ?? null : s.createdBy);
  // One sync time for the statement and the answers, so an offline sale's answer shows what was stored.
  const syncedAt = ctx.now();
  // The sales, their lines and recognition corrections are written in the payments' statement, from `paid`; they
  // travel as three JSON parameters, whatever the batch's size.
  const writeSales = (round: number[]) => {
    const sales = round.map((i, n) => {
      const s = ss[i]!;
      return { n: n + 1, station_id: s.stationId ?? null, request_key: s.requestKey, business_date: s.date, method: s.method, offline: s.offline,
        sold_at: s.soldAt.toISOString(), synced_at: s.offline ? syncedAt.toISOString() : null };
    });
    const lines = round.flatMap((i, n) => ss[i]!.lines.map((l) => ({ n: n + 1, ...l })));
    const rowsOf = (ls: typeof lines) => ls.map((l, o) => ({ o, sn: l.n, d: l.dishId, h: l.how, p: l.portions, w: l.weightG, pr: l.priceFen, a: l.amountFen, sg: l.suggestedDishId, sc: l.score ?? null }));
    const corrected = rowsOf(lines.filter((l) => l.how === 'recognize' && l.suggestedDishId !== undefined));
    return sql`y as (
        select * from jsonb_to_recordset(${JSON.stringify(sales)}::jsonb) as y(n int, station_id int, request_key text, business_date date, method text,
          offline boolean, sold_at timestamptz, synced_at timestamptz)
      ), s as (
        insert into checkout_sale (org_id, station_id, account_id, request_key, business_date, meal, method, menu_fen, due_fen, meal_subsidy_fen,
          from_subsidy_fen, from_cash_fen, shortfall_fen, entry_id, offline, sold_at, synced_at, created_by)
        select x.canteen_id, y.station_id, p.account_id, y.request_key, y.business_date, x.meal, y.method, x.menu_fen, p.due, p.meal_sub,
          p.from_sub, p.from_cash, p.shortfall, p.entry_id, y.offline, y.sold_at, y.synced_at, x.created_by
        from paid p join x on x.n = p.n join y on y.n = p.n where p.entry_id is not null order by p.n
        returning id, org_id, request_key
      ), written as (
        select y.n, s.id, s.org_id from y join s on s.request_key = y.request_key join x on x.n = y.n and x.canteen_id = s.org_id
      ), l as (
        insert into checkout_sale_line (sale_id, dish_id, how, portions, weight_g, price_fen, amount_fen)
        select w.id, z.d, z.h, z.p, z.w, z.pr, z.a from jsonb_to_recordset(${JSON.stringify(rowsOf(lines))}::jsonb) as z(o int, sn int, d int, h text, p int, w int, pr int, a int)
        join written w on w.n = z.sn
        order by z.o
      ), r as (
        insert into checkout_recognition_log (org_id, sale_id, suggested_dish_id, chosen_dish_id, score, at)
        select w.org_id, w.id, c.sg, c.d, c.sc, y.sold_at from jsonb_to_recordset(${JSON.stringify(corrected)}::jsonb) as c(sn int, sg int, d int, sc real)
        join written w on w.n = c.sn join y on y.n = c.sn
      )`;
  };
  const paid = await payMany(ctx, ss.map((s, i) => ({
    ...s.payer, canteenId: s.canteenId, meal: s.meal, menuFen: menuFen[i]!, requestKey: `sale:${s.requestKey}`, method: s.method, offline: s.offline, at: s.soldAt, createdBy: by(s),
  })), writeSales);
  const out: (RecordedSale | AppError | RunAlone)[] = new Array(ss.length);
  for (const [i, s] of ss.entries()) {
    const p = paid[i]!;
    if (p instanceof Error) out[i] = p;
    else if (!p.replayed) {
      const row: typeof sale.$inferSelect = {
        id: p.writtenId!, orgId: s.canteenId, stationId: s.stationId ?? null, accountId: p.accountId, requestKey: s.requestKey, businessDate: s.date, meal: s.meal,
        method: s.method, menuFen: menuFen[i]!, dueFen: p.dueFen, mealSubsidyFen: p.mealSubsidyFen, fromSubsidyFen: p.fromSubsidyFen, fromCashFen: p.fromCashFen,
        shortfallFen: p.shortfallFen, entryId: p.entryId, status: 'paid', offline: s.offline, soldAt: s.soldAt, syncedAt: s.offline ? syncedAt : null,
        createdBy: by(s), voidedAt: null, voidedBy: null, voidReason: null,
      };
      out[i] = { view: await saleView(ctx, row, s.lines, p.balances), replayed: false, diner: { id: p.accountId, name: p.name } };
    } else {
      try {
        const [earlier] = await ctx.db.select().from(sale).where(and(eq(sale.orgId, s.canteenId), eq(sale.requestKey, s.requestKey)));
        out[i] = earlier
          ? { view: await saleView(ctx, earlier, undefined, p.balances), replayed: true, diner: { id: p.accountId, name: p.name } }
          : keyReused();
      } catch (e) {
        // As in payMany: the sales this batch made keep their answers; the retry is answered again on its own.
        if (ctx.written) throw e;
        out[i] = new RunAlone(e);
      }
    }
  }
  return out;
}

/** One sale (a synced offline sale): as recordSales, the refusal thrown. */
export async function recordSale(ctx: Ctx, s: SaleToRecord): Promise<RecordedSale> {
  const [r] = await recordSales(ctx, [s]);
  if (r instanceof Error) throw failure(r);
  return r!;
}

/** Sales the stations send together are recorded in one statement per batch (see Batcher), per platform. */
const saleBatches = new WeakMap<object, Batcher<{ ctx: Ctx; sale: SaleToRecord }, RecordedSale>>();
// One batch at a time: sales arriving meanwhile make the next one bigger. The statement costs the database little
// more for eight sales than for two (statement log), and two batches at once gave fewer sales a second.
const SALE_BATCH = { max: 64, parallel: 1 };

function inSaleBatch(ctx: Ctx, s: SaleToRecord): Promise<RecordedSale> {
  let b = saleBatches.get(ctx.platform);
  if (!b) {
    b = new Batcher<{ ctx: Ctx; sale: SaleToRecord }, RecordedSale>((items) => recordSales(items[0]!.ctx, items.map((i) => i.sale)), SALE_BATCH);
    saleBatches.set(ctx.platform, b);
  }
  return b.push({ ctx, sale: s });
}

/** A sale at the station now: priced from the menu of the current meal, charged to the diner identified with the sales arriving with it. */
export async function sell(ctx: Ctx, input: z.infer<typeof SaleInput>) {
  ctx.access.requireCanteen(P['checkout.sale.write'], input.canteenId);
  await requireStation(ctx, input.canteenId, input.stationId);
  const soldAt = ctx.now();
  const { date, meal } = mealAt(soldAt);
  const lines = priceLines(await boardFor(ctx, input.canteenId, date, meal), input.lines);
  // A card goes straight to the payment (the batch finds and locks the account); codes and faces are checked first.
  const payer = 'card' in input.identify ? { cardNo: input.identify.card } : { accountId: (await identifyDiner(ctx, input.identify)).id };
  const r = await inSaleBatch(ctx, { ...input, payer, method: METHOD(input.identify), lines, date, meal, soldAt, offline: false, createdBy: ctx.user?.id ?? null });
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
