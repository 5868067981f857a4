import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCtx } from '../../core/context-factory.ts';
import { rows, sql } from '../../core/db.ts';
import { kitchenEvent, kitchenSnapshot } from '../../devices/simulators/kitchen-camera.ts';
import { Random } from '../../core/random.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { monitoringNow, stopMonitoringJobs } from './index.ts';

const now = new Date('2026-11-25T02:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let head: Client, site: Client, safe: Client, head2: Client;
let cam: { id: number; token: string };
const rng = new Random(7);

/** The camera system's POST, with or without its token. */
const post = (body: unknown, token?: string) => t.app.request('/api/monitoring/kitchen-events', {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

let sample: Awaited<ReturnType<typeof kitchenEvent>>;
/** An event as the camera system sends it, with a new vendor id each time. */
const event = (over: Record<string, unknown> = {}) => ({ ...sample, eventId: `NVR-${rng.int(1, 1e9)}`, ...over });

async function counts() {
  const [r] = await rows<{ e: number; s: number; a: number }>(t.platform.database.db, sql`select (select count(*)::int from monitoring_kitchen_event) as e,
    (select count(*)::int from monitoring_event_snapshot) as s, (select count(*)::int from core_audit_log) as a`);
  return r!;
}

beforeAll(async () => {
  t = await testApp(() => now);
  sample = await kitchenEvent('CAM-K1-01', rng, new Date(now.getTime() - 60_000), 'no_hat');
  [head, site, safe, head2] = await Promise.all(['head1', 'site1', 'safe1', 'head2'].map((u) => t.as(u)));
  const r = await head.post('/api/monitoring/cameras', { canteenId: t.fx.orgs.k1, code: 'cam-k1-01', name: '热菜区', location: '后厨', liveUrl: 'https://nvr.example.invalid/live/CAM-K1-01.m3u8', public: true });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.camera).toMatchObject({ code: 'CAM-K1-01', public: true });
  expect(r.body.camera.tokenHash).toBeUndefined();
  cam = { id: r.body.camera.id, token: r.body.token };
});
afterAll(async () => {
  await stopMonitoringJobs(t.platform);
  await t?.close();
});

describe('kitchen events webhook', () => {
  it('refuses a request without the camera token, with a wrong one, or for an inactive camera (401), changing nothing', async () => {
    const before = await counts();
    expect((await post(event())).status).toBe(401);
    expect((await post(event(), 'not-the-token')).status).toBe(401);
    expect((await post(event({ cameraCode: 'CAM-NOPE-01' }), cam.token)).status).toBe(401);
    const other = await head2.post('/api/monitoring/cameras', { canteenId: t.fx.orgs.k2, code: 'CAM-K2-01', name: '热菜区' });
    // K2's camera token does not sign K1's camera in.
    expect((await post(event(), other.body.token)).status).toBe(401);
    await head.put(`/api/monitoring/cameras/${cam.id}`, { name: '热菜区', location: '后厨', liveUrl: null, public: false, active: false });
    const inactive = await post(event(), cam.token);
    expect(inactive.status).toBe(401);
    expect((await inactive.json()).code).toBe('camera_unauthorized');
    await head.put(`/api/monitoring/cameras/${cam.id}`, { name: '热菜区', location: '后厨', liveUrl: 'https://nvr.example.invalid/live/CAM-K1-01.m3u8', public: true, active: true });
    const after = await counts();
    expect({ e: after.e, s: after.s }).toEqual({ e: before.e, s: before.s });
  });

  it('answers a bad body with 4xx and changes nothing', async () => {
    const before = await counts();
    const bad = [
      '{not json',
      { ...event(), type: 'dancing' },
      { ...event(), confidence: 3 },
      { ...event(), at: 'yesterday' },
      { ...event(), eventId: '' },
    ];
    for (const b of bad) {
      const r = await post(b, cam.token);
      expect(r.status, JSON.stringify(b).slice(0, 80)).toBe(400);
    }
    const notImage = await post({ ...event(), snapshot: Buffer.from('hello, not a picture').toString('base64') }, cam.token);
    expect(notImage.status).toBe(422);
    expect((await notImage.json()).code).toBe('bad_snapshot');
    const future = await post({ ...event(), at: new Date(now.getTime() + 3600_000).toISOString() }, cam.token);
    expect(future.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('records an event with its snapshot once, however often the system sends it', async () => {
    const e = event();
    const first = await post(e, cam.token);
    expect(first.status).toBe(201);
    const { id, duplicate } = await first.json();
    expect(duplicate).toBe(false);
    const again = await post(e, cam.token);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, duplicate: true });
    const [n] = await rows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from monitoring_kitchen_event where vendor_event_id = ${e.eventId}`);
    expect(n!.n).toBe(1);

    const list = (await site.get(`/api/monitoring/kitchen-events?canteenId=${t.fx.orgs.k1}&status=to_review`)).body;
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ id, type: 'no_hat', cameraName: '热菜区', location: '后厨', status: 'to_review', hasSnapshot: true, confidence: e.confidence });
    const snap = await site.get(`/api/monitoring/kitchen-events/${id}/snapshot`);
    expect(snap.status).toBe(200);
    expect(snap.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.compare(snap.body as Buffer, Buffer.from(e.snapshot, 'base64'))).toBe(0);
  });

  it('a false alarm is closed with who, when and why, and raises nothing', async () => {
    const { id } = await (await post(event({ type: 'no_mask' }), cam.token)).json();
    const r = await safe.post(`/api/monitoring/kitchen-events/${id}/review`, { decision: 'false_alarm', note: '误报：反光' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'false_alarm', note: '误报：反光', reviewedByName: '食安员一' });
    expect(new Date(r.body.reviewedAt).toISOString()).toBe(now.toISOString());
    expect((await safe.post(`/api/monitoring/kitchen-events/${id}/review`, { decision: 'confirmed' })).status).toBe(409);
    expect((await site.get('/api/alerts?kind=monitoring.kitchen_event')).body).toEqual([]);
  });

  it('a confirmed event counts and raises the canteen’s alert for its kind; the next one updates it', async () => {
    const a = (await (await post(event({ type: 'smoking' }), cam.token)).json()).id;
    const b = (await (await post(event({ type: 'smoking' }), cam.token)).json()).id;
    const r = await site.post(`/api/monitoring/kitchen-events/${a}/review`, { decision: 'confirmed', note: '已现场提醒' });
    expect(r.status).toBe(200);
    let alerts = (await site.get('/api/alerts?kind=monitoring.kitchen_event')).body;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ key: 'type:smoking', status: 'open', link: { entity: 'kitchen_event', id: String(a) } });
    expect(alerts[0].titleZh).toContain('抽烟：热菜区（后厨）');
    expect(alerts[0].titleZh).toContain('本周已确认 1 次');
    expect(r.body.alertId).toBe(alerts[0].id);
    await site.post(`/api/monitoring/kitchen-events/${b}/review`, { decision: 'confirmed' });
    alerts = (await site.get('/api/alerts?kind=monitoring.kitchen_event')).body;
    expect(alerts).toHaveLength(1);
    expect(alerts[0].seenCount).toBe(2);
    expect(alerts[0].titleZh).toContain('本周已确认 2 次');

    const weekly = (await site.get(`/api/monitoring/kitchen-events/weekly?canteenId=${t.fx.orgs.k1}&weeks=4`)).body;
    expect(weekly.weeks).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weekly.rows).toEqual([
      { week: '2026-11-23', type: 'no_hat', confirmed: 0, falseAlarm: 0, toReview: 1 },
      { week: '2026-11-23', type: 'no_mask', confirmed: 0, falseAlarm: 1, toReview: 0 },
      { week: '2026-11-23', type: 'smoking', confirmed: 2, falseAlarm: 0, toReview: 0 },
    ]);
  });

  it('keeps canteens apart and lets only reviewers review', async () => {
    const { id } = await (await post(event({ type: 'phone' }), cam.token)).json();
    expect((await head2.get('/api/monitoring/kitchen-events')).body).toEqual({ total: 0, rows: [] });
    expect((await head2.get(`/api/monitoring/kitchen-events?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
    expect((await head2.get(`/api/monitoring/kitchen-events/${id}/snapshot`)).status).toBe(404);
    expect((await head2.get(`/api/monitoring/kitchen-events/${id}`)).status).toBe(404);
    expect((await site.get(`/api/monitoring/kitchen-events/${id}`)).body).toMatchObject({ id, type: 'phone', cameraCode: 'CAM-K1-01' });
    expect((await head2.post(`/api/monitoring/kitchen-events/${id}/review`, { decision: 'confirmed' })).status).toBe(404);
    expect((await (await t.as('safe2')).get('/api/monitoring/cameras')).body.map((c: { code: string }) => c.code)).toEqual(['CAM-K2-01']);
    const chef = await t.as('chef1');
    expect((await chef.get('/api/monitoring/kitchen-events')).body.total).toBeGreaterThan(0);
    expect((await chef.post(`/api/monitoring/kitchen-events/${id}/review`, { decision: 'confirmed' })).status).toBe(403);
    expect((await (await t.as('hall1')).get('/api/monitoring/kitchen-events')).status).toBe(403);
    expect((await (await t.as('hall1')).get('/api/monitoring/cameras')).body).toHaveLength(1);
  });

  it('gives a new token that replaces the old one', async () => {
    const r = await head.post(`/api/monitoring/cameras/${cam.id}/rotate-token`);
    expect(r.status).toBe(200);
    expect((await post(event(), cam.token)).status).toBe(401);
    expect((await post(event(), r.body.token)).status).toBe(201);
    cam.token = r.body.token;
    expect((await head2.post(`/api/monitoring/cameras/${cam.id}/rotate-token`)).status).toBe(404);
    expect((await head.post('/api/monitoring/cameras', { canteenId: t.fx.orgs.k1, code: 'CAM-K1-02', name: 'x', liveUrl: 'javascript:alert(1)' })).status).toBe(400);
    expect((await head.post('/api/monitoring/cameras', { canteenId: t.fx.orgs.k1, code: 'CAM-K1-01', name: 'x' })).status).toBe(409);
  });

  it('gives the day pages the events to review and the live views (monitoringNow)', async () => {
    const ctx = await makeCtx(t.platform, null, [], 'zh');
    const n = await monitoringNow(ctx, t.fx.orgs.k1);
    expect(n.eventsToReview).toBe(3);
    expect(n.liveViews).toEqual([{ name: '热菜区（后厨）', url: 'https://nvr.example.invalid/live/CAM-K1-01.m3u8', public: true }]);
    expect(n.sensors).toEqual([]);
  });

  it('draws a snapshot for every kind of event', async () => {
    const jpg = await kitchenSnapshot({ kind: 'rodent', cameraCode: 'CAM-K1-01', at: now, confidence: 0.7, seed: 1, width: 320 });
    expect(jpg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });
});
