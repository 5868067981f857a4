import { chinaDate } from './core/doc-number.ts';
import type { Platform } from './core/context.ts';
import { ctxAs } from './core/context-factory.ts';
import { inTransaction } from './core/context.ts';
import { Random } from './core/random.ts';
import { createDish, referenceDishes } from './modules/dish/index.ts';
import { ingredientsByCode, referenceIngredients, upsertIngredients } from './modules/ingredient/index.ts';
import { addDays, savePlan, setMustServe, setPublished } from './modules/menu/index.ts';
import { decideRequisition, generateRequisition, submitRequisition } from './modules/requisition/index.ts';
import { setRequiredDocuments } from './modules/stock/index.ts';
import { createSupplier, savePriceList } from './modules/supplier/index.ts';

export const SUPPLIERS = [
  { code: 'S01', name: '台州市蔬果配送有限公司', contact: '林建国', phone: '0576-88120001', categories: ['vegetable', 'fungus', 'fruit'], markup: 1.0 },
  { code: 'S02', name: '椒江鲜达农产品商行', contact: '王海燕', phone: '0576-88120002', categories: ['vegetable', 'soy', 'egg'], markup: 1.03 },
  { code: 'S03', name: '台州市肉类食品有限公司', contact: '陈志强', phone: '0576-88120003', categories: ['meat', 'poultry'], markup: 1.0 },
  { code: 'S04', name: '台州湾水产配送中心', contact: '郑丽娟', phone: '0576-88120004', categories: ['aquatic'], markup: 1.0 },
  { code: 'S05', name: '台州市粮油贸易有限公司', contact: '黄伟', phone: '0576-88120005', categories: ['grain', 'oil', 'seasoning', 'dried', 'dairy'], markup: 1.0 },
];

/** Diners per canteen at lunch (3,500 in all); breakfast about half, dinner a quarter. */
export const LUNCH_HEADCOUNT: Record<string, number> = { yj: 1200, fn: 900, b6: 700, b7: 700 };
const BREAKFAST = ['doujiang', 'mantou', 'rou-baozi', 'cai-baozi', 'youtiao', 'jidan-bing', 'chaye-dan', 'xiaomi-zhou', 'congyou-huajuan', 'shengjian-bao', 'xiao-huntun', 'shaomai', 'yanmai-zhou'];
/** Portions per diner of each kind, shared among the dishes of that kind. */
const SHARE = { meat: 0.6, mixed: 0.8, vegetable: 1.0, soup: 0.6, staple: 0.3 } as const;

const seasonOf = (date: string) => (['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'] as const)[Number(date.slice(5, 7)) - 1]!;

function mondayOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

export type DishRef = { id: number; kind: string; seasons: string[] };
type Meal = 'breakfast' | 'lunch' | 'dinner';

/** The day's three menus of a canteen with `lunchHc` diners at lunch: in-season dishes, portions by kind. */
export function menuComposer(rng: Random, dishIds: Map<string, DishRef>) {
  const inSeason = (code: string, date: string) => {
    const d = dishIds.get(code)!;
    return !d.seasons.length || d.seasons.includes(seasonOf(date));
  };
  const pool = (kind: string, date: string, exclude: string[] = []) =>
    [...dishIds.entries()].filter(([code, d]) => d.kind === kind && inSeason(code, date) && !exclude.includes(code) && !BREAKFAST.includes(code)).map(([c]) => c);
  return (date: string, lunchHc: number): { meal: Meal; items: { dishId: number; portions: number }[] }[] => {
    const menus = {
      breakfast: { hc: Math.round(lunchHc * 0.5), dishes: ['xifan', ...rng.shuffle(BREAKFAST).slice(0, 5)] },
      lunch: { hc: lunchHc, dishes: ['mifan', ...rng.shuffle(pool('meat', date)).slice(0, 3), ...rng.shuffle(pool('mixed', date)).slice(0, 3), ...rng.shuffle(pool('vegetable', date)).slice(0, 3), ...rng.shuffle(pool('soup', date)).slice(0, 1), ...rng.shuffle(pool('staple', date, ['mifan', 'xifan'])).slice(0, 1)] },
      dinner: { hc: Math.round(lunchHc * 0.25), dishes: ['mifan', ...rng.shuffle(pool('meat', date)).slice(0, 2), ...rng.shuffle(pool('mixed', date)).slice(0, 2), ...rng.shuffle(pool('vegetable', date)).slice(0, 2), ...rng.shuffle(pool('soup', date)).slice(0, 1)] },
    };
    return (Object.entries(menus) as [Meal, (typeof menus)[Meal]][]).map(([meal, m]) => ({
      meal,
      items: m.dishes.map((code) => {
        const kind = dishIds.get(code)!.kind as keyof typeof SHARE;
        const sameKind = m.dishes.filter((x) => dishIds.get(x)!.kind === kind && x !== 'mifan' && x !== 'xifan').length || 1;
        const share = code === 'mifan' ? 0.9 : code === 'xifan' ? 0.5 : meal === 'breakfast' ? 1.8 / 5 : SHARE[kind] / sameKind;
        return { dishId: dishIds.get(code)!.id, portions: Math.max(5, Math.round(m.hc * share * (0.85 + rng.next() * 0.3))) };
      }),
    }));
  };
}

/** Ingredients, suppliers with three months of price lists, the dish library, 4 weeks of menu plans and requisitions. */
export async function seedCanteenDemo(platform: Platform, canteens: { id: number; login: string }[], bureauId: number, log: (m: string) => void) {
  const rng = new Random(7);
  const admin = await ctxAs(platform, 'admin');
  const today = chinaDate(platform.now());

  const reference = referenceIngredients();
  const ingIds = new Map<string, number>();
  const supplierIds = new Map<string, number>();
  await inTransaction(admin, async (ctx) => {
    await upsertIngredients(ctx, bureauId, reference.map(({ referencePriceFen: _p, ...i }) => i));
  });
  for (const [code, i] of await ingredientsByCode(admin, bureauId)) ingIds.set(code, i.id);
  log(`${reference.length} reference ingredients`);

  await inTransaction(admin, async (ctx) => {
    const months = [-2, -1, 0].map((m) => {
      const d = new Date(`${today.slice(0, 8)}01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + m);
      return d.toISOString().slice(0, 10);
    });
    for (const s of SUPPLIERS) {
      const sup = await createSupplier(ctx, { orgId: bureauId, code: s.code, name: s.name, contact: s.contact, phone: s.phone, active: true });
      supplierIds.set(s.code, sup.id);
      for (const validFrom of months) {
        const prices = reference.filter((i) => s.categories.includes(i.category)).map((i) => ({
          ingredientId: ingIds.get(i.code)!,
          priceFen: Math.max(1, Math.round(i.referencePriceFen * s.markup * (0.92 + rng.next() * 0.16))),
        }));
        await savePriceList(ctx, { supplierId: sup.id, name: `${s.name} ${validFrom.slice(0, 7)} 报价`, validFrom, prices }, 'file');
      }
    }
  });
  log(`${SUPPLIERS.length} suppliers with 3 months of price lists`);
  // Animal products come with a quarantine certificate (动物检疫合格证明), dairy with a test report.
  await inTransaction(admin, (ctx) => setRequiredDocuments(ctx, bureauId, [
    ...['meat', 'poultry', 'aquatic', 'egg'].map((category) => ({ category, kinds: ['quarantine' as const] })), { category: 'dairy', kinds: ['test_report' as const] },
  ]));

  const dishes = referenceDishes();
  const dishIds = new Map<string, DishRef>();
  await inTransaction(admin, async (ctx) => {
    for (const d of dishes) {
      const { recipe, ...fields } = d;
      const row = await createDish(ctx, { ...fields, orgId: bureauId, active: true, recipe: recipe.map((l) => ({ ingredientId: ingIds.get(l.ingredientCode)!, netG: l.netG, yieldPct: l.yieldPct })) });
      dishIds.set(d.code, { id: row.id, kind: d.kind, seasons: d.seasons });
    }
  });
  log(`${dishes.length} dishes with standard recipes`);

  const firstMonday = addDays(mondayOf(today), -14);
  const composeDay = menuComposer(rng, dishIds);
  let plans = 0;
  for (const c of canteens) {
    const chef = await ctxAs(platform, `chef.${c.login}`);
    const head = await ctxAs(platform, `head.${c.login}`);
    await inTransaction(head, async (ctx) => {
      await setMustServe(ctx, { canteenId: c.id, meal: 'lunch', dishIds: [dishIds.get('mifan')!.id] });
      await setMustServe(ctx, { canteenId: c.id, meal: 'dinner', dishIds: [dishIds.get('mifan')!.id] });
      await setMustServe(ctx, { canteenId: c.id, meal: 'breakfast', dishIds: [dishIds.get('xifan')!.id] });
    });
    const lunchHc = LUNCH_HEADCOUNT[c.login]!;
    for (let week = 0; week < 4; week++) {
      await inTransaction(chef, async (ctx) => {
        for (let day = 0; day < 5; day++) {
          const date = addDays(firstMonday, week * 7 + day);
          for (const { meal, items } of composeDay(date, lunchHc)) {
            const plan = await savePlan(ctx, { canteenId: c.id, date, meal, note: '', items });
            // The last week's second half stays in draft: work the head chef still has to do.
            if (!(week === 3 && day >= 3)) await setPublished(ctx, plan.id, true);
            plans++;
          }
        }
      });
    }
  }
  log(`${plans} menu plans (4 weeks × 4 canteens × 3 meals)`);
  return { dishIds, ingIds, supplierIds, firstMonday };
}

/** Three weekly requisitions per canteen from the plan window: two approved, one waiting. */
export async function seedDemoRequisitions(platform: Platform, canteens: { id: number; login: string }[], firstMonday: string, log: (m: string) => void) {
  for (const c of canteens) {
    const chef = await ctxAs(platform, `chef.${c.login}`);
    const head = await ctxAs(platform, `head.${c.login}`);
    for (let week = 0; week < 3; week++) {
      const from = addDays(firstMonday, week * 7);
      const req = await inTransaction(chef, (ctx) => generateRequisition(ctx, { canteenId: c.id, from, to: addDays(from, 4) }));
      await inTransaction(chef, (ctx) => submitRequisition(ctx, req.id));
      if (week < 2) await inTransaction(head, (ctx) => decideRequisition(ctx, req.id, true, '同意采购'));
    }
  }
  log(`${canteens.length * 3} requisitions`);
}
