import { and, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import { inTransaction, type Ctx, type Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { rows } from '../../core/db.ts';
import { entrySums } from '../account/index.ts';
import { costingPermissions, writeSales, type SaleInput } from '../costing/index.ts';
import { orderSalesByDish } from '../order/index.ts';
import { P } from './permissions.ts';
import { sale, saleLine } from './schema.ts';

/**
 * The day of one canteen by payment method and meal: sales (what diners paid from which wallet,
 * what units subsidised), sales taken back, and the counter's top-ups and refunds.
 */
export async function dailySettlement(ctx: Ctx, canteenId: number, date: string) {
  ctx.access.requireCanteen(P['checkout.sale.read'], canteenId);
  const byMethod = await rows<{ method: string; meal: string; status: string; n: number; menu: string; due: string; meal_subsidy: string; from_subsidy: string; from_cash: string; shortfall: string; offline: number }>(ctx.db, sql`
    select method, meal, status, count(*)::int as n, sum(menu_fen)::text as menu, sum(due_fen)::text as due, sum(meal_subsidy_fen)::text as meal_subsidy,
      sum(from_subsidy_fen)::text as from_subsidy, sum(from_cash_fen)::text as from_cash, sum(shortfall_fen)::text as shortfall, count(*) filter (where offline)::int as offline
    from checkout_sale where org_id = ${canteenId} and business_date = ${date}::date group by 1, 2, 3 order by 1, 2, 3`);
  const lines = byMethod.map((r) => ({
    method: r.method, meal: r.meal, status: r.status, count: r.n, offline: r.offline, menuFen: Number(r.menu), dueFen: Number(r.due),
    mealSubsidyFen: Number(r.meal_subsidy), fromSubsidyFen: Number(r.from_subsidy), fromCashFen: Number(r.from_cash), shortfallFen: Number(r.shortfall),
  }));
  const paid = lines.filter((l) => l.status === 'paid');
  const sum = (list: typeof lines, k: 'count' | 'dueFen' | 'mealSubsidyFen' | 'fromSubsidyFen' | 'fromCashFen' | 'shortfallFen' | 'menuFen') => list.reduce((s, l) => s + l[k], 0);
  const methods = [...new Set(paid.map((l) => l.method))].map((m) => {
    const of = paid.filter((l) => l.method === m);
    return { method: m, count: sum(of, 'count'), dueFen: sum(of, 'dueFen'), mealSubsidyFen: sum(of, 'mealSubsidyFen'), fromSubsidyFen: sum(of, 'fromSubsidyFen'), fromCashFen: sum(of, 'fromCashFen'), shortfallFen: sum(of, 'shortfallFen') };
  });
  const counter = (await entrySums(ctx, canteenId, date, date)).filter((e) => e.kind !== 'payment' && e.kind !== 'reversal');
  const ordered = await orderSalesByDish(ctx, canteenId, date);
  const orders = {
    takeoutFen: ordered.filter((o) => o.dishId !== 0).reduce((s, o) => s + o.revenueFen, 0),
    unitMealsFen: ordered.filter((o) => o.dishId === 0).reduce((s, o) => s + o.revenueFen, 0),
  };
  return {
    canteenId, date, lines, methods, orders,
    totals: { count: sum(paid, 'count'), menuFen: sum(paid, 'menuFen'), dueFen: sum(paid, 'dueFen'), mealSubsidyFen: sum(paid, 'mealSubsidyFen'), fromSubsidyFen: sum(paid, 'fromSubsidyFen'), fromCashFen: sum(paid, 'fromCashFen'), shortfallFen: sum(paid, 'shortfallFen') },
    voided: { count: sum(lines.filter((l) => l.status === 'voided'), 'count'), dueFen: sum(lines.filter((l) => l.status === 'voided'), 'dueFen') },
    counter,
  };
}

/**
 * Paid sales (one per diner and visit) of a canteen per day and meal, for modules that relate something to how many
 * ate (waste per diner). No permission check: the caller has checked its own on the canteen.
 */
export async function paidSalesByMeal(ctx: Ctx, canteenId: number, from: string, to: string): Promise<{ date: string; meal: string; sales: number }[]> {
  const found = await rows<{ date: string; meal: string; n: number }>(ctx.db, sql`
    select business_date::text as date, meal, count(*)::int as n from checkout_sale
    where org_id = ${canteenId} and business_date between ${from}::date and ${to}::date and status = 'paid' group by 1, 2 order by 1, 2`);
  return found.map((r) => ({ date: r.date, meal: r.meal, sales: Number(r.n) }));
}

/** Splits `total` over `weights` in whole fen, largest remainders first, so the parts add up exactly. */
export function allocate(total: number, weights: number[]): number[] {
  const w = weights.reduce((s, x) => s + x, 0);
  if (w === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((x) => (total * x) / w);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    out[i]!++;
    rest--;
  }
  return out;
}

/**
 * The day's revenue per meal and dish for costing and the reports: what each sale took (after
 * category prices and flat fees), spread over its dishes by menu value. Running it again replaces
 * the day's figures; a dish whose sales were all taken back goes to zero.
 */
export async function revenueByDish(ctx: Ctx, canteenId: number, date: string): Promise<SaleInput[]> {
  const sales = await ctx.db.select({ id: sale.id, meal: sale.meal, dueFen: sale.dueFen, status: sale.status }).from(sale)
    .where(and(eq(sale.orgId, canteenId), eq(sale.businessDate, date)));
  const lines = sales.length ? await ctx.db.select({ saleId: saleLine.saleId, dishId: saleLine.dishId, portions: saleLine.portions, amountFen: saleLine.amountFen })
    .from(saleLine).where(inArray(saleLine.saleId, sales.map((s) => s.id))).orderBy(saleLine.id) : [];
  const bySale = new Map<number, typeof lines>();
  for (const l of lines) bySale.set(l.saleId, [...(bySale.get(l.saleId) ?? []), l]);
  const out = new Map<string, SaleInput>();
  for (const s of sales) {
    const ls = bySale.get(s.id) ?? [];
    const parts = s.status === 'paid' ? allocate(s.dueFen, ls.map((l) => l.amountFen)) : ls.map(() => 0);
    ls.forEach((l, i) => {
      const key = `${s.meal}|${l.dishId}`;
      const was = out.get(key) ?? { date, meal: s.meal, dishId: l.dishId, portions: 0, revenueFen: 0 };
      out.set(key, { ...was, portions: was.portions + (s.status === 'paid' ? l.portions : 0), revenueFen: was.revenueFen + parts[i]! });
    });
  }
  return [...out.values()];
}

/** Closes a day: the costing module's sales for the day become the real ones — the stations' and the orders' (takeout, unit meals). */
export async function closeDay(ctx: Ctx, canteenId: number, date: string) {
  ctx.access.requireCanteen(P['checkout.settlement.write'], canteenId);
  ctx.access.requireCanteen(costingPermissions['costing.sales.write'], canteenId);
  const list = await dayRevenue(ctx, canteenId, date);
  await writeSales(ctx, canteenId, list, 'checkout');
  const settlement = await dailySettlement(ctx, canteenId, date);
  await audit(ctx, { orgId: canteenId, action: 'checkout.day_closed', entity: 'checkout_sale', entityId: null, after: { date, dishes: list.length, revenueFen: list.reduce((s, x) => s + x.revenueFen, 0), totals: settlement.totals } });
  return { ...settlement, costingRows: list.length };
}

/** The day's revenue per meal and dish from the stations and the orders together. */
async function dayRevenue(ctx: Ctx, canteenId: number, date: string): Promise<SaleInput[]> {
  const merged = new Map<string, SaleInput>();
  for (const r of [...await revenueByDish(ctx, canteenId, date), ...await orderSalesByDish(ctx, canteenId, date)]) {
    const k = `${r.meal}|${r.dishId}`;
    const was = merged.get(k) ?? { date, meal: r.meal, dishId: r.dishId, portions: 0, revenueFen: 0 };
    merged.set(k, { ...was, portions: was.portions + r.portions, revenueFen: was.revenueFen + r.revenueFen });
  }
  return [...merged.values()];
}

/**
 * Every night the day just gone is closed for every canteen that sold or took orders, so the
 * daily profit-and-loss and the income report use real sales without anyone pressing 日结入账
 * (which stays, for closing early or again after a late void). Runs as the system.
 */
export async function closeYesterday(platform: Platform): Promise<number> {
  const ctx = await makeCtx(platform, null, [], 'zh');
  const yesterday = chinaDate(new Date(platform.now().getTime() - 86_400_000));
  let closed = 0;
  for (const c of ctx.tree.canteens()) {
    const list = await dayRevenue(ctx, c.id, yesterday);
    if (!list.length) continue;
    await inTransaction(ctx, async (tx) => {
      await writeSales(tx, c.id, list, 'checkout');
      await audit(tx, { orgId: c.id, action: 'checkout.day_closed', entity: 'checkout_sale', entityId: null, after: { date: yesterday, dishes: list.length, revenueFen: list.reduce((s, x) => s + x.revenueFen, 0), by: 'nightly' } });
    });
    closed++;
  }
  return closed;
}

const nightly = new WeakMap<Platform, NodeJS.Timeout>();

/** Checks the clock every few minutes and closes yesterday once, on the first check of each new business day. */
export function startNightlyClose(platform: Platform): void {
  if (nightly.has(platform)) return;
  let day = chinaDate(platform.now());
  const timer = setInterval(() => {
    const today = chinaDate(platform.now());
    if (today === day) return;
    day = today;
    void closeYesterday(platform).catch((err) => console.error('[checkout] nightly close failed', err));
  }, 5 * 60_000);
  timer.unref();
  nightly.set(platform, timer);
}

export function stopNightlyClose(platform: Platform): void {
  clearInterval(nightly.get(platform));
  nightly.delete(platform);
}
