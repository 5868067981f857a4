import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../core/db.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { accountFixture } from '../../../test/account-fixture.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { sweepNoShows } from './lockers.ts';
import { orderSalesByDish } from './revenue.ts';

// 08:30 in China on 25 November: lunch takeout is open until 10:00.
let now = new Date('2026-11-25T00:30:00Z');
/** Moves the clock (China time) and signs everyone in again: sessions lapse over the hours skipped. */
async function at(china: string) {
  now = new Date(`${china}+08:00`);
  await Promise.all([...users].map(([c, u]) => c.login(u)));
}
const users = new Map<Client, string>();
let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, chef: Client, chef2: Client, head: Client, head2: Client, cashier: Client, diner: Client, diner2: Client, clerk2: Client;
let acc: Awaited<ReturnType<typeof accountFixture>>;
let braised: number, tomatoEgg: number, rice: number;
let lockerA: { id: number; token: string }, lockerB: { id: number; token: string };
let key = 0;
const k = () => `order-key-${String(++key).padStart(6, '0')}`;
const K1 = () => t.fx.orgs.k1;
const count = async (table: string) => (await rows<{ n: number }>(t.platform.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
const balance = async (c: Client) => (await c.get('/api/accounts/me')).body as { cashFen: number; subsidyFen: number };
const pickup = (locker: { token: string }, code: string, deviceCode: string) => t.app.request('/api/orders/locker-pickups', {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-device-code': deviceCode, 'x-device-token': locker.token }, body: JSON.stringify({ code }),
});
const takeout = (c: Client, body: Record<string, unknown>) => c.post('/api/orders', { canteenId: K1(), date: '2026-11-25', meal: 'lunch', requestKey: k(), ...body });

beforeAll(async () => {
  t = await testApp(() => now);
  [admin, chef, chef2, head, head2, cashier, diner, diner2] = await Promise.all(['admin', 'chef1', 'chef2', 'head1', 'head2', 'cash1', 'diner1', 'diner2'].map((u) => t.as(u)));
  const lib = await planningLibrary(admin);
  braised = (await dish(chef, { code: 'hsr', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150, recipe: [{ ingredientId: lib.pork, netG: 120, yieldPct: 90 }] })).id;
  tomatoEgg = (await dish(chef, { code: 'fqcd', name: '番茄炒蛋', kind: 'mixed', priceFen: 600, portionG: 200, recipe: [{ ingredientId: lib.tomato, netG: 150, yieldPct: 85 }] })).id;
  rice = (await dish(chef, { code: 'rice', name: '米饭', kind: 'staple', priceFen: 100, portionG: 200, recipe: [{ ingredientId: lib.egg, netG: 1, yieldPct: 100 }] })).id;
  for (const date of ['2026-11-25', '2026-11-26', '2026-11-27']) {
    const plan = await chef.put('/api/menu-plans', { canteenId: K1(), date, meal: 'lunch', items: [{ dishId: braised, portions: 300 }, { dishId: tomatoEgg, portions: 300 }, { dishId: rice, portions: 600 }] });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect((await chef.post(`/api/menu-plans/${plan.body.id}/publish`)).status).toBe(200);
  }
  acc = await accountFixture(t, { admin, head, cashier });
  for (const id of [acc.diner1, acc.diner2]) {
    expect((await cashier.post(`/api/accounts/${id}/top-ups`, { canteenId: K1(), amountFen: 10_000, requestKey: `top-${id}-0001` })).status).toBe(201);
  }
  for (const date of ['2026-11-25', '2026-11-26', '2026-11-27']) {
    const r = await chef.put('/api/orders/offers', { canteenId: K1(), date, meal: 'lunch', dishes: [{ dishId: braised, limit: 5 }, { dishId: rice, limit: 20 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  // Two lockers at K1: codes open only cells of their own locker.
  for (const [code, set] of [['LOCKER-K1-A', (v: typeof lockerA) => (lockerA = v)], ['LOCKER-K1-B', (v: typeof lockerA) => (lockerB = v)]] as const) {
    const r = await head.post('/api/devices', { canteenId: K1(), kind: 'locker', code, name: code });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    set({ id: r.body.device.id, token: r.body.token });
  }
  expect((await head.put(`/api/orders/lockers/${lockerA.id}`, { cells: 2 })).status).toBe(200);
  // A second person at U2 and diner2 as U2's unit approver.
  const people = await admin.get('/api/people?limit=100');
  const d2 = (people.body.items ?? people.body).find((p: { username: string }) => p.username === 'diner2');
  expect((await admin.put(`/api/people/${d2.id}/roles`, { roles: [{ orgId: t.fx.orgs.u2, roleKey: 'diner' }, { orgId: t.fx.orgs.u2, roleKey: 'unit_approver' }] })).status).toBe(200);
  const made = await admin.post('/api/people', { username: 'clerk2', name: '办事员二', orgId: t.fx.orgs.u2, password: 'test-pass-1', roles: [{ orgId: t.fx.orgs.u2, roleKey: 'diner' }] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  t.platform.invalidateCaches();
  [diner2, clerk2] = await Promise.all([t.as('diner2'), t.as('clerk2')]);
  for (const [c, u] of [[admin, 'admin'], [chef, 'chef1'], [chef2, 'chef2'], [head, 'head1'], [head2, 'head2'], [cashier, 'cash1'], [diner, 'diner1'], [diner2, 'diner2'], [clerk2, 'clerk2']] as const) users.set(c, u);
});
afterAll(() => t?.close());

describe('takeout', () => {
  it('shows diners the offered dishes with menu prices and what is left; staff cannot offer a dish not on the menu', async () => {
    const r = await diner.get(`/api/orders/offers?canteenId=${K1()}&date=2026-11-25&meal=lunch`);
    expect(r.body).toMatchObject({ open: true, published: true });
    expect(r.body.dishes.map((d: { name: string; priceFen: number; left: number }) => [d.name, d.priceFen, d.left])).toEqual([['红烧肉', 1200, 5], ['米饭', 100, 20]]);
    const staff = await chef.get(`/api/orders/offers?canteenId=${K1()}&date=2026-11-25&meal=lunch`);
    expect(staff.body.dishes).toHaveLength(3);
    expect((await chef.put('/api/orders/offers', { canteenId: K1(), date: '2026-11-25', meal: 'dinner', dishes: [{ dishId: braised, limit: 3 }] })).body.code).toBe('dish_not_on_menu');
    expect((await chef2.put('/api/orders/offers', { canteenId: K1(), date: '2026-11-25', meal: 'lunch', dishes: [] })).status).toBe(403);
  });

  it('charges the account at once with the lunch subsidy; a retry is one order; cancelling before the cut-off refunds exactly', async () => {
    const before = await balance(diner);
    const requestKey = k();
    const body = { canteenId: K1(), date: '2026-11-25', meal: 'lunch', pickupTime: '11:45', requestKey, lines: [{ dishId: braised, portions: 1 }, { dishId: rice, portions: 2 }] };
    const r = await diner.post('/api/orders', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ kind: 'takeout', status: 'paid', menuFen: 1400, dueFen: 1400, replayed: false, payment: { mealSubsidyFen: 500, fromCashFen: 900 } });
    expect(r.body.no).toMatch(/^WM-K1-20261125-\d{2}$/);
    expect(await balance(diner)).toEqual(expect.objectContaining({ cashFen: before.cashFen - 900 }));
    const again = await diner.post('/api/orders', body);
    expect(again.body).toMatchObject({ id: r.body.id, replayed: true });
    expect(await balance(diner)).toEqual(expect.objectContaining({ cashFen: before.cashFen - 900 }));
    expect((await diner.get(`/api/orders/offers?canteenId=${K1()}&date=2026-11-25&meal=lunch`)).body.dishes[0].left).toBe(4);

    const cancelled = await diner.post(`/api/orders/${r.body.id}/cancel`, { reason: '临时出差' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refunded: true });
    expect(await balance(diner)).toEqual(expect.objectContaining({ cashFen: before.cashFen, subsidyFen: before.subsidyFen }));
    expect((await diner.post(`/api/orders/${r.body.id}/cancel`, {})).body.status).toBe('cancelled');
    expect(await balance(diner)).toEqual(expect.objectContaining({ cashFen: before.cashFen }));
    expect((await diner.get(`/api/orders/offers?canteenId=${K1()}&date=2026-11-25&meal=lunch`)).body.dishes[0].left).toBe(5);
    // The meal subsidy is free again for the next order of the day.
    const next = await takeout(diner, { lines: [{ dishId: rice, portions: 1 }] });
    expect(next.body).toMatchObject({ dueFen: 100, payment: { mealSubsidyFen: 100, fromCashFen: 0 } });
    expect((await diner.post(`/api/orders/${next.body.id}/cancel`, {})).status).toBe(200);
  });

  it('refuses more portions than the limit, naming what is left', async () => {
    const r = await takeout(diner2, { lines: [{ dishId: braised, portions: 6 }] });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'sold_out' });
    expect(r.body.message).toContain('红烧肉 仅剩 5 份');
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const [orders, entries, cash] = [await count('order_order'), await count('account_entry'), (await balance(diner)).cashFen];
    const bad = [
      await takeout(diner, { lines: [] }),
      await takeout(diner, { lines: [{ dishId: braised, portions: 0 }] }),
      await takeout(diner, { lines: [{ dishId: tomatoEgg, portions: 1 }] }),
      await takeout(diner, { lines: [{ dishId: 99999, portions: 1 }] }),
      await takeout(diner, { date: '2026-13-01', lines: [{ dishId: rice, portions: 1 }] }),
      await takeout(diner, { date: '2026-12-31', lines: [{ dishId: rice, portions: 1 }] }),
      await takeout(diner, { canteenId: 424242, lines: [{ dishId: rice, portions: 1 }] }),
      await takeout(diner, { pickupTime: '25:00', lines: [{ dishId: rice, portions: 1 }] }),
      await takeout(diner, { requestKey: 'short', lines: [{ dishId: rice, portions: 1 }] }),
      await diner.req('POST', '/api/orders', '{not json'),
      await chef.post('/api/orders', { canteenId: K1(), date: '2026-11-25', meal: 'lunch', requestKey: k(), lines: [{ dishId: rice, portions: 1 }] }),
    ];
    for (const r of bad) expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
    for (const r of bad) expect(r.status).toBeLessThan(500);
    expect([await count('order_order'), await count('account_entry'), (await balance(diner)).cashFen]).toEqual([orders, entries, cash]);
  });

  it('lets a diner see only their own orders; staff of another canteen see none of them', async () => {
    const mine = await takeout(diner, { lines: [{ dishId: rice, portions: 1 }] });
    const theirs = await takeout(diner2, { lines: [{ dishId: rice, portions: 1 }] });
    expect((await diner.get(`/api/orders/${theirs.body.id}`)).status).toBe(404);
    expect((await diner.get(`/api/orders/${mine.body.id}`)).status).toBe(200);
    expect((await diner.get('/api/orders/mine')).body.every((o: { personId: number }) => o.personId === t.fx.people.get('diner1'))).toBe(true);
    expect((await diner.get(`/api/orders?canteenId=${K1()}&date=2026-11-25`)).status).toBe(403);
    expect((await chef2.get(`/api/orders?canteenId=${K1()}&date=2026-11-25`)).status).toBe(403);
    expect((await chef2.get(`/api/orders/${mine.body.id}`)).status).toBe(404);
    expect((await diner2.post(`/api/orders/${mine.body.id}/cancel`, {})).status).toBe(404);
    const day = await chef.get(`/api/orders?canteenId=${K1()}&date=2026-11-25`);
    expect(day.body.map((o: { id: number }) => o.id)).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
    // The kitchen never sees pickup codes.
    expect(day.body.every((o: { pickupCode: string | null }) => o.pickupCode === null)).toBe(true);
  });

  it('closes ordering and cancelling at the cut-off with a clear message', async () => {
    const open = await takeout(diner, { lines: [{ dishId: rice, portions: 1 }] });
    await at('2026-11-25T10:00:00');
    const [orders, entries] = [await count('order_order'), await count('account_entry')];
    const late = await takeout(diner, { lines: [{ dishId: rice, portions: 1 }] });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('order_closed');
    expect(late.body.message).toBe('2026-11-25 午餐外卖已于 2026-11-25 10:00 截止订餐');
    const cancel = await diner.post(`/api/orders/${open.body.id}/cancel`, {});
    expect(cancel.body.code).toBe('order_closed');
    expect([await count('order_order'), await count('account_entry')]).toEqual([orders, entries]);
    const en = await new (diner.constructor as typeof Client)(t.app, 'en').login('diner1');
    expect((await takeout(en, { lines: [{ dishId: rice, portions: 1 }] })).body.message).toContain('closed at 2026-11-25 10:00');
    // Tomorrow is still open.
    expect((await takeout(diner, { date: '2026-11-26', lines: [{ dishId: rice, portions: 1 }] })).status).toBe(201);
  });
});

describe('production list', () => {
  it('adds up dishes × portions of live orders with their pickup times', async () => {
    const p = await chef.get(`/api/orders/production?canteenId=${K1()}&date=2026-11-25&meal=lunch`);
    expect(p.status).toBe(200);
    const live = (await chef.get(`/api/orders?canteenId=${K1()}&date=2026-11-25&meal=lunch`)).body.filter((o: { status: string }) => o.status === 'paid');
    const ricePortions = live.flatMap((o: { lines: { dishId: number; portions: number }[] }) => o.lines).filter((l: { dishId: number }) => l.dishId === rice).reduce((s: number, l: { portions: number }) => s + l.portions, 0);
    expect(p.body.dishes.find((d: { dishId: number }) => d.dishId === rice).portions).toBe(ricePortions);
    expect(p.body.orders).toHaveLength(live.length);
    expect((await diner.get(`/api/orders/production?canteenId=${K1()}&date=2026-11-25&meal=lunch`)).status).toBe(403);
  });
});

describe('lockers and pickup codes', () => {
  it('a code opens only its own cell, only once; another locker or a wrong code opens nothing', async () => {
    const o = await takeout(diner, { date: '2026-11-26', lines: [{ dishId: braised, portions: 1 }] });
    const ready = await chef.post(`/api/orders/${o.body.id}/ready`, {});
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', locker: { id: lockerA.id, cell: 1 }, pickupCode: null });
    const mine = (await diner.get(`/api/orders/${o.body.id}`)).body;
    expect(mine.pickupCode).toMatch(/^\d{6}$/);
    // Lunch on the 26th ends at 14:30; the code works two hours more.
    expect(new Date(mine.codeExpiresAt).toISOString()).toBe('2026-11-26T08:30:00.000Z');
    const o2 = await takeout(diner2, { date: '2026-11-26', lines: [{ dishId: rice, portions: 1 }] });
    expect((await chef.post(`/api/orders/${o2.body.id}/ready`, {})).body.locker.cell).toBe(2);
    const code = mine.pickupCode as string;
    const wrongCode = code === '000000' ? '000001' : '000000';
    expect((await pickup(lockerA, wrongCode, 'LOCKER-K1-A')).status).toBe(404);
    expect((await pickup(lockerB, code, 'LOCKER-K1-B')).status).toBe(404);
    expect((await pickup({ token: 'nope' }, code, 'LOCKER-K1-A')).status).toBe(401);
    const opened = await pickup(lockerA, code, 'LOCKER-K1-A');
    expect(await opened.json()).toEqual({ action: 'open', cell: 1, ref: o.body.no });
    expect((await pickup(lockerA, code, 'LOCKER-K1-A')).status).toBe(404);
    expect((await diner.get(`/api/orders/${o.body.id}`)).body).toMatchObject({ status: 'picked_up', pickupCode: null });
    const board = (await chef.get(`/api/orders/lockers?canteenId=${K1()}`)).body;
    expect(board.find((l: { id: number }) => l.id === lockerA.id).cellStates.map((c: { order: unknown }) => !!c.order)).toEqual([false, true]);
  });

  it('an expired code opens nothing; the sweep marks the order a no-show (forfeit by default) and frees the cell', async () => {
    const o2 = (await diner2.get('/api/orders/mine')).body.find((o: { status: string }) => o.status === 'ready');
    const cash = (await balance(diner2)).cashFen;
    await at('2026-11-26T16:31:00');
    const code = o2.pickupCode as string;
    const r = await pickup(lockerA, code, 'LOCKER-K1-A');
    expect(r.status).toBe(409);
    expect((await r.json()).code).toBe('pickup_expired');
    expect(await sweepNoShows(t.platform)).toBe(1);
    expect(await sweepNoShows(t.platform)).toBe(0);
    expect((await diner2.get(`/api/orders/${o2.id}`)).body).toMatchObject({ status: 'no_show', refunded: false });
    expect((await balance(diner2)).cashFen).toBe(cash);
    const board = (await chef.get(`/api/orders/lockers?canteenId=${K1()}`)).body;
    expect(board.find((l: { id: number }) => l.id === lockerA.id).cellStates.every((c: { order: unknown }) => !c.order)).toBe(true);
  });

  it('with the refund rule a no-show is refunded exactly; too many no-shows block takeout for the set days', async () => {
    const rules = (await head.get(`/api/orders/rules?canteenId=${K1()}`)).body;
    expect((await head.put('/api/orders/rules', { ...rules, noShowRule: 'refund', noShowLimit: 2, blockDays: 7 })).status).toBe(200);
    await at('2026-11-26T17:00:00');
    const cash = (await balance(diner2)).cashFen;
    const o = await takeout(diner2, { date: '2026-11-27', lines: [{ dishId: braised, portions: 1 }] });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    expect((await chef.post(`/api/orders/${o.body.id}/ready`, {})).status).toBe(200);
    await at('2026-11-27T16:31:00');
    expect(await sweepNoShows(t.platform)).toBe(1);
    expect((await diner2.get(`/api/orders/${o.body.id}`)).body).toMatchObject({ status: 'no_show', refunded: true });
    expect((await balance(diner2)).cashFen).toBe(cash);
    // Two no-shows in 30 days: blocked at K1 for 7 days.
    await at('2026-11-27T17:00:00');
    const blocked = await takeout(diner2, { date: '2026-11-28', lines: [{ dishId: rice, portions: 1 }] });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('takeout_blocked');
    expect(blocked.body.message).toContain('2026-12-04');
  });
});

describe('meeting and official meals', () => {
  let meeting: number;
  it('a diner requests for their unit at its per-person standard; the canteen head approves; served, the unit is billed for the people served', async () => {
    await at('2026-11-24T09:00:00');
    expect((await diner.put('/api/orders/unit-standards', { unitId: t.fx.orgs.u1, standardFen: 4000 })).status).toBe(403);
    expect((await head.put('/api/orders/unit-standards', { unitId: t.fx.orgs.u1, standardFen: 4000 })).body.standardFen).toBe(4000);
    const r = await diner.post('/api/orders/unit-meals', { canteenId: K1(), kind: 'meeting', date: '2026-11-26', meal: 'lunch', headcount: 10, purpose: '预算评审会', contact: '就餐者一', phone: '13800000000', pickupTime: '12:00', requestKey: k() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'requested', standardFen: 4000, dueFen: 40_000, unitId: t.fx.orgs.u1 });
    meeting = r.body.id;
    expect((await chef.post(`/api/orders/${meeting}/serve`, {})).body.code).toBe('not_approved');
    expect((await diner.post(`/api/orders/${meeting}/approve`)).status).toBe(403);
    expect((await head2.post(`/api/orders/${meeting}/approve`)).status).toBe(404);
    expect((await head.get('/api/orders/approvals')).body.map((o: { id: number }) => o.id)).toContain(meeting);
    // U1 has no unit approver: the canteen's approval is enough.
    expect((await head.post(`/api/orders/${meeting}/approve`)).body.status).toBe('approved');
    const p = await chef.get(`/api/orders/production?canteenId=${K1()}&date=2026-11-26&meal=lunch`);
    expect(p.body.unitMeals).toEqual([expect.objectContaining({ id: meeting, headcount: 10, pickupTime: '12:00' })]);
    await at('2026-11-26T12:00:00');
    const served = await chef.post(`/api/orders/${meeting}/serve`, { headcount: 8 });
    expect(served.body).toMatchObject({ status: 'served', headcount: 8, dueFen: 32_000 });
    const legs = await rows<{ book: string; ref_id: number; amount_fen: string }>(t.platform.database.db, sql`
      select p.book, p.ref_id, p.amount_fen::text from account_posting p join account_entry e on e.id = p.entry_id where e.ref = ${`order:${meeting}`} order by p.book`);
    expect(legs.map((l) => [l.book, l.ref_id, Number(l.amount_fen)])).toEqual([['canteen_sales', K1(), 32_000], ['unit_receivable', t.fx.orgs.u1, -32_000]]);
    expect((await chef.post(`/api/orders/${meeting}/serve`, { headcount: 9 })).body.dueFen).toBe(32_000);
  });

  it('meeting meals close the day before at 16:00', async () => {
    const r = await diner.post('/api/orders/unit-meals', { canteenId: K1(), kind: 'official', date: '2026-11-27', meal: 'lunch', headcount: 2, purpose: '接待', contact: '一', requestKey: k() });
    expect(r.status).toBe(201);
    await at('2026-11-26T16:00:00');
    const late = await diner.post('/api/orders/unit-meals', { canteenId: K1(), kind: 'official', date: '2026-11-27', meal: 'lunch', headcount: 2, purpose: '接待', contact: '一', requestKey: k() });
    expect(late.body.code).toBe('order_closed');
    expect((await head.post(`/api/orders/${r.body.id}/approve`)).body.status).toBe('approved');
    await at('2026-11-27T12:00:00');
    expect((await chef.post(`/api/orders/${r.body.id}/serve`, {})).body).toMatchObject({ status: 'served', dueFen: 2 * 4000 });
  });

  it('a unit with an approver needs both the canteen and the unit; the requester never approves', async () => {
    await at('2026-11-25T09:00:00');
    const r = await clerk2.post('/api/orders/unit-meals', { canteenId: K1(), kind: 'official', date: '2026-11-26', meal: 'lunch', headcount: 3, purpose: '调研接待', contact: '办事员二', requestKey: k() });
    expect(r.body).toMatchObject({ status: 'requested', standardFen: 3000 });
    expect((await clerk2.post(`/api/orders/${r.body.id}/approve`)).status).toBe(403);
    expect((await head.post(`/api/orders/${r.body.id}/approve`)).body).toMatchObject({ status: 'requested', canteenApproved: expect.any(Object) });
    expect((await diner2.get('/api/orders/approvals')).body.map((o: { id: number; mayApprove: boolean }) => [o.id, o.mayApprove])).toEqual([[r.body.id, true]]);
    expect((await diner2.post(`/api/orders/${r.body.id}/approve`)).body.status).toBe('approved');
    await at('2026-11-26T12:00:00');
    expect((await chef.post(`/api/orders/${r.body.id}/serve`, {})).body.dueFen).toBe(9000);
  });
});

describe('monthly statements', () => {
  it('lists the month’s billed meals with totals, exports Excel and PDF, and records the payment once', async () => {
    const q = `month=2026-11&canteenId=${K1()}&unitId=${t.fx.orgs.u1}`;
    const s = await head.get(`/api/orders/statements/detail?${q}`);
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body.lines.map((l: { headcount: number; amountFen: number }) => [l.headcount, l.amountFen])).toEqual([[8, 32_000], [2, 8000]]);
    expect(s.body).toMatchObject({ status: 'open', totals: { orders: 2, headcount: 10, amountFen: 40_000 }, unitName: '财政局' });
    const list = await head.get('/api/orders/statements?month=2026-11');
    expect(list.body.map((x: { unitId: number; amountFen: number }) => [x.unitId, x.amountFen])).toEqual(expect.arrayContaining([[t.fx.orgs.u1, 40_000], [t.fx.orgs.u2, 9000]]));
    const xlsx = await head.get(`/api/orders/statements/detail?${q}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const pdf = await head.get(`/api/orders/statements/detail?${q}&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');

    const paid = await head.post('/api/orders/statements/paid', { month: '2026-11', canteenId: K1(), unitId: t.fx.orgs.u1, memo: '银行转账' });
    expect(paid.body).toMatchObject({ status: 'paid', payment: { amountFen: 40_000, memo: '银行转账' } });
    expect((await head.post('/api/orders/statements/paid', { month: '2026-11', canteenId: K1(), unitId: t.fx.orgs.u1 })).body.code).toBe('statement_paid');
    const owed = await rows<{ sum: string }>(t.platform.database.db, sql`select coalesce(sum(amount_fen), 0)::text as sum from account_posting where book = 'unit_receivable' and ref_id = ${t.fx.orgs.u1}`);
    expect(Number(owed[0]!.sum)).toBe(0);
    const check = await cashier.get(`/api/accounts/ledger-check?orgId=${t.fx.orgs.centre}`);
    expect(check.body.unbalancedEntries).toEqual([]);
    // A paid month takes no further bills.
    await at('2026-11-27T09:00:00');
    const late = await diner.post('/api/orders/unit-meals', { canteenId: K1(), kind: 'meeting', date: '2026-11-29', meal: 'lunch', headcount: 1, purpose: '加班', contact: '一', requestKey: k() });
    await head.post(`/api/orders/${late.body.id}/approve`);
    expect((await chef.post(`/api/orders/${late.body.id}/serve`, {})).body.code).toBe('statement_closed');
  });

  it('a unit approver sees only their unit’s statements; plain diners see none', async () => {
    const own = await diner2.get('/api/orders/statements?month=2026-11');
    expect(own.body.map((x: { unitId: number }) => x.unitId)).toEqual([t.fx.orgs.u2]);
    expect((await diner2.get(`/api/orders/statements/detail?month=2026-11&canteenId=${K1()}&unitId=${t.fx.orgs.u2}`)).body.totals.amountFen).toBe(9000);
    expect((await diner2.get(`/api/orders/statements/detail?month=2026-11&canteenId=${K1()}&unitId=${t.fx.orgs.u1}`)).status).toBe(404);
    expect((await diner2.get(`/api/orders/statements/detail?month=2026-11&canteenId=${K1()}&unitId=${t.fx.orgs.u1}&format=xlsx`)).status).toBe(404);
    expect((await diner.get(`/api/orders/statements/detail?month=2026-11&canteenId=${K1()}&unitId=${t.fx.orgs.u1}`)).status).toBe(403);
    expect((await head2.get(`/api/orders/statements/detail?month=2026-11&canteenId=${K1()}&unitId=${t.fx.orgs.u1}`)).status).toBe(404);
    expect((await diner2.post('/api/orders/statements/paid', { month: '2026-11', canteenId: K1(), unitId: t.fx.orgs.u2 })).status).toBe(403);
  });
});

describe('revenue for the daily settlement', () => {
  it('returns each day’s order revenue per meal and dish: paid and forfeited takeout, billed unit meals; refunds left out', async () => {
    const ctx = await makeCtx(t.platform, null, [], 'zh');
    const day = await orderSalesByDish(ctx, K1(), '2026-11-26');
    const orders = await rows<{ kind: string; status: string; due_fen: number; refund_entry_id: number | null }>(t.platform.database.db, sql`
      select kind, status, due_fen, refund_entry_id from order_order where org_id = ${K1()} and date = '2026-11-26'`);
    const expected = orders.filter((o) => o.refund_entry_id === null && ['paid', 'ready', 'picked_up', 'no_show', 'served'].includes(o.status)).reduce((s, o) => s + o.due_fen, 0);
    expect(day.reduce((s, d) => s + d.revenueFen, 0)).toBe(expected);
    expect(day.find((d) => d.dishId === 0)).toMatchObject({ meal: 'lunch', portions: 8 + 3, revenueFen: 32_000 + 9000 });
  });
});
