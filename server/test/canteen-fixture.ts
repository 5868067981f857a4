import type { Client } from './harness.ts';

const nutr = { energyKcal: 0, proteinG: 0, fatG: 0, carbohydrateG: 0, fibreG: 0, sodiumMg: 0 };

/** A small bureau library through the API: three ingredients, a supplier with prices, two dishes. */
export async function planningLibrary(admin: Client) {
  const ok = <T>(r: { status: number; body: T }) => {
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r.body;
  };
  const pork = ok(await admin.post('/api/ingredients', {
    code: 'pork-belly', name: '五花肉', nameEn: 'Pork belly', category: 'meat', purchaseUnit: 'jin', gramsPerUnit: 500, shelfLifeDays: 3,
    ...nutr, energyKcal: 518, proteinG: 9.3, fatG: 53, carbohydrateG: 0, sodiumMg: 32,
  })) as { id: number };
  const egg = ok(await admin.post('/api/ingredients', {
    code: 'egg', name: '鸡蛋', category: 'egg', purchaseUnit: 'xiang', gramsPerUnit: 10000, shelfLifeDays: 30,
    ...nutr, energyKcal: 143, proteinG: 12.6, fatG: 9.5, carbohydrateG: 0.7, sodiumMg: 142,
  })) as { id: number };
  const tomato = ok(await admin.post('/api/ingredients', {
    code: 'tomato', name: '番茄', category: 'vegetable', purchaseUnit: 'kg', gramsPerUnit: 1000, shelfLifeDays: 7,
    ...nutr, energyKcal: 18, proteinG: 0.9, fatG: 0.2, carbohydrateG: 3.9, fibreG: 1.2, sodiumMg: 5,
  })) as { id: number };
  const supplier = ok(await admin.post('/api/suppliers', { code: 'S1', name: '台州农贸配送' })) as { id: number };
  ok(await admin.post('/api/price-lists', {
    supplierId: supplier.id, name: '十一月价格', validFrom: '2026-11-01',
    prices: [{ ingredientId: pork.id, priceFen: 1400 }, { ingredientId: egg.id, priceFen: 9000 }, { ingredientId: tomato.id, priceFen: 600 }],
  }));
  return { pork: pork.id, egg: egg.id, tomato: tomato.id, supplier: supplier.id };
}

export async function dish(chef: Client, body: Record<string, unknown>) {
  const r = await chef.post('/api/dishes', { nameEn: '', seasons: [], ...body });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: number };
}
