import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../core/db.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { alertJobs } from '../alert/index.ts';
import { sweepCertificates } from './index.ts';

// 08:00 on 25 November 2026, China time; tests move it.
let now = new Date('2026-11-25T00:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let site1: Client, safe1: Client, hall1: Client, chef1: Client, head2: Client, safe2: Client, leader: Client;

beforeAll(async () => {
  t = await testApp(() => now);
  [site1, safe1, hall1, chef1, head2, safe2, leader] = await Promise.all(['site1', 'safe1', 'hall1', 'chef1', 'head2', 'safe2', 'leader'].map((u) => t.as(u)));
});
afterAll(() => t?.close());

/** Moves the clock; sessions last hours, so the people signed in sign in again. */
async function moveTo(iso: string) {
  now = new Date(iso);
  await Promise.all([site1, safe1].map((c) => c.login(c === site1 ? 'site1' : 'safe1')));
}

const worker = (over: Record<string, unknown> = {}) => ({
  canteenId: t.fx.orgs.k1, name: '王小明', employer: '台州市膳源餐饮管理有限公司', job: 'chef', badge: 'K1-W01', phone: '13800000001',
  certificate: { no: 'JK2026-0001', issuedOn: '2026-03-01' }, ...over,
});

const count = async (table: string) => (await rows<{ n: number }>(t.platform.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

async function alertsOf(kind: string, status = 'unresolved') {
  await alertJobs(t.platform).idle();
  return (await site1.get(`/api/alerts?kind=${kind}&status=${status}`)).body as { key: string; status: string; titleZh: string; detail: { daysLeft: number }; notified: { name: string }[] }[];
}

const png = () => {
  const p = new PNG({ width: 4, height: 4 });
  p.data.fill(200);
  return PNG.sync.write(p);
};

describe('staff registry', () => {
  let id: number;

  it('registers a worker with a health certificate valid a year by default', async () => {
    const r = await site1.post('/api/workers', worker());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
    expect(r.body).toMatchObject({ name: '王小明', job: 'chef', jobZh: '厨师', badge: 'K1-W01', active: true, photoAt: null,
      certificate: { no: 'JK2026-0001', issuedOn: '2026-03-01', validUntil: '2027-03-01', status: 'valid', daysLeft: 96 } });
    expect(r.body.certificates).toHaveLength(1);
    const list = (await chef1.get(`/api/workers?canteenId=${t.fx.orgs.k1}`)).body;
    expect(list.map((w: { id: number }) => w.id)).toEqual([id]);
  });

  it('keeps badges unique per canteen, not across canteens', async () => {
    const dup = await safe1.post('/api/workers', worker({ name: '李四' }));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('badge_taken');
    const k2 = await head2.post('/api/workers', worker({ canteenId: t.fx.orgs.k2, name: '赵六' }));
    expect(k2.status).toBe(201);
  });

  it('hides one canteen’s workers from another canteen’s staff', async () => {
    expect((await safe2.get(`/api/workers?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
    expect((await safe2.get(`/api/workers/${id}`)).status).toBe(404);
    expect((await safe2.get(`/api/workers/${id}/photo`)).status).toBe(404);
    expect((await head2.put(`/api/workers/${id}`, { name: 'x', employer: '', job: 'chef', badge: 'X1', phone: '', active: true })).status).toBe(404);
    const mine = (await safe2.get('/api/workers')).body as { orgId: number }[];
    expect(mine.length).toBe(1);
    expect(mine.every((w) => w.orgId === t.fx.orgs.k2)).toBe(true);
    // The bureau leader reads both; a hall manager reads but may not register.
    expect((await leader.get('/api/workers')).body).toHaveLength(2);
    expect((await hall1.post('/api/workers', worker({ badge: 'K1-W09' }))).status).toBe(403);
  });

  it('edits, deactivates and stores a photo served only to those who may see the worker', async () => {
    const r = await safe1.put(`/api/workers/${id}`, { name: '王小明', employer: '台州康厨餐饮管理有限公司', job: 'prep_cook', badge: 'K1-W01', phone: '', active: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ job: 'prep_cook', jobZh: '切配', employer: '台州康厨餐饮管理有限公司' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png())], { type: 'image/png' }), 'face.png');
    const up = await site1.req('PUT', `/api/workers/${id}/photo`, form);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.photoAt).toBeTruthy();
    const got = await chef1.get(`/api/workers/${id}/photo`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(got.body as Buffer, png())).toBe(0);
    const bad = new FormData();
    bad.append('file', new Blob(['not an image'], { type: 'text/plain' }), 'x.txt');
    expect((await site1.req('PUT', `/api/workers/${id}/photo`, bad)).status).toBe(400);
  });

  it('answers bad input with 4xx and changes nothing', async () => {
    const before = await Promise.all(['worker_worker', 'worker_certificate', 'core_audit_log'].map(count));
    for (const body of [
      worker({ badge: 'K1-W02', name: '' }),
      worker({ badge: 'bad badge!' }),
      worker({ badge: 'K1-W02', job: 'astronaut' }),
      worker({ badge: 'K1-W02', certificate: { no: 'X', issuedOn: '2026-13-01' } }),
      worker({ badge: 'K1-W02', certificate: { no: 'X', issuedOn: '2026-03-01', validUntil: '2026-02-01' } }),
      worker({ badge: 'K1-W02', canteenId: 999_999 }),
    ]) {
      const r = await site1.post('/api/workers', body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.message.length).toBeGreaterThan(3);
    }
    expect((await site1.post(`/api/workers/${id}/certificate`, { no: 'OLD', issuedOn: '2025-01-01' })).status).toBe(422);
    expect(await Promise.all(['worker_worker', 'worker_certificate', 'core_audit_log'].map(count))).toEqual(before);
  });
});

describe('health certificates', () => {
  let soon: number, later: number;

  it('warns the site manager when a certificate runs out within 30 days', async () => {
    // 25 days left: warned at once; 31 days left: not yet.
    soon = (await site1.post('/api/workers', worker({ name: '陈静', badge: 'K1-W10', certificate: { no: 'JK-10', issuedOn: '2025-12-20', validUntil: '2026-12-20' } }))).body.id;
    later = (await site1.post('/api/workers', worker({ name: '刘洋', badge: 'K1-W11', certificate: { no: 'JK-11', issuedOn: '2025-12-26' } }))).body.id;
    const open = await alertsOf('worker.certificate_expiring');
    expect(open.map((a) => a.key)).toEqual([`worker:${soon}`]);
    expect(open[0]!.detail.daysLeft).toBe(25);
    expect(open[0]!.notified.map((n) => n.name)).toEqual(['项目经理一']);
    expect((await site1.get(`/api/workers/${soon}`)).body.certificate).toMatchObject({ status: 'expiring', daysLeft: 25 });
  });

  it('sweeps daily: 30 days before expiry warns, after expiry it is critical', async () => {
    await moveTo('2026-11-26T00:00:00Z');
    await sweepCertificates(t.platform);
    expect((await alertsOf('worker.certificate_expiring')).map((a) => a.key).sort()).toEqual([`worker:${soon}`, `worker:${later}`].sort());
    await moveTo('2026-12-21T00:00:00Z');
    expect(await sweepCertificates(t.platform)).toMatchObject({ expired: 1 });
    const expired = await alertsOf('worker.certificate_expired');
    expect(expired.map((a) => a.key)).toEqual([`worker:${soon}`]);
    expect(expired[0]!.titleZh).toContain('已于 2026-12-20 过期');
    expect((await alertsOf('worker.certificate_expiring')).map((a) => a.key)).toEqual([`worker:${later}`]);
    // A second sweep the same day changes nothing.
    await sweepCertificates(t.platform);
    expect((await alertsOf('worker.certificate_expired'))).toHaveLength(1);
  });

  it('clears the alerts when the certificate is renewed, and keeps the old one on record', async () => {
    const r = await site1.post(`/api/workers/${soon}/certificate`, { no: 'JK-10B', issuedOn: '2026-12-21' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.certificate).toMatchObject({ no: 'JK-10B', validUntil: '2027-12-21', status: 'valid' });
    expect(r.body.certificates.map((c: { no: string }) => c.no)).toEqual(['JK-10B', 'JK-10']);
    expect(await alertsOf('worker.certificate_expired')).toHaveLength(0);
    const resolved = await alertsOf('worker.certificate_expired', 'resolved');
    expect(resolved.map((a) => a.key)).toEqual([`worker:${soon}`]);
    // Deactivating a worker clears their warning too.
    const w = (await site1.get(`/api/workers/${later}`)).body;
    await site1.put(`/api/workers/${later}`, { name: w.name, employer: w.employer, job: w.job, badge: w.badge, phone: w.phone, active: false });
    expect(await alertsOf('worker.certificate_expiring')).toHaveLength(0);
  });

  it('uses the canteen’s own warning period', async () => {
    expect((await site1.get(`/api/workers/settings?canteenId=${t.fx.orgs.k1}`)).body).toMatchObject({ certificateWarnDays: 30, feverC: 37.3, cutoff: '09:30' });
    expect((await safe1.put('/api/workers/settings', { canteenId: t.fx.orgs.k1, certificateWarnDays: 60, feverC: 37.3, cutoff: '09:30' })).status).toBe(403);
    const r = await site1.put('/api/workers/settings', { canteenId: t.fx.orgs.k1, certificateWarnDays: 120, feverC: 37.3, cutoff: '09:30' });
    expect(r.status).toBe(200);
    // The first worker's certificate (2027-03-01) is now within 120 days of 2026-12-21.
    const open = await alertsOf('worker.certificate_expiring');
    expect(open.map((a) => a.detail.daysLeft)).toEqual([70]);
    await site1.put('/api/workers/settings', { canteenId: t.fx.orgs.k1, certificateWarnDays: 30, feverC: 37.3, cutoff: '09:30' });
    expect(await alertsOf('worker.certificate_expiring')).toHaveLength(0);
  });
});
