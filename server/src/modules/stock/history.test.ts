import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../core/context.ts';
import { ctxAs } from '../../core/context-factory.ts';
import { rows } from '../../core/db.ts';
import { planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { loadHistory } from './index.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let head1: Client;
let lib: Awaited<ReturnType<typeof planningLibrary>>;

beforeAll(async () => {
  t = await testApp(() => new Date('2026-11-25T02:00:00Z'));
  head1 = await t.as('head1');
  lib = await planningLibrary(await t.as('admin'));
});
afterAll(() => t.close());

describe('bulk history load', () => {
  it('posts receipts, FEFO issues, expiry write-offs and counts with the same arithmetic as live postings', async () => {
    const store = await ctxAs(t.platform, 'store1');
    const headId = (await ctxAs(t.platform, 'head1')).user!.id;
    const receipt = (ingredientId: number, g: number, bestBefore: string) => ({ ingredientId, deliveredG: g, acceptedG: g, unitPriceFen: 1400, gramsPerUnit: 500, bestBefore });
    const moves = await inTransaction(store, (ctx) => loadHistory(ctx, t.fx.orgs.k1, [
      { date: '2026-11-01', events: [{ kind: 'receipt', time: '06:20', supplierId: lib.supplier, lines: [receipt(lib.pork, 1000, '2026-11-03'), receipt(lib.tomato, 333, '2026-11-08')] }] },
      { date: '2026-11-02', events: [
        { kind: 'receipt', time: '06:20', supplierId: lib.supplier, lines: [receipt(lib.pork, 2000, '2026-11-05')] },
        { kind: 'issue', time: '09:30', meal: 'lunch', lines: [{ ingredientId: lib.pork, qtyG: 1500 }, { ingredientId: lib.tomato, qtyG: 5000 }] },
      ] },
      { date: '2026-11-06', events: [{ kind: 'write_off', time: '17:30', reason: '过期清理', expiredBefore: '2026-11-06' }] },
      { date: '2026-11-30', events: [{ kind: 'count', time: '18:00', store: 'chilled', approvedBy: headId, counted: (b) => b.qtyG - 10 }] },
    ]));
    // pork: 1,000 g (2,800 fen) issued first, then 500 of 2,000 g (1,400 fen); the rest (1,500 g) expired on the 5th
    // tomato: 333 g asked 5,000, issued what was there; chilled count finds nothing left to count
    const got = await rows<{ kind: string; ingredient_id: number; q: string; v: string }>(t.platform.database.db, sql`
      select kind, ingredient_id, sum(qty_g)::bigint as q, sum(value_fen)::bigint as v from stock_move where org_id = ${t.fx.orgs.k1} group by 1, 2 order by 1, 2`);
    const of = (kind: string, id: number) => got.filter((r) => r.kind === kind && r.ingredient_id === id).map((r) => [Number(r.q), Number(r.v)])[0];
    expect(of('issue', lib.pork)).toEqual([-1500, -4200]);
    expect(of('issue', lib.tomato)).toEqual([-333, -932]);
    expect(of('write_off', lib.pork)).toEqual([-1500, -4200]);
    const [count] = await rows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from stock_move where org_id = ${t.fx.orgs.k1}`);
    expect(moves).toBe(count!.n);
    const report = (await head1.get(`/api/reports/stock-balance?canteenId=${t.fx.orgs.k1}&from=2026-11-01&to=2026-11-30`)).body;
    expect(report.totalsRow).toMatchObject({ inG: 3333, inFen: 9332, outG: 3333, outFen: 9332, closingG: 0, closingFen: 0 });
    const docs = (await head1.get(`/api/stock/docs?canteenId=${t.fx.orgs.k1}`)).body.map((d: any) => d.no);
    expect(docs).toContain('YS-K1-20261102-01');
    expect(docs).toContain('BS-K1-20261106-01');
  });
});
