import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, chef1: Client, chef2: Client, store1: Client;
let lib: Awaited<ReturnType<typeof planningLibrary>>;
const base = { category: 'vegetable', purchaseUnit: 'jin', gramsPerUnit: 500, shelfLifeDays: 3, energyKcal: 20, proteinG: 1, fatG: 0, carbohydrateG: 4, fibreG: 1, sodiumMg: 10 };

beforeAll(async () => {
  t = await testApp();
  [admin, chef1, chef2, store1] = await Promise.all(['admin', 'chef1', 'chef2', 'store1'].map((u) => t.as(u)));
  lib = await planningLibrary(admin);
});
afterAll(() => t.close());

describe('ingredients', () => {
  it('a head chef adds a private ingredient for their canteen; the other canteen neither sees nor changes it', async () => {
    const r = await chef1.post('/api/ingredients', { ...base, code: 'local-greens', name: '本地野菜' });
    expect(r.status).toBe(201);
    expect(r.body.orgId).toBe(t.fx.orgs.k1);
    expect((await chef2.get(`/api/ingredients/${r.body.id}`)).status).toBe(404);
    expect((await chef2.get('/api/ingredients')).body.map((i: { code: string }) => i.code)).not.toContain('local-greens');
    expect((await chef2.put(`/api/ingredients/${r.body.id}`, { ...base, code: 'local-greens', name: '改名' })).status).toBe(404);
    // nor can canteen 2 cook with it
    const d = await chef2.post('/api/dishes', { code: 'x', name: '野菜', kind: 'vegetable', priceFen: 300, portionG: 150, recipe: [{ ingredientId: r.body.id, netG: 100, yieldPct: 90 }] });
    expect(d.status).toBe(422);
    expect(d.body.code).toBe('ingredient_unknown');
  });

  it('refuses a chef editing the bureau\'s shared library', async () => {
    expect((await chef1.put(`/api/ingredients/${lib.tomato}`, { ...base, code: 'tomato', name: '西红柿' })).status).toBe(403);
  });

  it('keeps kg and jin at their fixed weights', async () => {
    const r = await chef1.post('/api/ingredients', { ...base, code: 'odd', name: '怪斤', gramsPerUnit: 600 });
    expect(r.status).toBe(400);
    expect(r.body.details.issues[0].path).toBe('gramsPerUnit');
  });

  it('sets minimum and maximum stock per canteen, only for canteens in reach', async () => {
    expect((await store1.put(`/api/ingredients/${lib.pork}/stock-limit`, { canteenId: t.fx.orgs.k1, minG: 5000, maxG: 50000 })).status).toBe(200);
    expect((await store1.put(`/api/ingredients/${lib.pork}/stock-limit`, { canteenId: t.fx.orgs.k2, minG: 5000, maxG: 50000 })).status).toBe(403);
    expect((await store1.put(`/api/ingredients/${lib.pork}/stock-limit`, { canteenId: t.fx.orgs.k1, minG: 5000, maxG: 10 })).status).toBe(400);
    const pork = (await store1.get(`/api/ingredients?canteenId=${t.fx.orgs.k1}&search=pork`)).body[0];
    expect(pork).toMatchObject({ minG: 5000, maxG: 50000 });
    expect((await chef2.get(`/api/ingredients?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
  });

  it('keeps a canteen\'s suppliers and price lists to itself', async () => {
    const head1 = await t.as('head1');
    const s = await head1.post('/api/suppliers', { code: 'LOCAL', name: '本地菜农' });
    expect(s.status).toBe(201);
    const list = await head1.post('/api/price-lists', { supplierId: s.body.id, name: '本地价', validFrom: '2026-11-01', prices: [{ ingredientId: lib.tomato, priceFen: 100 }] });
    expect(list.status).toBe(201);
    const head2 = await t.as('head2');
    expect((await head2.get(`/api/price-lists/${list.body.id}`)).status).toBe(404);
    expect((await head2.put(`/api/suppliers/${s.body.id}`, { code: 'LOCAL', name: '抢走' })).status).toBe(404);
    // the cheaper local quote prices canteen 1 only
    const p1 = (await head1.get(`/api/prices?canteenId=${t.fx.orgs.k1}&date=2026-11-20`)).body.find((p: { ingredientId: number }) => p.ingredientId === lib.tomato);
    const p2 = (await head2.get(`/api/prices?canteenId=${t.fx.orgs.k2}&date=2026-11-20`)).body.find((p: { ingredientId: number }) => p.ingredientId === lib.tomato);
    expect(p1).toMatchObject({ priceFen: 100, supplierName: '本地菜农' });
    expect(p2).toMatchObject({ priceFen: 600, supplierName: '台州农贸配送' });
  });

  it('changes the nutrition of every dish that uses an ingredient when its values are corrected', async () => {
    const d = await chef1.post('/api/dishes', { code: 'tomato-salad', name: '凉拌番茄', kind: 'vegetable', priceFen: 300, portionG: 200, recipe: [{ ingredientId: lib.tomato, netG: 200, yieldPct: 90 }] });
    expect((await chef1.get(`/api/dishes/${d.body.id}`)).body.nutrition.energyKcal).toBe(36);
    const tomato = (await admin.get(`/api/ingredients/${lib.tomato}`)).body;
    const { id: _id, orgId: _o, updatedAt: _u, ...fields } = tomato;
    expect((await admin.put(`/api/ingredients/${lib.tomato}`, { ...fields, energyKcal: 20 })).status).toBe(200);
    expect((await chef1.get(`/api/dishes?search=tomato-salad`)).body[0].nutrition.energyKcal).toBe(40);
  });

  it('lets a canteen head agree their own prices with a bureau-wide supplier, for their canteen only', async () => {
    const head1 = await t.as('head1');
    const r = await head1.post('/api/price-lists', { supplierId: lib.supplier, name: '一食堂议价', validFrom: '2026-11-10', prices: [{ ingredientId: lib.egg, priceFen: 8000 }] });
    expect(r.status).toBe(201);
    expect(r.body.orgId).toBe(t.fx.orgs.k1);
    expect((await head1.post('/api/price-lists', { supplierId: lib.supplier, orgId: t.fx.orgs.k2, name: 'x', validFrom: '2026-11-10', prices: [{ ingredientId: lib.egg, priceFen: 1 }] })).status).toBe(403);
    const egg = (k: number, c: Client) => c.get(`/api/prices?canteenId=${k}&date=2026-11-20`).then((x) => x.body.find((p: { ingredientId: number }) => p.ingredientId === lib.egg).priceFen);
    expect(await egg(t.fx.orgs.k1, head1)).toBe(8000);
    expect(await egg(t.fx.orgs.k2, await t.as('head2'))).toBe(9000);
    const lists = (await head1.get('/api/price-lists')).body;
    expect(lists.find((l: { id: number }) => l.id === r.body.id).items).toBe(1);
  });
});
