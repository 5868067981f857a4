import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client } from '../../../test/harness.ts';

// 09:00 in China on Thursday 26 November 2026.
const now = new Date('2026-11-26T01:00:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let site1: Client, head1: Client, head2: Client, warden1: Client, diner1: Client, chef1: Client;

const ok = <T = any>(r: { status: number; body: T }, status = 200): T => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const check = (workerId: number, temperatureC: number) => ({
  workerId, temperatureC, handsOk: true, symptoms: [0], uniformOk: true, hatOk: true, maskOk: true, nailsOk: true, noJewellery: true,
});
const worker = (name: string, badge: string) => ({
  canteenId: t.fx.orgs.k1, name, employer: '台州市膳源餐饮管理有限公司', job: 'chef', badge, certificate: { no: `JK-${badge}`, issuedOn: '2026-03-01' },
});

beforeAll(async () => {
  t = await testApp(() => now);
  [site1, head1, head2, warden1, diner1, chef1] = await Promise.all(['site1', 'head1', 'head2', 'warden1', 'diner1', 'chef1'].map((u) => t.as(u)));
});
afterAll(() => t.close());

describe('the food-safety day at a glance', () => {
  it('brings the canteen\'s morning checks, self-inspection, sensors and alerts together as they happen', async () => {
    const a = ok(await site1.post('/api/workers', worker('王小明', 'K1-W01')), 201).id;
    const b = ok(await site1.post('/api/workers', worker('李红', 'K1-W02')), 201).id;
    ok(await site1.post('/api/workers/checks', check(a, 36.5)), 201);
    ok(await site1.post('/api/workers/checks', check(b, 38.2)), 201);

    // The day's checklist is issued (the sweep does it at night; the first reader does it too).
    const tasks = ok(await head1.get(`/api/inspections/checklist?canteenId=${t.fx.orgs.k1}`)).tasks.length;
    const day = ok(await head1.get(`/api/safety/day?canteenId=${t.fx.orgs.k1}`));
    expect(day).toMatchObject({ canteenName: '一号食堂', date: '2026-11-26', today: true });
    expect(day.morningChecks).toMatchObject({ workers: 2, checked: 2, fit: 1, unfit: 1 });
    expect(day.inspection).toMatchObject({ tasks, done: 0, closed: false });
    expect(tasks).toBeGreaterThan(0);
    expect(day.monitoring).toMatchObject({ sensors: [], eventsToReview: 0 });
    // The fever raised an alert for the site manager: the day shows it open.
    expect(day.alerts.open).toBeGreaterThanOrEqual(1);
    expect(ok(await site1.get(`/api/safety/day?canteenId=${t.fx.orgs.k1}`)).morningChecks.checked).toBe(2);
  });

  it('is for the canteen\'s own managers: heads of other canteens and diners get 403, a future date 400', async () => {
    expect((await head2.get(`/api/safety/day?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
    expect((await diner1.get(`/api/safety/day?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
    expect((await head1.get(`/api/safety/day?canteenId=${t.fx.orgs.k1}&date=2026-11-27`)).status).toBe(400);
    expect((await head1.get(`/api/safety/day?canteenId=${t.fx.orgs.k1}&date=26-11-2026`)).status).toBe(400);
    expect(ok(await head1.get(`/api/safety/day?canteenId=${t.fx.orgs.k1}&date=2026-11-20`)).morningChecks.checked).toBe(0);
  });
});

describe('the open kitchen', () => {
  it('shows a diner today\'s kitchen of any canteen of the bureau: counts, not names or temperatures, and the inspection photos', async () => {
    const canteens = ok<{ id: number; name: string }[]>(await diner1.get('/api/open-kitchen'));
    expect(canteens.map((c) => c.id).sort()).toEqual([t.fx.orgs.k1, t.fx.orgs.k2].sort());

    const list = ok(await head1.get(`/api/inspections/checklist?canteenId=${t.fx.orgs.k1}`));
    const task = list.tasks.find((x: { role: string }) => x.role === 'area_warden');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 110, g: 150, b: 120 } } }).jpeg().toBuffer())], { type: 'image/jpeg' }), 'p.jpg');
    ok(await warden1.req('POST', `/api/inspections/tasks/${task.id}/photos`, form), 201);
    ok(await warden1.post(`/api/inspections/tasks/${task.id}/done`, { result: 'ok' }));

    const k = ok(await diner1.get(`/api/open-kitchen/${t.fx.orgs.k1}`));
    expect(k).toMatchObject({ canteenName: '一号食堂', date: '2026-11-26', morningChecks: { workers: 2, checked: 2, fit: 1 }, samples: [], liveViews: [] });
    expect(JSON.stringify(k)).not.toContain('李红');
    expect(JSON.stringify(k)).not.toContain('38.2');
    expect(k.inspections).toHaveLength(1);
    expect(k.inspections[0]).toMatchObject({ title: task.title, result: 'ok', byName: '区域责任人一' });
    const [url] = k.inspections[0].photoUrls;
    const photo = await diner1.req('GET', url);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    // The same photo under another canteen's address, or a made-up one, is not there.
    expect((await diner1.req('GET', url.replace(`/open-kitchen/${t.fx.orgs.k1}/`, `/open-kitchen/${t.fx.orgs.k2}/`))).status).toBe(404);
    expect((await diner1.req('GET', `/api/open-kitchen/${t.fx.orgs.k1}/photos/sample/999999`)).status).toBe(404);
    expect((await diner1.req('GET', `/api/open-kitchen/${t.fx.orgs.k1}/photos/menu/1`)).status).toBe(400);
    expect((await chef1.get('/api/open-kitchen/999999')).status).toBe(404);
  });
});
