import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../src/core/http.ts';
import { rows, sql } from '../src/core/db.ts';
import { dish, planningLibrary } from './canteen-fixture.ts';
import { testApp, type Client } from './harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client;
let ids: Record<string, number>;

/** Row counts of every table: a refused request must leave every one of them as it was. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await rows<{ table_name: string }>(t.platform.database.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [r] = await rows<{ n: number; h: number }>(t.platform.database.db, sql.raw(`select count(*)::int as n, coalesce(sum(hashtext(x::text)), 0)::bigint as h from "${table_name}" x`));
    out[table_name] = `${r!.n}:${r!.h}`;
  }
  return out;
}

beforeAll(async () => {
  t = await testApp(() => new Date('2026-11-25T02:00:00Z'));
  admin = await t.as('admin');
  const lib = await planningLibrary(admin);
  const chef = await t.as('chef1');
  const d = await dish(chef, { code: 'd1', name: '菜一', kind: 'meat', priceFen: 100, portionG: 100, recipe: [{ ingredientId: lib.pork, netG: 100, yieldPct: 100 }] });
  const plan = await chef.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-11-26', meal: 'lunch', items: [{ dishId: d.id, portions: 10 }] });
  await chef.post(`/api/menu-plans/${plan.body.id}/publish`);
  const req = await chef.post('/api/requisitions/generate', { canteenId: t.fx.orgs.k1, from: '2026-11-26', to: '2026-11-26' });
  ids = { id: req.body.id, key: 0 };
});
afterAll(() => t.close());

const unique = () => {
  const seen = new Set<string>();
  return routeTable.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
};
const fill = (path: string) => path.replace(':id', String(ids.id)).replace(':key', 'head_chef');

describe('every route', () => {
  it('declares who may call it', () => {
    for (const r of unique()) expect(r.guard, `${r.method} ${r.path}`).toBeTruthy();
    const open = unique().filter((r) => 'public' in r.guard).map((r) => `${r.method} ${r.path}`);
    expect(open).toEqual(['POST /api/auth/login', 'POST /api/accounts/online-payments/notify', 'POST /api/devices/readings', 'POST /api/orders/locker-pickups', 'POST /api/monitoring/kitchen-events']);
  });

  it('refuses callers who are not signed in', async () => {
    const anon = new (admin.constructor as new (app: unknown) => Client)(t.app);
    for (const r of unique().filter((x) => !('public' in x.guard))) {
      const res = await anon.req(r.method, fill(r.path), r.method === 'GET' ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('answers malformed bodies of every write route with 4xx and a readable message, changing nothing', async () => {
    const before = await snapshot();
    const writes = unique().filter((r) => r.method !== 'GET' && r.body);
    expect(writes.length).toBeGreaterThan(15);
    for (const r of writes) {
      for (const body of ['{not json', JSON.stringify({ bogus: true, canteenId: 'x', items: 'none' }), JSON.stringify([1, 2])]) {
        const res = await admin.req(r.method, fill(r.path), body, { 'content-type': 'application/json' });
        expect(res.status, `${r.method} ${r.path} ${body}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${r.method} ${r.path} ${body}`).toBeLessThan(500);
        expect(typeof res.body.message, `${r.method} ${r.path}`).toBe('string');
        expect(res.body.message.length).toBeGreaterThan(3);
        expect(res.body.code).toBeTruthy();
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('explains a validation error in Chinese or English', async () => {
    const zh = await admin.post('/api/menu-plans/copy', { canteenId: t.fx.orgs.k1, fromDate: '2026-13-01', toDate: '2026-11-27', days: 1 });
    expect(zh.status).toBe(400);
    expect(zh.body.message).toMatch(/^请求内容有误：fromDate/);
    expect(zh.body.details.issues[0].path).toBe('fromDate');
    const en = await new (admin.constructor as new (app: unknown, lang: string) => Client)(t.app, 'en');
    Object.assign(en, { cookie: admin.cookie, csrf: admin.csrf });
    const r = await en.post('/api/menu-plans/copy', { canteenId: t.fx.orgs.k1, fromDate: '2026-11-26', toDate: '2026-11-27', days: 3 });
    expect(r.body.message).toMatch(/^Invalid request body: days/);
  });

  it('publishes an OpenAPI 3.1 document covering every route', async () => {
    const doc = (await admin.get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const r of unique()) {
      const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeTruthy();
    }
    expect(doc.paths['/api/requisitions/generate'].post.requestBody.content['application/json'].schema.properties.canteenId).toBeTruthy();
    const page = await admin.get('/api/docs');
    expect(page.body).toContain('SwaggerUIBundle');
    const bundle = await t.app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
  });
});
