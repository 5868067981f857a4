import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { arrayParam, rows } from '../../core/db.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError, conflict, keyReused } from '../../core/errors.ts';
import { account, entry, posting, type BOOKS, type ENTRY_KINDS, type ENTRY_METHODS, type MEALS } from './schema.ts';

/**
 * The one place money moves. An entry and its legs are written together; the legs sum to zero;
 * a diner's wallet balances on the account row change in the same statement that checks the floor.
 * Nothing here checks permissions: the services and modules calling it do.
 */

export type Book = (typeof BOOKS)[number];
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type EntryMethod = (typeof ENTRY_METHODS)[number];
export type Meal = (typeof MEALS)[number];
export interface Leg { book: Book; refId: number; amountFen: number }

export interface EntryInput {
  orgId: number;
  accountId: number | null;
  kind: EntryKind;
  method: EntryMethod;
  amountFen: number;
  requestKey: string;
  ref?: string | null;
  memo?: string;
  offline?: boolean;
  reversesId?: number | null;
  /** When the money moved, if not now (a sale a station made offline). */
  at?: Date;
}

export interface Balances { cashFen: number; subsidyFen: number }

/**
 * Inserts the entry header. With a request key already used in this organisation the earlier
 * entry comes back as `replayed` (the UNIQUE index decides, so two concurrent retries cannot both
 * pass); a different transaction under the same key is refused.
 */
export async function openEntry(ctx: Ctx, e: EntryInput): Promise<{ id: number; replayed: boolean }> {
  const at = e.at ?? ctx.now();
  const [row] = await ctx.db.insert(entry).values({
    orgId: e.orgId, accountId: e.accountId, kind: e.kind, method: e.method, amountFen: e.amountFen, requestKey: e.requestKey,
    reversesId: e.reversesId ?? null, ref: e.ref ?? null, memo: e.memo ?? '', offline: e.offline ?? false,
    businessDate: chinaDate(at), createdBy: ctx.user?.id ?? null, at,
  }).onConflictDoNothing({ target: [entry.orgId, entry.requestKey] }).returning({ id: entry.id });
  if (row) return { id: row.id, replayed: false };
  const [earlier] = await ctx.db.select().from(entry).where(and(eq(entry.orgId, e.orgId), eq(entry.requestKey, e.requestKey)));
  if (!earlier || earlier.kind !== e.kind || earlier.accountId !== e.accountId) throw keyReused();
  return { id: earlier.id, replayed: true };
}

/** Writes the legs of an entry; refuses legs that do not balance (a programming error, never input). */
export async function insertLegs(ctx: Ctx, entryId: number, legs: Leg[]): Promise<void> {
  const live = legs.filter((l) => l.amountFen !== 0);
  if (live.reduce((s, l) => s + l.amountFen, 0) !== 0) throw new Error(`entry ${entryId}: legs do not balance`);
  if (!live.length) return;
  await ctx.db.execute(sql`
    insert into account_posting (entry_id, book, ref_id, amount_fen)
    select ${entryId}, b, r, a from unnest(${arrayParam(live.map((l) => l.book))}::text[], ${arrayParam(live.map((l) => l.refId))}::int[], ${arrayParam(live.map((l) => l.amountFen))}::bigint[]) as x(b, r, a)`);
}

export const insufficient = (details?: unknown) =>
  conflict('insufficient_balance', '余额不足，未扣款', 'Not enough balance; nothing was charged', details);
/** Another payment of the same account took the meal subsidy at the same moment: nothing was charged. */
export const busy = () => conflict('account_busy', '该账户正在另一处付款，未扣款，请重试', 'This account was paying elsewhere at the same moment; nothing was charged, try again');
export const notUsable = (status: string) => status === 'frozen'
  ? conflict('account_frozen', '账户已冻结，不能消费', 'The account is frozen and cannot pay')
  : conflict('account_closed', '账户已注销', 'The account is closed');

/**
 * Adds to (or takes from) a diner's two wallets. Taking is refused below the floor: the allowed
 * overdraft, or for a sale made offline the overdraft plus the offline limit.
 */
export async function moveWallets(ctx: Ctx, accountId: number, d: Balances, opts: { floor: 'overdraft' | 'offline'; active: boolean }): Promise<Balances> {
  const floor = opts.floor === 'offline' ? sql`${account.overdraftFen} + ${account.offlineLimitFen}` : sql`${account.overdraftFen}`;
  const [row] = await ctx.db.update(account)
    .set({ cashFen: sql`${account.cashFen} + ${d.cashFen}`, subsidyFen: sql`${account.subsidyFen} + ${d.subsidyFen}` })
    .where(and(eq(account.id, accountId),
      sql`(${d.cashFen} >= 0 or ${account.cashFen} + ${d.cashFen} >= -(${floor}))`,
      sql`${account.subsidyFen} + ${d.subsidyFen} >= 0`,
      opts.active ? eq(account.status, 'active') : undefined))
    .returning({ cashFen: account.cashFen, subsidyFen: account.subsidyFen, status: account.status });
  if (row) return { cashFen: row.cashFen, subsidyFen: row.subsidyFen };
  const [now] = await ctx.db.select({ status: account.status, cashFen: account.cashFen, subsidyFen: account.subsidyFen }).from(account).where(eq(account.id, accountId));
  if (!now) throw new AppError(404, 'account_not_found', '账户不存在', 'Account not found');
  if (opts.active && now.status !== 'active') throw notUsable(now.status);
  throw insufficient({ cashFen: now.cashFen, subsidyFen: now.subsidyFen });
}

/** The legs of an earlier entry, and the account's balances now: what a replayed request reports. */
export async function legsOf(ctx: Ctx, entryId: number): Promise<Leg[]> {
  return ctx.db.select({ book: posting.book, refId: posting.refId, amountFen: posting.amountFen }).from(posting).where(eq(posting.entryId, entryId));
}

export async function balancesOf(ctx: Ctx, accountId: number): Promise<Balances> {
  const [row] = await ctx.db.select({ cashFen: account.cashFen, subsidyFen: account.subsidyFen }).from(account).where(eq(account.id, accountId));
  return row ?? { cashFen: 0, subsidyFen: 0 };
}

/** One entry with its legs, applied to the diner's wallets: top-ups, refunds, subsidies, bills. */
export async function postEntry(ctx: Ctx, e: EntryInput, legs: Leg[], opts: { floor?: 'overdraft' | 'offline'; active?: boolean } = {}): Promise<{ entryId: number; replayed: boolean; balances: Balances | null; legs: Leg[] }> {
  const opened = await openEntry(ctx, e);
  if (opened.replayed) {
    const earlier = await legsOf(ctx, opened.id);
    return { entryId: opened.id, replayed: true, balances: e.accountId ? await balancesOf(ctx, e.accountId) : null, legs: earlier };
  }
  let balances: Balances | null = null;
  const perAccount = new Map<number, Balances>();
  for (const l of legs) {
    if (l.book !== 'diner_cash' && l.book !== 'diner_subsidy') continue;
    const b = perAccount.get(l.refId) ?? { cashFen: 0, subsidyFen: 0 };
    if (l.book === 'diner_cash') b.cashFen += l.amountFen;
    else b.subsidyFen += l.amountFen;
    perAccount.set(l.refId, b);
  }
  for (const [accountId, d] of [...perAccount].sort((a, b) => a[0] - b[0])) {
    const after = await moveWallets(ctx, accountId, d, { floor: opts.floor ?? 'overdraft', active: opts.active ?? false });
    if (accountId === e.accountId) balances = after;
  }
  await insertLegs(ctx, opened.id, legs);
  return { entryId: opened.id, replayed: false, balances, legs };
}

/**
 * Undoes an entry with its mirror image. The reversal names what it reverses under a UNIQUE index,
 * so an entry is undone once however often the request comes. A reversal may take a wallet below
 * zero (to the overdraft floor) only when the original put money there.
 */
export async function reverseEntry(ctx: Ctx, entryId: number, e: { orgId: number; requestKey: string; memo: string; method?: EntryMethod }) {
  const [original] = await ctx.db.select().from(entry).where(eq(entry.id, entryId)).for('update');
  if (!original) throw new AppError(404, 'entry_not_found', '交易不存在', 'Transaction not found');
  const [done] = await ctx.db.select({ id: entry.id }).from(entry).where(eq(entry.reversesId, entryId));
  if (done) {
    return { entryId: done.id, replayed: true, balances: original.accountId ? await balancesOf(ctx, original.accountId) : null, legs: await legsOf(ctx, done.id) };
  }
  const legs = (await legsOf(ctx, entryId)).map((l) => ({ ...l, amountFen: -l.amountFen }));
  return postEntry(ctx, {
    orgId: e.orgId, accountId: original.accountId, kind: 'reversal', method: e.method ?? original.method, amountFen: original.amountFen,
    requestKey: e.requestKey, reversesId: entryId, ref: original.ref, memo: e.memo,
  }, legs, { floor: 'offline' });
}

/** Ledger health: entries whose legs do not sum to zero, and accounts whose balance is not the sum of their postings. */
export async function ledgerProblems(ctx: Ctx, issuerId: number) {
  const orgs = ctx.tree.subtree(issuerId);
  const unbalanced = await rows<{ entry_id: number; sum: string }>(ctx.db, sql`
    select p.entry_id, sum(p.amount_fen)::text as sum from account_posting p
    join account_entry e on e.id = p.entry_id
    where e.org_id = any(${arrayParam(orgs)}::int[])
    group by p.entry_id having sum(p.amount_fen) <> 0 limit 100`);
  const drift = await rows<{ id: number; cash_fen: string; subsidy_fen: string; cash_sum: string; subsidy_sum: string }>(ctx.db, sql`
    select a.id, a.cash_fen::text, a.subsidy_fen::text, coalesce(s.cash, 0)::text as cash_sum, coalesce(s.subsidy, 0)::text as subsidy_sum
    from account_account a
    left join (
      select ref_id, sum(amount_fen) filter (where book = 'diner_cash') as cash, sum(amount_fen) filter (where book = 'diner_subsidy') as subsidy
      from account_posting where book in ('diner_cash', 'diner_subsidy') group by ref_id
    ) s on s.ref_id = a.id
    where a.org_id = ${issuerId} and (a.cash_fen <> coalesce(s.cash, 0) or a.subsidy_fen <> coalesce(s.subsidy, 0))
    limit 100`);
  const [totals] = await rows<{ entries: string; postings: string; sum: string }>(ctx.db, sql`
    select count(distinct p.entry_id)::text as entries, count(*)::text as postings, coalesce(sum(p.amount_fen), 0)::text as sum
    from account_posting p join account_entry e on e.id = p.entry_id
    where e.org_id = any(${arrayParam(orgs)}::int[])`);
  return {
    entries: Number(totals!.entries), postings: Number(totals!.postings), postingSumFen: Number(totals!.sum),
    unbalancedEntries: unbalanced.map((u) => ({ entryId: Number(u.entry_id), sumFen: Number(u.sum) })),
    accountsOutOfStep: drift.map((d) => ({ accountId: d.id, cashFen: Number(d.cash_fen), postedCashFen: Number(d.cash_sum), subsidyFen: Number(d.subsidy_fen), postedSubsidyFen: Number(d.subsidy_sum) })),
  };
}

/** Money moved at an organisation over days, by kind and method (daily settlement). */
export async function entrySums(ctx: Ctx, orgId: number, from: string, to: string) {
  const list = await rows<{ kind: EntryKind; method: EntryMethod; n: number; fen: string }>(ctx.db, sql`
    select kind, method, count(*)::int as n, sum(amount_fen)::text as fen from account_entry
    where org_id = ${orgId} and business_date between ${from}::date and ${to}::date group by kind, method order by kind, method`);
  return list.map((r) => ({ kind: r.kind, method: r.method, count: r.n, amountFen: Number(r.fen) }));
}
