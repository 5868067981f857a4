import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCtx } from '../../core/context-factory.ts';
import { rows, sql } from '../../core/db.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { boxPhoto } from './photo.ts';
import { sampleDay, samplePhotoForOpenKitchen, sweepMissingSamples } from './index.ts';

// 10:00 in China on 2026-11-25: lunch is being prepared; the clock moves in the tests.
let now = new Date('2026-11-25T02:00:00Z');
const setChina = (date: string, hhmm: string) => { now = new Date(`${date}T${hhmm}:00+08:00`); };
let t: Awaited<ReturnType<typeof testApp>>;
let safe1: Client, safe2: Client, head1: Client, site1: Client, chef1: Client, head2: Client, cash1: Client;
let d: { rice: number; pork: number; greens: number; soup: number; k2dish: number };
const K1 = () => t.fx.orgs.k1;
let key = 0;
const rk = () => `test-sample-${String(++key).padStart(4, '0')}`;

async function publish(chef: Client, canteenId: number, date: string, meal: string, dishIds: number[]) {
  const plan = await chef.put('/api/menu-plans', { canteenId, date, meal, items: dishIds.map((dishId) => ({ dishId, portions: 50 })) });
  expect(plan.status, JSON.stringify(plan.body)).toBeLessThan(300);
  const p = await chef.post(`/api/menu-plans/${plan.body.id}/publish`);
  expect(p.status, JSON.stringify(p.body)).toBe(200);
}

const alerts = async (c: Client, kind: string, status = 'unresolved') => (await c.get(`/api/alerts?kind=${kind}&status=${status}`)).body as { key: string; severity: string; titleZh: string; status: string; orgId: number }[];

/** Row counts and content hashes of the sample tables and the alerts: a refused request changes none of them. */
async function tables() {
  const out: Record<string, string> = {};
  for (const name of ['sample_sample', 'sample_photo', 'sample_cabinet_event', 'sample_setting', 'sample_meal_check', 'alert_alert', 'core_audit_log']) {
    const [r] = await rows<{ n: number; h: string }>(t.platform.database.db, sql.raw(`select count(*)::int as n, coalesce(sum(hashtext(x::text)), 0)::text as h from "${name}" x`));
    out[name] = `${r!.n}:${r!.h}`;
  }
  return out;
}

beforeAll(async () => {
  t = await testApp(() => now);
  const admin = await t.as('admin');
  [safe1, safe2, head1, site1, chef1, head2, cash1] = await Promise.all(['safe1', 'safe2', 'head1', 'site1', 'chef1', 'head2', 'cash1'].map((u) => t.as(u)));
  const chef2 = await t.as('chef2');
  const lib = await planningLibrary(admin);
  const recipe = [{ ingredientId: lib.pork, netG: 100, yieldPct: 100 }];
  d = {
    rice: (await dish(chef1, { code: 's-rice', name: '米饭', kind: 'staple', priceFen: 100, portionG: 200, recipe })).id,
    pork: (await dish(chef1, { code: 's-pork', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150, recipe })).id,
    greens: (await dish(chef1, { code: 's-greens', name: '清炒青菜', kind: 'vegetable', priceFen: 400, portionG: 150, recipe })).id,
    soup: (await dish(chef1, { code: 's-soup', name: '紫菜蛋花汤', kind: 'soup', priceFen: 200, portionG: 250, recipe })).id,
    k2dish: (await dish(chef2, { code: 's-k2', name: '二食堂面条', kind: 'staple', priceFen: 600, portionG: 300, recipe })).id,
  };
  await publish(chef1, K1(), '2026-11-25', 'lunch', [d.rice, d.pork, d.greens]);
  await publish(chef1, K1(), '2026-11-25', 'dinner', [d.rice, d.soup]);
  await publish(chef2, t.fx.orgs.k2, '2026-11-25', 'lunch', [d.k2dish]);
});
afterAll(() => t.close());

describe('keeping samples', () => {
  it('records a proper sample with keeper, label, discard time and photo; the day shows it kept', async () => {
    setChina('2026-11-25', '10:50');
    const r = await safe1.post('/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.pork, grams: 168, requestKey: rk() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ date: '2026-11-25', meal: 'lunch', dishName: '红烧肉', grams: 168, minGrams: 125, light: false, weighedBy: 'typed', keeperName: '食安员一', labelCode: 'LY-K1-20261125-L-01', hasPhoto: false });
    expect(new Date(r.body.discardAfter).getTime() - new Date(r.body.keptAt).getTime()).toBe(48 * 3600_000);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(boxPhoto(d.pork))], { type: 'image/jpeg' }), 'box.jpg');
    const up = await safe1.req('POST', `/api/samples/${r.body.id}/photo`, form);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.hasPhoto).toBe(true);
    const pic = await head1.get(`/api/samples/${r.body.id}/photo`);
    expect(pic.status).toBe(200);
    expect(pic.headers.get('content-type')).toBe('image/jpeg');
    expect((pic.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const day = await head1.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`);
    expect(day.status).toBe(200);
    const lunch = day.body.meals.find((m: { meal: string }) => m.meal === 'lunch');
    expect(lunch.dishes.map((x: { dishName: string; status: string }) => [x.dishName, x.status])).toEqual([['红烧肉', 'kept'], ['清炒青菜', 'due'], ['米饭', 'due']]);
    expect(day.body.summary).toMatchObject({ dishes: 5, kept: 1, missing: 0, due: 4 });
  });

  it('alerts a light sample at once, and a proper one of the same dish resolves it', async () => {
    const light = await safe1.post('/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.greens, grams: 98, requestKey: rk() });
    expect(light.status).toBe(201);
    expect(light.body.light).toBe(true);
    const open = await alerts(site1, 'sample.light');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ key: '2026-11-25:lunch:' + d.greens, severity: 'warning', orgId: K1() });
    expect(open[0]!.titleZh).toContain('仅 98 克');
    expect((await alerts(safe1, 'sample.light'))).toHaveLength(1);

    const proper = await safe1.post('/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.greens, grams: 140, requestKey: rk() });
    expect(proper.status).toBe(201);
    expect(await alerts(site1, 'sample.light')).toHaveLength(0);
    const day = await head1.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`);
    const greens = day.body.meals[0].dishes.find((x: { dishId: number }) => x.dishId === d.greens);
    expect(greens.status).toBe('kept');
    expect(greens.samples).toHaveLength(2);
  });

  it('uses the canteen’s minimum: at 150 g a 140 g box is light', async () => {
    expect((await cash1.put(`/api/samples/settings?canteenId=${K1()}`, { required: true, minGrams: 150, keepHours: 72, graceMinutes: 30 })).status).toBe(403);
    const set = await head1.put(`/api/samples/settings?canteenId=${K1()}`, { required: true, minGrams: 150, keepHours: 72, graceMinutes: 30 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const r = await safe1.post('/api/samples', { canteenId: K1(), meal: 'dinner', dishId: d.soup, grams: 140, requestKey: rk() });
    expect(r.body).toMatchObject({ light: true, minGrams: 150 });
    expect(new Date(r.body.discardAfter).getTime() - new Date(r.body.keptAt).getTime()).toBe(72 * 3600_000);
    expect((await alerts(head1, 'sample.light')).map((a) => a.key)).toEqual([`2026-11-25:dinner:${d.soup}`]);
    await head1.put(`/api/samples/settings?canteenId=${K1()}`, { required: true, minGrams: 125, keepHours: 48, graceMinutes: 30 });
    expect((await safe1.post('/api/samples', { canteenId: K1(), meal: 'dinner', dishId: d.soup, grams: 150, requestKey: rk() })).status).toBe(201);
    expect(await alerts(head1, 'sample.light')).toHaveLength(0);
  });

  it('is posted once per request key; the same key for another dish is refused', async () => {
    const body = { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 180, requestKey: 'same-key-0001' };
    const [a, b] = await Promise.all([safe1.post('/api/samples', body), safe1.post('/api/samples', body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    const again = await safe1.post('/api/samples', body);
    expect(again.body).toMatchObject({ id: a.body.id, replayed: true });
    const [{ n }] = await rows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from sample_sample where request_key = 'same-key-0001'`) as [{ n: number }];
    expect(n).toBe(1);
    const other = await safe1.post('/api/samples', { ...body, dishId: d.pork });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('request_key_reused');
  });

  it('answers bad input with 4xx and a readable message, changing nothing', async () => {
    const before = await tables();
    const bad: [Client, string, string, unknown][] = [
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, requestKey: rk() }], // no weight
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 0, requestKey: rk() }],
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 9999, requestKey: rk() }],
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'brunch', dishId: d.rice, grams: 150, requestKey: rk() }],
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.soup, grams: 150, requestKey: rk() }], // not on the lunch menu
      [safe1, 'POST', '/api/samples', { canteenId: K1(), date: '2026-11-27', meal: 'lunch', dishId: d.rice, grams: 150, requestKey: rk() }],
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 150, requestKey: 'short' }],
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 150, deviceId: 1, requestKey: rk() }], // cabinet without slot
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 150, deviceId: 99999, slot: 3, requestKey: rk() }],
      [safe1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, cabinetEventId: 99999, requestKey: rk() }],
      [cash1, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 150, requestKey: rk() }],
      [safe2, 'POST', '/api/samples', { canteenId: K1(), meal: 'lunch', dishId: d.rice, grams: 150, requestKey: rk() }],
      [safe1, 'POST', '/api/samples', '{not json'],
      [safe1, 'POST', '/api/samples/1/discard', { reason: '' }],
      [head1, 'PUT', `/api/samples/settings?canteenId=${K1()}`, { required: true, minGrams: 10, keepHours: 48, graceMinutes: 30 }],
      [head1, 'PUT', `/api/samples/settings?canteenId=${K1()}`, { required: true, minGrams: 125, keepHours: 12, graceMinutes: 30 }],
    ];
    for (const [c, method, path, body] of bad) {
      const r = await c.req(method, path, body, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
      expect(r.status, `${path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.message.length).toBeGreaterThan(3);
    }
    const form = new FormData();
    form.append('file', new Blob(['not an image'], { type: 'image/jpeg' }), 'x.jpg');
    const first = (await safe1.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`)).body.meals[0].dishes[0].sample.id;
    const notPhoto = await safe1.req('POST', `/api/samples/${first}/photo`, form);
    expect(notPhoto.status).toBe(400);
    expect(notPhoto.body.code).toBe('not_a_photo');
    expect(await tables()).toEqual(before);
  });

  it('keeps each canteen to itself: K2 cannot see K1’s samples or photos', async () => {
    const k1Sample = (await safe1.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`)).body.meals[0].dishes[0].sample.id;
    expect((await safe2.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`)).status).toBe(403);
    expect((await head2.get(`/api/samples/${k1Sample}`)).status).toBe(404);
    expect((await head2.get(`/api/samples/${k1Sample}/photo`)).status).toBe(404);
    expect((await safe2.post(`/api/samples/${k1Sample}/discard`, { reason: '试试 / try' })).status).toBe(404);
    expect((await safe2.get(`/api/samples/cabinets?canteenId=${K1()}`)).status).toBe(403);
    expect((await head2.get(`/api/samples/history?canteenId=${K1()}`)).status).toBe(403);
    expect((await safe2.get(`/api/samples/discards?canteenId=${K1()}`)).status).toBe(403);
    // K2's own day shows only its dish, and its alerts are not K1's.
    const k2 = await safe2.get(`/api/samples?canteenId=${t.fx.orgs.k2}&date=2026-11-25`);
    expect(k2.body.meals.flatMap((m: { dishes: { dishName: string }[] }) => m.dishes.map((x) => x.dishName))).toEqual(['二食堂面条']);
    expect((await safe2.post('/api/samples', { canteenId: t.fx.orgs.k2, meal: 'lunch', dishId: d.k2dish, grams: 90, requestKey: rk() })).status).toBe(201);
    expect((await alerts(safe2, 'sample.light')).every((a) => a.orgId === t.fx.orgs.k2)).toBe(true);
    expect(await alerts(safe1, 'sample.light')).toHaveLength(0);
  });
});

describe('missing samples', () => {
  it('are alerted once after the meal ends plus the grace, and resolved when the sample is kept', async () => {
    // K1's lunch has pork, greens and rice kept; dinner has soup only (rice missing).
    setChina('2026-11-25', '20:20'); // dinner ended at 20:00; the grace runs to 20:30
    expect(await sweepMissingSamples(t.platform)).toBe(0); // both lunches are complete
    let open = await alerts(site1, 'sample.missing');
    expect(open).toHaveLength(0);
    setChina('2026-11-25', '20:31');
    expect(await sweepMissingSamples(t.platform)).toBe(1);
    open = await alerts(site1, 'sample.missing');
    expect(open.map((a) => a.key)).toEqual([`2026-11-25:dinner:${d.rice}`]);
    expect(open[0]!.titleZh).toContain('米饭');
    expect(await sweepMissingSamples(t.platform)).toBe(0); // checked once
    const day = await head1.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`);
    expect(day.body.meals[1].dishes.find((x: { dishId: number }) => x.dishId === d.rice).status).toBe('missing');
    const sum = await sampleDay(await makeCtx(t.platform, null, [], 'zh'), K1(), '2026-11-25');
    expect(sum.missing).toEqual([{ meal: 'dinner', dishName: '米饭' }]);
    expect(sum).toMatchObject({ dishes: 5, kept: 4, light: 0 });

    // Kept late (a late meal may be recorded the next morning too): the alert resolves.
    setChina('2026-11-25', '20:45');
    expect((await safe1.post('/api/samples', { canteenId: K1(), meal: 'dinner', dishId: d.rice, grams: 150, requestKey: rk() })).status).toBe(201);
    expect(await alerts(site1, 'sample.missing')).toHaveLength(0);
    const history = await head1.get(`/api/samples/history?canteenId=${K1()}&from=2026-11-20&to=2026-11-25`);
    expect(history.body).toMatchObject({ since: '2026-11-25', days: [{ date: '2026-11-25', dishes: 5, kept: 5, light: 0, missing: 0, early: 0, samples: 7 }] });
  });
});

describe('discarding', () => {
  it('before the keeping time raises a critical alert; after it, nothing', async () => {
    const day = (await safe1.get(`/api/samples?canteenId=${K1()}&date=2026-11-25`)).body;
    const pork = day.meals[0].dishes.find((x: { dishId: number }) => x.dishId === d.pork).sample;
    const early = await safe1.post(`/api/samples/${pork.id}/discard`, { reason: '盒子摔破 / the box broke' });
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body).toMatchObject({ status: 'discarded', early: true, discardReason: '盒子摔破 / the box broke', discardedByName: '食安员一' });
    const open = await alerts(site1, 'sample.early_discard');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ severity: 'critical', key: `sample:${pork.id}` });
    expect((await safe1.post(`/api/samples/${pork.id}/discard`, { reason: '再来一次' })).status).toBe(409);

    const rice = day.meals[0].dishes.find((x: { dishId: number }) => x.dishId === d.rice).sample;
    // The discard list of the 27th holds the 25th's samples, due by now.
    setChina('2026-11-27', '11:00');
    [safe1, site1] = await Promise.all([t.as('safe1'), t.as('site1')]); // the sessions of two days ago have expired
    const due = await safe1.get(`/api/samples/discards?canteenId=${K1()}`);
    expect(due.status, JSON.stringify(due.body)).toBe(200);
    expect(due.body.map((s: { id: number }) => s.id)).toContain(rice.id);
    expect(due.body.find((s: { id: number }) => s.id === rice.id).ready).toBe(true);
    const ok = await safe1.post(`/api/samples/${rice.id}/discard`, { reason: '留样期满 / kept 48 h' });
    expect(ok.body).toMatchObject({ early: false, status: 'discarded' });
    expect(await alerts(site1, 'sample.early_discard')).toHaveLength(1);
  });

  it('gives the open kitchen photos of the last three days only', async () => {
    const ctx = await makeCtx(t.platform, null, [], 'zh');
    const withPhoto = (await rows<{ sample_id: number }>(t.platform.database.db, sql`select sample_id from sample_photo limit 1`))[0]!.sample_id;
    setChina('2026-11-27', '12:00');
    expect((await samplePhotoForOpenKitchen(ctx, t.fx.orgs.k1, withPhoto))?.type).toBe('image/jpeg');
    expect(await samplePhotoForOpenKitchen(ctx, t.fx.orgs.k2, withPhoto)).toBeNull();
    setChina('2026-11-28', '12:00');
    expect(await samplePhotoForOpenKitchen(ctx, t.fx.orgs.k1, withPhoto)).toBeNull();
  });
});
