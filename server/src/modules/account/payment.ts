import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { rows } from '../../core/db.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError } from '../../core/errors.ts';
import { insertLegs, insufficient, legsOf, moveWallets, notUsable, openEntry, type Balances, type Leg, type Meal } from './ledger.ts';
import { subsidyUse } from './schema.ts';

export interface PayInput {
  accountId: number;
  /** Where the meal was sold: the canteen's sales book takes the money. */
  canteenId: number;
  meal: Meal;
  /** The items at menu price; the diner's category decides what is due. */
  menuFen: number;
  requestKey: string;
  method: 'card' | 'qr' | 'face' | 'order';
  ref?: string;
  /** A sale a station made while it could not reach the server, synced now. */
  offline?: boolean;
  at?: Date;
}

export interface PayResult {
  entryId: number;
  replayed: boolean;
  menuFen: number;
  /** After the category's price share or flat fee. */
  dueFen: number;
  /** Paid by the diner's unit under the meal rule (once per meal and day). */
  mealSubsidyFen: number;
  fromSubsidyFen: number;
  fromCashFen: number;
  /** An offline sale the wallet could not cover, billed to the diner's unit. */
  shortfallFen: number;
  balances: Balances;
}

interface Locked {
  id: number; unit_id: number; status: string; cash_fen: string; subsidy_fen: string; overdraft_fen: number; offline_limit_fen: number;
  price_pct: number | null; rule_subsidy_fen: number | null; flat_fen: number | null; used: boolean;
}

/** The account with its rule for this canteen and meal, and whether today's meal subsidy is taken; `lock` holds the row to the end of the transaction. */
async function accountForMeal(ctx: Ctx, p: { accountId: number; canteenId: number; meal: Meal; day: string }, lock: boolean): Promise<Locked> {
  const [row] = await rows<Locked>(ctx.db, sql`
    select a.id, a.unit_id, a.status, a.cash_fen, a.subsidy_fen, a.overdraft_fen, a.offline_limit_fen,
      r.price_pct, r.subsidy_fen as rule_subsidy_fen, r.flat_fen,
      exists (select 1 from account_subsidy_use u where u.account_id = a.id and u.business_date = ${p.day}::date and u.meal = ${p.meal}) as used
    from account_account a
    left join account_meal_rule r on r.category_id = a.category_id and r.canteen_id = ${p.canteenId} and r.meal = ${p.meal}
    where a.id = ${p.accountId}
    ${lock ? sql`for update of a` : sql``}`);
  if (!row) throw new AppError(404, 'account_not_found', '账户不存在', 'Account not found');
  return row;
}

/** What the category pays for these items at this meal: the price share, or a flat fee per visit. */
function dueFor(r: Locked, menuFen: number): number {
  if (r.flat_fen !== null) return r.flat_fen;
  return Math.round((menuFen * (r.price_pct ?? 100)) / 100);
}

function split(r: Locked, due: number, mealSubsidy: number) {
  const rest = due - mealSubsidy;
  const fromSubsidyFen = Math.min(Number(r.subsidy_fen), rest);
  return { fromSubsidyFen, fromCashFen: rest - fromSubsidyFen };
}

/** What the station shows before charging: nothing is written. */
export async function quotePayment(ctx: Ctx, p: Omit<PayInput, 'requestKey' | 'method'>) {
  const day = chinaDate(p.at ?? ctx.now());
  const r = await accountForMeal(ctx, { ...p, day }, false);
  const dueFen = dueFor(r, p.menuFen);
  const mealSubsidyFen = r.used ? 0 : Math.min(r.rule_subsidy_fen ?? 0, dueFen);
  const s = split(r, dueFen, mealSubsidyFen);
  const cashAfter = Number(r.cash_fen) - s.fromCashFen;
  return {
    menuFen: p.menuFen, dueFen, mealSubsidyFen, ...s, status: r.status,
    balancesAfter: { cashFen: cashAfter, subsidyFen: Number(r.subsidy_fen) - s.fromSubsidyFen },
    enough: cashAfter >= -r.overdraft_fen,
  };
}

/** Rebuilds the result of a payment from its legs (a retried request reports the first one). */
function fromLegs(entryId: number, menuFen: number, legs: Leg[], balances: Balances): PayResult {
  const sum = (book: Leg['book']) => -legs.filter((l) => l.book === book).reduce((s, l) => s + Number(l.amountFen), 0);
  return {
    entryId, replayed: true, menuFen, dueFen: -sum('canteen_sales'), mealSubsidyFen: sum('unit_subsidy'),
    fromSubsidyFen: sum('diner_subsidy'), fromCashFen: sum('diner_cash'), shortfallFen: sum('unit_receivable'), balances,
  };
}

/**
 * Charges a meal to a diner's account: the unit's per-meal subsidy first, then the subsidy wallet,
 * then cash down to the overdraft. The account row is locked first, so concurrent payments of
 * one diner queue and each sees the balance the previous one left.
 */
export async function pay(ctx: Ctx, p: PayInput): Promise<PayResult> {
  const at = p.at ?? ctx.now();
  const day = chinaDate(at);
  const r = await accountForMeal(ctx, { ...p, day }, true);
  const dueFen = dueFor(r, p.menuFen);
  const opened = await openEntry(ctx, {
    orgId: p.canteenId, accountId: p.accountId, kind: 'payment', method: p.method, amountFen: dueFen, requestKey: p.requestKey,
    ref: p.ref ?? null, offline: p.offline ?? false, at,
  });
  if (opened.replayed) {
    return fromLegs(opened.id, p.menuFen, await legsOf(ctx, opened.id), { cashFen: Number(r.cash_fen), subsidyFen: Number(r.subsidy_fen) });
  }
  // A sale already made offline is recorded whatever the account's state: the food is gone.
  if (!p.offline && r.status !== 'active') throw notUsable(r.status);
  let mealSubsidyFen = 0;
  const candidate = Math.min(r.rule_subsidy_fen ?? 0, dueFen);
  if (candidate > 0 && !r.used) {
    const taken = await ctx.db.insert(subsidyUse).values({ accountId: p.accountId, businessDate: day, meal: p.meal, entryId: opened.id })
      .onConflictDoNothing().returning({ entryId: subsidyUse.entryId });
    if (taken.length) mealSubsidyFen = candidate;
  }
  let { fromSubsidyFen, fromCashFen } = split(r, dueFen, mealSubsidyFen);
  let shortfallFen = 0;
  const floor = r.overdraft_fen + (p.offline ? r.offline_limit_fen : 0);
  const cashAfter = Number(r.cash_fen) - fromCashFen;
  if (cashAfter < -floor) {
    if (!p.offline) throw insufficient({ dueFen, cashFen: Number(r.cash_fen), subsidyFen: Number(r.subsidy_fen), overdraftFen: r.overdraft_fen });
    shortfallFen = -floor - cashAfter;
    fromCashFen -= shortfallFen;
  }
  const balances = await moveWallets(ctx, p.accountId, { cashFen: -fromCashFen, subsidyFen: -fromSubsidyFen }, { floor: p.offline ? 'offline' : 'overdraft', active: false });
  await insertLegs(ctx, opened.id, [
    { book: 'canteen_sales', refId: p.canteenId, amountFen: dueFen },
    { book: 'unit_subsidy', refId: r.unit_id, amountFen: -mealSubsidyFen },
    { book: 'diner_subsidy', refId: p.accountId, amountFen: -fromSubsidyFen },
    { book: 'diner_cash', refId: p.accountId, amountFen: -fromCashFen },
    { book: 'unit_receivable', refId: r.unit_id, amountFen: -shortfallFen },
  ]);
  return { entryId: opened.id, replayed: false, menuFen: p.menuFen, dueFen, mealSubsidyFen, fromSubsidyFen, fromCashFen, shortfallFen, balances };
}
