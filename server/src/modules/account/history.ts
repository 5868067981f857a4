import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { arrayParam, insertUnnest, reserveIds, rows } from '../../core/db.ts';
import { forbidden } from '../../core/errors.ts';
import type { EntryInput, Leg } from './ledger.ts';
import { P } from './permissions.ts';

/** A ledger entry of the past: the same fields as a live one, with its time and legs. */
export type HistoryEntry = Pick<EntryInput, 'orgId' | 'accountId' | 'kind' | 'method' | 'amountFen' | 'requestKey' | 'memo'> & { at: Date; legs: Leg[] };

/**
 * Loads past ledger entries in bulk (the demo's year, a move from another one-card system): the
 * same rows the services write, in a few statements. Every entry must balance; the wallets move
 * by the sum of their legs at the end, and the account CHECK still refuses a final balance below
 * the floor. Returns the entry ids in the order given, for the records that refer to them.
 */
export async function loadLedgerHistory(ctx: Ctx, issuerId: number, entries: HistoryEntry[]): Promise<number[]> {
  if (!ctx.access.can(P['account.rules.write'], issuerId)) throw forbidden();
  if (!entries.length) return [];
  for (const e of entries) {
    if (e.legs.reduce((s, l) => s + l.amountFen, 0) !== 0) throw new Error(`history entry ${e.requestKey}: legs do not balance`);
  }
  const first = await reserveIds(ctx.db, 'account_entry', entries.length);
  const ids = entries.map((_, i) => first + i);
  await insertUnnest(ctx.db, 'account_entry', [['id', 'bigint'], ['org_id', 'int'], ['account_id', 'int'], ['kind', 'text'], ['method', 'text'], ['amount_fen', 'bigint'],
    ['request_key', 'text'], ['memo', 'text'], ['business_date', 'date'], ['created_by', 'int'], ['at', 'timestamptz']],
  entries.map((e, i) => [ids[i], e.orgId, e.accountId, e.kind, e.method, e.amountFen, e.requestKey, e.memo ?? '', chinaDate(e.at), ctx.user?.id ?? null, e.at.toISOString()]));
  const postings: unknown[][] = [];
  const wallets = new Map<number, { cash: number; subsidy: number }>();
  entries.forEach((e, i) => {
    for (const l of e.legs) {
      if (l.amountFen === 0) continue;
      postings.push([ids[i], l.book, l.refId, l.amountFen]);
      if (l.book === 'diner_cash' || l.book === 'diner_subsidy') {
        const w = wallets.get(l.refId) ?? { cash: 0, subsidy: 0 };
        if (l.book === 'diner_cash') w.cash += l.amountFen;
        else w.subsidy += l.amountFen;
        wallets.set(l.refId, w);
      }
    }
  });
  await insertUnnest(ctx.db, 'account_posting', [['entry_id', 'bigint'], ['book', 'text'], ['ref_id', 'int'], ['amount_fen', 'bigint']], postings);
  const list = [...wallets.entries()].sort((a, b) => a[0] - b[0]);
  const [{ n }] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from account_account where id = any(${arrayParam(list.map(([id]) => id))}::int[]) and org_id = ${issuerId}`) as [{ n: number }];
  if (n !== list.length) throw new Error('history entries name accounts of another issuer');
  for (let i = 0; i < list.length; i += 5000) {
    const part = list.slice(i, i + 5000);
    await ctx.db.execute(sql`
      update account_account a set cash_fen = a.cash_fen + d.c, subsidy_fen = a.subsidy_fen + d.s
      from unnest(${arrayParam(part.map(([id]) => id))}::int[], ${arrayParam(part.map(([, w]) => w.cash))}::bigint[], ${arrayParam(part.map(([, w]) => w.subsidy))}::bigint[]) as d(id, c, s)
      where a.id = d.id and a.org_id = ${issuerId}`);
  }
  return ids;
}
