import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFixture } from '../../../test/account-fixture.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { PASSWORD, testApp, type Client } from '../../../test/harness.ts';
import { hashPassword } from '../../core/auth.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { rows } from '../../core/db.ts';
import { insertPeople } from '../../core/org-seed.ts';
import { inspectionDay, inspectionPhotoForOpenKitchen, sweepInspections } from './index.ts';

// 08:00 in China on Wednesday 25 November 2026: before every deadline of the default checklist.
let now = new Date('2026-11-25T00:00:00Z');
const setChina = (day: string, hhmm: string) => { now = new Date(`${day}T${hhmm}:00+08:00`); };
let t: Awaited<ReturnType<typeof testApp>>;
let head: Client, warden: Client, hall: Client, site: Client, chef: Client, diner: Client, warden2: Client, chef2: Client;
const K1 = () => t.fx.orgs.k1;
const count = async (table: string) => (await rows<{ n: number }>(t.platform.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

/** A photo as a phone sends it: a mid-grey-green scene, larger than what is kept. */
const scene = (w = 2400, h = 1800) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 110, g: 150, b: 120 } } }).jpeg({ quality: 92 }).toBuffer();
const form = (bytes: Buffer, type = 'image/jpeg', fields: Record<string, string | number> = {}) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo.jpg');
  return fd;
};
/** Sessions last hours, not days: after the clock jumps a day everyone signs in again. */
const signIn = async () => {
  [head, warden, hall, site, chef, diner, warden2, chef2] = await Promise.all(['head1', 'warden1', 'hall1', 'site1', 'chef1', 'diner1', 'warden2', 'chef2'].map((u) => t.as(u)));
};
type Task = { id: number; title: string; block: string; role: string; status: string; deadline: string; overdue: boolean; late: boolean; photoIds: number[]; mine: boolean };
const checklist = async (c: Client, date?: string) => (await c.get(`/api/inspections/checklist?canteenId=${K1()}${date ? `&date=${date}` : ''}`)).body as { run: { id: number; status: string; summary: { tasks: number; done: number; overdue: number; waived: number }; closedByName: string | null; closeNote: string | null }; tasks: Task[] };
const taskNamed = async (title: string) => (await checklist(head)).tasks.find((x) => x.title.startsWith(title))!;
const alerts = async (kind: string, status = 'unresolved') => (await site.get(`/api/alerts?kind=${kind}&status=${status}`)).body as { key: string; severity: string; status: string; titleZh: string }[];
const doTask = async (c: Client, id: number, result: object = { result: 'ok' }) => {
  const up = await c.req('POST', `/api/inspections/tasks/${id}/photos`, form(await scene(640, 480)));
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  return c.post(`/api/inspections/tasks/${id}/done`, result);
};

beforeAll(async () => {
  t = await testApp(() => now);
  // A warden of the other canteen, to show that K1's tasks are none of theirs.
  await insertPeople(t.platform.database.db, [{ username: 'warden2', name: '区域责任人二', orgId: t.fx.orgs.k2, passwordHash: await hashPassword(PASSWORD), roles: [{ orgId: t.fx.orgs.k2, roleKey: 'area_warden' }] }]);
  t.platform.invalidateCaches();
  await signIn();
});
afterAll(() => t?.close());

describe('the daily checklist', () => {
  it('is issued each day from the default template in the three blocks, one task per item', async () => {
    const c = await checklist(head);
    expect(c.run.status).toBe('open');
    expect(c.tasks).toHaveLength(13);
    expect(new Set(c.tasks.map((x) => x.block))).toEqual(new Set(['frugality', 'safety', 'hygiene']));
    expect(c.tasks.find((x) => x.title.startsWith('燃气阀门'))).toMatchObject({ role: 'area_warden', deadline: '09:30', status: 'open', overdue: false });
    // Reading again issues nothing new.
    expect((await checklist(hall)).run.id).toBe(c.run.id);
    expect(await count('inspection_run')).toBe(1);
    const mine = (await warden.get('/api/inspections/my-tasks')).body;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ canteenId: K1(), mine: { tasks: 9, done: 0 }, canteen: { tasks: 13 } });
    expect((await hall.get('/api/inspections/my-tasks')).body[0].tasks.map((x: Task) => x.role)).toEqual(['hall_manager', 'hall_manager', 'hall_manager', 'hall_manager']);
    expect((await warden2.get('/api/inspections/my-tasks')).body.map((x: { canteenId: number }) => x.canteenId)).toEqual([t.fx.orgs.k2]);
  });

  it('refuses to mark an item done without a photo, and changes nothing', async () => {
    const gas = await taskNamed('燃气阀门');
    const r = await warden.post(`/api/inspections/tasks/${gas.id}/done`, { result: 'ok' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'photo_required', message: expect.stringContaining('照片') });
    expect((await taskNamed('燃气阀门')).status).toBe('open');
    const problemWithoutNote = await warden.post(`/api/inspections/tasks/${gas.id}/done`, { result: 'problem' });
    expect(problemWithoutNote.status).toBe(400);
  });

  it('keeps only the watermarked photo: a band at the bottom, the top untouched, at most 1600 px', async () => {
    const gas = await taskNamed('燃气阀门');
    const original = await scene();
    const up = await warden.req('POST', `/api/inspections/tasks/${gas.id}/photos`, form(original));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.task.photoIds).toEqual([up.body.photoId]);
    const got = await head.get(`/api/inspections/photos/${up.body.photoId}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    const stored = await sharp(got.body as Buffer).raw().toBuffer({ resolveWithObject: true });
    expect([stored.info.width, stored.info.height]).toEqual([1600, 1200]);
    const same = await sharp(original).resize(1600, 1200).raw().toBuffer();
    const diff = (from: number, to: number) => {
      let s = 0;
      for (let i = from * 1600 * 3; i < to * 1600 * 3; i++) s += Math.abs(stored.data[i]! - same[i]!);
      return s / ((to - from) * 1600 * 3);
    };
    expect(diff(0, 600)).toBeLessThan(3);
    expect(diff(1120, 1200)).toBeGreaterThan(30);
    let light = 0;
    let dark = 0;
    for (let y = 1050; y < 1200; y++) for (let x = 0; x < 1600; x++) {
      const i = (y * 1600 + x) * 3;
      const l = (stored.data[i]! + stored.data[i + 1]! + stored.data[i + 2]!) / 3;
      if (l > 200) light++;
      if (l < 80) dark++;
    }
    expect(light).toBeGreaterThan(1000);
    expect(dark).toBeGreaterThan(1600 * 50);
    // Nothing but the stamped JPEG is kept.
    const [row] = await rows<{ size: number; width: number }>(t.platform.database.db, sql`select size, width from inspection_photo where id = ${up.body.photoId}`);
    expect(row).toEqual({ size: (got.body as Buffer).length, width: 1600 });
    // Photos are for the canteen's people, not for diners or other canteens.
    expect((await diner.get(`/api/inspections/photos/${up.body.photoId}`)).status).toBe(403);
    expect((await chef2.get(`/api/inspections/photos/${up.body.photoId}`)).status).toBe(404);
  });

  it('refuses what is not a photo with 400 and stores nothing', async () => {
    const gas = await taskNamed('燃气阀门');
    const before = await count('inspection_photo');
    const pdf = await warden.req('POST', `/api/inspections/tasks/${gas.id}/photos`, form(Buffer.from('%PDF-1.4 hello'), 'application/pdf'));
    expect(pdf.status).toBe(400);
    expect(pdf.body).toMatchObject({ code: 'not_an_image', message: expect.stringContaining('照片') });
    const en = await warden.req('POST', `/api/inspections/tasks/${gas.id}/photos`, form(Buffer.from('GIF89a nope'), 'image/gif'), { 'accept-language': 'en' });
    expect(en.body.message).toMatch(/photo/i);
    const none = await warden.req('POST', `/api/inspections/tasks/${gas.id}/photos`, new FormData());
    expect(none.status).toBe(400);
    expect(await count('inspection_photo')).toBe(before);
  });

  it('lets only the assignee do an item: others get 403, other canteens 404', async () => {
    const gas = await taskNamed('燃气阀门');
    const img = form(await scene(320, 240));
    expect((await hall.req('POST', `/api/inspections/tasks/${gas.id}/photos`, img)).status).toBe(403);
    expect((await hall.post(`/api/inspections/tasks/${gas.id}/done`, { result: 'ok' })).status).toBe(403);
    expect((await warden2.req('POST', `/api/inspections/tasks/${gas.id}/photos`, form(await scene(320, 240)))).status).toBe(404);
    expect((await warden2.post(`/api/inspections/tasks/${gas.id}/done`, { result: 'ok' })).status).toBe(404);
    expect((await chef.post(`/api/inspections/tasks/${gas.id}/done`, { result: 'ok' })).status).toBe(403);
    const hallItem = (await checklist(head)).tasks.find((x) => x.role === 'hall_manager')!;
    expect((await warden.post(`/api/inspections/tasks/${hallItem.id}/done`, { result: 'ok' })).status).toBe(403);
    expect((await taskNamed('燃气阀门')).status).toBe('open');
  });

  it('raises an overdue alert once an item passes its deadline, and resolves it when done late', async () => {
    expect(await sweepInspections(t.platform)).toEqual({ runsIssued: 0, overdueRaised: 0 });
    setChina('2026-11-25', '10:01');
    // Due by 10:00: gas (09:30), cooking to demand, fire exits, knives (10:00) — in K1 and in K2, whose warden looked at today's list.
    expect((await sweepInspections(t.platform)).overdueRaised).toBe(8);
    expect((await sweepInspections(t.platform)).overdueRaised).toBe(0);
    const open = await alerts('inspection.overdue');
    expect(open).toHaveLength(4);
    expect(open[0]!.titleZh).toContain('自查项逾期未完成');
    expect((await head.get(`/api/inspections/overdue?canteenId=${K1()}`)).body).toHaveLength(4);
    const gas = await taskNamed('燃气阀门');
    expect(gas.overdue).toBe(true);
    const done = await warden.post(`/api/inspections/tasks/${gas.id}/done`, { result: 'ok' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', late: true, overdue: false, doneByName: '区域责任人一' });
    const still = await alerts('inspection.overdue');
    expect(still.map((a) => a.key)).not.toContain(`task:${gas.id}`);
    expect(still).toHaveLength(3);
    expect((await alerts('inspection.overdue', 'resolved')).map((a) => a.key)).toEqual([`task:${gas.id}`]);
    // Done is done.
    expect((await warden.post(`/api/inspections/tasks/${gas.id}/done`, { result: 'ok' })).status).toBe(409);
  });

  it('raises a problem alert: a warning for safety, information for frugality', async () => {
    const fire = await taskNamed('消防通道');
    const r = await doTask(warden, fire.id, { result: 'problem', note: '通道堆放纸箱，已清走' });
    expect(r.body).toMatchObject({ result: 'problem', note: '通道堆放纸箱，已清走' });
    const poster = await taskNamed('光盘行动');
    await doTask(hall, poster.id, { result: 'problem', note: '两张桌牌缺失' });
    const problems = await alerts('inspection.problem');
    expect(problems.map((a) => [a.key, a.severity]).sort()).toEqual([[`task:${fire.id}`, 'warning'], [`task:${poster.id}`, 'info']].sort());
  });

  it('closes the day when every item is done', async () => {
    setChina('2026-11-25', '15:00');
    for (const x of (await checklist(head)).tasks.filter((y) => y.status === 'open')) {
      const r = await doTask(x.role === 'area_warden' ? warden : hall, x.id);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const c = await checklist(head);
    expect(c.run).toMatchObject({ status: 'closed', closedByName: null, summary: { tasks: 13, done: 13, overdue: 0, waived: 0 } });
    expect(await alerts('inspection.overdue')).toEqual([]);
    const mine = (await warden.get('/api/inspections/my-tasks')).body[0];
    expect(mine).toMatchObject({ runStatus: 'closed', mine: { tasks: 9, done: 9 } });
    const hist = (await head.get(`/api/inspections/history?canteenId=${K1()}`)).body;
    expect(hist.days).toEqual([expect.objectContaining({ date: '2026-11-25', status: 'closed', tasks: 13, done: 13, late: 12, problems: 2 })]);
  });

  it('lets the hall manager close a day early with a note: what is left is waived and its alerts resolved', async () => {
    setChina('2026-11-26', '10:31');
    await signIn();
    const c = await checklist(hall);
    expect(c.tasks.every((x) => x.status === 'open')).toBe(true);
    // Issued just now, after some deadlines had passed: shown overdue, but nobody could have done them in time.
    // (K2's open items of yesterday do raise theirs; the site manager of K1 sees K1's only.)
    await sweepInspections(t.platform);
    expect(await alerts('inspection.overdue')).toEqual([]);
    setChina('2026-11-26', '11:01');
    await sweepInspections(t.platform);
    // The poster and the floor, due at 11:00.
    expect(await alerts('inspection.overdue')).toHaveLength(2);
    expect((await warden.post(`/api/inspections/runs/${c.run.id}/close`, { note: '停电' })).status).toBe(403);
    expect((await hall.post(`/api/inspections/runs/${c.run.id}/close`, {})).status).toBe(400);
    const closed = await hall.post(`/api/inspections/runs/${c.run.id}/close`, { note: '全楼停电，次日补查' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.run).toMatchObject({ status: 'closed', closedByName: '餐厅经理一', closeNote: '全楼停电，次日补查', summary: { waived: 13 } });
    expect(await alerts('inspection.overdue')).toEqual([]);
    expect((await hall.post(`/api/inspections/runs/${c.run.id}/close`, { note: 'again' })).status).toBe(409);
    const any = c.tasks.find((x) => x.role === 'hall_manager')!;
    expect((await hall.post(`/api/inspections/tasks/${any.id}/done`, { result: 'ok' })).status).toBe(409);
  });

  it('edits the template: today’s unstarted items follow, bad input changes nothing', async () => {
    setChina('2026-11-27', '08:00');
    await signIn();
    const before = await checklist(head);
    expect(before.tasks).toHaveLength(13);
    const tpl = (await head.get(`/api/inspections/template?canteenId=${K1()}`)).body;
    expect(tpl.people.area_warden).toEqual([{ id: t.fx.people.get('warden1'), name: '区域责任人一' }]);
    const items = tpl.items.slice(1).map((i: Record<string, unknown>) => ({ ...i }));
    items[0].personId = t.fx.people.get('warden1');
    items.push({ block: 'safety', title: '排烟罩油污清理', area: '后厨', role: 'area_warden', deadline: '16:00', requiresPhoto: true });
    const auditBefore = await count('core_audit_log');
    for (const bad of [
      { canteenId: K1(), name: 'x', items: [{ ...items[0], personId: t.fx.people.get('chef1') }] },
      { canteenId: K1(), name: 'x', items: [{ ...items[0], deadline: '25:00' }] },
      { canteenId: K1(), name: 'x', items: [{ ...items[0], id: 999_999 }] },
      { canteenId: K1(), name: 'x', items: [] },
    ]) {
      const r = await head.put('/api/inspections/template', bad);
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    expect((await warden.put('/api/inspections/template', { canteenId: K1(), name: 'x', items })).status).toBe(403);
    expect((await chef2.put('/api/inspections/template', { canteenId: K1(), name: 'x', items })).status).toBe(403);
    expect(await count('core_audit_log')).toBe(auditBefore);
    const saved = await head.put('/api/inspections/template', { canteenId: K1(), name: '一号食堂每日自查表', items });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.items).toHaveLength(13);
    expect(saved.body.items[0]).toMatchObject({ personName: '区域责任人一' });
    const after = await checklist(head);
    expect(after.tasks.map((x) => x.title)).toEqual([...before.tasks.slice(1).map((x) => x.title), '排烟罩油污清理']);
  });
});

describe('waste (泔水)', () => {
  let lunchKey = 0;
  const record = (c: Client, fields: Record<string, string | number>, bytes?: Buffer, type?: string) =>
    scene(800, 600).then((img) => c.req('POST', '/api/waste', form(bytes ?? img, type, { canteenId: K1(), requestKey: `waste-key-${++lunchKey}`, collector: '绿源收运', ...fields })));

  beforeAll(async () => {
    // Lunch on Friday 27 November: four paid sales and one taken back.
    setChina('2026-11-27', '12:00');
    await signIn();
    const admin = await t.as('admin');
    const cashier = await t.as('cash1');
    const lib = await planningLibrary(admin);
    const rice = (await dish(chef, { code: 'rice', name: '米饭', kind: 'staple', priceFen: 100, portionG: 200, recipe: [{ ingredientId: lib.egg, netG: 1, yieldPct: 100 }] })).id;
    const plan = await chef.put('/api/menu-plans', { canteenId: K1(), date: '2026-11-27', meal: 'lunch', items: [{ dishId: rice, portions: 100 }] });
    expect((await chef.post(`/api/menu-plans/${plan.body.id}/publish`)).status).toBe(200);
    const acc = await accountFixture(t, { admin, head, cashier });
    for (const id of [acc.diner1, acc.diner2]) await cashier.post(`/api/accounts/${id}/top-ups`, { canteenId: K1(), amountFen: 10_000, requestKey: `top-${id}-0001` });
    for (const [n, card] of ['C0001', 'C0002', 'C0001', 'C0002', 'C0001'].entries()) {
      const s = await cashier.post('/api/checkout/sales', { canteenId: K1(), requestKey: `sale-${n}-000000`, identify: { card }, lines: [{ dishId: rice, portions: 1 }] });
      expect(s.status, JSON.stringify(s.body)).toBe(201);
      if (n === 4) expect((await cashier.post(`/api/checkout/sales/${s.body.id}/undo`, { reason: '点错' })).status).toBe(200);
    }
  });

  it('records a weighed meal with a watermarked photo, once per request key', async () => {
    setChina('2026-11-27', '13:30');
    const r = await record(warden, { date: '2026-11-27', meal: 'lunch', grams: 480, licenceNo: '浙台餐厨 017' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ grams: 480, source: 'typed', collector: '绿源收运', licenceNo: '浙台餐厨 017', recordedByName: '区域责任人一', replayed: false });
    const photo = await head.get(`/api/waste/photos/${r.body.photoIds[0]}`);
    expect(photo.status).toBe(200);
    const meta = await sharp(photo.body as Buffer).metadata();
    expect([meta.format, meta.width]).toEqual(['jpeg', 800]);
    const again = await warden.req('POST', '/api/waste', form(await scene(800, 600), 'image/jpeg', { canteenId: K1(), requestKey: `waste-key-${lunchKey}`, collector: '绿源收运', date: '2026-11-27', meal: 'lunch', grams: 480 }));
    expect(again.body).toMatchObject({ id: r.body.id, replayed: true });
    expect(await count('inspection_waste')).toBe(1);
  });

  it('works out grams per diner from the checkout’s paid sales of the meals weighed', async () => {
    // Breakfast was weighed but nothing was sold at the station: its grams count, not per diner.
    expect((await record(hall, { date: '2026-11-27', meal: 'breakfast', grams: 300 })).status).toBe(201);
    const trend = (await head.get(`/api/waste/trend?canteenId=${K1()}&days=30`)).body;
    expect(trend.days).toHaveLength(30);
    expect(trend.days.at(-1)).toEqual({ date: '2026-11-27', grams: 780, diners: 4, gramsPerDiner: 120 });
    expect(trend).toMatchObject({ from: '2026-10-29', to: '2026-11-27', totalGrams: 780, gramsPerDiner: 120 });
    expect((await head.get(`/api/waste/trend?canteenId=${K1()}&days=90`)).body.days).toHaveLength(90);
    expect((await head.get(`/api/waste/trend?canteenId=${K1()}&days=7`)).status).toBe(400);
    const system = await makeCtx(t.platform, null, [], 'zh');
    expect(await inspectionDay(system, K1(), '2026-11-27')).toMatchObject({ wasteG: 780, diners: 4, tasks: 13, done: 0, closed: false });
  });

  it('voids a mistaken record out of the sums', async () => {
    const wrong = await record(warden, { date: '2026-11-27', meal: 'lunch', grams: 99_000 });
    expect((await head.get(`/api/waste/trend?canteenId=${K1()}`)).body.days.at(-1).grams).toBe(99_780);
    expect((await chef2.post(`/api/waste/${wrong.body.id}/void`, { reason: 'x' })).status).toBe(404);
    expect((await warden.post(`/api/waste/${wrong.body.id}/void`, {})).status).toBe(400);
    const v = await warden.post(`/api/waste/${wrong.body.id}/void`, { reason: '多输了一个 0' });
    expect(v.body).toMatchObject({ voided: true, voidReason: '多输了一个 0', voidedByName: '区域责任人一' });
    expect((await warden.post(`/api/waste/${wrong.body.id}/void`, { reason: 'again' })).status).toBe(409);
    expect((await head.get(`/api/waste/trend?canteenId=${K1()}`)).body.days.at(-1)).toMatchObject({ grams: 780, gramsPerDiner: 120 });
    const list = (await head.get(`/api/waste?canteenId=${K1()}`)).body.records;
    expect(list.map((x: { grams: number; voided: boolean }) => [x.grams, x.voided])).toEqual([[99_000, true], [300, false], [480, false]]);
  });

  it('takes the stable weight of one of the canteen’s scales', async () => {
    const created = await head.post('/api/devices', { canteenId: K1(), kind: 'scale', code: 'SCALE-WASTE-1', name: '泔水秤' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const send = (reading: object) => t.app.request('/api/devices/readings', { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-code': 'SCALE-WASTE-1', 'x-device-token': created.body.token }, body: JSON.stringify(reading) });
    expect((await send({ grams: 15_230, stable: false })).status).toBeLessThan(300);
    const moving = await record(hall, { date: '2026-11-27', meal: 'dinner', scaleDeviceId: created.body.device.id });
    expect(moving.status).toBe(409);
    expect(moving.body.code).toBe('scale_not_stable');
    await send({ grams: 15_240, stable: true });
    const r = await record(hall, { date: '2026-11-27', meal: 'dinner', scaleDeviceId: created.body.device.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ grams: 15_240, source: 'scale', scaleDeviceId: created.body.device.id });
    const other = await (await t.as('head2')).post('/api/devices', { canteenId: t.fx.orgs.k2, kind: 'scale', code: 'SCALE-K2', name: 'K2 秤' });
    expect((await record(hall, { date: '2026-11-27', meal: 'dinner', scaleDeviceId: other.body.device.id })).status).toBe(404);
  });

  it('answers bad input with 4xx and records nothing', async () => {
    const before = [await count('inspection_waste'), await count('inspection_photo'), await count('core_audit_log')];
    const cases: [Client, Record<string, string | number>, Buffer?, string?][] = [
      [warden, { date: '2026-11-27', meal: 'lunch' }],
      [warden, { date: '2026-11-27', meal: 'lunch', grams: 100, scaleDeviceId: 1 }],
      [warden, { date: '2026-11-27', meal: 'lunch', grams: -5 }],
      [warden, { date: '2026-11-28', meal: 'lunch', grams: 100 }],
      [warden, { date: '2026-11-27', meal: 'brunch', grams: 100 }],
      [warden, { date: '2026-11-27', meal: 'lunch', grams: 100, collector: '' }],
      [warden, { date: '2026-11-27', meal: 'lunch', grams: 100 }, Buffer.from('not a photo'), 'image/jpeg'],
      [chef2, { date: '2026-11-27', meal: 'lunch', grams: 100 }],
      [diner, { date: '2026-11-27', meal: 'lunch', grams: 100 }],
    ];
    for (const [c, fields, bytes, type] of cases) {
      const r = await record(c, fields, bytes, type);
      expect(r.status, `${JSON.stringify(fields)} ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.message.length).toBeGreaterThan(3);
    }
    expect((await warden.req('POST', '/api/waste', '{not json', { 'content-type': 'application/json' })).status).toBe(400);
    expect([await count('inspection_waste'), await count('inspection_photo'), await count('core_audit_log')]).toEqual(before);
  });
});

describe('for the open-kitchen page', () => {
  it('gives out checklist photos of the last 7 days only, and no waste photos', async () => {
    const system = await makeCtx(t.platform, null, [], 'zh');
    const day = await inspectionDay(system, K1(), '2026-11-25');
    expect(day).toMatchObject({ tasks: 13, done: 13, overdue: 0, closed: true });
    expect(day.latest).toHaveLength(10);
    expect(day.latest[0]).toMatchObject({ byName: expect.any(String), result: expect.stringMatching(/ok|problem/), photoIds: [expect.any(Number)] });
    const id = day.latest[0]!.photoIds[0]!;
    const p = await inspectionPhotoForOpenKitchen(system, K1(), id);
    expect(p?.type).toBe('image/jpeg');
    expect((await sharp(p!.bytes).metadata()).format).toBe('jpeg');
    expect(await inspectionPhotoForOpenKitchen(system, t.fx.orgs.k2, id)).toBeNull();
    const [waste] = await rows<{ id: number }>(t.platform.database.db, sql`select id from inspection_photo where waste_id is not null limit 1`);
    expect(await inspectionPhotoForOpenKitchen(system, K1(), waste!.id)).toBeNull();
    setChina('2026-12-03', '12:00');
    expect(await inspectionPhotoForOpenKitchen(system, K1(), id)).toBeNull();
  });
});
