import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFixture } from '../../../test/account-fixture.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';
import { INTAKE } from './my-meals.ts';

// 25 November 2026, China time: breakfast at 08:30, lunch at 12:00.
let now = new Date('2026-11-25T00:30:00Z');
let t: Awaited<ReturnType<typeof testApp>>;
let cashier: Client, diner: Client, diner2: Client, chef: Client;
let braised: number, tomatoEgg: number, rice: number;
type N = { energyKcal: number; proteinG: number; fatG: number; carbohydrateG: number; fibreG: number; sodiumMg: number };
const per = new Map<number, N>();
let key = 0;
const k = () => `my-meal-${String(++key).padStart(4, '0')}`;
const DAY = '2026-11-25';

beforeAll(async () => {
  t = await testApp(() => now);
  const [admin, head] = await Promise.all(['admin', 'head1'].map((u) => t.as(u)));
  [cashier, diner, diner2, chef] = await Promise.all(['cash1', 'diner1', 'diner2', 'chef1'].map((u) => t.as(u)));
  const lib = await planningLibrary(admin);
  braised = (await dish(chef, { code: 'hsr', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150, recipe: [{ ingredientId: lib.pork, netG: 120, yieldPct: 90 }] })).id;
  tomatoEgg = (await dish(chef, { code: 'fqcd', name: '番茄炒蛋', kind: 'mixed', priceFen: 600, portionG: 200, recipe: [{ ingredientId: lib.tomato, netG: 150, yieldPct: 85 }, { ingredientId: lib.egg, netG: 60, yieldPct: 88 }] })).id;
  rice = (await dish(chef, { code: 'rice', name: '米饭', kind: 'staple', priceFen: 100, portionG: 200, recipe: [{ ingredientId: lib.egg, netG: 1, yieldPct: 100 }] })).id;
  for (const meal of ['breakfast', 'lunch'] as const) {
    const plan = await chef.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: DAY, meal, items: [{ dishId: braised, portions: 300 }, { dishId: tomatoEgg, portions: 300 }, { dishId: rice, portions: 600 }] });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect((await chef.post(`/api/menu-plans/${plan.body.id}/publish`)).status).toBe(200);
  }
  const acc = await accountFixture(t, { admin, head, cashier });
  for (const id of [acc.diner1, acc.diner2]) {
    expect((await cashier.post(`/api/accounts/${id}/top-ups`, { canteenId: t.fx.orgs.k1, amountFen: 10_000, requestKey: `top-${id}-0001` })).status).toBe(201);
  }
  const menus = (await diner.get(`/api/menu/published?date=${DAY}`)).body as { meals: { dishes: { dishId: number; nutrition: N }[] }[] }[];
  for (const d of menus.flatMap((m) => m.meals.flatMap((x) => x.dishes))) per.set(d.dishId, d.nutrition);
  expect(per.get(braised)?.proteinG).toBeGreaterThan(0);

  const sell = async (card: string, lines: object[]) => {
    const r = await cashier.post('/api/checkout/sales', { canteenId: t.fx.orgs.k1, requestKey: k(), identify: { card }, lines });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: number };
  };
  // Breakfast: one rice. Lunch: a tapped portion of braised pork and 300 g of tomato and egg weighed.
  await sell('C0001', [{ dishId: rice }]);
  now = new Date('2026-11-25T04:00:00Z');
  await sell('C0001', [{ dishId: braised, portions: 1 }, { dishId: tomatoEgg, how: 'weigh', weightG: 300 }]);
  // Taken back at once: neither counted as eaten nor shown as paid.
  const undone = await sell('C0001', [{ dishId: braised, portions: 2 }]);
  expect((await cashier.post(`/api/checkout/sales/${undone.id}/undo`, { reason: '点错了' })).status).toBe(200);
  await sell('C0002', [{ dishId: braised, portions: 3 }]);
});
afterAll(() => t?.close());

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(0.051);

describe('my meals on the phone', () => {
  it('shows a diner only their own sales, with dish names, and links them to ledger entries', async () => {
    const mine = await diner.get(`/api/checkout/my-sales?from=${DAY}&to=${DAY}`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.map((s: { meal: string; status: string }) => [s.meal, s.status])).toEqual([['breakfast', 'paid'], ['lunch', 'paid'], ['lunch', 'voided']]);
    expect(mine.body[1].lines).toMatchObject([{ name: '红烧肉', how: 'tap', portions: 1 }, { name: '番茄炒蛋', how: 'weigh', weightG: 300, amountFen: 900 }]);
    const history = (await diner.get('/api/accounts/me/history')).body as { id: number; kind: string }[];
    const payments = history.filter((h) => h.kind === 'payment').map((h) => h.id);
    expect(payments).toContain(mine.body[1].entryId);

    const theirs = await diner2.get(`/api/checkout/my-sales?from=${DAY}&to=${DAY}`);
    expect(theirs.body).toHaveLength(1);
    expect(theirs.body[0].lines).toMatchObject([{ dishId: braised, portions: 3 }]);
    expect((await diner2.get(`/api/checkout/my-nutrition?from=${DAY}&to=${DAY}`)).body.days[0].meals.map((m: { meal: string }) => m.meal)).toEqual(['lunch']);
  });

  it('counts a tapped line by portions and a weighed line by grams over the portion, against the meal’s share of the day', async () => {
    const r = await diner.get(`/api/checkout/my-nutrition?from=2026-11-23&to=2026-11-29&sex=female`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.days).toHaveLength(1);
    const [day] = r.body.days;
    const lunch = day.meals.find((m: { meal: string }) => m.meal === 'lunch');
    const b = per.get(braised)!, te = per.get(tomatoEgg)!, ri = per.get(rice)!;
    for (const key of ['energyKcal', 'proteinG', 'fatG', 'carbohydrateG', 'sodiumMg'] as const) {
      // The voided double portion is not there; 300 g of a 200 g portion is 1.5 portions.
      close(lunch.eaten[key], b[key] + te[key] * 1.5);
      close(day.total[key], b[key] + te[key] * 1.5 + ri[key]);
    }
    expect(lunch.dishes).toEqual(['红烧肉', '番茄炒蛋']);
    expect(lunch.sharePct).toBe(40);
    expect(lunch.target.energyKcal).toBe(INTAKE.female.energyKcal * 0.4);
    expect(lunch.target.proteinG).toBe(INTAKE.female.proteinG * 0.4);
    expect(lunch.status.protein).toBe(lunch.eaten.proteinG >= INTAKE.female.proteinG * 0.4 * 0.9 ? 'ok' : 'low');
    // Breakfast and lunch taken: the canteen was to cover 70 % of the day.
    expect(day.sharePct).toBe(70);
    expect(day.target.energyKcal).toBe(1260);
    expect(r.body.summary.map((s: { meal: string; days: number }) => [s.meal, s.days])).toEqual([['breakfast', 1], ['lunch', 1]]);

    const male = await diner.get(`/api/checkout/my-nutrition?from=${DAY}&to=${DAY}&sex=male`);
    expect(male.body.days[0].meals[1].target.energyKcal).toBe(900);
    expect(male.body.intake.day).toEqual({ energyKcal: 2250, proteinG: 65 });
  });

  it('refuses bad dates with 400 and staff without a diner account', async () => {
    for (const q of ['from=2026-11-31&to=2026-12-01', 'from=2026-11-25', 'from=25.11.2026&to=2026-11-26', 'from=2026-11-26&to=2026-11-25', 'from=2026-01-01&to=2026-12-31']) {
      for (const path of ['my-sales', 'my-nutrition']) {
        const r = await diner.get(`/api/checkout/${path}?${q}`);
        expect(r.status, `${path}?${q}`).toBe(400);
      }
    }
    expect((await diner.get(`/api/checkout/my-nutrition?from=${DAY}&to=${DAY}&sex=x`)).status).toBe(400);
    expect((await cashier.get(`/api/checkout/my-sales?from=${DAY}&to=${DAY}`)).status).toBe(403);
    expect((await chef.get(`/api/checkout/my-nutrition?from=${DAY}&to=${DAY}`)).status).toBe(403);
  });
});
