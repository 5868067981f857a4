import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../core/context.ts';
import { planningLibrary } from '../../../test/canteen-fixture.ts';
import { Client, testApp } from '../../../test/harness.ts';
import { defineAlertKinds } from './kinds.ts';
import { addNotifier, type Recipient } from './notify.ts';
import { alertJobs } from './reactions.ts';
import { raiseAlert } from './service.ts';
import { systemCtx } from './system.ts';

let now = new Date('2026-11-25T02:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, chef1: Client, head1: Client, store1: Client, head2: Client, store2: Client, diner1: Client;
let lib: Awaited<ReturnType<typeof planningLibrary>>;
let key = 0;
const heard: { alertId: number; kind: string; recipients: string[] }[] = [];
const TEST_KINDS = defineAlertKinds([{ key: 'test.thing', source: 'test', zh: '测试', en: 'Test', severity: 'info' }] as const);

const ok = <T = any>(r: { status: number; body: T }, status = 201): T => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
/** Stock events are handled after commit; wait for the scans and notifications they start. */
const settled = () => alertJobs(t.platform).idle();
/** An alert's audit trail, oldest first, as the administrator's audit log page reads it. */
const auditTrail = async (id: number) =>
  ok<{ items: { id: number; action: string; actorName: string | null }[] }>(await admin.get(`/api/audit?entity=alert&entityId=${id}`), 200).items.sort((a, b) => a.id - b.id);
const alertsOf = async (c: Client, query = '') => ok<any[]>(await c.get(`/api/alerts?${query}`), 200);
const find = async (kind: string, alertKey: string, status = 'unresolved') =>
  (await alertsOf(head1, `orgId=${t.fx.orgs.k1}&status=${status}`)).filter((a) => a.kind === kind && a.key === alertKey);

const receive = async (ingredientId: number, grams: number, extra: Record<string, unknown> = {}) => {
  const r = ok(await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: `alert-test-${++key}`, supplierId: lib.supplier,
    lines: [{ ingredientId, deliveredG: grams, acceptedG: grams, decision: 'accepted', grade: 'good', weighedBy: 'manual', ...extra }] }));
  await settled();
  return r;
};
const issue = async (ingredientId: number, grams: number) => {
  ok(await store1.post('/api/stock/issues', { canteenId: t.fx.orgs.k1, requestKey: `alert-test-${++key}`, lines: [{ ingredientId, qtyG: grams }] }));
  await settled();
};
/** Days pass: the sweep scans, and sessions have expired, so people sign in again. */
const moveClockTo = async (iso: string) => {
  now = new Date(iso);
  await alertJobs(t.platform).sweep();
  [head1, store1] = await Promise.all([t.as('head1'), t.as('store1')]);
};

beforeAll(async () => {
  t = await testApp(() => now);
  [admin, chef1, head1, store1, head2, store2, diner1] = await Promise.all(['admin', 'chef1', 'head1', 'store1', 'head2', 'store2', 'diner1'].map((u) => t.as(u)));
  lib = await planningLibrary(admin);
  addNotifier(t.platform, { key: 'failing', send: async () => { throw new Error('adapter down'); } });
  addNotifier(t.platform, { key: 'test', send: async (a, r: Recipient[]) => { heard.push({ alertId: a.id, kind: a.kind, recipients: r.map((p) => p.name) }); } });
  ok(await store1.put(`/api/ingredients/${lib.pork}/stock-limit`, { canteenId: t.fx.orgs.k1, minG: 5000, maxG: 20000 }), 200);
  await settled();
});
afterAll(async () => {
  alertJobs(t.platform).stop();
  await settled();
  await t.close();
});

describe('stock alerts', () => {
  it('raises below-minimum after an issue, tells the canteen\'s handlers, and resolves itself after a receipt', async () => {
    await receive(lib.pork, 6000);
    expect(await find('stock.below_min', `ingredient:${lib.pork}`)).toEqual([]);
    await issue(lib.pork, 2000);
    const [low] = await find('stock.below_min', `ingredient:${lib.pork}`);
    expect(low).toMatchObject({ status: 'open', severity: 'warning', source: 'stock', orgName: '一号食堂', raisedBy: null, detail: { qtyG: 4000, minG: 5000 } });
    expect(low.titleZh).toBe('五花肉 低于最低库存：现有 4 kg，下限 5 kg');
    expect(low.titleEn).toBe('Pork belly below minimum: 4 kg on hand, minimum 5 kg');
    // Handlers at the canteen (head, storekeeper) are told; the head chef may only read; a failing adapter harms no one.
    expect(heard.filter((h) => h.alertId === low.id)).toEqual([{ alertId: low.id, kind: 'stock.below_min', recipients: ['负责人一', '仓管一'] }]);
    expect(low.notified.map((n: any) => [n.name, n.notifier, n.level])).toEqual([['负责人一', 'in_app', 0], ['仓管一', 'in_app', 0]]);

    await issue(lib.pork, 1000);
    const [lower] = await find('stock.below_min', `ingredient:${lib.pork}`);
    expect(lower).toMatchObject({ id: low.id, seenCount: 2, detail: { qtyG: 3000 } });
    expect(heard.filter((h) => h.alertId === low.id)).toHaveLength(1);

    await receive(lib.pork, 3000);
    const [done] = await find('stock.below_min', `ingredient:${lib.pork}`, 'resolved');
    expect(done).toMatchObject({ id: low.id, status: 'resolved', resolvedBy: null, resolvedBySystem: true, resolvedAt: now.toISOString() });
  });

  it('raises above-maximum and resolves it when stock comes down', async () => {
    await receive(lib.pork, 15000);
    const [high] = await find('stock.above_max', `ingredient:${lib.pork}`);
    expect(high).toMatchObject({ severity: 'info', detail: { qtyG: 21000, maxG: 20000 } });
    await issue(lib.pork, 2000);
    expect(await find('stock.above_max', `ingredient:${lib.pork}`)).toEqual([]);
  });

  it('raises for a receipt missing required documents and clears it when they are attached', async () => {
    ok(await head1.put('/api/stock/required-documents', { orgId: t.fx.orgs.k1, rules: [{ category: 'vegetable', kinds: ['invoice'] }] }), 200);
    const r = await receive(lib.tomato, 2000);
    const [missing] = await find('stock.documents_missing', `doc:${r.id}`);
    expect(missing.titleZh).toBe(`验收单 ${r.no} 缺少票证：发票/送货单`);
    expect(missing.link).toEqual({ entity: 'stock_doc', id: String(r.id), path: `/stock/docs?doc=${r.id}` });
    const form = new FormData();
    form.set('kind', 'invoice');
    form.set('file', new File([Buffer.from('%PDF-1.4 invoice')], '发票.pdf', { type: 'application/pdf' }));
    ok(await store1.req('POST', `/api/stock/receipts/${r.id}/attachments`, form));
    await settled();
    expect(await find('stock.documents_missing', `doc:${r.id}`)).toEqual([]);
    expect(await find('stock.documents_missing', `doc:${r.id}`, 'resolved')).toHaveLength(1);
  });

  it('picks up a change that emits no event (a new minimum) at the hourly sweep', async () => {
    ok(await store1.put(`/api/ingredients/${lib.tomato}/stock-limit`, { canteenId: t.fx.orgs.k1, minG: 10000, maxG: 0 }), 200);
    await alertJobs(t.platform).sweep();
    expect(await find('stock.below_min', `ingredient:${lib.tomato}`)).toEqual([]);
    now = new Date(now.getTime() + 3600_000);
    await alertJobs(t.platform).sweep();
    expect((await find('stock.below_min', `ingredient:${lib.tomato}`))[0]).toMatchObject({ detail: { qtyG: 2000, minG: 10000 } });
  });
});

describe('raising', () => {
  it('keeps one unresolved alert per organisation, kind and key, also when raised concurrently', async () => {
    const raise = async (detail: Record<string, unknown>) => inTransaction(await systemCtx(t.platform), (ctx) => raiseAlert(ctx, {
      orgId: t.fx.orgs.k2, kind: TEST_KINDS['test.thing'].key, key: 'thing:1', titleZh: '测试预警', titleEn: 'Test alert', detail }));
    const results = await Promise.all([1, 2, 3, 4].map(() => raise({ n: 1 })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    await raise({ n: 2 });
    await settled();
    const list = (await alertsOf(head2)).filter((a) => a.kind === 'test.thing');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ seenCount: 5, detail: { n: 2 }, source: 'test' });
    const trail = await auditTrail(list[0].id);
    expect(trail.map((a) => a.action)).toEqual(['alert.raised', 'alert.updated']);
  });
});

describe('acknowledging and resolving', () => {
  let id: number;
  beforeAll(async () => {
    await issue(lib.pork, 15000);
    id = (await find('stock.below_min', `ingredient:${lib.pork}`))[0].id;
  });

  it('records who acknowledged and when; only once; not by a reader', async () => {
    expect((await chef1.post(`/api/alerts/${id}/acknowledge`)).status).toBe(403);
    const acked = ok(await store1.post(`/api/alerts/${id}/acknowledge`), 200);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedByName: '仓管一', acknowledgedAt: now.toISOString(), nextEscalationAt: null });
    const again = await head1.post(`/api/alerts/${id}/acknowledge`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该预警已有人确认');
  });

  it('refuses a resolution without a note and changes nothing; records who resolved it with the note', async () => {
    const bad = await (await new Client(t.app, 'en').login('head1')).post(`/api/alerts/${id}/resolve`, { note: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('say what was done');
    expect((await find('stock.below_min', `ingredient:${lib.pork}`))[0]).toMatchObject({ id, status: 'acknowledged' });
    now = new Date(now.getTime() + 3600_000);
    const done = ok(await head1.post(`/api/alerts/${id}/resolve`, { note: '已补货下单' }), 200);
    expect(done).toMatchObject({ status: 'resolved', resolvedByName: '负责人一', resolvedBySystem: false, resolveNote: '已补货下单', resolvedAt: now.toISOString(), acknowledgedByName: '仓管一' });
    expect((await head1.post(`/api/alerts/${id}/resolve`, { note: '再次' })).status).toBe(409);
    const trail = await auditTrail(id);
    expect(trail.map((a) => [a.action, a.actorName])).toEqual([['alert.raised', null], ['alert.acknowledged', '仓管一'], ['alert.resolved', '负责人一']]);
  });

  it('raises a new alert when the condition still holds at the next check', async () => {
    await alertJobs(t.platform).scan(t.fx.orgs.k1);
    const [again] = await find('stock.below_min', `ingredient:${lib.pork}`);
    expect(again.id).not.toBe(id);
  });
});

describe('visibility', () => {
  it('hides one canteen\'s alerts from another and from diners', async () => {
    const k1 = await alertsOf(head1, 'status=unresolved');
    expect(k1.length).toBeGreaterThan(0);
    expect(k1.every((a) => a.orgId === t.fx.orgs.k1)).toBe(true);
    expect((await alertsOf(store2)).every((a) => a.orgId === t.fx.orgs.k2)).toBe(true);
    expect((await store2.get(`/api/alerts?orgId=${t.fx.orgs.k1}`)).status).toBe(404);
    expect((await store2.post(`/api/alerts/${k1[0].id}/acknowledge`)).status).toBe(404);
    expect((await store2.post(`/api/alerts/${k1[0].id}/resolve`, { note: '不是我的' })).status).toBe(404);
    expect((await diner1.get('/api/alerts')).status).toBe(403);
    expect((await store1.get('/api/alerts?severity=urgent')).status).toBe(400);
  });

  it('counts unresolved alerts by severity for the caller\'s canteens', async () => {
    const k1 = await alertsOf(head1, 'status=unresolved');
    const summary = ok(await head1.get('/api/alerts/summary'), 200);
    expect(summary.open + summary.acknowledged).toBe(k1.length);
    expect(summary.bySeverity.critical + summary.bySeverity.warning + summary.bySeverity.info).toBe(k1.length);
    expect(ok(await store2.get('/api/alerts/summary'), 200)).toEqual({ open: 1, acknowledged: 0, bySeverity: { critical: 0, warning: 0, info: 1 } });
    const everyone = ok(await admin.get(`/api/alerts/summary?orgId=${t.fx.orgs.centre}`), 200);
    expect(everyone.open + everyone.acknowledged).toBe(k1.length + 1);
  });
});

// Last: it moves the clock days ahead.
describe('expiry', () => {
  it('notices a batch nearing its best-before as days pass without any stock move, then raises "expired"', async () => {
    const r = await receive(lib.egg, 3000, { bestBefore: '2026-11-29' });
    const batchKey = `batch:${r.lines[0].batchId}`;
    expect(await find('stock.expiring', batchKey)).toEqual([]);
    await moveClockTo('2026-11-27T00:30:00Z');
    const [soon] = await find('stock.expiring', batchKey);
    expect(soon).toMatchObject({ severity: 'warning', detail: { bestBefore: '2026-11-29', qtyG: 3000 } });
    expect(soon.titleZh).toBe('鸡蛋 2 天后到期：2026-11-25 入库，保质期至 2026-11-29，余 3 kg');
    await moveClockTo('2026-11-28T00:30:00Z');
    expect((await find('stock.expiring', batchKey))[0]).toMatchObject({ id: soon.id, titleEn: '鸡蛋 best before in 1 day: received 2026-11-25, best before 2026-11-29, 3 kg left' });
    await moveClockTo('2026-11-30T00:30:00Z');
    expect(await find('stock.expiring', batchKey)).toEqual([]);
    const [expired] = await find('stock.expired', batchKey);
    expect(expired).toMatchObject({ severity: 'critical', status: 'open' });
    // Writing the batch off clears it.
    ok(await store1.post('/api/stock/write-offs', { canteenId: t.fx.orgs.k1, requestKey: `alert-test-${++key}`, reason: '已过期', lines: [{ batchId: r.lines[0].batchId, qtyG: 3000 }] }));
    await settled();
    expect(await find('stock.expired', batchKey)).toEqual([]);
  });
});
