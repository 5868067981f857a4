import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDeviceGateway, type DeviceGateway } from '../../devices/index.ts';
import { SampleCabinetSimulator } from '../../devices/simulators/sample-cabinet.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { sampleJobsIdle } from './index.ts';

// 10:40 in China: the lunch samples are being boxed.
let now = new Date('2026-11-25T02:40:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let gateway: DeviceGateway;
let sim: SampleCabinetSimulator;
let safe1: Client, site1: Client, head1: Client;
let cabinet: { id: number; token: string };
let rice: number, pork: number;
const K1 = () => t.fx.orgs.k1;
const wait = { timeout: 8000, interval: 50 };

const cabinets = async () => (await safe1.get(`/api/samples/cabinets?canteenId=${K1()}`)).body.cabinets[0];
const alerts = async (kind: string) => (await site1.get(`/api/alerts?kind=${kind}&status=unresolved`)).body as { key: string; severity: string; titleZh: string }[];

beforeAll(async () => {
  t = await testApp(() => now);
  gateway = await startDeviceGateway(t.platform, { port: 0 });
  const admin = await t.as('admin');
  [safe1, site1, head1] = await Promise.all(['safe1', 'site1', 'head1'].map((u) => t.as(u)));
  const chef = await t.as('chef1');
  const lib = await planningLibrary(admin);
  const recipe = [{ ingredientId: lib.pork, netG: 100, yieldPct: 100 }];
  rice = (await dish(chef, { code: 'c-rice', name: '米饭', kind: 'staple', priceFen: 100, portionG: 200, recipe })).id;
  pork = (await dish(chef, { code: 'c-pork', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150, recipe })).id;
  const plan = await chef.put('/api/menu-plans', { canteenId: K1(), date: '2026-11-25', meal: 'lunch', items: [{ dishId: rice, portions: 50 }, { dishId: pork, portions: 50 }] });
  await chef.post(`/api/menu-plans/${plan.body.id}/publish`);
  const r = await head1.post('/api/devices', { canteenId: K1(), kind: 'sample_cabinet', code: 'CAB-T1', name: '留样柜' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  cabinet = { id: r.body.device.id, token: r.body.token };
  sim = await SampleCabinetSimulator.start({ code: 'CAB-T1', token: cabinet.token, url: gateway.url, slots: 12, temperatureEveryMs: 0, onError: () => {} });
});
afterAll(async () => {
  await sim?.stop();
  await gateway?.close();
  await t?.close();
});

describe('sample cabinet over MQTT', () => {
  it('refuses a cabinet with a wrong token', async () => {
    await expect(SampleCabinetSimulator.start({ code: 'CAB-T1', token: 'wrong', url: gateway.url, temperatureEveryMs: 0, onError: () => {} })).rejects.toThrow();
  });

  it('reports a box placed; the keeper names it and the cabinet’s weight is recorded, not the typed one', async () => {
    await sim.place(3, 172);
    const pending = await vi.waitFor(async () => {
      const c = await cabinets();
      expect(c.pending).toHaveLength(1);
      expect(c.door).toMatchObject({ open: false });
      return c.pending[0];
    }, wait);
    expect(pending).toMatchObject({ slot: 3, grams: 172 });
    const r = await safe1.post('/api/samples', { canteenId: K1(), meal: 'lunch', dishId: pork, cabinetEventId: pending.eventId, grams: 150, requestKey: 'cab-sample-0001' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ grams: 172, weighedBy: 'cabinet', deviceId: cabinet.id, deviceCode: 'CAB-T1', slot: 3, light: false });
    const c = await cabinets();
    expect(c.pending).toHaveLength(0);
    expect(c.slots.map((s: { slot: number; dishName: string }) => [s.slot, s.dishName])).toEqual([[3, '红烧肉']]);
    expect(c.door).toMatchObject({ open: false });
    expect(c.events.map((e: { event: string }) => e.event)).toEqual(['door_closed', 'placed', 'door_opened']);
    // The slot is taken now.
    const twice = await safe1.post('/api/samples', { canteenId: K1(), meal: 'lunch', dishId: rice, grams: 150, deviceId: cabinet.id, slot: 3, requestKey: 'cab-sample-0002' });
    expect(twice.status).toBe(409);
  });

  it('weighs a box registered on the phone first: the cabinet’s weight replaces the typed one (and a light box alerts)', async () => {
    const r = await safe1.post('/api/samples', { canteenId: K1(), meal: 'lunch', dishId: rice, grams: 160, deviceId: cabinet.id, slot: 4, requestKey: 'cab-sample-0003' });
    expect(r.body).toMatchObject({ grams: 160, weighedBy: 'typed', slot: 4 });
    expect(await alerts('sample.light')).toHaveLength(0);
    await sim.place(4, 118);
    await vi.waitFor(async () => expect((await safe1.get(`/api/samples/${r.body.id}`)).body).toMatchObject({ grams: 118, weighedBy: 'cabinet', light: true }), wait);
    expect((await alerts('sample.light')).map((a) => a.key)).toEqual([`2026-11-25:lunch:${rice}`]);
  });

  it('raises a critical alert when a box is taken out before its time; putting it back returns it', async () => {
    const day = (await safe1.get(`/api/samples?canteenId=${K1()}`)).body;
    const porkSample = day.meals[0].dishes.find((d: { dishId: number }) => d.dishId === pork).sample;
    now = new Date(now.getTime() + 3 * 3600_000);
    await sim.remove(3);
    await vi.waitFor(async () => expect((await safe1.get(`/api/samples/${porkSample.id}`)).body).toMatchObject({ status: 'removed', early: true }), wait);
    const early = await alerts('sample.early_discard');
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({ severity: 'critical', key: `sample:${porkSample.id}` });
    expect(early[0]!.titleZh).toContain('从留样柜取出');
    expect((await safe1.get(`/api/samples?canteenId=${K1()}`)).body.meals[0].dishes.find((d: { dishId: number }) => d.dishId === pork).status).toBe('early');

    await sim.place(3, 171);
    await vi.waitFor(async () => expect((await safe1.get(`/api/samples/${porkSample.id}`)).body).toMatchObject({ status: 'kept', removedAt: null }), wait);
    expect(await alerts('sample.early_discard')).toHaveLength(1); // someone must still say why it was out
  });

  it('alerts a cabinet above 8 °C and resolves when it is back in range; temperatures are kept', async () => {
    await sim.setTemperature(10);
    await vi.waitFor(async () => expect(await alerts('sample.cabinet_temperature')).toHaveLength(1), wait);
    const a = (await alerts('sample.cabinet_temperature'))[0]!;
    expect(a.key).toBe(`device:${cabinet.id}`);
    expect(a.titleZh).toContain('10 °C');
    expect((await cabinets()).temperature).toMatchObject({ c: 10, inRange: false });
    await sim.setTemperature(-1.5);
    await sampleJobsIdle(t.platform);
    await vi.waitFor(async () => expect((await cabinets()).temperature).toMatchObject({ c: -1.5 }), wait);
    expect(await alerts('sample.cabinet_temperature')).toHaveLength(1);
    await sim.setTemperature(null);
    await vi.waitFor(async () => expect(await alerts('sample.cabinet_temperature')).toHaveLength(0), wait);
    const c = await cabinets();
    expect(c.temperature.inRange).toBe(true);
    // Stored: each crossing of the range (10 °C out, then back in); readings in between only every 10 minutes.
    const stored = c.temperatures.map((x: { c: number }) => x.c);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toBe(10);
    expect(stored[1]).toBeGreaterThanOrEqual(2);
  });

  it('marks a box discarded when it is taken out after its keeping time, with no alert', async () => {
    now = new Date(now.getTime() + 48 * 3600_000);
    [safe1, site1] = await Promise.all([t.as('safe1'), t.as('site1')]);
    const day = (await safe1.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`)).body;
    const riceSample = day.meals[0].dishes.find((d: { dishId: number }) => d.dishId === rice).sample;
    await sim.remove(4);
    await vi.waitFor(async () => expect((await safe1.get(`/api/samples/${riceSample.id}`)).body).toMatchObject({ status: 'discarded', early: false }), wait);
    expect(await alerts('sample.early_discard')).toHaveLength(1);
    expect((await cabinets()).slots.map((s: { slot: number }) => s.slot)).toEqual([3]);
  });
});
