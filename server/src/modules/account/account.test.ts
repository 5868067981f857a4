import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../core/context.ts';
import { ctxAs } from '../../core/context-factory.ts';
import { rows } from '../../core/db.ts';
import { accountFixture } from '../../../test/account-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { pay } from './payment.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, cashier: Client, cashier2: Client, head: Client, diner: Client, diner2: Client;
let staff: number;
const acc: Record<string, number> = {};
let key = 0;
const k = (p = 'k') => `${p}-${String(++key).padStart(6, '0')}`;

const balances = async () => Object.fromEntries((await rows<{ id: number; cash_fen: string; subsidy_fen: string }>(t.platform.database.db,
  sql`select id, cash_fen::text, subsidy_fen::text from account_account order by id`)).map((r) => [r.id, { cash: Number(r.cash_fen), subsidy: Number(r.subsidy_fen) }]));
const entryCount = async () => (await rows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from account_entry`))[0]!.n;

beforeAll(async () => {
  t = await testApp();
  [admin, cashier, cashier2, head, diner, diner2] = await Promise.all(['admin', 'cash1', 'cash2', 'head1', 'diner1', 'diner2'].map((u) => t.as(u)));
  const f = await accountFixture(t, { admin, head, cashier });
  staff = f.staff;
  acc.diner1 = f.diner1;
  acc.diner2 = f.diner2;
});
afterAll(() => t?.close());

describe('accounts and counter money', () => {
  it('a cash top-up retried with the same key is credited once', async () => {
    const body = { canteenId: t.fx.orgs.k1, amountFen: 10000, requestKey: k('top') };
    const [a, b] = await Promise.all([cashier.post(`/api/accounts/${acc.diner1}/top-ups`, body), cashier.post(`/api/accounts/${acc.diner1}/top-ups`, body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.entryId).toBe(b.body.entryId);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    expect((await diner.get('/api/accounts/me')).body).toMatchObject({ cashFen: 10000, subsidyFen: 0, cardNo: 'C0001', category: { code: 'staff' } });
    const other = await cashier.post(`/api/accounts/${acc.diner2}/top-ups`, body);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('request_key_reused');
  });

  it('bad input gets a 4xx in the caller’s language and changes nothing', async () => {
    const before = await entryCount();
    const en = new (diner.constructor as typeof Client)(t.app, 'en');
    await en.login('cash1');
    const cases = [
      await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: -5, requestKey: k() }),
      await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 12.5, requestKey: k() }),
      await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 100, requestKey: 'x' }),
      await en.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 100_000_000, requestKey: k() }),
      await cashier.post(`/api/accounts/${acc.diner1}/refunds`, { canteenId: t.fx.orgs.k1, amountFen: 999_999, requestKey: k() }),
      await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k2, amountFen: 100, requestKey: k() }),
      await cashier.post('/api/accounts/99999/top-ups', { canteenId: t.fx.orgs.k1, amountFen: 100, requestKey: k() }),
      await cashier.post(`/api/accounts/${acc.diner1}/cards`, { cardNo: 'C0002' }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 403, 404, 409]);
    expect(cases[0]!.body.message).toMatch(/请求内容有误/);
    expect(cases[3]!.body.message).toMatch(/Invalid request body/);
    expect(await entryCount()).toBe(before);
  });

  it('a refund pays out cash but never subsidy or overdraft', async () => {
    const r = await cashier.post(`/api/accounts/${acc.diner1}/refunds`, { canteenId: t.fx.orgs.k1, amountFen: 2000, requestKey: k('ref') });
    expect(r.status).toBe(201);
    expect(r.body.balances.cashFen).toBe(8000);
    const too = await cashier.post(`/api/accounts/${acc.diner1}/refunds`, { canteenId: t.fx.orgs.k1, amountFen: 8001, requestKey: k('ref') });
    expect(too.status).toBe(409);
    expect(too.body.code).toBe('refund_exceeds_cash');
    const back = await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 2000, requestKey: k('top') });
    expect(back.body.balances.cashFen).toBe(10000);
  });

  it('a diner sees only their own account; counter staff of the issuer’s canteens see all; others see none', async () => {
    expect((await diner.get(`/api/accounts/${acc.diner2}`)).status).toBe(403);
    expect((await diner.get('/api/accounts')).status).toBe(403);
    expect((await diner.get(`/api/accounts/${acc.diner1}/history`)).status).toBe(403);
    const mine = await diner2.get('/api/accounts/me');
    expect(mine.body).toMatchObject({ id: acc.diner2, name: '就餐者二' });
    const list = await cashier2.get('/api/accounts?q=C0001');
    expect(list.body.items.map((a: { id: number }) => a.id)).toEqual([acc.diner1]);
    expect((await t.as('chef1').then((c) => c.get('/api/accounts'))).status).toBe(403);
    const hist = await diner.get('/api/accounts/me/history');
    expect(hist.body.map((h: { kind: string }) => h.kind)).toEqual(['top_up', 'refund', 'top_up']);
  });

  it('a lost card stops working at once; a replacement keeps the balance', async () => {
    expect((await diner.post('/api/accounts/me/lost')).status).toBe(200);
    const ctx = await ctxAs(t.platform, 'cash1');
    const { accountByCard } = await import('./accounts.ts');
    await expect(accountByCard(ctx, 'C0001')).rejects.toMatchObject({ code: 'card_lost' });
    const r = await cashier.post(`/api/accounts/${acc.diner1}/cards`, { cardNo: 'C1001' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ cardNo: 'C1001', cashFen: 10000 });
    expect((await accountByCard(ctx, 'C1001')).id).toBe(acc.diner1);
    await expect(accountByCard(ctx, 'C0001')).rejects.toMatchObject({ code: 'card_lost' });
  });

  it('a frozen account cannot pay but still takes top-ups', async () => {
    expect((await cashier.post(`/api/accounts/${acc.diner2}/freeze`, { reason: '本人申请' })).body.status).toBe('frozen');
    const ctx = await ctxAs(t.platform, 'cash1');
    await expect(inTransaction(ctx, (tx) => pay(tx, { accountId: acc.diner2!, canteenId: t.fx.orgs.k1, meal: 'lunch', menuFen: 100, requestKey: k('pay'), method: 'card' })))
      .rejects.toMatchObject({ code: 'account_frozen' });
    expect((await cashier.post(`/api/accounts/${acc.diner2}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 5000, requestKey: k('top') })).status).toBe(201);
    expect((await cashier.post(`/api/accounts/${acc.diner2}/unfreeze`, { reason: '已核实' })).body.status).toBe('active');
    expect((await diner2.post(`/api/accounts/${acc.diner2}/unfreeze`, { reason: 'me' })).status).toBe(403);
  });
});

describe('paying for meals', () => {
  const payAs = async (accountId: number, p: { meal?: 'breakfast' | 'lunch'; menuFen: number; requestKey?: string; offline?: boolean }) => {
    const ctx = await ctxAs(t.platform, 'cash1');
    return inTransaction(ctx, (tx) => pay(tx, { accountId, canteenId: t.fx.orgs.k1, meal: p.meal ?? 'lunch', menuFen: p.menuFen, requestKey: p.requestKey ?? k('pay'), method: 'card', offline: p.offline }));
  };

  it('applies the category’s rule: per-meal subsidy once a meal, price share, flat fee', async () => {
    const first = await payAs(acc.diner1!, { menuFen: 1800 });
    expect(first).toMatchObject({ dueFen: 1800, mealSubsidyFen: 500, fromCashFen: 1300, balances: { cashFen: 8700 } });
    const second = await payAs(acc.diner1!, { menuFen: 300 });
    expect(second).toMatchObject({ mealSubsidyFen: 0, fromCashFen: 300 });
    expect(await payAs(acc.diner2!, { menuFen: 1000 })).toMatchObject({ dueFen: 1500, fromCashFen: 1500, balances: { cashFen: 3500 } });
    expect(await payAs(acc.diner2!, { meal: 'breakfast', menuFen: 2300 })).toMatchObject({ dueFen: 800 });
  });

  it('stops at the overdraft online; an offline sale is recorded and what the wallet cannot cover is billed to the unit', async () => {
    const before = (await balances())[acc.diner2!]!.cash;
    await expect(payAs(acc.diner2!, { menuFen: before + 1 })).rejects.toMatchObject({ code: 'insufficient_balance' });
    const staffNow = (await balances())[acc.diner1!]!.cash;
    const od = await payAs(acc.diner1!, { menuFen: staffNow + 1000 });
    expect(od.balances.cashFen).toBe(-1000);
    await expect(payAs(acc.diner1!, { menuFen: 1 })).rejects.toMatchObject({ code: 'insufficient_balance' });
    const off = await payAs(acc.diner1!, { menuFen: 3000, offline: true });
    expect(off).toMatchObject({ fromCashFen: 2000, shortfallFen: 1000, balances: { cashFen: -3000 } });
  });

  // PGlite serves one connection, so two transactions never overlap there: this race needs PostgreSQL.
  it.runIf(process.env.TEST_PG_URL)('a payment that raced another of the account for the meal subsidy is refused whole, never subsidised twice', async () => {
    const ctx = await ctxAs(t.platform, 'cash1');
    const at = new Date('2026-12-02T04:00:00Z');
    const p = () => ({ accountId: acc.diner1!, canteenId: t.fx.orgs.k1, meal: 'lunch' as const, menuFen: 1000, requestKey: k('race'), method: 'card' as const, at });
    await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 20000, requestKey: k('top') });
    const cashBefore = (await balances())[acc.diner1!]!.cash;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = inTransaction(ctx, async (tx) => {
      const r = await pay(tx, p());
      await held;
      return r;
    });
    await new Promise((r) => setTimeout(r, 200));
    // Its statement starts now, waits for the first's lock on the account, and then finds the subsidy taken.
    const second = inTransaction(ctx, (tx) => pay(tx, p())).then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    release();
    expect((await first).mealSubsidyFen).toBe(500);
    expect(await second).toMatchObject({ status: 409, code: 'account_busy' });
    expect((await balances())[acc.diner1!]!.cash).toBe(cashBefore - 500);
    const again = await payAs(acc.diner1!, { menuFen: 1000 });
    expect(again.entryId).toBeGreaterThan(0);
  });

  it('a payment retried with the same key charges once', async () => {
    await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 20000, requestKey: k('top') });
    const requestKey = k('pay');
    const cashBefore = (await balances())[acc.diner1!]!.cash;
    const results = await Promise.all([1, 2, 3].map(() => payAs(acc.diner1!, { menuFen: 700, requestKey })));
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await balances())[acc.diner1!]!.cash).toBe(cashBefore - 700);
    expect(results.every((r) => r.fromCashFen === 700)).toBe(true);
  });

  it('1,000 concurrent payments over 50 accounts leave every balance exact and the ledger balanced', async () => {
    const db = t.platform.database.db;
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) {
      const [row] = await rows<{ id: number }>(db, sql`insert into account_account (org_id, unit_id, name, category_id, overdraft_fen, offline_limit_fen)
        values (${t.fx.orgs.centre}, ${t.fx.orgs.u1}, ${`压测${i}`}, ${staff}, 0, 0) returning id`);
      ids.push(row!.id);
      const top = await cashier.post(`/api/accounts/${row!.id}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 20_000, requestKey: k('top') });
      expect(top.status).toBe(201);
    }
    // Each account gets 20 payments of 100–1,900 fen: some accounts run dry, so some must be refused.
    const plan = Array.from({ length: 1000 }, (_, i) => ({ accountId: ids[i % 50]!, menuFen: 100 + ((i * 37) % 19) * 100, requestKey: k('load') }));
    const outcomes = await Promise.allSettled(plan.map((p) => payAs(p.accountId, { meal: 'breakfast', ...p })));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.every((o) => (o as PromiseRejectedResult).reason.code === 'insufficient_balance')).toBe(true);
    const paid = new Map<number, number>();
    outcomes.forEach((o, i) => { if (o.status === 'fulfilled') paid.set(plan[i]!.accountId, (paid.get(plan[i]!.accountId) ?? 0) + o.value.fromCashFen); });
    const now = await balances();
    for (const id of ids) {
      expect(now[id]!.cash).toBe(20_000 - (paid.get(id) ?? 0));
      expect(now[id]!.cash).toBeGreaterThanOrEqual(0);
    }
    expect(refused.length).toBeGreaterThan(0);
    const check = await cashier.get(`/api/accounts/ledger-check?orgId=${t.fx.orgs.centre}`);
    expect(check.body).toMatchObject({ unbalancedEntries: [], accountsOutOfStep: [], postingSumFen: 0 });
    expect(check.body.entries).toBeGreaterThan(1000 - refused.length);
  });
});

describe('subsidies and online top-ups', () => {
  it('the monthly subsidy is credited by unit once, and unspent subsidy can be returned first', async () => {
    const before = await balances();
    const r = await admin.post('/api/accounts/subsidies', { orgId: t.fx.orgs.centre, month: '2026-11' });
    expect(r.status).toBe(200);
    expect(r.body.units).toBeGreaterThanOrEqual(1);
    const again = await admin.post('/api/accounts/subsidies', { orgId: t.fx.orgs.centre, month: '2026-11' });
    expect(again.body).toMatchObject({ units: 0, creditedFen: 0 });
    const after = await balances();
    expect(after[acc.diner1!]!.subsidy).toBe(before[acc.diner1!]!.subsidy + 30000);
    expect(after[acc.diner2!]!.subsidy).toBe(0);
    const next = await admin.post('/api/accounts/subsidies', { orgId: t.fx.orgs.centre, month: '2026-12', expireUnspent: true });
    expect(next.body.expiredFen).toBeGreaterThanOrEqual(30000);
    expect((await balances())[acc.diner1!]!.subsidy).toBe(30000);
    expect((await cashier.post('/api/accounts/subsidies', { orgId: t.fx.orgs.centre, month: '2026-12' })).status).toBe(403);
    expect((await cashier.get(`/api/accounts/ledger-check?orgId=${t.fx.orgs.centre}`)).body).toMatchObject({ unbalancedEntries: [], accountsOutOfStep: [] });
  });

  it('an online top-up is credited once, only on a correctly signed notice of the right amount', async () => {
    const cash = (await diner2.get('/api/accounts/me')).body.cashFen;
    const start = await diner2.post('/api/accounts/me/top-ups', { amountFen: 5000, requestKey: k('op') });
    expect(start.status).toBe(201);
    expect(start.body.payUrl).toBe(`/m/pay/${start.body.paymentId}`);
    const forged = await diner2.post('/api/accounts/online-payments/notify', { paymentId: start.body.paymentId, providerRef: 'X1', amountFen: 5000, signature: 'f'.repeat(64) });
    expect(forged.status).toBe(403);
    expect((await diner.post(`/api/accounts/me/top-ups/${start.body.paymentId}/local-confirm`)).status).toBe(404);
    const [a, b] = await Promise.all([1, 2].map(() => diner2.post(`/api/accounts/me/top-ups/${start.body.paymentId}/local-confirm`)));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    expect((await diner2.get('/api/accounts/me')).body.cashFen).toBe(cash + 5000);
    expect((await diner2.get(`/api/accounts/me/top-ups/${start.body.paymentId}`)).body.status).toBe('paid');
  });

  it('every change is in the audit log', async () => {
    const log = await admin.get('/api/audit?entity=account_entry');
    const actions = new Set((log.body.items ?? log.body).map((e: { action: string }) => e.action));
    expect([...actions]).toEqual(expect.arrayContaining(['account.topped_up', 'account.refunded', 'account.subsidy_credited']));
  });
});
