import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { failure, RunAlone } from '../../core/batcher.ts';
import { PREPARED, rows } from '../../core/db.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError, keyReused } from '../../core/errors.ts';
import { accountByCard } from './accounts.ts';
import { busy, insufficient, legsOf, notUsable, type Balances, type Leg, type Meal } from './ledger.ts';
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

/** The statement's answer for one payment (bigint columns as text); `account_id` null when no account was found. */
interface Charged {
  n: number; account_id: number | null; deferred: boolean; name: string; status: string; cash_fen: string; subsidy_fen: string; overdraft_fen: number; due: string;
  entry_id: string | null; meal_sub: string; from_sub: string; from_cash: string; shortfall: string; cash_after: string | null; subsidy_after: string | null;
  written_id: string | null;
}

/**
 * What a caller writes with the payments, in the same statement: CTEs after `paid` (one row per
 * payment, numbered `n` from 1 in the order given, with `entry_id` null when it was not made) that
 * end in `written (n, id)`, the id of the caller's row for each payment. Given the payments' indexes.
 */
export type WriteWith = (round: number[]) => SQL;

/** A payment made, with the id of the row the caller wrote with it (null without writeWith). */
export type PaidWith = PayResult & { writtenId: number | null };

/**
 * One statement charges a round of payments and writes what the caller writes with them, so a
 * checkout's batch is a single round trip. It locks the payers' accounts in id order (two
 * batches never wait on each other in a circle), resolving cards to accounts; then the category's
 * price or flat fee, the unit's per-meal subsidy (once per meal and day), the subsidy wallet, and
 * cash down to the overdraft (an offline sale also down to its offline limit, the rest billed to
 * the unit). A payment that cannot be made writes nothing and the others are written with their
 * entry, subsidy use, wallets and balanced legs. A second payment of an account (or of a request
 * key) in the round is `deferred` to the next round, which sees what this one left.
 */
async function charge(ctx: Ctx, ps: PayInput[], writeWith?: SQL): Promise<Charged[]> {
  // The round travels as one JSON parameter: one value to bind, however many payments.
  const round = ps.map((p, i) => ({
    n: i + 1, given_account: p.accountId ?? null, card_no: p.cardNo ?? null, canteen_id: p.canteenId, meal: p.meal, menu_fen: p.menuFen,
    request_key: p.requestKey, method: p.method, ref: p.ref ?? null, offline: p.offline ?? false, at: (p.at ?? ctx.now()).toISOString(),
    day: chinaDate(p.at ?? ctx.now()), created_by: p.createdBy === undefined ? ctx.user?.id ?? null : p.createdBy,
  }));
  return rows<Charged>(ctx.db, sql`${PREPARED}
    with x as (
      select * from jsonb_to_recordset(${JSON.stringify(round)}::jsonb) as x(n int, given_account int, card_no text, canteen_id int, meal text, menu_fen bigint,
        request_key text, method text, ref text, offline boolean, at timestamptz, day date, created_by int)
    ), who as (
      select x.*, coalesce(x.given_account, (select c.account_id from account_card c where c.card_no = x.card_no and c.status = 'active')) as account_id from x
    ), locked as materialized (
      select a.id, a.name, a.unit_id, a.category_id, a.status, a.cash_fen, a.subsidy_fen, a.overdraft_fen, a.offline_limit_fen
      from account_account a where a.id = any(array(select account_id from who)) order by a.id for update
    ), a as (
      select who.*, l.name, l.unit_id, l.status, l.cash_fen, l.subsidy_fen, l.overdraft_fen, l.offline_limit_fen,
        case when r.flat_fen is not null then r.flat_fen::bigint else round(who.menu_fen::numeric * coalesce(r.price_pct, 100) / 100)::bigint end as due,
        coalesce(r.subsidy_fen, 0)::bigint as rule_subsidy,
        row_number() over (partition by who.account_id order by who.n) > 1 or row_number() over (partition by who.canteen_id, who.request_key order by who.n) > 1 as deferred
      from who join locked l on l.id = who.account_id
      left join account_meal_rule r on r.category_id = l.category_id and r.canteen_id = who.canteen_id and r.meal = who.meal
    ), m as materialized (
      -- Materialized: the subsidy check runs once a payment, not once for each use of meal_sub below.
      -- Every writer of an account's subsidy use holds its lock; one that committed after this statement's snapshot makes the insert below fail, never a second subsidy.
      select a.*, case when exists (select 1 from account_subsidy_use u where u.account_id = a.account_id and u.business_date = a.day and u.meal = a.meal)
        then 0 else least(a.rule_subsidy, a.due) end as meal_sub
      from a where not a.deferred
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
    ), paid as (
      select x.n, a.account_id, coalesce(a.deferred, false) as deferred, a.name, a.status, a.cash_fen, a.subsidy_fen, a.overdraft_fen, a.due,
        j.entry_id, c.meal_sub, c.from_sub, c.need_cash - c.shortfall as from_cash, c.shortfall, upd.cash_fen as cash_after, upd.subsidy_fen as subsidy_after
      from x left join a on a.n = x.n left join c on c.n = x.n left join j on j.n = x.n left join upd on upd.id = j.account_id
    )${writeWith ? sql`, ${writeWith}` : sql``}
    select p.n, p.account_id, p.deferred, p.name, p.status, p.cash_fen::text, p.subsidy_fen::text, p.overdraft_fen, p.due::text,
      p.entry_id, p.meal_sub::text, p.from_sub::text, p.from_cash::text, p.shortfall::text, p.cash_after::text, p.subsidy_after::text,
      ${writeWith ? sql`(select w.id from written w where w.n = p.n)` : sql`null`}::text as written_id
    from paid p
    order by p.n`);
}

/** What became of one charged payment: paid, a retry of an earlier one, or why it was refused. */
async function outcome(ctx: Ctx, p: PayInput, r: Charged & { account_id: number }): Promise<PayResult> {
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
 * Charges meals to diners' accounts and answers each payment with its result (and the id of
 * what `writeWith` wrote with it) or the error that refused it; a refused payment writes nothing,
 * so the others still go through. Outside a transaction each round is atomic on its own.
 * Payments of one account (or one request key) go in successive rounds, each seeing what the one
 * before left; if a round fails after others committed, its payments and the later ones are answered
 * with RunAlone (not made; the sale batcher makes each again on its own), and so is a payment whose
 * earlier answer could not be read. A checkout is the busiest write of the platform: the stations'
 * sales arriving together are charged in one batch (checkout's sale batches), usually one statement for all.
 */
export async function payMany(ctx: Ctx, ps: PayInput[], writeWith?: WriteWith): Promise<(PaidWith | AppError | RunAlone)[]> {
  const out: (PaidWith | AppError | RunAlone)[] = new Array(ps.length);
  let rest = ps.map((_, i) => i);
  let roundsDone = 0;
  while (rest.length) {
    // Payments of one payer or key wait for the next round here already; the statement defers those it finds to share an account.
    const round: number[] = [];
    const later: number[] = [];
    const taken = new Set<string>();
    for (const i of rest) {
      const p = ps[i]!;
      const keys = [p.accountId !== undefined ? `account ${p.accountId}` : `card ${p.cardNo}`, `key ${p.canteenId} ${p.requestKey}`];
      if (keys.some((k) => taken.has(k))) later.push(i);
      else {
        keys.forEach((k) => taken.add(k));
        round.push(i);
      }
    }
    let charged: Charged[];
    try {
      charged = await charge(ctx, round.map((i) => ps[i]!), writeWith?.(round));
    } catch (e) {
      const cause = (e as { cause?: { code?: string; table?: string } }).cause ?? (e as { code?: string; table?: string });
      const failed = cause.code === '23505' && cause.table === 'account_subsidy_use' ? busy() : e;
      // Outside a transaction the rounds before this one are committed: their payments keep their answers (made again,
      // they would read as retries), and this round's and the later ones are left to be made on their own.
      if (ctx.written || !roundsDone) throw failed;
      for (const i of rest) out[i] = new RunAlone(failed);
      break;
    }
    for (const [j, r] of charged.entries()) {
      const i = round[j]!;
      if (r.deferred) later.push(i);
      else {
        try {
          if (r.account_id === null) {
            if (ps[i]!.cardNo !== undefined) await accountByCard(ctx, ps[i]!.cardNo!);
            throw new AppError(404, 'account_not_found', '账户不存在', 'Account not found');
          }
          out[i] = { ...(await outcome(ctx, ps[i]!, { ...r, account_id: r.account_id })), writtenId: r.written_id === null ? null : Number(r.written_id) };
        } catch (e) {
          // An unexpected failure here (reading what an earlier request made) leaves this payment unsettled; outside a
          // transaction the payments this round made are committed and keep their answers.
          if (!(e instanceof AppError) && ctx.written) throw e;
          out[i] = e instanceof AppError ? e : new RunAlone(e);
        }
      }
    }
    rest = later.sort((x, y) => x - y);
    roundsDone++;
  }
  return out;
}

/** One payment (an order, a synced offline sale): as payMany, the refusal thrown. */
export async function pay(ctx: Ctx, p: PayInput): Promise<PayResult> {
  const [r] = await payMany(ctx, [p]);
  if (r instanceof Error) throw failure(r);
  return r!;
}
