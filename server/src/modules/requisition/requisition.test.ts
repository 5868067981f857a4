import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let chef1: Client, head1: Client, chef2: Client, head2: Client, admin: Client;
let lib: Awaited<ReturnType<typeof planningLibrary>>;
let braised: number, tomatoEgg: number;

beforeAll(async () => {
  t = await testApp(() => new Date('2026-11-25T02:00:00Z'));
  [admin, chef1, head1, chef2, head2] = await Promise.all(['admin', 'chef1', 'head1', 'chef2', 'head2'].map((u) => t.as(u)));
  lib = await planningLibrary(admin);
  braised = (await dish(chef1, { code: 'hsr', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150,
    recipe: [{ ingredientId: lib.pork, netG: 120, yieldPct: 90 }] })).id;
  tomatoEgg = (await dish(chef1, { code: 'fqcd', name: '番茄炒蛋', kind: 'mixed', priceFen: 600, portionG: 200,
    recipe: [{ ingredientId: lib.tomato, netG: 150, yieldPct: 85 }, { ingredientId: lib.egg, netG: 60, yieldPct: 88 }] })).id;
});
afterAll(() => t.close());

async function publishLunch(c: Client, date: string, items: { dishId: number; portions: number }[]) {
  const plan = await c.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date, meal: 'lunch', items });
  expect(plan.status).toBe(200);
  const pub = await c.post(`/api/menu-plans/${plan.body.id}/publish`);
  expect(pub.status).toBe(200);
  return plan.body.id as number;
}

describe('planning chain: dishes → menu plan → requisition', () => {
  it('computes nutrition and cost per portion from the recipe and the price list', async () => {
    const r = await chef1.get(`/api/dishes/${braised}?canteenId=${t.fx.orgs.k1}&date=2026-11-26`);
    expect(r.status).toBe(200);
    // 120 g of pork belly at 518 kcal / 100 g
    expect(r.body.nutrition.energyKcal).toBe(621.6);
    expect(r.body.nutrition.fatG).toBe(63.6);
    // bought: 120 / 0.9 = 133.33 g at 1400 fen per 500 g = 373.33 fen
    expect(r.body.costFen).toBe(373);
    expect(r.body.recipe[0].supplierName).toBe('台州农贸配送');
  });

  it('generates a requisition: need = portions × net ÷ yield, rounded up to purchase units, priced', async () => {
    await publishLunch(chef1, '2026-11-26', [{ dishId: braised, portions: 300 }, { dishId: tomatoEgg, portions: 200 }]);
    await publishLunch(chef1, '2026-11-27', [{ dishId: tomatoEgg, portions: 100 }]);
    const r = await chef1.post('/api/requisitions/generate', { canteenId: t.fx.orgs.k1, from: '2026-11-26', to: '2026-11-27' });
    expect(r.status).toBe(201);
    const line = (id: number) => r.body.lines.find((l: { ingredientId: number }) => l.ingredientId === id);
    // pork: 300 × 120 / 0.9 = 40,000 g → 80 jin × 1400 fen
    expect(line(lib.pork)).toMatchObject({ needG: 40000, qty: 80, unitPriceFen: 1400, amountFen: 112000 });
    // tomato: 300 × 150 / 0.85 = 52,941.18 g → 52,942 g → 53 kg
    expect(line(lib.tomato)).toMatchObject({ needG: 52942, qty: 53, amountFen: 53 * 600 });
    // egg: 300 × 60 / 0.88 = 20,454.55 g → 20,455 g → 3 boxes of 10 kg
    expect(line(lib.egg)).toMatchObject({ needG: 20455, qty: 3, amountFen: 27000 });
    expect(r.body.totalFen).toBe(112000 + 31800 + 27000);
    expect(r.body.status).toBe('draft');
    expect(r.body.no).toMatch(/^QG-K1-20261125-01$/);
  });

  it('refuses a second requisition over the same dates, but regenerates the same draft', async () => {
    const again = await chef1.post('/api/requisitions/generate', { canteenId: t.fx.orgs.k1, from: '2026-11-26', to: '2026-11-27' });
    expect(again.status).toBe(201);
    expect(again.body.no).toBe('QG-K1-20261125-01');
    const overlap = await chef1.post('/api/requisitions/generate', { canteenId: t.fx.orgs.k1, from: '2026-11-27', to: '2026-11-28' });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('requisition_overlap');
  });

  it('is edited, submitted, refused to its author, sent back with a reason, and approved by the canteen head', async () => {
    const [list] = (await chef1.get(`/api/requisitions?canteenId=${t.fx.orgs.k1}`)).body;
    const id = list.id;
    expect(list.lines).toBe(3);
    const edit = await chef1.put(`/api/requisitions/${id}/lines`, { lines: [{ ingredientId: lib.pork, qty: 70, note: '库里还有' }] });
    expect(edit.status).toBe(200);
    expect(edit.body.totalFen).toBe(70 * 1400 + 31800 + 27000);
    expect((await chef1.post(`/api/requisitions/${id}/submit`)).status).toBe(200);
    expect((await chef1.put(`/api/requisitions/${id}/lines`, { lines: [{ ingredientId: lib.pork, qty: 1 }] })).status).toBe(409);
    expect((await chef1.post(`/api/requisitions/${id}/approve`, {})).status).toBe(403);
    const noReason = await head1.post(`/api/requisitions/${id}/reject`, { comment: '' });
    expect(noReason.status).toBe(400);
    const rejected = await head1.post(`/api/requisitions/${id}/reject`, { comment: '鸡蛋太多' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionComment: '鸡蛋太多', decidedByName: '负责人一' });
    await chef1.put(`/api/requisitions/${id}/lines`, { lines: [{ ingredientId: lib.egg, qty: 2 }] });
    await chef1.post(`/api/requisitions/${id}/submit`);
    const approved = await head1.post(`/api/requisitions/${id}/approve`, { comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await head1.post(`/api/requisitions/${id}/approve`, {})).status).toBe(409);
    const log = await admin.get(`/api/audit?entity=requisition&entityId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['requisition.generated', 'requisition.rejected', 'requisition.approved']));
  });

  it('keeps must-serve dishes in every plan of that meal', async () => {
    expect((await head1.put('/api/must-serve', { canteenId: t.fx.orgs.k1, meal: 'lunch', dishIds: [tomatoEgg] })).status).toBe(200);
    const dropped = await chef1.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-12-01', meal: 'lunch', items: [{ dishId: braised, portions: 10 }] });
    expect(dropped.status).toBe(422);
    expect(dropped.body.code).toBe('must_serve_missing');
    expect(dropped.body.message).toContain('番茄炒蛋');
    const kept = await chef1.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-12-01', meal: 'lunch', items: [{ dishId: braised, portions: 10 }, { dishId: tomatoEgg, portions: 10 }] });
    expect(kept.status).toBe(200);
    expect(kept.body.items.find((i: { dishId: number }) => i.dishId === tomatoEgg).mustServe).toBe(true);
  });

  it('copies a day as drafts and never overwrites a published plan', async () => {
    const r = await chef1.post('/api/menu-plans/copy', { canteenId: t.fx.orgs.k1, fromDate: '2026-11-26', toDate: '2026-11-27', days: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ copied: 0, skipped: [{ date: '2026-11-27', meal: 'lunch', reason: 'published' }] });
    const r2 = await chef1.post('/api/menu-plans/copy', { canteenId: t.fx.orgs.k1, fromDate: '2026-11-26', toDate: '2026-12-03', days: 1 });
    expect(r2.body.copied).toBe(1);
    const plans = await chef1.get(`/api/menu-plans?canteenId=${t.fx.orgs.k1}&from=2026-12-03&to=2026-12-03`);
    expect(plans.body).toMatchObject([{ status: 'draft', dishes: 2, portions: 500 }]);
  });

  it('shows the published menu with nutrition to a diner of any agency unit', async () => {
    const diner = await t.as('diner2');
    const r = await diner.get('/api/menu/published?date=2026-11-26');
    expect(r.status).toBe(200);
    const k1 = r.body.find((c: { canteenId: number }) => c.canteenId === t.fx.orgs.k1);
    expect(k1.meals[0].dishes.map((d: { name: string }) => d.name)).toEqual(['红烧肉', '番茄炒蛋']);
    expect(k1.meals[0].dishes[0].nutrition.energyKcal).toBe(621.6);
    expect((await diner.get(`/api/menu-plans?canteenId=${t.fx.orgs.k1}&from=2026-11-26&to=2026-11-26`)).status).toBe(403);
  });

  it('keeps one canteen out of another canteen\'s plans, dishes and requisitions', async () => {
    const [req] = (await chef1.get(`/api/requisitions?canteenId=${t.fx.orgs.k1}`)).body;
    expect((await chef2.get(`/api/requisitions/${req.id}`)).status).toBe(404);
    expect((await head2.post(`/api/requisitions/${req.id}/reject`, { comment: 'x' })).status).toBe(404);
    expect((await chef2.get('/api/requisitions')).body).toEqual([]);
    expect((await chef2.get(`/api/menu-plans?canteenId=${t.fx.orgs.k1}&from=2026-11-26&to=2026-11-27`)).status).toBe(403);
    expect((await chef2.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-12-05', meal: 'lunch', items: [{ dishId: braised, portions: 1 }] })).status).toBe(403);
    expect((await chef2.get(`/api/dishes/${braised}`)).status).toBe(404);
    expect((await chef2.get('/api/dishes')).body.map((d: { id: number }) => d.id)).not.toContain(braised);
    // canteen 1's private dish cannot be put on canteen 2's menu
    const foreign = await chef2.put('/api/menu-plans', { canteenId: t.fx.orgs.k2, date: '2026-12-05', meal: 'lunch', items: [{ dishId: braised, portions: 1 }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('dish_unknown');
    // the bureau's shared ingredients are visible to both canteens
    expect((await chef2.get('/api/ingredients')).body.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['pork-belly', 'egg', 'tomato']));
  });
});
