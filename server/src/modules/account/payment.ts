import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { PREPARED, rows } from '../../core/db.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError } from '../../core/errors.ts';
import { accountByCard } from './accounts.ts';
import { insufficient, keyReused, legsOf, notUsable, type Balances, type Leg, type Meal } from './ledger.ts';
import { entry } from './schema.ts';

export interface PayInput {
  /** The diner, by account or by the card the station read. */
  accountId?: number;
  cardNo?: string;
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
  accountId: number;
  name: string;
}

interface AccountForMeal {
  id: number; unit_id: number; status: string; cash_fen: string; subsidy_fen: string; overdraft_fen: number; offline_limit_fen: number;
  price_pct: number | null; rule_subsidy_fen: number | null; flat_fen: number | null; used: boolean;
}

/** The account with its rule for this canteen and meal, and whether today's meal subsidy is taken (for a quote). */
async function accountForMeal(ctx: Ctx, p: { accountId: number; canteenId: number; meal: Meal; day: string }): Promise<AccountForMeal> {
  const [row] = await rows<AccountForMeal>(ctx.db, sql`
    select a.id, a.unit_id, a.status, a.cash_fen, a.subsidy_fen, a.overdraft_fen, a.offline_limit_fen,
      r.price_pct, r.subsidy_fen as rule_subsidy_fen, r.flat_fen,
      exists (select 1 from account_subsidy_use u where u.account_id = a.id and u.business_date = ${p.day}::date and u.meal = ${p.meal}) as used
    from account_account a
    left join account_meal_rule r on r.category_id = a.category_id and r.canteen_id = ${p.canteenId} and r.meal = ${p.meal}
    where a.id = ${p.accountId}`);
  if (!row) throw new AppError(404, 'account_not_found', '账户不存在', 'Account not found');
  return row;
}

/** What the category pays for these items at this meal: the price share, or a flat fee per visit. */
function dueFor(r: AccountForMeal, menuFen: number): number {
  if (r.flat_fen !== null) return r.flat_fen;
  return Math.round((menuFen * (r.price_pct ?? 100)) / 100);
}

function split(r: AccountForMeal, due: number, mealSubsidy: number) {
  const rest = due - mealSubsidy;
  const fromSubsidyFen = Math.min(Number(r.subsidy_fen), rest);
  return { fromSubsidyFen, fromCashFen: rest - fromSubsidyFen };
}

/** What the station shows before charging: nothing is written. */
export async function quotePayment(ctx: Ctx, p: Omit<PayInput, 'requestKey' | 'method' | 'accountId' | 'cardNo'> & { accountId: number }) {
  const day = chinaDate(p.at ?? ctx.now());
  const r = await accountForMeal(ctx, { ...p, day });
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
function fromLegs(entryId: number, menuFen: number, legs: Leg[], balances: Balances): Omit<PayResult, 'accountId' | 'name'> {
  const sum = (book: Leg['book']) => -legs.filter((l) => l.book === book).reduce((s, l) => s + Number(l.amountFen), 0);
  return {
    entryId, replayed: true, menuFen, dueFen: -sum('canteen_sales'), mealSubsidyFen: sum('unit_subsidy'),
    fromSubsidyFen: sum('diner_subsidy'), fromCashFen: sum('diner_cash'), shortfallFen: sum('unit_receivable'), balances,
  };
}

/**
 * Charges a meal to a diner's account: the unit's per-meal subsidy first, then the subsidy wallet,
 * then cash down to the overdraft. One statement locks the account row (concurrent payments of
 * one diner queue and each sees the balance the previous one left), writes the entry under its
 * request key, takes the meal subsidy, moves the wallets and writes the legs: a checkout is the
 * busiest write of the platform, and each round trip to the database is time at the station.
 * It runs in the caller's transaction: when the money is not there it throws, and all of it goes.
 */
export async function pay(ctx: Ctx, p: PayInput): Promise<PayResult> {
  const at = p.at ?? ctx.now();
  const day = chinaDate(at);
  const offline = p.offline ?? false;
  const who = p.accountId !== undefined ? sql`${p.accountId}::int` : sql`(select account_id from account_card where card_no = ${p.cardNo} and status = 'active')`;
  const [r] = await rows<{
    account_id: number; name: string; status: string; cash_fen: string; subsidy_fen: string; overdraft_fen: number; due: string;
    entry_id: number | null; meal_sub: string; from_sub: string; from_cash: string; shortfall: string; cash_after: string | null; subsidy_after: string | null;
  }>(ctx.db, sql`${PREPARED}
    with a as (
      select a.id, a.name, a.unit_id, a.status, a.cash_fen, a.subsidy_fen, a.overdraft_fen, a.offline_limit_fen,
        case when r.flat_fen is not null then r.flat_fen::bigint else round(${p.menuFen}::numeric * coalesce(r.price_pct, 100) / 100)::bigint end as due,
        coalesce(r.subsidy_fen, 0)::bigint as rule_subsidy
      from account_account a
      left join account_meal_rule r on r.category_id = a.category_id and r.canteen_id = ${p.canteenId} and r.meal = ${p.meal}
      where a.id = ${who}
      for update of a
    ), e as (
      insert into account_entry (org_id, account_id, kind, method, amount_fen, request_key, ref, memo, offline, business_date, created_by, at)
      select ${p.canteenId}, a.id, 'payment', ${p.method}, a.due, ${p.requestKey}, ${p.ref ?? null}, '', ${offline}, ${day}::date, ${ctx.user?.id ?? null}, ${at}
      from a where ${offline} or a.status = 'active'
      on conflict (org_id, request_key) do nothing
      returning id
    ), u as (
      insert into account_subsidy_use (account_id, business_date, meal, entry_id)
      select a.id, ${day}::date, ${p.meal}, e.id from a, e where least(a.rule_subsidy, a.due) > 0
      on conflict do nothing
      returning account_id
    ), m as (
      select a.*, e.id as entry_id, case when exists (select 1 from u) then least(a.rule_subsidy, a.due) else 0 end as meal_sub from a, e
    ), w as (
      select m.*, least(m.subsidy_fen, m.due - m.meal_sub) as from_sub from m
    ), c as (
      select w.*, w.due - w.meal_sub - w.from_sub as need_cash,
        greatest(0, (w.due - w.meal_sub - w.from_sub) - w.cash_fen - w.overdraft_fen - ${offline ? sql`w.offline_limit_fen` : sql`0`}) as shortfall
      from w
    ), upd as (
      update account_account t set cash_fen = t.cash_fen - (c.need_cash - c.shortfall), subsidy_fen = t.subsidy_fen - c.from_sub
      from c where t.id = c.id and (${offline} or c.shortfall = 0)
      returning t.cash_fen, t.subsidy_fen
    ), legs as (
      insert into account_posting (entry_id, book, ref_id, amount_fen)
      select c.entry_id, x.book, x.ref_id, x.amount from c cross join upd cross join lateral (values
        ('canteen_sales', ${p.canteenId}::int, c.due), ('unit_subsidy', c.unit_id, -c.meal_sub), ('diner_subsidy', c.id, -c.from_sub),
        ('diner_cash', c.id, -(c.need_cash - c.shortfall)), ('unit_receivable', c.unit_id, -c.shortfall)) as x(book, ref_id, amount)
      where x.amount <> 0
    )
    select a.id as account_id, a.name, a.status, a.cash_fen::text, a.subsidy_fen::text, a.overdraft_fen, a.due::text,
      c.entry_id, c.meal_sub::text, c.from_sub::text, (c.need_cash - c.shortfall)::text as from_cash, c.shortfall::text,
      upd.cash_fen::text as cash_after, upd.subsidy_fen::text as subsidy_after
    from a left join c on true left join upd on true`);
  if (!r) {
    if (p.cardNo !== undefined) await accountByCard(ctx, p.cardNo);
    throw new AppError(404, 'account_not_found', '账户不存在', 'Account not found');
  }
  const before = { cashFen: Number(r.cash_fen), subsidyFen: Number(r.subsidy_fen) };
  if (r.entry_id === null) {
    const [earlier] = await ctx.db.select().from(entry).where(and(eq(entry.orgId, p.canteenId), eq(entry.requestKey, p.requestKey)));
    if (earlier && earlier.kind === 'payment' && earlier.accountId === r.account_id) {
      return { ...fromLegs(earlier.id, p.menuFen, await legsOf(ctx, earlier.id), before), accountId: r.account_id, name: r.name };
    }
    if (earlier) throw keyReused();
    // A sale already made offline is recorded whatever the account's state (the food is gone); otherwise a frozen account cannot pay.
    throw notUsable(r.status);
  }
  if (r.cash_after === null) throw insufficient({ dueFen: Number(r.due), cashFen: before.cashFen, subsidyFen: before.subsidyFen, overdraftFen: r.overdraft_fen });
  return {
    entryId: r.entry_id, replayed: false, menuFen: p.menuFen, dueFen: Number(r.due), mealSubsidyFen: Number(r.meal_sub), fromSubsidyFen: Number(r.from_sub),
    fromCashFen: Number(r.from_cash), shortfallFen: Number(r.shortfall), balances: { cashFen: Number(r.cash_after), subsidyFen: Number(r.subsidy_after) },
    accountId: r.account_id, name: r.name,
  };
}
