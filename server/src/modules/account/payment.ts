import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { arrayParam, PREPARED, rows } from '../../core/db.ts';
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
  /** Who recorded it, when not the caller (a batch carries several callers' sales). */
  createdBy?: number | null;
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

/** The statement's answer for one payment (bigint columns as text). */
interface Charged {
  n: string; account_id: number; name: string; status: string; cash_fen: string; subsidy_fen: string; overdraft_fen: number; due: string;
  entry_id: string | null; meal_sub: string; from_sub: string; from_cash: string; shortfall: string; cash_after: string | null; subsidy_after: string | null;
}

/**
 * Locks the payers' accounts in id order (two batches never wait on each other in a circle) and
 * says whose each payment is: the account given, or the active card's. Unknown payers are absent.
 */
async function lockPayers(ctx: Ctx, ps: PayInput[]): Promise<Map<number, number>> {
  const found = await rows<{ n: string; id: number }>(ctx.db, sql`${PREPARED}
    select x.n, a.id
    from unnest(${arrayParam(ps.map((p) => p.accountId ?? null))}::int[], ${arrayParam(ps.map((p) => p.cardNo ?? null))}::text[]) with ordinality as x(account_id, card_no, n)
    join account_account a on a.id = coalesce(x.account_id, (select c.account_id from account_card c where c.card_no = x.card_no and c.status = 'active'))
    order by a.id
    for update of a`);
  return new Map(found.map((r) => [Number(r.n) - 1, r.id]));
}

/**
 * One statement charges payments of distinct accounts and request keys, their accounts locked:
 * the category's price or flat fee, the unit's per-meal subsidy (once per meal and day), then the
 * subsidy wallet, then cash down to the overdraft (an offline sale also down to its offline limit,
 * the rest billed to the unit). A payment that cannot be made writes nothing; the others are
 * written with their entry, subsidy use, wallets and balanced legs.
 */
async function charge(ctx: Ctx, ps: (PayInput & { accountId: number })[]): Promise<Charged[]> {
  const col = <T>(f: (p: PayInput & { accountId: number }) => T) => arrayParam(ps.map(f));
  return rows<Charged>(ctx.db, sql`${PREPARED}
    with x as (
      select * from unnest(${col((p) => p.accountId)}::int[], ${col((p) => p.canteenId)}::int[], ${col((p) => p.meal)}::text[], ${col((p) => p.menuFen)}::bigint[],
        ${col((p) => p.requestKey)}::text[], ${col((p) => p.method)}::text[], ${col((p) => p.ref ?? null)}::text[], ${col((p) => p.offline ?? false)}::boolean[],
        ${col((p) => (p.at ?? ctx.now()).toISOString())}::timestamptz[], ${col((p) => chinaDate(p.at ?? ctx.now()))}::date[],
        ${col((p) => (p.createdBy === undefined ? ctx.user?.id ?? null : p.createdBy))}::int[])
        with ordinality as x(account_id, canteen_id, meal, menu_fen, request_key, method, ref, offline, at, day, created_by, n)
    ), a as (
      select x.*, a.name, a.unit_id, a.status, a.cash_fen, a.subsidy_fen, a.overdraft_fen, a.offline_limit_fen,
        case when r.flat_fen is not null then r.flat_fen::bigint else round(x.menu_fen::numeric * coalesce(r.price_pct, 100) / 100)::bigint end as due,
        coalesce(r.subsidy_fen, 0)::bigint as rule_subsidy
      from x join account_account a on a.id = x.account_id
      left join account_meal_rule r on r.category_id = a.category_id and r.canteen_id = x.canteen_id and r.meal = x.meal
    ), m as (
      select a.*, case when exists (select 1 from account_subsidy_use u where u.account_id = a.account_id and u.business_date = a.day and u.meal = a.meal)
        then 0 else least(a.rule_subsidy, a.due) end as meal_sub
      from a
    ), w as (
      select m.*, least(m.subsidy_fen, m.due - m.meal_sub) as from_sub from m
    ), c as (
      select w.*, w.due - w.meal_sub - w.from_sub as need_cash,
        greatest(0, (w.due - w.meal_sub - w.from_sub) - w.cash_fen - w.overdraft_fen - case when w.offline then w.offline_limit_fen else 0 end) as shortfall
      from w
    ), ok as (
      -- A sale already made offline is recorded whatever the account's state (the food is gone); online the account must be active and cover it.
      select * from c where c.offline or (c.status = 'active' and c.shortfall = 0)
    ), e as (
      insert into account_entry (org_id, account_id, kind, method, amount_fen, request_key, ref, memo, offline, business_date, created_by, at)
      select ok.canteen_id, ok.account_id, 'payment', ok.method, ok.due, ok.request_key, ok.ref, '', ok.offline, ok.day, ok.created_by, ok.at from ok order by ok.n
      on conflict (org_id, request_key) do nothing
      returning id, org_id, request_key
    ), j as (
      select ok.*, e.id as entry_id from ok join e on e.org_id = ok.canteen_id and e.request_key = ok.request_key
    ), u as (
      insert into account_subsidy_use (account_id, business_date, meal, entry_id)
      select j.account_id, j.day, j.meal, j.entry_id from j where j.meal_sub > 0
    ), upd as (
      update account_account t set cash_fen = t.cash_fen - (j.need_cash - j.shortfall), subsidy_fen = t.subsidy_fen - j.from_sub
      from j where t.id = j.account_id
      returning t.id, t.cash_fen, t.subsidy_fen
    ), legs as (
      insert into account_posting (entry_id, book, ref_id, amount_fen)
      select j.entry_id, l.book, l.ref_id, l.amount from j cross join lateral (values
        ('canteen_sales', j.canteen_id, j.due), ('unit_subsidy', j.unit_id, -j.meal_sub), ('diner_subsidy', j.account_id, -j.from_sub),
        ('diner_cash', j.account_id, -(j.need_cash - j.shortfall)), ('unit_receivable', j.unit_id, -j.shortfall)) as l(book, ref_id, amount)
      where l.amount <> 0
      order by j.n
    )
    select c.n, c.account_id, c.name, c.status, c.cash_fen::text, c.subsidy_fen::text, c.overdraft_fen, c.due::text,
      j.entry_id, c.meal_sub::text, c.from_sub::text, (c.need_cash - c.shortfall)::text as from_cash, c.shortfall::text,
      upd.cash_fen::text as cash_after, upd.subsidy_fen::text as subsidy_after
    from c left join j on j.n = c.n left join upd on upd.id = j.account_id
    order by c.n`);
}

/** What became of one charged payment: paid, a retry of an earlier one, or why it was refused. */
async function outcome(ctx: Ctx, p: PayInput, r: Charged): Promise<PayResult> {
  const before = { cashFen: Number(r.cash_fen), subsidyFen: Number(r.subsidy_fen) };
  if (r.entry_id !== null) {
    return {
      entryId: Number(r.entry_id), replayed: false, menuFen: p.menuFen, dueFen: Number(r.due), mealSubsidyFen: Number(r.meal_sub), fromSubsidyFen: Number(r.from_sub),
      fromCashFen: Number(r.from_cash), shortfallFen: Number(r.shortfall), balances: { cashFen: Number(r.cash_after), subsidyFen: Number(r.subsidy_after) },
      accountId: r.account_id, name: r.name,
    };
  }
  const [earlier] = await ctx.db.select().from(entry).where(and(eq(entry.orgId, p.canteenId), eq(entry.requestKey, p.requestKey)));
  if (earlier && earlier.kind === 'payment' && earlier.accountId === r.account_id) {
    return { ...fromLegs(earlier.id, p.menuFen, await legsOf(ctx, earlier.id), before), accountId: r.account_id, name: r.name };
  }
  if (earlier) throw keyReused();
  if (r.status !== 'active' && !p.offline) throw notUsable(r.status);
  throw insufficient({ dueFen: Number(r.due), cashFen: before.cashFen, subsidyFen: before.subsidyFen, overdraftFen: r.overdraft_fen });
}

/**
 * Charges meals to diners' accounts, in the caller's transaction, and answers each payment with
 * its result or the error that refused it; a refused payment writes nothing, so the others still
 * commit. Payments of one account (or one request key) go in successive statements, each seeing
 * what the one before left. A checkout is the busiest write of the platform: the stations' sales
 * arriving together are charged in one batch (checkout's sale batches), a few statements for all.
 */
export async function payMany(ctx: Ctx, ps: PayInput[]): Promise<(PayResult | AppError)[]> {
  const out: (PayResult | AppError)[] = new Array(ps.length);
  const owner = await lockPayers(ctx, ps);
  const settle = async (i: number, f: () => Promise<PayResult>) => {
    try {
      out[i] = await f();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out[i] = e;
    }
  };
  let rest: number[] = [];
  for (let i = 0; i < ps.length; i++) {
    if (owner.has(i)) rest.push(i);
    else {
      await settle(i, async () => {
        if (ps[i]!.cardNo !== undefined) await accountByCard(ctx, ps[i]!.cardNo!);
        throw new AppError(404, 'account_not_found', '账户不存在', 'Account not found');
      });
    }
  }
  while (rest.length) {
    const round: number[] = [];
    const later: number[] = [];
    const taken = new Set<string>();
    for (const i of rest) {
      const keys = [`account ${owner.get(i)}`, `key ${ps[i]!.canteenId} ${ps[i]!.requestKey}`];
      if (keys.some((k) => taken.has(k))) later.push(i);
      else {
        keys.forEach((k) => taken.add(k));
        round.push(i);
      }
    }
    const charged = await charge(ctx, round.map((i) => ({ ...ps[i]!, accountId: owner.get(i)! })));
    for (const [j, r] of charged.entries()) await settle(round[j]!, () => outcome(ctx, ps[round[j]!]!, r));
    rest = later;
  }
  return out;
}

/** One payment (an order, a synced offline sale): as payMany, the refusal thrown. */
export async function pay(ctx: Ctx, p: PayInput): Promise<PayResult> {
  const [r] = await payMany(ctx, [p]);
  if (r instanceof AppError) throw r;
  return r!;
}
