import type { Platform } from './core/context.ts';
import { inTransaction } from './core/context.ts';
import { ctxAs } from './core/context-factory.ts';
import { chinaDate } from './core/doc-number.ts';
import { Random } from './core/random.ts';
import type { SaleInput } from './modules/costing/index.ts';
import { dishesByIds, grossGrams, recipesFor } from './modules/dish/index.ts';
import { ingredientsByIds, referenceIngredients } from './modules/ingredient/index.ts';
import { addDays, insertPublishedPlans, publishedDemand } from './modules/menu/index.ts';
import { loadHistory, type HistoryDay, type HistoryEvent } from './modules/stock/index.ts';
import { LUNCH_HEADCOUNT, menuComposer, SUPPLIERS, type DishRef } from './demo-canteen.ts';

type Meal = 'breakfast' | 'lunch' | 'dinner';
type DayPlan = { meal: Meal; items: { dishId: number; portions: number }[] };

/** Ingredients kept at most this many days are delivered each morning for the day; the rest are stocked. */
const FRESH_DAYS = 10;
const MEAL_TIMES: Record<Meal, string> = { breakfast: '05:40', lunch: '09:30', dinner: '15:40' };
/** Portions one wok or pot cooks at once: the kitchen draws ingredients per cooking batch of each dish. */
const COOK_BATCH: Record<string, number> = { meat: 80, mixed: 100, vegetable: 100, soup: 250, staple: 300 };
/** Weekends: the canteens stay open for staff on duty, about a third of a weekday's diners. */
const WEEKEND_SHARE = 0.3;
/** Diners at each meal as a share of lunch (the menu composer plans portions the same way). */
const MEAL_SHARE: Record<Meal, number> = { breakfast: 0.5, lunch: 1, dinner: 0.25 };

/** What was eaten in a canteen: portions per day, meal and dish, and how many diners came to each meal. */
export interface EatenHistory { canteenId: number; sold: SaleInput[]; diners: { date: string; meal: Meal; n: number }[] }
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * A year of canteen life before today, consistent with the menu plans: published plans for every
 * day (weekends with the staff on duty), a morning delivery of fresh goods for the day, dry goods
 * restocked for two weeks when low, kitchen issues per dish for each cooking batch (a wok or pot
 * load, so food reaches the counter fresh), expired leftovers written off every evening, a count of
 * every store at month end, and sales.
 */
export async function seedDemoHistory(
  platform: Platform, canteens: { id: number; login: string }[],
  refs: { dishIds: Map<string, DishRef>; ingIds: Map<string, number>; supplierIds: Map<string, number>; firstMonday: string },
  days: number, log: (m: string) => void, headcountScale = 1,
): Promise<EatenHistory[]> {
  const rng = new Random(365);
  const admin = await ctxAs(platform, 'admin');
  const today = chinaDate(platform.now());
  const start = addDays(today, -days);
  const reference = new Map(referenceIngredients().map((r) => [r.code, r]));
  const ings = await ingredientsByIds(admin, [...refs.ingIds.values()]);
  const refPrice = new Map([...ings.values()].map((i) => [i.id, reference.get(i.code)!.referencePriceFen]));
  const supplierFor = new Map([...ings.values()].map((i) => {
    const s = SUPPLIERS.find((x) => x.categories.includes(i.category))!;
    return [i.id, { id: refs.supplierIds.get(s.code)!, markup: s.markup }];
  }));
  const dishIdList = [...refs.dishIds.values()].map((d) => d.id);
  const [recipes, dishes] = [await recipesFor(admin, dishIdList), await dishesByIds(admin, dishIdList)];
  const compose = menuComposer(rng, refs.dishIds);
  // Prices drift by month: ±8 % around the reference, the same for every canteen.
  const monthFactor = new Map<string, number>();
  const priceOf = (ingredientId: number, date: string) => {
    const k = `${ingredientId}|${date.slice(0, 7)}`;
    if (!monthFactor.has(k)) monthFactor.set(k, 0.92 + rng.next() * 0.16);
    return Math.max(1, Math.round(refPrice.get(ingredientId)! * supplierFor.get(ingredientId)!.markup * monthFactor.get(k)!));
  };
  const eaten: EatenHistory[] = [];
  for (const c of canteens) {
    const head = await ctxAs(platform, `head.${c.login}`);
    const store = await ctxAs(platform, `store.${c.login}`);
    const hc = Math.round(LUNCH_HEADCOUNT[c.login]! * headcountScale);
    const plans = new Map<string, DayPlan[]>();
    const generated: (DayPlan & { date: string })[] = [];
    for (let d = start; d < refs.firstMonday; d = addDays(d, 1)) {
      const weekend = weekday(d) === 0 || weekday(d) === 6;
      const day = compose(d, weekend ? Math.round(hc * WEEKEND_SHARE) : hc);
      plans.set(d, day);
      generated.push(...day.map((p) => ({ ...p, date: d })));
    }
    for (const row of await publishedDemand(head, c.id, refs.firstMonday, addDays(today, -1))) {
      const list = plans.get(row.date) ?? [];
      const plan = list.find((p) => p.meal === row.meal) ?? (list.push({ meal: row.meal as Meal, items: [] }), list.at(-1)!);
      plan.items.push({ dishId: row.dishId, portions: row.portions });
      plans.set(row.date, list);
    }
    const cookBatches = (dishId: number, portions: number) => Math.max(1, Math.ceil(portions / (COOK_BATCH[dishes.get(dishId)!.kind] ?? 150)));
    const needOf = (day: DayPlan[]) => {
      const need = new Map<number, number>();
      for (const p of day) for (const it of p.items) for (const l of recipes.get(it.dishId) ?? []) need.set(l.ingredientId, (need.get(l.ingredientId) ?? 0) + Math.ceil(it.portions * grossGrams(l.netG, l.yieldPct)));
      return need;
    };
    const yearNeed = new Map<number, number>();
    for (const day of plans.values()) for (const [id, g] of needOf(day)) yearNeed.set(id, (yearNeed.get(id) ?? 0) + g);
    const avgDaily = (id: number) => (yearNeed.get(id) ?? 0) / Math.max(1, plans.size);
    const dryOnHand = new Map<number, number>();
    const history: HistoryDay[] = [];
    const sales: SaleInput[] = [];
    const diners: EatenHistory['diners'] = [];
    for (let date = start; date < today; date = addDays(date, 1)) {
      const day = plans.get(date);
      const events: HistoryEvent[] = [];
      if (day) {
        // Most days nearly everyone planned for comes; on a few (rain, meetings elsewhere) far fewer, and the food is cooked anyway.
        const turnout = rng.next() < 0.06 ? 0.5 + rng.next() * 0.2 : 0.93 + rng.next() * 0.07;
        const need = needOf(day);
        const bySupplier = new Map<number, HistoryEvent & { kind: 'receipt' }>();
        const buy = (ingredientId: number, units: number, time: string) => {
          const ing = ings.get(ingredientId)!;
          const sup = supplierFor.get(ingredientId)!;
          const orderedG = units * ing.gramsPerUnit;
          const deliveredG = Math.max(1, Math.round(orderedG * (0.985 + rng.next() * 0.03)));
          const poor = rng.next() < 0.02;
          const acceptedG = poor ? Math.round(deliveredG * 0.8) : deliveredG;
          const receipt = bySupplier.get(sup.id) ?? { kind: 'receipt' as const, time, supplierId: sup.id, lines: [] };
          receipt.lines.push({ ingredientId, deliveredG, acceptedG, unitPriceFen: priceOf(ingredientId, date), gramsPerUnit: ing.gramsPerUnit, bestBefore: addDays(date, ing.shelfLifeDays), reason: poor ? '部分不新鲜，拒收 20%' : '' });
          bySupplier.set(sup.id, receipt);
          return acceptedG;
        };
        for (const [id, g] of need) {
          const ing = ings.get(id)!;
          if (ing.shelfLifeDays <= FRESH_DAYS) buy(id, Math.ceil((g * 1.03) / ing.gramsPerUnit), '06:20');
          else if ((dryOnHand.get(id) ?? 0) < g + avgDaily(id) * 3) {
            dryOnHand.set(id, (dryOnHand.get(id) ?? 0) + buy(id, Math.max(1, Math.ceil((Math.max(g, avgDaily(id)) * 14) / ing.gramsPerUnit)), '06:20'));
          }
        }
        events.push(...bySupplier.values());
        for (const p of [...day].sort((a, b) => MEAL_TIMES[a.meal].localeCompare(MEAL_TIMES[b.meal]))) {
          for (const it of p.items) {
            const n = cookBatches(it.dishId, it.portions);
            for (let b = 0; b < n; b++) {
              const lines = (recipes.get(it.dishId) ?? []).map((l) => ({ ingredientId: l.ingredientId, qtyG: Math.ceil((it.portions / n) * grossGrams(l.netG, l.yieldPct)) }));
              for (const l of lines) if (dryOnHand.has(l.ingredientId)) dryOnHand.set(l.ingredientId, Math.max(0, dryOnHand.get(l.ingredientId)! - l.qtyG));
              if (lines.length) events.push({ kind: 'issue', time: MEAL_TIMES[p.meal], meal: p.meal, lines });
            }
          }
          const weekend = weekday(date) === 0 || weekday(date) === 6;
          diners.push({ date, meal: p.meal, n: Math.round(hc * (weekend ? WEEKEND_SHARE : 1) * MEAL_SHARE[p.meal] * turnout) });
          for (const it of p.items) {
            const sold = Math.round(it.portions * turnout * (0.95 + rng.next() * 0.05));
            sales.push({ date, meal: p.meal, dishId: it.dishId, portions: sold, revenueFen: sold * dishes.get(it.dishId)!.priceFen });
          }
        }
      }
      // At closing, whatever reaches its best-before today is written off.
      events.push({ kind: 'write_off', time: '20:00', reason: '到期清理', expiredBefore: addDays(date, 1) });
      if (addDays(date, 1).slice(8) === '01') {
        // Month-end count of each store: most batches as booked, some a little short (drying, spillage), a few over.
        for (const store of ['dry', 'chilled', 'frozen'] as const) {
          events.push({ kind: 'count', time: '18:00', store, approvedBy: head.user!.id, counted: (b) => rng.next() < 0.7 ? b.qtyG : Math.round(b.qtyG * (0.985 + rng.next() * 0.02)) });
        }
      }
      if (events.length) history.push({ date, events });
    }
    const moves = await inTransaction(store, async (ctx) => {
      await insertPublishedPlans({ ...head, db: ctx.db }, c.id, generated);
      return loadHistory(ctx, c.id, history);
    });
    eaten.push({ canteenId: c.id, sold: sales, diners });
    log(`${c.login}: ${days} days of history — ${generated.length} more menu plans, ${moves.toLocaleString('en-US')} stock moves`);
  }
  return eaten;
}
