import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { route, type App } from '../../core/http.ts';
import { accountPermissions, ownAccount } from '../account/index.ts';
import { dishesByIds, nutritionFor } from '../dish/index.ts';
import { NUTRIENT_KEYS, zeroNutrients, type Nutrients } from '../ingredient/index.ts';
import { MySalesQuery } from './contracts.ts';
import type { Meal } from './board.ts';
import { sale, saleLine } from './schema.ts';

/**
 * What an adult in light work should eat in a day, and the share of it each canteen meal is
 * planned to cover. Defaults, not law: a canteen may serve people with other needs.
 * Sources: 中国居民膳食营养素参考摄入量 (DRIs) 2013 — energy, light activity, 18–49 years: men
 * 2,250 kcal, women 1,800 kcal; protein RNI 65 / 55 g; fat 20–30 % and carbohydrate 50–65 % of
 * energy (AMDR). 中国居民膳食指南 2022 — salt under 5 g a day, about 2,000 mg of sodium. Meal shares:
 * the usual planning split, breakfast 30 %, lunch 40 %, dinner 30 % (a late meal is not planned for,
 * but what is eaten then still counts to the day).
 */
export const INTAKE = {
  male: { energyKcal: 2250, proteinG: 65 },
  female: { energyKcal: 1800, proteinG: 55 },
  fatEnergyPct: [20, 30] as const,
  carbohydrateEnergyPct: [50, 65] as const,
  sodiumMg: 2000,
  mealSharePct: { breakfast: 30, lunch: 40, dinner: 30, late: 0 } satisfies Record<Meal, number>,
  /** Energy within ±10 % of the meal's share, protein at least 90 % of it, counts as met. */
  tolerancePct: 10,
};

export type Sex = 'male' | 'female';

const MAX_DAYS = 92;
const span = (q: { from: string; to: string }) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
/** A span of business dates: in order, and short enough to read at once. */
const spanned = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) => schema
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期 / the end date is before the start date' })
  .refine((q) => span(q) < MAX_DAYS, { path: ['to'], message: `最多查询 ${MAX_DAYS} 天 / at most ${MAX_DAYS} days at once` });
const SpanQuery = spanned(MySalesQuery);
const NutritionQuery = spanned(MySalesQuery.extend({ sex: z.enum(['male', 'female']).default('male') }));

const round1 = (v: number) => Math.round(v * 10) / 10;
const roundAll = (n: Nutrients): Nutrients => Object.fromEntries(NUTRIENT_KEYS.map((k) => [k, round1(n[k])])) as unknown as Nutrients;
const addTo = (sum: Nutrients, n: Nutrients, factor = 1) => {
  for (const k of NUTRIENT_KEYS) sum[k] += n[k] * factor;
};

/** The caller's own sales (not voided ones) between two business dates, with their lines and dish names. */
export async function mySales(ctx: Ctx, q: { from: string; to: string }) {
  const acc = await ownAccount(ctx);
  const list = await ctx.db.select().from(sale)
    .where(and(eq(sale.accountId, acc.id), gte(sale.businessDate, q.from), lte(sale.businessDate, q.to)))
    .orderBy(asc(sale.soldAt), asc(sale.id));
  const lines = list.length ? await ctx.db.select().from(saleLine).where(inArray(saleLine.saleId, list.map((s) => s.id))).orderBy(asc(saleLine.id)) : [];
  const dishes = await dishesByIds(ctx, [...new Set(lines.map((l) => l.dishId))]);
  return list.map((s) => ({
    id: s.id, entryId: s.entryId, canteenId: s.orgId, canteenName: ctx.tree.get(s.orgId)?.name ?? '', businessDate: s.businessDate, meal: s.meal,
    method: s.method, soldAt: s.soldAt, status: s.status, menuFen: s.menuFen, dueFen: s.dueFen, mealSubsidyFen: s.mealSubsidyFen,
    fromSubsidyFen: s.fromSubsidyFen, fromCashFen: s.fromCashFen,
    lines: lines.filter((l) => l.saleId === s.id).map((l) => {
      const d = dishes.get(l.dishId);
      return { dishId: l.dishId, name: d?.name ?? '', nameEn: d?.nameEn ?? '', kind: d?.kind ?? null, how: l.how, portions: l.portions, weightG: l.weightG, amountFen: l.amountFen };
    }),
  }));
}

type Status = 'low' | 'ok' | 'high';

/** Targets for a share (in %) of the day, and how what was eaten compares. */
function judge(eaten: Nutrients, sex: Sex, sharePct: number) {
  const day = INTAKE[sex];
  const share = sharePct / 100;
  const tol = INTAKE.tolerancePct / 100;
  const target = {
    energyKcal: round1(day.energyKcal * share),
    proteinG: round1(day.proteinG * share),
    fatG: [round1((day.energyKcal * share * INTAKE.fatEnergyPct[0]) / 100 / 9), round1((day.energyKcal * share * INTAKE.fatEnergyPct[1]) / 100 / 9)],
    carbohydrateG: [round1((day.energyKcal * share * INTAKE.carbohydrateEnergyPct[0]) / 100 / 4), round1((day.energyKcal * share * INTAKE.carbohydrateEnergyPct[1]) / 100 / 4)],
    sodiumMg: round1(INTAKE.sodiumMg * share),
  };
  const energyFromMacros = eaten.proteinG * 4 + eaten.fatG * 9 + eaten.carbohydrateG * 4;
  const pct = (part: number) => (energyFromMacros > 0 ? Math.round((part / energyFromMacros) * 100) : 0);
  const fatPct = pct(eaten.fatG * 9), carbohydratePct = pct(eaten.carbohydrateG * 4);
  const range = (v: number, [lo, hi]: readonly [number, number]): Status => (v < lo ? 'low' : v > hi ? 'high' : 'ok');
  const status = share === 0 ? null : {
    energy: range(eaten.energyKcal, [target.energyKcal * (1 - tol), target.energyKcal * (1 + tol)]),
    protein: (eaten.proteinG >= target.proteinG * (1 - tol) ? 'ok' : 'low') as Status,
    fat: range(fatPct, INTAKE.fatEnergyPct),
    carbohydrate: range(carbohydratePct, INTAKE.carbohydrateEnergyPct),
    sodium: (eaten.sodiumMg <= target.sodiumMg ? 'ok' : 'high') as Status,
  };
  return { sharePct, target, energyPct: { fat: fatPct, carbohydrate: carbohydratePct }, status };
}

/**
 * The nutrients of what the diner ate at the canteens, per day and meal, against the share of the
 * day's recommended intake each meal is meant to cover. A dish sold by weight counts as the
 * weighed grams over its standard portion; a dish without a recipe cannot be counted and is named.
 */
export async function myNutrition(ctx: Ctx, q: { from: string; to: string; sex: Sex }) {
  const sales = (await mySales(ctx, q)).filter((s) => s.status === 'paid');
  const dishIds = [...new Set(sales.flatMap((s) => s.lines.map((l) => l.dishId)))];
  const [perPortion, dishes] = await Promise.all([nutritionFor(ctx, dishIds), dishesByIds(ctx, dishIds)]);

  const byDay = new Map<string, Map<Meal, { eaten: Nutrients; dishes: string[]; uncounted: string[] }>>();
  for (const s of sales) {
    const meals = byDay.get(s.businessDate) ?? new Map();
    byDay.set(s.businessDate, meals);
    const m = meals.get(s.meal) ?? { eaten: zeroNutrients(), dishes: [], uncounted: [] };
    meals.set(s.meal, m);
    for (const l of s.lines) {
      const n = perPortion.get(l.dishId);
      const portionG = dishes.get(l.dishId)?.portionG ?? 0;
      const factor = l.how === 'weigh' && l.weightG != null ? (portionG > 0 ? l.weightG / portionG : 0) : l.portions;
      m.dishes.push(l.name);
      if (n && factor > 0) addTo(m.eaten, n, factor);
      else m.uncounted.push(l.name);
    }
  }

  const order: Meal[] = ['breakfast', 'lunch', 'dinner', 'late'];
  const days = [...byDay.keys()].sort().map((date) => {
    const meals = byDay.get(date)!;
    const total = zeroNutrients();
    const list = order.filter((meal) => meals.has(meal)).map((meal) => {
      const m = meals.get(meal)!;
      addTo(total, m.eaten);
      return { meal, eaten: roundAll(m.eaten), dishes: m.dishes, uncounted: m.uncounted, ...judge(m.eaten, q.sex, INTAKE.mealSharePct[meal]) };
    });
    // The day's canteen target is the share of the meals actually taken there.
    const coveredPct = list.reduce((s, m) => s + m.sharePct, 0);
    return { date, meals: list, total: roundAll(total), ...judge(total, q.sex, coveredPct) };
  });

  // Per meal over the span: on how many days it was eaten and the targets met.
  const summary = order.map((meal) => {
    const taken = days.flatMap((d) => d.meals.filter((m) => m.meal === meal && m.status));
    const met = (k: 'energy' | 'protein' | 'fat' | 'carbohydrate' | 'sodium') => taken.filter((m) => m.status![k] === 'ok').length;
    return { meal, days: taken.length, met: { energy: met('energy'), protein: met('protein'), fat: met('fat'), carbohydrate: met('carbohydrate'), sodium: met('sodium') } };
  }).filter((s) => s.days > 0);

  return {
    from: q.from, to: q.to, sex: q.sex,
    intake: { day: INTAKE[q.sex], fatEnergyPct: INTAKE.fatEnergyPct, carbohydrateEnergyPct: INTAKE.carbohydrateEnergyPct, sodiumMg: INTAKE.sodiumMg, mealSharePct: INTAKE.mealSharePct, tolerancePct: INTAKE.tolerancePct },
    days, summary,
  };
}

export function myMealRoutes(app: App, tag: string): void {
  const self = { permission: accountPermissions['account.self.use'] };
  route(app, { method: 'get', path: '/api/checkout/my-sales', tag, summary: '我的就餐记录（菜品明细）/ my meals at the stations, with dishes', guard: self, query: SpanQuery,
    handler: (ctx, { query }) => mySales(ctx, query) });
  route(app, { method: 'get', path: '/api/checkout/my-nutrition', tag, summary: '我吃了什么：每日营养与推荐摄入 / nutrition of what I ate per day against recommended intake', guard: self, query: NutritionQuery,
    handler: (ctx, { query }) => myNutrition(ctx, query) });
}
