import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayParam, rows } from '../../core/db.ts';
import { accountFixture } from '../../../test/account-fixture.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { TrayCamera } from '../../devices/simulators/tray-camera.ts';
import { RunAlone } from '../../core/batcher.ts';
import { ctxAs } from '../../core/context-factory.ts';
import { recordSale, recordSales } from './sale.ts';
import { closeYesterday } from './settlement.ts';

// 12:00 in China on 25 November: lunch.
let now = new Date('2026-11-25T04:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, cashier: Client, cashier2: Client, head: Client, diner: Client, diner2: Client;
let acc: Awaited<ReturnType<typeof accountFixture>>;
let braised: number, tomatoEgg: number, rice: number;
let key = 0;
const k = () => `sale-${String(++key).padStart(6, '0')}`;
const K1 = () => t.fx.orgs.k1;
const count = async (table: string) => (await rows<{ n: number }>(t.platform.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

beforeAll(async () => {
  t = await testApp(() => now);
  [admin, cashier, cashier2, head, diner, diner2] = await Promise.all(['admin', 'cash1', 'cash2', 'head1', 'diner1', 'diner2'].map((u) => t.as(u)));
  const chef = await t.as('chef1');
  const lib = await planningLibrary(admin);
  braised = (await dish(chef, { code: 'hsr', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150, recipe: [{ ingredientId: lib.pork, netG: 120, yieldPct: 90 }] })).id;
  tomatoEgg = (await dish(chef, { code: 'fqcd', name: '番茄炒蛋', kind: 'mixed', priceFen: 600, portionG: 200, recipe: [{ ingredientId: lib.tomato, netG: 150, yieldPct: 85 }, { ingredientId: lib.egg, netG: 60, yieldPct: 88 }] })).id;
  rice = (await dish(chef, { code: 'rice', name: '米饭', kind: 'staple', priceFen: 100, portionG: 200, recipe: [{ ingredientId: lib.egg, netG: 1, yieldPct: 100 }] })).id;
  for (const meal of ['lunch', 'breakfast'] as const) {
    const plan = await chef.put('/api/menu-plans', { canteenId: K1(), date: '2026-11-25', meal, items: [{ dishId: braised, portions: 300 }, { dishId: tomatoEgg, portions: 300 }, { dishId: rice, portions: 600 }] });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect((await chef.post(`/api/menu-plans/${plan.body.id}/publish`)).status).toBe(200);
  }
  acc = await accountFixture(t, { admin, head, cashier });
  for (const id of [acc.diner1, acc.diner2]) {
    expect((await cashier.post(`/api/accounts/${id}/top-ups`, { canteenId: K1(), amountFen: 10_000, requestKey: `top-${id}-0001` })).status).toBe(201);
  }
});
afterAll(() => t?.close());

describe('selling at the station', () => {
  it('shows the current meal’s dishes with menu prices', async () => {
    const board = await cashier.get(`/api/checkout/board?canteenId=${K1()}`);
    expect(board.body).toMatchObject({ date: '2026-11-25', meal: 'lunch' });
    expect(board.body.dishes.map((d: { name: string; priceFen: number }) => [d.name, d.priceFen])).toEqual([['红烧肉', 1200], ['番茄炒蛋', 600], ['米饭', 100]]);
    expect((await cashier2.get(`/api/checkout/board?canteenId=${K1()}`)).status).toBe(403);
    // Withdrawing and publishing the plan reach the station at once, not when the board's cache runs out.
    const chef = await t.as('chef1');
    const [plan] = (await chef.get(`/api/menu-plans?canteenId=${K1()}&from=2026-11-25&to=2026-11-25`)).body.filter((p: { meal: string }) => p.meal === 'lunch');
    expect((await chef.post(`/api/menu-plans/${plan.id}/withdraw`)).status).toBe(200);
    expect((await cashier.get(`/api/checkout/board?canteenId=${K1()}`)).body.dishes).toEqual([]);
    expect((await chef.post(`/api/menu-plans/${plan.id}/publish`)).status).toBe(200);
    expect((await cashier.get(`/api/checkout/board?canteenId=${K1()}`)).body.dishes).toHaveLength(3);
  });

  it('charges by tapped portions and by weight, with the lunch subsidy, and shows the balance after', async () => {
    const r = await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [
      { dishId: braised, portions: 1 }, { dishId: rice, portions: 2 }, { dishId: tomatoEgg, how: 'weigh', weightG: 300 },
    ] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // 1200 + 2 × 100 + 300 g of a 200 g / ¥6 portion = 900.
    expect(r.body).toMatchObject({ menuFen: 2300, dueFen: 2300, mealSubsidyFen: 500, fromCashFen: 1800, balances: { cashFen: 8200 }, meal: 'lunch', method: 'card', diner: { id: acc.diner1 } });
    expect(r.body.lines.map((l: { amountFen: number }) => l.amountFen)).toEqual([1200, 200, 900]);
    expect(new Date(r.body.undoUntil).getTime() - now.getTime()).toBe(120_000);
  });

  it('identifies by the pay code on the phone, which expires after a minute', async () => {
    const code = (await diner2.post('/api/accounts/me/pay-code')).body.code as string;
    const who = await cashier.post('/api/checkout/identify', { canteenId: K1(), identify: { qr: code } });
    expect(who.body).toMatchObject({ id: acc.diner2, category: { code: 'visitor' }, cashFen: 10_000 });
    const q = await cashier.post('/api/checkout/quote', { canteenId: K1(), identify: { qr: code }, lines: [{ dishId: braised }] });
    expect(q.body.payment).toMatchObject({ dueFen: 1800, fromCashFen: 1800, balancesAfter: { cashFen: 8200 }, enough: true });
    const sold = await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { qr: code }, lines: [{ dishId: braised }] });
    expect(sold.body).toMatchObject({ method: 'qr', dueFen: 1800, balances: { cashFen: 8200 } });
    const forged = code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA');
    expect((await cashier.post('/api/checkout/identify', { canteenId: K1(), identify: { qr: forged } })).body.code).toBe('pay_code_invalid');
    now = new Date(now.getTime() + 61_000);
    expect((await cashier.post('/api/checkout/identify', { canteenId: K1(), identify: { qr: code } })).body.code).toBe('pay_code_expired');
  });

  it('refuses bad input with a 4xx and records nothing', async () => {
    const [sales, entries] = [await count('checkout_sale'), await count('account_entry')];
    const bad = [
      await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [] }),
      await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [{ dishId: braised, how: 'weigh' }] }),
      await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'NOPE1' }, lines: [{ dishId: braised }] }),
      await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [{ dishId: 99999 }] }),
      await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0002' }, lines: [{ dishId: braised, portions: 20 }] }),
      await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), stationId: 4242, identify: { card: 'C0001' }, lines: [{ dishId: rice }] }),
      await cashier2.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [{ dishId: rice }] }),
      await diner.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [{ dishId: rice }] }),
    ];
    expect(bad.map((b) => b.status)).toEqual([400, 400, 404, 422, 409, 404, 403, 403]);
    expect(bad[4]!.body.code).toBe('insufficient_balance');
    expect([await count('checkout_sale'), await count('account_entry')]).toEqual([sales, entries]);
  });

  it('a sale retried with the same key is charged once', async () => {
    const body = { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [{ dishId: rice }] };
    const before = (await diner.get('/api/accounts/me')).body.cashFen;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => cashier.post('/api/checkout/sales', body)));
    expect([a!.status, b!.status, c!.status]).toEqual([201, 201, 201]);
    expect(new Set([a!.body.id, b!.body.id, c!.body.id]).size).toBe(1);
    expect((await diner.get('/api/accounts/me')).body.cashFen).toBe(before - 100);
  });

  it('undo gives the money and the meal subsidy back; only within the window for a cashier', async () => {
    const r = await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0002' }, lines: [{ dishId: tomatoEgg }] });
    const before = r.body.balances.cashFen;
    const undone = await cashier.post(`/api/checkout/sales/${r.body.id}/undo`, { reason: '点错菜' });
    expect(undone.body).toMatchObject({ status: 'voided', voidReason: '点错菜', balances: { cashFen: before + 900 } });
    expect((await cashier.post(`/api/checkout/sales/${r.body.id}/undo`, { reason: '再点一次' })).body.status).toBe('voided');
    expect((await diner2.get('/api/accounts/me')).body.cashFen).toBe(before + 900);
    const late = await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0002' }, lines: [{ dishId: rice }] });
    now = new Date(now.getTime() + 121_000);
    const refused = await cashier.post(`/api/checkout/sales/${late.body.id}/undo`, { reason: '晚了' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('undo_window_passed');
    expect((await cashier2.post(`/api/checkout/sales/${late.body.id}/undo`, { reason: '别的食堂' })).status).toBe(404);
    expect((await head.post(`/api/checkout/sales/${late.body.id}/undo`, { reason: '经理作废' })).body.status).toBe('voided');
  });
});

describe('recognising the tray', () => {
  it('learns the canteen’s dishes from photos and recognises a tray among this meal’s menu, logging corrections', async () => {
    const camera = new TrayCamera({ seed: 11 });
    const upload = async (who: Client, dishId: number) => {
      const form = new FormData();
      form.set('canteenId', String(K1()));
      form.set('dishId', String(dishId));
      form.set('file', new Blob([Buffer.from(camera.dish(dishId))], { type: 'image/jpeg' }), 'dish.jpg');
      return who.req('POST', '/api/checkout/recognition/samples', form);
    };
    const photo = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    expect((await cashier.post('/api/checkout/recognize', { canteenId: K1(), image: photo(camera.tray([braised, rice, null, tomatoEgg])) })).body.code).toBe('recognition_not_trained');
    expect((await upload(cashier, braised)).status).toBe(403);
    for (const d of [braised, tomatoEgg, rice]) for (let i = 0; i < 4; i++) expect((await upload(head, d)).status).toBe(201);
    const r = await cashier.post('/api/checkout/recognize', { canteenId: K1(), image: photo(camera.tray([braised, rice, null, tomatoEgg])) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.regions.map((g: { empty: boolean; candidates: { dishId: number }[] }) => (g.empty ? null : g.candidates[0]!.dishId))).toEqual([braised, rice, null, tomatoEgg]);
    expect(r.body.regions.flatMap((g: { candidates: { dishId: number }[] }) => g.candidates.map((x) => x.dishId)).every((id: number) => [braised, tomatoEgg, rice].includes(id))).toBe(true);
    const bad = await cashier.post('/api/checkout/recognize', { canteenId: K1(), image: Buffer.from('not an image at all, just some text here').toString('base64') });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('image_unreadable');
    const sold = await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: k(), identify: { card: 'C0001' }, lines: [
      { dishId: braised, how: 'recognize' }, { dishId: rice, how: 'recognize', suggestedDishId: tomatoEgg, score: 0.61 },
    ] });
    expect(sold.status).toBe(201);
    const stats = await head.get(`/api/checkout/recognition/stats?canteenId=${K1()}&from=2026-11-25&to=2026-11-25`);
    expect(stats.body).toEqual({ lines: 2, corrected: 1, keptShare: 0.5 });
  });
});

describe('selling offline', () => {
  it('a station downloads the menu and roster, sells offline and syncs without duplicates or losses', async () => {
    const pack = await cashier.get(`/api/checkout/offline-pack?canteenId=${K1()}`);
    expect(pack.body.boards.find((b: { meal: string }) => b.meal === 'lunch').dishes).toHaveLength(3);
    const me = pack.body.roster.find((r: { cardNo: string }) => r.cardNo === 'C0001');
    expect(me).toMatchObject({ accountId: acc.diner1, offlineLimitFen: 2000 });
    const soldAt = new Date(now.getTime() - 30 * 60_000).toISOString();
    const sales = Array.from({ length: 6 }, (_, i) => ({
      requestKey: `off-${i}-${k()}`, accountId: i % 2 ? acc.diner2 : acc.diner1, method: 'card', soldAt,
      lines: [{ dishId: rice, portions: 1, amountFen: 100 }, { dishId: braised, portions: 1, amountFen: 1200 }],
    }));
    const before = { sales: await count('checkout_sale'), d1: (await diner.get('/api/accounts/me')).body.cashFen, d2: (await diner2.get('/api/accounts/me')).body.cashFen };
    // The connection drops after the first half; the station sends everything again, twice at once.
    const first = await cashier.post('/api/checkout/sync', { canteenId: K1(), sales: sales.slice(0, 3) });
    expect(first.body).toMatchObject({ recorded: 3, duplicates: 0, rejected: 0 });
    const [again, twice] = await Promise.all([1, 2].map(() => cashier.post('/api/checkout/sync', { canteenId: K1(), sales })));
    expect(again!.body.recorded + twice!.body.recorded).toBe(3);
    expect(again!.body.rejected + twice!.body.rejected).toBe(0);
    expect(await count('checkout_sale')).toBe(before.sales + 6);
    // diner2 is a visitor: 150 % of ¥13 each time.
    expect((await diner.get('/api/accounts/me')).body.cashFen).toBe(before.d1 - 3 * 1300);
    expect((await diner2.get('/api/accounts/me')).body.cashFen).toBe(before.d2 - 3 * 1950);
    const offline = await rows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from checkout_sale where offline and sold_at = ${soldAt}`);
    expect(offline[0]!.n).toBe(6);
    const bad = await cashier.post('/api/checkout/sync', { canteenId: K1(), sales: [{ ...sales[0], requestKey: k(), soldAt: new Date(now.getTime() + 3_600_000).toISOString() }] });
    expect(bad.body).toMatchObject({ recorded: 0, rejected: 1, results: [{ code: 'sold_in_future' }] });
  });
});

describe('settlement', () => {
  it('settles the day by payment method and feeds costing with the real revenue per dish', async () => {
    const s = await head.get(`/api/checkout/settlement?canteenId=${K1()}&date=2026-11-25`);
    expect(s.status).toBe(200);
    const all = await rows<{ due: string; n: number }>(t.platform.database.db, sql`select sum(due_fen)::text as due, count(*)::int as n from checkout_sale where status = 'paid' and org_id = ${K1()}`);
    expect(s.body.totals).toMatchObject({ dueFen: Number(all[0]!.due), count: all[0]!.n });
    expect(s.body.methods.map((m: { method: string }) => m.method).sort()).toEqual(['card', 'qr']);
    expect(s.body.voided.count).toBe(2);
    expect(s.body.orders).toEqual({ takeoutFen: 0, unitMealsFen: 0 });
    expect(s.body.counter).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'top_up', method: 'cash', amountFen: 20_000 })]));
    const costing = async () => (await rows<{ r: string; src: string }>(t.platform.database.db, sql`select sum(revenue_fen)::text as r, min(source) as src from costing_sale where org_id = ${K1()} and date = '2026-11-25'`))[0];
    // The night after, the day closes by itself; closing it again by hand changes nothing.
    const was = now;
    now = new Date('2026-11-25T17:30:00Z');
    expect(await closeYesterday(t.platform)).toBe(1);
    now = was;
    expect(await costing()).toEqual({ r: all[0]!.due, src: 'checkout' });
    const closed = await head.post('/api/checkout/settlement/close', { canteenId: K1(), date: '2026-11-25' });
    expect(closed.status).toBe(200);
    expect(await costing()).toEqual({ r: all[0]!.due, src: 'checkout' });
    expect((await cashier2.post('/api/checkout/settlement/close', { canteenId: K1(), date: '2026-11-25' })).status).toBe(403);
    expect((await cashier2.get(`/api/checkout/settlement?canteenId=${K1()}&date=2026-11-25`)).status).toBe(403);
    const check = await cashier.get(`/api/accounts/ledger-check?orgId=${t.fx.orgs.centre}`);
    expect(check.body).toMatchObject({ unbalancedEntries: [], accountsOutOfStep: [], postingSumFen: 0 });
  });
});

describe('many stations at once', () => {
  it('sales sent together are charged in shared transactions, each exactly; refused ones hold back none', async () => {
    const me = async (c: Client) => (await c.get('/api/accounts/me')).body as { cashFen: number; subsidyFen: number };
    for (const id of [acc.diner1, acc.diner2]) expect((await cashier.post(`/api/accounts/${id}/top-ups`, { canteenId: K1(), amountFen: 5000, requestKey: k() })).status).toBe(201);
    const [one, two] = [await me(diner), await me(diner2)];
    const sale = (card: string, lines: unknown[]) => ({ canteenId: K1(), requestKey: k(), identify: { card }, lines });
    const bodies = [
      ...Array.from({ length: 6 }, () => sale('C0001', [{ dishId: rice }])),
      ...Array.from({ length: 4 }, () => sale('C0002', [{ dishId: rice }, { dishId: tomatoEgg }])),
      sale('NOPE1', [{ dishId: rice }]),
      sale('C0002', [{ dishId: braised, portions: 20 }]),
    ];
    const res = await Promise.all(bodies.map((b) => cashier.post('/api/checkout/sales', b)));
    expect(res.map((r) => r.status), JSON.stringify(res.map((r) => r.body.code))).toEqual([...Array(10).fill(201), 404, 409]);
    const spent = (from: typeof res) => ({ cash: from.reduce((s, r) => s + r.body.fromCashFen, 0), subsidy: from.reduce((s, r) => s + r.body.fromSubsidyFen, 0) });
    const [a, b] = [spent(res.slice(0, 6)), spent(res.slice(6, 10))];
    expect(a.cash + a.subsidy).toBeGreaterThan(0);
    expect(await me(diner)).toMatchObject({ cashFen: one.cashFen - a.cash, subsidyFen: one.subsidyFen - a.subsidy });
    expect(await me(diner2)).toMatchObject({ cashFen: two.cashFen - b.cash, subsidyFen: two.subsidyFen - b.subsidy });
    // Each of one diner's sales saw the balance the one before it left.
    expect(new Set(res.slice(0, 6).map((r) => r.body.balances.cashFen)).size).toBe(6);
    const keys = bodies.map((x) => x.requestKey);
    const [stored] = await rows<{ sales: number; lines: number; transactions: number }>(t.platform.database.db, sql`
      select count(*)::int as sales, (select count(*)::int from checkout_sale_line l join checkout_sale s on s.id = l.sale_id where s.request_key = any(${arrayParam(keys)})) as lines,
        count(distinct xmin::text)::int as transactions
      from checkout_sale where request_key = any(${arrayParam(keys)})`);
    expect(stored).toMatchObject({ sales: 10, lines: 6 + 8 });
    expect(stored!.transactions).toBeLessThan(10);
    const [ledger] = await rows<{ sum: string }>(t.platform.database.db, sql`select coalesce(sum(amount_fen), 0)::text as sum from account_posting`);
    expect(ledger!.sum).toBe('0');
  });

  it('when a later round of a batch fails, the sales already made keep their answers and the rest are left to be made alone', async () => {
    const ctx = await ctxAs(t.platform, 'cash1');
    const sale = (requestKey: string, weightG: number) => ({
      canteenId: K1(), requestKey, payer: { cardNo: 'C0001' }, method: 'card' as const, date: '2026-11-25', meal: 'lunch' as const, soldAt: now, offline: false,
      lines: [{ dishId: rice, how: 'weigh' as const, portions: 1, weightG, priceFen: 100, amountFen: 100, name: '米饭' }],
    });
    // The same card twice: the second sale goes in a second round, which the database refuses (a weight out of range).
    const [made, left] = [sale(k(), 200), sale(k(), 3_000_000_000)];
    const before = await count('checkout_sale');
    const out = await recordSales(ctx, [made, left]);
    expect(out[0]).toMatchObject({ replayed: false, view: { status: 'paid', dueFen: 100 } });
    expect(out[1]).toBeInstanceOf(RunAlone);
    expect(await count('checkout_sale')).toBe(before + 1);
    const [ledger] = await rows<{ sum: string }>(t.platform.database.db, sql`select coalesce(sum(amount_fen), 0)::text as sum from account_posting`);
    expect(ledger!.sum).toBe('0');
  });

  it('when reading what a retried sale made fails, the sales the batch made keep their answers and the retry is answered again alone', async () => {
    const ctx = await ctxAs(t.platform, 'cash1');
    const sale = (requestKey: string, cardNo: string) => ({
      canteenId: K1(), requestKey, payer: { cardNo }, method: 'card' as const, date: '2026-11-25', meal: 'lunch' as const, soldAt: now, offline: false,
      lines: [{ dishId: rice, how: 'tap' as const, portions: 1, weightG: null, priceFen: 100, amountFen: 100, name: '米饭' }],
    });
    const earlier = sale(k(), 'C0001');
    const first = await recordSale(ctx, earlier);
    // The database answers the batch's statement, then refuses the next read (the retry's earlier payment).
    let refuse = true;
    const db = new Proxy(ctx.db, {
      get(target, p, receiver) {
        if (p === 'select' && refuse) {
          refuse = false;
          throw new Error('connection lost');
        }
        return Reflect.get(target, p, receiver);
      },
    });
    const flaky = { ...ctx, db };
    const before = await count('checkout_sale');
    const out = await recordSales(flaky, [sale(k(), 'C0002'), earlier]);
    expect(out[0]).toMatchObject({ replayed: false, view: { status: 'paid', menuFen: 100 } });
    expect(out[1]).toBeInstanceOf(RunAlone);
    expect(await count('checkout_sale')).toBe(before + 1);
    expect(await recordSale(ctx, earlier)).toMatchObject({ replayed: true, view: { id: first.view.id } });
    // Alone, the caller gets the failure itself.
    refuse = true;
    await expect(recordSale(flaky, earlier)).rejects.toThrow('connection lost');
  });
});
