import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../core/context.ts';
import { Client, testApp } from '../../../test/harness.ts';
import { defineAlertKinds } from './kinds.ts';
import { addNotifier } from './notify.ts';
import { alertJobs } from './reactions.ts';
import { raiseAlert } from './service.ts';
import { systemCtx } from './system.ts';

let now = new Date('2026-11-26T01:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let head1: Client, head2: Client, safe1: Client, site1: Client, leader: Client;
const heard: { alertId: number; level: number; names: string[] }[] = [];
const KINDS = defineAlertKinds([
  { key: 'esc.sample_light', source: 'esc', zh: '留样不足', en: 'Light sample', severity: 'critical', handlers: ['safety_officer'] },
  { key: 'esc.check_failed', source: 'esc', zh: '晨检不合格', en: 'Check failed', severity: 'warning', handlers: ['site_manager'] },
] as const);

const ok = <T = any>(r: { status: number; body: T }, status = 200): T => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
let n = 0;
const raise = async (kind: keyof typeof KINDS, orgId = t.fx.orgs.k1) => {
  const { id } = await inTransaction(await systemCtx(t.platform), (ctx) => raiseAlert(ctx, {
    orgId, kind, key: `thing:${++n}`, titleZh: `测试 ${n}`, titleEn: `Test ${n}`, detail: {} }));
  await alertJobs(t.platform).idle();
  return id;
};
let signedInAt = 0;
const signIn = async () => {
  [head1, head2, safe1, site1, leader] = await Promise.all(['head1', 'head2', 'safe1', 'site1', 'leader'].map((u) => t.as(u)));
  signedInAt = now.getTime();
};
/** Minutes pass; the escalation check runs as its timer would. Sessions idle out meanwhile, so people sign in again. */
const after = async (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
  if (now.getTime() - signedInAt > 20 * 60_000) await signIn();
  const moved = await alertJobs(t.platform).escalate();
  await alertJobs(t.platform).idle();
  return moved;
};
const view = async (id: number) => (ok<any[]>(await head1.get(`/api/alerts?orgId=${t.fx.orgs.k1}`))).find((a) => a.id === id);
const toldAt = (id: number, level: number) => heard.filter((h) => h.alertId === id && h.level === level).flatMap((h) => h.names);

beforeAll(async () => {
  t = await testApp(() => now);
  await signIn();
  addNotifier(t.platform, { key: 'test', send: async (a, r) => { heard.push({ alertId: a.id, level: a.escalationLevel, names: r.map((p) => p.name) }); } });
});
afterAll(async () => {
  alertJobs(t.platform).stop();
  await t.close();
});

describe('escalation', () => {
  it('goes from the handlers to the site manager, the canteen head and the bureau, one level per 15 minutes of a critical alert nobody acknowledged', async () => {
    const id = await raise('esc.sample_light');
    expect(toldAt(id, 0)).toEqual(['食安员一']);
    expect(await view(id)).toMatchObject({ escalationLevel: 0, nextEscalationAt: new Date(now.getTime() + 15 * 60_000).toISOString() });
    expect(await after(14)).toBe(0);
    expect((await view(id)).escalationLevel).toBe(0);
    expect(await after(1)).toBe(1);
    expect(toldAt(id, 1)).toEqual(['项目经理一']);
    expect(await after(15)).toBe(1);
    expect(toldAt(id, 2)).toEqual(['负责人一']);
    expect(await after(15)).toBe(1);
    expect(toldAt(id, 3)).toEqual(['局领导']);
    const top = await view(id);
    expect(top).toMatchObject({ escalationLevel: 3, nextEscalationAt: null, status: 'open' });
    expect(top.notified.map((x: any) => [x.name, x.level])).toEqual([['食安员一', 0], ['项目经理一', 1], ['负责人一', 2], ['局领导', 3]]);
    expect(await after(60)).toBe(0);
    // The bureau sees it in its alert centre too.
    expect(ok<any[]>(await leader.get('/api/alerts?status=unresolved')).map((a) => a.id)).toContain(id);
  });

  it('stops once someone acknowledges', async () => {
    const id = await raise('esc.sample_light');
    await after(15);
    ok(await site1.post(`/api/alerts/${id}/acknowledge`));
    expect(await after(60)).toBe(0);
    expect(await view(id)).toMatchObject({ escalationLevel: 1, status: 'acknowledged', nextEscalationAt: null });
    expect(toldAt(id, 2)).toEqual([]);
  });

  it('skips a level with nobody new: a site manager already told goes straight to the canteen head', async () => {
    const id = await raise('esc.check_failed');
    expect(toldAt(id, 0)).toEqual(['项目经理一']);
    expect(await after(59)).toBe(0);
    expect(await after(1)).toBe(1);
    expect(await view(id)).toMatchObject({ escalationLevel: 2 });
    expect(toldAt(id, 1)).toEqual([]);
    expect(toldAt(id, 2)).toEqual(['负责人一']);
  });

  it('follows the canteen head\'s own times; other canteens keep the defaults', async () => {
    const rules = ok(await head1.put('/api/alerts/escalation', { orgId: t.fx.orgs.k1, afterMinutes: { critical: 5, warning: null, info: null } }));
    expect(rules).toMatchObject({ fromOrgId: t.fx.orgs.k1, afterMinutes: { critical: 5, warning: null } });
    expect(ok(await head2.get(`/api/alerts/escalation?orgId=${t.fx.orgs.k2}`))).toMatchObject({ fromOrgId: null, afterMinutes: { critical: 15, warning: 60, info: null } });
    const critical = await raise('esc.sample_light');
    const warning = await raise('esc.check_failed');
    expect(await view(warning)).toMatchObject({ escalationLevel: 0, nextEscalationAt: null });
    const k2 = await raise('esc.sample_light', t.fx.orgs.k2);
    await after(5);
    expect(await view(critical)).toMatchObject({ escalationLevel: 1 });
    await after(5);
    expect(await view(critical)).toMatchObject({ escalationLevel: 2 });
    expect(toldAt(k2, 1)).toEqual([]);
    await after(5);
    // K2 has no site manager: its first step reaches its canteen head, at the default 15 minutes.
    expect(toldAt(k2, 2)).toEqual(['负责人二']);
    await after(600);
    expect(await view(warning)).toMatchObject({ escalationLevel: 0, status: 'open' });
  });

  it('refuses bad times and other canteens\' settings, changing nothing', async () => {
    const before = ok(await head1.get(`/api/alerts/escalation?orgId=${t.fx.orgs.k1}`));
    for (const afterMinutes of [{ critical: 0, warning: 60, info: null }, { critical: 5 }, { critical: 5.5, warning: 60, info: null }, { critical: '5', warning: 60, info: null }]) {
      const r = await head1.put('/api/alerts/escalation', { orgId: t.fx.orgs.k1, afterMinutes });
      expect(r.status, JSON.stringify(afterMinutes)).toBe(400);
    }
    expect((await head2.put('/api/alerts/escalation', { orgId: t.fx.orgs.k1, afterMinutes: { critical: 1, warning: 1, info: 1 } })).status).toBe(403);
    expect((await safe1.put('/api/alerts/escalation', { orgId: t.fx.orgs.k1, afterMinutes: { critical: 1, warning: 1, info: 1 } })).status).toBe(403);
    expect(ok(await head1.get(`/api/alerts/escalation?orgId=${t.fx.orgs.k1}`))).toEqual(before);
  });
});

describe('history per canteen', () => {
  it('counts what was raised, escalated and acknowledged, per day and kind, for one canteen only', async () => {
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const h = ok<any>(await head1.get(`/api/alerts/history?orgId=${t.fx.orgs.k1}&from=2026-11-20&to=${today}`));
    expect(h).toMatchObject({ raised: 5, escalated: 4, critical: 3, unresolved: 5 });
    expect(h.meanAckMinutes).toBe(15);
    expect(h.byKind).toEqual([
      { kind: 'esc.sample_light', source: 'esc', n: 3, escalated: 3 },
      { kind: 'esc.check_failed', source: 'esc', n: 2, escalated: 1 },
    ]);
    expect(h.byDay.reduce((s: number, d: any) => s + d.n, 0)).toBe(5);
    expect(h.alerts.every((a: any) => a.orgId === t.fx.orgs.k1)).toBe(true);
    expect((await head2.get(`/api/alerts/history?orgId=${t.fx.orgs.k1}&from=2026-11-20&to=${today}`)).status).toBe(404);
    expect((await head1.get(`/api/alerts/history?orgId=${t.fx.orgs.k1}&from=${today}&to=2026-11-20`)).status).toBe(400);
  });
});
