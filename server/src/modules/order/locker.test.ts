import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDeviceGateway, type DeviceGateway } from '../../devices/index.ts';
import { LockerSimulator } from '../../devices/simulators/locker.ts';
import { accountFixture } from '../../../test/account-fixture.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';

// 09:00 in China: lunch takeout still open.
const now = new Date('2026-11-25T01:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let gateway: DeviceGateway;
let sim: LockerSimulator;
let chef: Client, diner: Client;
let locker: { id: number; token: string };

beforeAll(async () => {
  t = await testApp(() => now);
  gateway = await startDeviceGateway(t.platform, { port: 0 });
  const [admin, head, cashier] = await Promise.all(['admin', 'head1', 'cash1'].map((u) => t.as(u)));
  [chef, diner] = await Promise.all([t.as('chef1'), t.as('diner1')]);
  const lib = await planningLibrary(admin);
  const rice = (await dish(chef, { code: 'rice', name: '米饭', kind: 'staple', priceFen: 100, portionG: 200, recipe: [{ ingredientId: lib.egg, netG: 1, yieldPct: 100 }] })).id;
  const plan = await chef.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-11-25', meal: 'lunch', items: [{ dishId: rice, portions: 100 }] });
  await chef.post(`/api/menu-plans/${plan.body.id}/publish`);
  const acc = await accountFixture(t, { admin, head, cashier });
  await cashier.post(`/api/accounts/${acc.diner1}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 5000, requestKey: 'top-locker-0001' });
  await chef.put('/api/orders/offers', { canteenId: t.fx.orgs.k1, date: '2026-11-25', meal: 'lunch', dishes: [{ dishId: rice, limit: 10 }] });
  const r = await head.post('/api/devices', { canteenId: t.fx.orgs.k1, kind: 'locker', code: 'LOCKER-T1', name: '一号取餐柜' });
  locker = { id: r.body.device.id, token: r.body.token };
  await head.put(`/api/orders/lockers/${locker.id}`, { cells: 6 });
  sim = await LockerSimulator.start({ code: 'LOCKER-T1', token: locker.token, url: gateway.url, cells: 6, onError: () => {} });
});
afterAll(async () => {
  await sim?.stop();
  await gateway?.close();
  await t?.close();
});

describe('locker simulator over MQTT', () => {
  it('refuses a locker with a wrong token', async () => {
    await expect(LockerSimulator.start({ code: 'LOCKER-T1', token: 'wrong', url: gateway.url, onError: () => {} })).rejects.toThrow();
  });

  it('sends the code typed at the keypad; the server opens that order’s cell once, and the order is picked up', async () => {
    const o = await diner.post('/api/orders', { canteenId: t.fx.orgs.k1, date: '2026-11-25', meal: 'lunch', requestKey: 'locker-order-0001', lines: [{ dishId: (await diner.get(`/api/orders/offers?canteenId=${t.fx.orgs.k1}&date=2026-11-25&meal=lunch`)).body.dishes[0].dishId, portions: 2 }] });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    const ready = await chef.post(`/api/orders/${o.body.id}/ready`, {});
    expect(ready.body.locker).toMatchObject({ id: locker.id, cell: 1 });
    const code = (await diner.get(`/api/orders/${o.body.id}`)).body.pickupCode as string;

    const wrong = await sim.enter(code === '123456' ? '654321' : '123456');
    expect(wrong).toMatchObject({ action: 'deny', reason: 'unknown' });
    expect(sim.cells.every((c) => !c.open)).toBe(true);

    const answer = await sim.enter(code);
    expect(answer).toEqual({ action: 'open', cell: 1, ref: o.body.no });
    expect(sim.cells[0]).toMatchObject({ open: true, opens: 1 });
    expect((await diner.get(`/api/orders/${o.body.id}`)).body.status).toBe('picked_up');
    const board = async () => (await chef.get(`/api/orders/lockers?canteenId=${t.fx.orgs.k1}`)).body[0].cellStates[0];
    await vi.waitFor(async () => expect((await board()).doorOpen).toBe(true), { timeout: 8000, interval: 50 });
    await sim.shut(1);
    await vi.waitFor(async () => expect((await board()).doorOpen).toBe(false), { timeout: 8000, interval: 50 });
    expect((await board()).order).toBeNull();

    const again = await sim.enter(code);
    expect(again).toMatchObject({ action: 'deny', reason: 'unknown' });
    expect(sim.cells[0]!.opens).toBe(1);
  });
});
