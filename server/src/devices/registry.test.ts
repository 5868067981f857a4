import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../core/schema.ts';
import { Client, testApp } from '../../test/harness.ts';
import { device } from './schema.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let head1: Client, head2: Client, store1: Client, chef1: Client, diner1: Client, admin: Client;

beforeAll(async () => {
  t = await testApp();
  [admin, head1, head2, store1, chef1, diner1] = await Promise.all(['admin', 'head1', 'head2', 'store1', 'chef1', 'diner1'].map((u) => t.as(u)));
});
afterAll(() => t.close());

const scale = (code: string, canteenId = t.fx.orgs.k1) => ({ canteenId, kind: 'scale', code, name: '验收秤' });

async function rowCounts() {
  const db = t.platform.database.db;
  const [d] = await db.select({ n: count() }).from(device);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { devices: d!.n, audit: a!.n };
}

describe('device registry', () => {
  it('registers a scale for the canteen head and shows its token once', async () => {
    const r = await head1.post('/api/devices', scale('scale-k1-01'));
    expect(r.status).toBe(201);
    expect(r.body.device).toMatchObject({ code: 'SCALE-K1-01', kind: 'scale', orgId: t.fx.orgs.k1, active: true, canteenName: '一号食堂' });
    expect(r.body.token).toMatch(/^[\w-]{32}$/);
    expect(r.body.device.tokenHash).toBeUndefined();
    const list = await store1.get('/api/devices');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(r.body.token);
    expect(list.body[0].tokenHash).toBeUndefined();
  });

  it('keeps devices inside their canteen and registration with the managers', async () => {
    expect((await head2.get('/api/devices')).body).toEqual([]);
    expect((await head2.get(`/api/devices?canteenId=${t.fx.orgs.k1}`)).body).toEqual([]);
    expect((await head2.post('/api/devices', scale('SCALE-K1-02'))).status).toBe(403);
    expect((await store1.post('/api/devices', scale('SCALE-K1-02'))).status).toBe(403);
    expect((await chef1.post('/api/devices', scale('SCALE-K1-02'))).status).toBe(403);
    expect((await diner1.get('/api/devices')).status).toBe(403);
    const [mine] = (await head1.get('/api/devices')).body;
    expect((await head2.post(`/api/devices/${mine.id}/rotate-token`)).status).toBe(404);
    expect((await head2.post(`/api/devices/${mine.id}/deactivate`)).status).toBe(404);
    expect((await store1.post(`/api/devices/${mine.id}/deactivate`)).status).toBe(403);
    // the bureau's administrator manages every canteen's devices
    expect((await admin.get('/api/devices')).body.map((d: { code: string }) => d.code)).toEqual(['SCALE-K1-01']);
  });

  it('refuses bad registrations with a 4xx and a readable message, changing nothing', async () => {
    const before = await rowCounts();
    const bad: [unknown, number][] = [
      ['{not json', 400],
      [{}, 400],
      [scale('bad code!'), 400],
      [scale('AB'), 400],
      [{ ...scale('METER-01'), kind: 'meter' }, 400],
      [{ ...scale('SCALE-K1-03'), name: '  ' }, 400],
      [{ ...scale('SCALE-K1-03'), canteenId: 'k1' }, 400],
      [scale('SCALE-K1-03', t.fx.orgs.u1), 404],
      [scale('SCALE-K1-03', 999_999), 404],
      [scale('scale-k1-01'), 409],
    ];
    for (const [body, status] of bad) {
      const r = await head1.req('POST', '/api/devices', typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json' });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.message.length, JSON.stringify(body)).toBeGreaterThan(3);
    }
    const en = new Client(t.app, 'en');
    Object.assign(en, { cookie: head1.cookie, csrf: head1.csrf });
    const r = await en.post('/api/devices', scale('bad code!'));
    expect(r.body.message).toMatch(/^Invalid request body: code: .*capital letters/);
    expect((await en.post('/api/devices', scale('SCALE-K1-01'))).body.message).toBe('Device code SCALE-K1-01 is already in use');
    expect(await rowCounts()).toEqual(before);
  });

  it('rotates the token and deactivates, each change in the audit log', async () => {
    const [mine] = (await head1.get('/api/devices')).body;
    const rotated = await head1.post(`/api/devices/${mine.id}/rotate-token`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).toMatch(/^[\w-]{32}$/);
    const off = await head1.post(`/api/devices/${mine.id}/deactivate`);
    expect(off.body.active).toBe(false);
    expect((await head1.post(`/api/devices/${mine.id}/deactivate`)).body.active).toBe(false);
    const on = await head1.post(`/api/devices/${mine.id}/activate`);
    expect(on.body.active).toBe(true);
    const log = await admin.get(`/api/audit?entity=device&entityId=${mine.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action).sort())
      .toEqual(['device.activated', 'device.created', 'device.deactivated', 'device.token_rotated']);
    expect(JSON.stringify(log.body.items)).not.toContain(rotated.body.token);
  });
});
