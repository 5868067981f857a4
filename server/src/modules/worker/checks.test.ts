import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCtx } from '../../core/context-factory.ts';
import { rows, sql } from '../../core/db.ts';
import { startDeviceGateway, type DeviceGateway } from '../../devices/index.ts';
import { CheckKioskSimulator } from '../../devices/simulators/check-kiosk.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { alertJobs } from '../alert/index.ts';
import { kioskActivity, morningCheckDay } from './index.ts';

// 07:30 on 25 November 2026, China time: before the 09:30 cut-off.
let now = new Date('2026-11-24T23:30:00Z');
const TODAY = '2026-11-25';
let t: Awaited<ReturnType<typeof testApp>>;
let gateway: DeviceGateway;
let sim: CheckKioskSimulator;
let site1: Client, safe1: Client, head1: Client, hall1: Client, safe2: Client;
const ids: Record<string, number> = {};

const ok = { handsOk: true, symptoms: [0], uniformOk: true, hatOk: true, maskOk: true, nailsOk: true, noJewellery: true };
const count = async (table: string) => (await rows<{ n: number }>(t.platform.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

async function alertsOf(kind: string, status = 'unresolved') {
  await alertJobs(t.platform).idle();
  return (await site1.get(`/api/alerts?kind=${kind}&status=${status}`)).body as { key: string; status: string; severity: string; titleZh: string; notified: { name: string }[] }[];
}

beforeAll(async () => {
  t = await testApp(() => now);
  gateway = await startDeviceGateway(t.platform, { port: 0 });
  [site1, safe1, head1, hall1, safe2] = await Promise.all(['site1', 'safe1', 'head1', 'hall1', 'safe2'].map((u) => t.as(u)));
  const add = async (key: string, over: Record<string, unknown>) => {
    const r = await site1.post('/api/workers', { canteenId: t.fx.orgs.k1, name: key, employer: '膳源餐饮', job: 'chef', badge: key, certificate: { no: `JK-${key}`, issuedOn: '2026-06-01' }, ...over });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[key] = r.body.id;
  };
  await add('W1', {});
  await add('W2', { certificate: { no: 'JK-OLD', issuedOn: '2025-11-01', validUntil: '2026-11-24' } });
  await add('W3', {});
  await add('W4', {});
  await add('W5', {});
  await add('W6', {});
  const dev = await head1.post('/api/devices', { canteenId: t.fx.orgs.k1, kind: 'check_kiosk', code: 'KIOSK-T1', name: '晨检仪' });
  expect(dev.status).toBe(201);
  sim = await CheckKioskSimulator.start({ code: 'KIOSK-T1', token: dev.body.token, url: gateway.url, onError: () => {} });
});
afterAll(async () => {
  await sim?.stop();
  await gateway?.close();
  await t?.close();
});

describe('morning check on the kiosk page', () => {
  it('passes a healthy worker and records who checked', async () => {
    const r = await safe1.post('/api/workers/checks', { workerId: ids.W1, temperatureC: 36.54, ...ok });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ workerName: 'W1', date: TODAY, temperatureC: 36.5, fit: true, reasons: [], symptoms: [], source: 'kiosk_page', checkedByName: '食安员一' });
  });

  it('keeps the first check of the day; only a site manager or canteen head re-checks', async () => {
    const again = await safe1.post('/api/workers/checks', { workerId: ids.W1, temperatureC: 36.6, ...ok });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_checked');
    expect((await safe1.post('/api/workers/checks', { workerId: ids.W1, temperatureC: 36.6, ...ok, recheck: true })).status).toBe(403);
    const re = await site1.post('/api/workers/checks', { workerId: ids.W1, temperatureC: 36.7, ...ok, recheck: true });
    expect(re.status).toBe(201);
    expect(re.body).toMatchObject({ temperatureC: 36.7, rechecks: 1, checkedByName: '项目经理一' });
    expect(await count('worker_check')).toBe(1);
  });

  it('never passes a worker whose health certificate has expired', async () => {
    const r = await safe1.post('/api/workers/checks', { workerId: ids.W2, temperatureC: 36.4, ...ok });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ fit: false, reasons: ['certificate_expired'] });
    expect(r.body.reasonText.zh).toBe('健康证已过期');
    // Not even on a re-check with perfect measurements.
    const re = await site1.post('/api/workers/checks', { workerId: ids.W2, temperatureC: 36.4, ...ok, recheck: true });
    expect(re.body).toMatchObject({ fit: false, reasons: ['certificate_expired'] });
  });

  it('fails a fever and tells the site manager; a passed re-check clears the alert', async () => {
    const r = await safe1.post('/api/workers/checks', { workerId: ids.W3, temperatureC: 37.5, ...ok, symptoms: [1, 11] });
    expect(r.body).toMatchObject({ fit: false, reasons: ['fever', 'symptoms'], symptoms: [1, 11] });
    expect(r.body.reasonText.zh).toBe('体温偏高 37.5 °C；有症状（发热、咳嗽）');
    const open = await alertsOf('worker.check_failed');
    const mine = open.find((a) => a.key === `worker:${ids.W3}:${TODAY}`)!;
    expect(mine).toMatchObject({ severity: 'warning', status: 'open' });
    expect(mine.titleZh).toContain('W3');
    expect(mine.notified.map((n) => n.name)).toEqual(['项目经理一']);
    const kinds = (await site1.get('/api/alerts/kinds')).body as { key: string; handlers?: string[] }[];
    expect(kinds.find((k) => k.key === 'worker.check_failed')?.handlers ?? ['site_manager']).toEqual(['site_manager']);
    await site1.post('/api/workers/checks', { workerId: ids.W3, temperatureC: 36.8, ...ok, recheck: true, note: '休息后复测' });
    expect((await alertsOf('worker.check_failed')).some((a) => a.key === `worker:${ids.W3}:${TODAY}`)).toBe(false);
  });

  it('draws the line at the canteen’s fever threshold and on hands, wounds and dress', async () => {
    const cases: [string, Record<string, unknown>, boolean, string[]][] = [
      ['W4', { temperatureC: 37.2 }, true, []],
      ['W5', { temperatureC: 37.3 }, false, ['fever']],
      ['W6', { temperatureC: 36.5, symptoms: [6], handsOk: false, hatOk: false, noJewellery: false }, false, ['symptoms', 'hands', 'hat', 'jewellery']],
    ];
    for (const [w, facts, fit, reasons] of cases) {
      const r = await safe1.post('/api/workers/checks', { workerId: ids[w], ...ok, ...facts });
      expect(r.body, w).toMatchObject({ fit, reasons });
    }
  });

  it('refuses checks by those who may not make them, for other canteens, and bad input, changing nothing', async () => {
    const before = await Promise.all(['worker_check', 'alert_alert', 'core_audit_log'].map(count));
    expect((await hall1.post('/api/workers/checks', { workerId: ids.W1, temperatureC: 36.5, ...ok })).status).toBe(403);
    expect((await safe2.post('/api/workers/checks', { workerId: ids.W1, temperatureC: 36.5, ...ok })).status).toBe(404);
    for (const body of [
      { workerId: ids.W1, temperatureC: 50, ...ok },
      { workerId: ids.W1, temperatureC: 36.5, ...ok, symptoms: [13] },
      { workerId: ids.W1, temperatureC: 36.5, handsOk: true },
      { workerId: 'W1', temperatureC: 36.5, ...ok },
      { workerId: 999_999, temperatureC: 36.5, ...ok },
    ]) {
      const r = await safe1.post('/api/workers/checks', body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.message.length).toBeGreaterThan(3);
    }
    expect(await Promise.all(['worker_check', 'alert_alert', 'core_audit_log'].map(count))).toEqual(before);
  });
});

describe('check kiosk over MQTT', () => {
  const at = () => now.toISOString();

  it('creates the check of the worker with that badge and answers the kiosk', async () => {
    const { answer } = await sim.check('W1', { temperatureC: 36.6, at: at() });
    // W1 was checked on the page already: the kiosk is told, nothing changes.
    expect(answer).toMatchObject({ status: 'already_checked', name: 'W1', fit: 'fit' });
    const add = await site1.post('/api/workers', { canteenId: t.fx.orgs.k1, name: '孙丽', job: 'waiter', badge: 'CARD-0042', certificate: { no: 'JK-42', issuedOn: '2026-05-01' } });
    ids.W7 = add.body.id;
    const before = await count('worker_check');
    const first = await sim.check('CARD-0042', { temperatureC: 36.4, at: at() });
    expect(first.answer).toMatchObject({ action: 'result', status: 'fit', name: '孙丽', reasons: [] });
    const check = (await safe1.get(`/api/workers/checks?canteenId=${t.fx.orgs.k1}&from=${TODAY}&to=${TODAY}&workerId=${ids.W7}`)).body;
    expect(check).toHaveLength(1);
    expect(check[0]).toMatchObject({ source: 'device', deviceCode: 'KIOSK-T1', temperatureC: 36.4, fit: true, uniformOk: null, checkedByName: null });
    // The kiosk resends the same reading (its answer was lost): the same answer, still one check.
    const resent = await sim.send(first.reading);
    expect(resent).toMatchObject({ status: 'fit', name: '孙丽' });
    expect(await count('worker_check')).toBe(before + 1);
    expect(kioskActivity(t.platform).counts).toMatchObject({ checks: 1, replays: 1, alreadyChecked: 1 });
  });

  it('fails a fever from the kiosk with an alert, and records nothing for an unknown badge', async () => {
    const add = await site1.post('/api/workers', { canteenId: t.fx.orgs.k1, name: '周强', job: 'dishwasher', badge: 'CARD-0043', certificate: { no: 'JK-43', issuedOn: '2026-05-01' } });
    const hot = await sim.check('CARD-0043', { temperatureC: 38.1, at: at() });
    expect(hot.answer).toMatchObject({ status: 'unfit', reasons: ['fever'] });
    expect(hot.answer!.zh).toContain('体温偏高 38.1 °C');
    expect((await alertsOf('worker.check_failed')).map((a) => a.key)).toContain(`worker:${add.body.id}:${TODAY}`);
    const before = await count('worker_check');
    const unknown = await sim.check('NOBODY-1', { temperatureC: 36.5, at: at() });
    expect(unknown.answer).toMatchObject({ status: 'unknown_badge', name: null });
    expect(await count('worker_check')).toBe(before);
    expect((await alertsOf('worker.unknown_badge')).map((a) => a.key)).toEqual(['badge:NOBODY-1']);
    // Registering that badge clears the alert.
    await site1.post('/api/workers', { canteenId: t.fx.orgs.k1, name: '新人', job: 'cleaner', badge: 'NOBODY-1', certificate: { no: 'JK-44', issuedOn: '2026-05-01' } });
    expect(await alertsOf('worker.unknown_badge')).toHaveLength(0);
    // A kiosk of one canteen never checks another canteen's worker with the same badge.
    const k2 = await t.as('head2');
    await k2.post('/api/workers', { canteenId: t.fx.orgs.k2, name: '别处', job: 'chef', badge: 'K2-ONLY', certificate: { no: 'JK-45', issuedOn: '2026-05-01' } });
    expect((await sim.check('K2-ONLY', { temperatureC: 36.5, at: at() })).answer).toMatchObject({ status: 'unknown_badge' });
    await kioskActivity(t.platform).idle();
  });

  it('takes the same reading over HTTP from a kiosk without MQTT', async () => {
    const dev = await head1.post('/api/devices', { canteenId: t.fx.orgs.k1, kind: 'check_kiosk', code: 'KIOSK-T2', name: '二号晨检仪' });
    const add = await site1.post('/api/workers', { canteenId: t.fx.orgs.k1, name: '吴敏', job: 'pastry_cook', badge: 'CARD-0050', certificate: { no: 'JK-50', issuedOn: '2026-05-01' } });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    const http = await CheckKioskSimulator.start({ code: 'KIOSK-T2', token: dev.body.token, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      const sent = await http.check('CARD-0050', { temperatureC: 36.3, at: at() });
      expect(sent.answer).toBeNull();
      await kioskActivity(t.platform).idle();
      const rows = (await safe1.get(`/api/workers/checks?canteenId=${t.fx.orgs.k1}&from=${TODAY}&to=${TODAY}&workerId=${add.body.id}`)).body;
      expect(rows).toMatchObject([{ source: 'device', deviceCode: 'KIOSK-T2', temperatureC: 36.3, fit: true }]);
      await expect(http.send({ ...sent.reading, temperatureC: 99 })).rejects.toThrow(/400/);
    } finally {
      await http.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the day’s roster', () => {
  it('lists who is fit, not fit and not yet checked; after the cut-off the unchecked are absent', async () => {
    const r = (await safe1.get(`/api/workers/roster?canteenId=${t.fx.orgs.k1}`)).body;
    expect(r).toMatchObject({ date: TODAY, cutoff: '09:30', cutoffPassed: false });
    const status = (name: string) => r.workers.find((w: { name: string }) => w.name === name).status;
    expect([status('W1'), status('W2'), status('W4'), status('W5'), status('孙丽'), status('新人')]).toEqual(['fit', 'unfit', 'fit', 'unfit', 'fit', 'pending']);
    expect(r.absent).toEqual([]);
    expect(r.workers.find((w: { name: string }) => w.name === 'W2').certificate.status).toBe('expired');

    now = new Date('2026-11-25T01:31:00Z'); // 09:31
    const after = (await safe1.get(`/api/workers/roster?canteenId=${t.fx.orgs.k1}&date=${TODAY}`)).body;
    expect(after.cutoffPassed).toBe(true);
    expect(after.absent.map((a: { name: string }) => a.name)).toEqual(['新人']);
    expect(after.counts).toMatchObject({ workers: 10, absent: 1, pending: 0 });

    const ctx = await makeCtx(t.platform, null, [], 'zh');
    const day = await morningCheckDay(ctx, t.fx.orgs.k1, TODAY);
    expect(day).toEqual({ workers: 10, checked: 9, fit: after.counts.fit, unfit: after.counts.unfit, absent: [{ workerId: after.absent[0].workerId, name: '新人' }], certificatesExpiring: 0, certificatesExpired: 1 });
    expect(day.fit + day.unfit).toBe(9);

    // Another canteen's staff cannot read it; a past day lists checks, a day before registration nobody.
    expect((await safe2.get(`/api/workers/roster?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
    expect((await safe1.get(`/api/workers/roster?canteenId=${t.fx.orgs.k1}&date=2026-11-20`)).body.workers).toEqual([]);
    expect((await safe1.get(`/api/workers/roster?canteenId=${t.fx.orgs.k1}&date=2026-13-01`)).status).toBe(400);
  });
});
