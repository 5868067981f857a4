import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rows, sql } from '../../core/db.ts';
import { startDeviceGateway, type DeviceGateway } from '../../devices/index.ts';
import { SensorSimulator } from '../../devices/simulators/sensor.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { monitoringJobs, monitoringNow, stopMonitoringJobs } from './index.ts';
import { makeCtx } from '../../core/context-factory.ts';

let now = new Date('2026-11-25T02:00:00Z');
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
let t: Awaited<ReturnType<typeof testApp>>;
let gateway: DeviceGateway;
let sim: SensorSimulator;
let head: Client, site: Client, head2: Client;
const sensors: Record<string, { id: number; token: string }> = {};

async function register(code: string, name: string) {
  const r = await head.post('/api/devices', { canteenId: t.fx.orgs.k1, kind: 'sensor', code, name });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  sensors[code] = { id: r.body.device.id, token: r.body.token };
  return sensors[code]!;
}

/** A reading through the HTTP ingress: evaluated before the response returns; alert writes awaited. */
async function reading(code: string, temperatureC: number, humidityPct?: number) {
  const r = await t.app.request('/api/devices/readings', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-code': code, 'x-device-token': sensors[code]!.token },
    body: JSON.stringify({ temperatureC, ...(humidityPct !== undefined && { humidityPct }) }),
  });
  expect(r.status).toBe(200);
  await monitoringJobs(t.platform).idle();
}

const tempAlerts = async (who: Client, status?: string) =>
  (await who.get(`/api/alerts?kind=monitoring.temperature_out_of_range${status ? `&status=${status}` : ''}`)).body as { key: string; status: string; severity: string; titleZh: string; resolvedBySystem: boolean }[];

beforeAll(async () => {
  t = await testApp(() => now);
  gateway = await startDeviceGateway(t.platform, { port: 0 });
  [head, site, head2] = await Promise.all(['head1', 'site1', 'head2'].map((u) => t.as(u)));
  await register('SENSOR-T1', '冷藏库');
  await register('SENSOR-T2', '冷冻库');
  await register('SENSOR-T3', '2 号冰箱');
  const p1 = await site.put(`/api/monitoring/sensors/${sensors['SENSOR-T1']!.id}/profile`, { canteenId: t.fx.orgs.k1, place: 'cold_room' });
  expect(p1.status, JSON.stringify(p1.body)).toBe(200);
  expect(p1.body).toMatchObject({ place: 'cold_room', minC: 0, maxC: 8, holdMinutes: 0 });
  const p2 = await head.put(`/api/monitoring/sensors/${sensors['SENSOR-T2']!.id}/profile`, { canteenId: t.fx.orgs.k1, place: 'freezer', holdMinutes: 5 });
  expect(p2.body).toMatchObject({ minC: null, maxC: -18, holdMinutes: 5 });
  await head.put(`/api/monitoring/sensors/${sensors['SENSOR-T3']!.id}/profile`, { canteenId: t.fx.orgs.k1, place: 'fridge', maxHumidityPct: 90 });
  sim = await SensorSimulator.start({ sensors: [{ code: 'SENSOR-T1', place: 'cold_room' }], token: sensors['SENSOR-T1']!.token, url: gateway.url, everyS: 3600, onError: () => {} });
});
afterAll(async () => {
  await sim?.stop();
  await gateway?.close();
  await stopMonitoringJobs(t.platform);
  await t?.close();
});

describe('temperature sensors over MQTT', () => {
  it('refuses a sensor with a wrong token', async () => {
    await expect(SensorSimulator.start({ sensors: [{ code: 'SENSOR-T1', place: 'cold_room' }], token: 'wrong', url: gateway.url, onError: () => {} })).rejects.toThrow();
  });

  it('a reading over the threshold raises the alert; one back in range resolves it (as the system)', async () => {
    const watch = monitoringJobs(t.platform);
    await sim.send('SENSOR-T1', { temperatureC: 4.2, humidityPct: 85 });
    await vi.waitFor(() => expect(watch.current(sensors['SENSOR-T1']!.id)?.temperatureC).toBe(4.2), { timeout: 5000, interval: 20 });
    await watch.idle();
    expect(await tempAlerts(site)).toEqual([]);

    await sim.send('SENSOR-T1', { temperatureC: 11.5 });
    await vi.waitFor(async () => expect(await tempAlerts(site, 'open')).toHaveLength(1), { timeout: 5000, interval: 50 });
    const [open] = await tempAlerts(site, 'open');
    expect(open).toMatchObject({ key: `sensor:${sensors['SENSOR-T1']!.id}`, severity: 'critical' });
    expect(open!.titleZh).toContain('冷藏库（冷藏库）温度 11.5 °C，超出 0–8 °C');
    // The head chef is told too (a handler of the kind); the canteen head of K2 sees nothing.
    expect(await tempAlerts(await t.as('chef1'), 'open')).toHaveLength(1);
    expect(await tempAlerts(head2)).toEqual([]);

    // More readings out of range change nothing in the database.
    const writes = watch.counts.alertWrites;
    for (const c of [11.8, 12.1, 12.4]) await sim.send('SENSOR-T1', { temperatureC: c });
    await vi.waitFor(() => expect(watch.current(sensors['SENSOR-T1']!.id)?.temperatureC).toBe(12.4), { timeout: 5000, interval: 20 });
    await watch.idle();
    expect(watch.counts.alertWrites).toBe(writes);

    await sim.send('SENSOR-T1', { temperatureC: 5.1 });
    await vi.waitFor(async () => expect(await tempAlerts(site, 'open')).toEqual([]), { timeout: 5000, interval: 50 });
    const [resolved] = await tempAlerts(site, 'resolved');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBySystem: true });

    const list = (await site.get(`/api/monitoring/sensors?canteenId=${t.fx.orgs.k1}`)).body as { code: string; temperatureC: number; status: string; source: string }[];
    expect(list.find((s) => s.code === 'SENSOR-T1')).toMatchObject({ temperatureC: 5.1, status: 'ok', source: 'live' });
  });

  it('waits the hold time before alerting (door openings), counting from when the value left its range', async () => {
    const watch = monitoringJobs(t.platform);
    await reading('SENSOR-T2', -20.5);
    await reading('SENSOR-T2', -14);
    expect(await tempAlerts(site, 'open')).toEqual([]);
    advance(3);
    await reading('SENSOR-T2', -13);
    expect(await tempAlerts(site, 'open')).toEqual([]);
    // Door shut after 3 minutes: back in range, the clock starts again.
    await reading('SENSOR-T2', -19);
    advance(3);
    await reading('SENSOR-T2', -15);
    advance(4);
    watch.sweep();
    await watch.idle();
    expect(await tempAlerts(site, 'open')).toEqual([]);
    const statuses = (await site.get(`/api/monitoring/sensors?canteenId=${t.fx.orgs.k1}`)).body as { code: string; status: string }[];
    expect(statuses.find((s) => s.code === 'SENSOR-T2')!.status).toBe('holding');
    // Five minutes out of range without a new reading: the sweep raises it.
    advance(1.5);
    watch.sweep();
    await watch.idle();
    const open = await tempAlerts(site, 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.titleZh).toContain('超出 ≤ −18 °C');
    await reading('SENSOR-T2', -19.5);
    expect(await tempAlerts(site, 'open')).toEqual([]);
  });

  it('a changed threshold applies at once to the newest reading', async () => {
    await reading('SENSOR-T3', 7.5);
    expect(await tempAlerts(site, 'open')).toEqual([]);
    await site.put(`/api/monitoring/sensors/${sensors['SENSOR-T3']!.id}/profile`, { canteenId: t.fx.orgs.k1, place: 'fridge', minC: 0, maxC: 6 });
    await vi.waitFor(async () => expect(await tempAlerts(site, 'open')).toHaveLength(1), { timeout: 5000, interval: 50 });
    await site.put(`/api/monitoring/sensors/${sensors['SENSOR-T3']!.id}/profile`, { canteenId: t.fx.orgs.k1, place: 'fridge', maxHumidityPct: 90 });
    await vi.waitFor(async () => expect(await tempAlerts(site, 'open')).toEqual([]), { timeout: 5000, interval: 50 });
  });

  it('raises humidity above its limit as its own alert', async () => {
    await reading('SENSOR-T3', 4, 95);
    const h = (await site.get('/api/alerts?kind=monitoring.humidity_out_of_range&status=open')).body;
    expect(h).toHaveLength(1);
    expect(h[0].titleZh).toContain('湿度 95%，高于上限 90%');
    await reading('SENSOR-T3', 4);
    expect((await site.get('/api/alerts?kind=monitoring.humidity_out_of_range&status=open')).body).toHaveLength(1);
    await reading('SENSOR-T3', 4, 80);
    expect((await site.get('/api/alerts?kind=monitoring.humidity_out_of_range&status=open')).body).toEqual([]);
  });

  it('keeps the readings per sensor and minute (min, max, average, last), written in batches, and charts them', async () => {
    const watch = monitoringJobs(t.platform);
    await watch.flush();
    now = new Date('2026-11-25T03:00:10Z');
    for (const c of [3, 5, 4]) await reading('SENSOR-T1', c, 80);
    now = new Date('2026-11-25T03:00:50Z');
    await reading('SENSOR-T1', 6);
    now = new Date('2026-11-25T03:01:20Z');
    await reading('SENSOR-T1', 2, 70);
    const before = await rows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from monitoring_sensor_minute where minute >= '2026-11-25T03:00:00Z'`);
    expect(before[0]!.n).toBe(0);
    await watch.flush();
    // A later part of a minute already written merges into its row.
    await reading('SENSOR-T1', 7);
    await watch.flush();
    const list = await rows<{ minute: Date; n: number; min_c: number; max_c: number; sum_c: number; last_c: number; humidity_n: number; sum_humidity: number | null; last_humidity: number | null }>(t.platform.database.db,
      sql`select * from monitoring_sensor_minute where device_id = ${sensors['SENSOR-T1']!.id} and minute >= '2026-11-25T03:00:00Z' order by minute`);
    expect(list.map((r) => ({ minute: new Date(r.minute).toISOString(), n: r.n, min: r.min_c, max: r.max_c, sum: r.sum_c, last: r.last_c, hn: r.humidity_n, hsum: r.sum_humidity, hlast: r.last_humidity }))).toEqual([
      { minute: '2026-11-25T03:00:00.000Z', n: 4, min: 3, max: 6, sum: 18, last: 6, hn: 3, hsum: 240, hlast: 80 },
      { minute: '2026-11-25T03:01:00.000Z', n: 2, min: 2, max: 7, sum: 9, last: 7, hn: 1, hsum: 70, hlast: 70 },
    ]);
    const chart = await site.get(`/api/monitoring/sensors/${sensors['SENSOR-T1']!.id}/history?canteenId=${t.fx.orgs.k1}&range=24h`);
    expect(chart.status).toBe(200);
    expect(chart.body).toMatchObject({ minC: 0, maxC: 8, stepSeconds: 60 });
    expect(chart.body.points.slice(-2)).toEqual([
      { t: '2026-11-25T03:00:00.000Z', minC: 3, maxC: 6, avgC: 4.5, lastC: 6, humidityPct: 80 },
      { t: '2026-11-25T03:01:00.000Z', minC: 2, maxC: 7, avgC: 4.5, lastC: 7, humidityPct: 70 },
    ]);
    const week = await site.get(`/api/monitoring/sensors/${sensors['SENSOR-T1']!.id}/history?canteenId=${t.fx.orgs.k1}&range=7d`);
    expect(week.body.points.at(-1)).toMatchObject({ t: '2026-11-25T03:00:00.000Z', minC: 2, maxC: 7, avgC: 4.5 });
  });

  it('shows a canteen only its own sensors and lets only its managers set thresholds', async () => {
    const id = sensors['SENSOR-T1']!.id;
    expect((await head2.get('/api/monitoring/sensors')).body).toEqual([]);
    expect((await head2.get(`/api/monitoring/sensors?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
    expect((await head2.get(`/api/monitoring/sensors/${id}/history?canteenId=${t.fx.orgs.k2}`)).status).toBe(404);
    expect((await head2.put(`/api/monitoring/sensors/${id}/profile`, { canteenId: t.fx.orgs.k2, place: 'fridge' })).status).toBe(404);
    expect((await head2.put(`/api/monitoring/sensors/${id}/profile`, { canteenId: t.fx.orgs.k1, place: 'fridge' })).status).toBe(403);
    const chef = await t.as('chef1');
    expect((await chef.get(`/api/monitoring/sensors?canteenId=${t.fx.orgs.k1}`)).body).toHaveLength(3);
    expect((await chef.put(`/api/monitoring/sensors/${id}/profile`, { canteenId: t.fx.orgs.k1, place: 'fridge' })).status).toBe(403);
    const bad = await site.put(`/api/monitoring/sensors/${id}/profile`, { canteenId: t.fx.orgs.k1, place: 'fridge', minC: 9, maxC: 2 });
    expect(bad.status).toBe(422);
    expect((await site.put(`/api/monitoring/sensors/${id}/profile`, { canteenId: t.fx.orgs.k1, place: 'igloo' })).status).toBe(400);
  });

  it('gives the day pages each sensor now (monitoringNow)', async () => {
    const ctx = await makeCtx(t.platform, null, [], 'zh');
    await reading('SENSOR-T2', -20);
    await reading('SENSOR-T3', 3.5);
    const n = await monitoringNow(ctx, t.fx.orgs.k1);
    expect(n.sensors.map((s) => [s.name, s.place, s.ok])).toEqual([['冷藏库', 'cold_room', true], ['冷冻库', 'freezer', true], ['2 号冰箱', 'fridge', true]]);
    expect(n.sensors[0]).toMatchObject({ temperatureC: 7, humidityPct: null });
    advance(60);
    expect((await monitoringNow(ctx, t.fx.orgs.k1)).sensors.every((s) => !s.ok)).toBe(true);
  });
});

// Last: it moves the clock past every sensor's newest reading.
describe('silent sensors', () => {
  it('alerts a sensor gone silent for 10 minutes, and clears it with its next reading', async () => {
    const id = sensors['SENSOR-T3']!.id;
    const silent = async (status: string) => (await site.get(`/api/alerts?kind=monitoring.sensor_silent&status=${status}`)).body as { key: string; titleZh: string }[];
    await reading('SENSOR-T3', 4.0);
    advance(10);
    monitoringJobs(t.platform).sweep();
    await monitoringJobs(t.platform).idle();
    expect((await silent('open')).filter((a) => a.key === `sensor:${id}`)).toEqual([]);
    advance(1);
    monitoringJobs(t.platform).sweep();
    await monitoringJobs(t.platform).idle();
    const [open] = (await silent('open')).filter((a) => a.key === `sensor:${id}`);
    expect(open!.titleZh).toMatch(/^2 号冰箱（冰箱）自 \d\d-\d\d \d\d:\d\d 起无读数/);
    await reading('SENSOR-T3', 4.1);
    expect((await silent('open')).filter((a) => a.key === `sensor:${id}`)).toEqual([]);
    expect((await silent('resolved')).filter((a) => a.key === `sensor:${id}`)).toHaveLength(1);
  });
});
