import { and, asc, eq, gte, lte, min } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError } from '../../core/errors.ts';
import { addDays } from '../menu/index.ts';
import { mealDueAt, mealEndsAt } from './meals.ts';
import { P } from './permissions.ts';
import { plannedDishes, sampleViews, type Meal, type PlannedDish, type SampleView } from './samples.ts';
import { MEALS, sample } from './schema.ts';
import { settingsOf } from './settings.ts';

/**
 * A dish of a meal and its sample: kept (≥ the minimum), light, early (taken out or discarded
 * before its time), missing (none, and the meal ended more than the grace ago) or due (none yet,
 * the meal is not over).
 */
export type DishStatus = 'kept' | 'light' | 'early' | 'missing' | 'due';

export interface DishRow {
  dishId: number; dishName: string; dishNameEn: string | null; kind: string;
  status: DishStatus;
  /** The box that counts: a proper one if any, else the newest. */
  sample: SampleView | null;
  samples: SampleView[];
  /** Kept for a dish the published plan no longer lists. */
  offMenu: boolean;
}

export interface MealRow { meal: Meal; endsAt: Date; dueAt: Date; dishes: DishRow[] }

function statusOf(best: SampleView | null, due: boolean): DishStatus {
  if (!best) return due ? 'missing' : 'due';
  if (best.early) return 'early';
  return best.light ? 'light' : 'kept';
}

/** Best first: still kept before taken out early, proper before light, then the newest. */
const rank = (s: SampleView) => (s.early ? 2 : 0) + (s.light ? 1 : 0);
const pickBest = (list: SampleView[]) => [...list].sort((a, b) => rank(a) - rank(b) || b.keptAt.getTime() - a.keptAt.getTime())[0] ?? null;

/** Every dish of every meal of a canteen's day with its samples. No permission check: callers check. */
export async function buildDay(ctx: Ctx, canteenId: number, date: string): Promise<{ meals: MealRow[]; settings: Awaited<ReturnType<typeof settingsOf>> }> {
  const settings = await settingsOf(ctx, canteenId);
  const planned = await plannedDishes(ctx, canteenId, date, date);
  const rows = await ctx.db.select().from(sample).where(and(eq(sample.orgId, canteenId), eq(sample.date, date))).orderBy(asc(sample.keptAt), asc(sample.id));
  const views = await sampleViews(ctx, rows);
  const now = ctx.now().getTime();
  const meals: MealRow[] = [];
  for (const meal of MEALS) {
    const dishes = planned.filter((d) => d.meal === meal);
    const kept = views.filter((s) => s.meal === meal);
    if (!dishes.length && !kept.length) continue;
    const dueAt = mealDueAt(date, meal, settings.graceMinutes);
    const due = now >= dueAt.getTime();
    const row = (d: Pick<PlannedDish, 'dishId' | 'name' | 'nameEn' | 'kind'>, offMenu: boolean): DishRow => {
      const samples = kept.filter((s) => s.dishId === d.dishId);
      const best = pickBest(samples);
      return { dishId: d.dishId, dishName: d.name, dishNameEn: d.nameEn, kind: d.kind, status: statusOf(best, due), sample: best, samples, offMenu };
    };
    const list = dishes.map((d) => row(d, false));
    const listed = new Set(dishes.map((d) => d.dishId));
    for (const s of kept) {
      if (listed.has(s.dishId)) continue;
      listed.add(s.dishId);
      list.push(row({ dishId: s.dishId, name: s.dishName, nameEn: null, kind: 'mixed' }, true));
    }
    meals.push({ meal, endsAt: mealEndsAt(date, meal), dueAt, dishes: list });
  }
  return { meals, settings };
}

function checkDate(ctx: Ctx, date: string | undefined): string {
  const today = chinaDate(ctx.now());
  const d = date ?? today;
  if (d > addDays(today, 7)) throw new AppError(422, 'date_ahead', '日期太远', 'That date is too far ahead');
  return d;
}

/** GET /api/samples: the day of one canteen, every dish of every meal with its sample or missing. */
export async function sampleDayView(ctx: Ctx, canteenId: number, date?: string) {
  ctx.access.requireCanteen(P['sample.sample.read'], canteenId);
  const d = checkDate(ctx, date);
  const { meals, settings } = await buildDay(ctx, canteenId, d);
  const all = meals.flatMap((m) => m.dishes.filter((x) => !x.offMenu));
  const count = (s: DishStatus) => all.filter((x) => x.status === s).length;
  return {
    canteenId, canteenName: ctx.tree.get(canteenId)?.name ?? '', date: d, settings, meals,
    summary: { dishes: all.length, kept: count('kept'), light: count('light'), early: count('early'), missing: count('missing'), due: count('due') },
  };
}

/** For the lead's pages (no permission check: the caller has checked it). */
export async function sampleDay(ctx: Ctx, canteenId: number, date: string): Promise<{
  dishes: number; kept: number; light: number; missing: { meal: string; dishName: string }[];
  samples: { id: number; meal: string; dishName: string; grams: number; keptAt: string; keeperName: string | null; hasPhoto: boolean; discardAfter: string }[];
}> {
  const { meals } = await buildDay(ctx, canteenId, date);
  const planned = meals.flatMap((m) => m.dishes.filter((d) => !d.offMenu).map((d) => ({ meal: m.meal, ...d })));
  return {
    dishes: planned.length,
    kept: planned.filter((d) => d.status === 'kept').length,
    light: planned.filter((d) => d.status === 'light').length,
    missing: planned.filter((d) => d.status === 'missing').map((d) => ({ meal: d.meal, dishName: d.dishName })),
    samples: meals.flatMap((m) => m.dishes.flatMap((d) => d.samples)).map((s) => ({
      id: s.id, meal: s.meal, dishName: s.dishName, grams: s.grams, keptAt: s.keptAt.toISOString(), keeperName: s.keeperName, hasPhoto: s.hasPhoto, discardAfter: s.discardAfter.toISOString(),
    })),
  };
}

/** Day by day: dishes planned, kept, light, early and missing, newest first (at most 92 days). */
export async function sampleHistory(ctx: Ctx, canteenId: number, q: { from?: string; to?: string }) {
  ctx.access.requireCanteen(P['sample.sample.read'], canteenId);
  const today = chinaDate(ctx.now());
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -29);
  if (from > to || Date.parse(to) - Date.parse(from) > 91 * 86_400_000) {
    throw new AppError(422, 'bad_range', '日期范围须在 92 天以内且开始不晚于结束', 'The range must be at most 92 days, from before to');
  }
  const settings = await settingsOf(ctx, canteenId);
  // Days before the canteen's first sample on the platform are not counted as missing: it had not started yet.
  const [first] = await ctx.db.select({ date: min(sample.date) }).from(sample).where(eq(sample.orgId, canteenId));
  const since = first?.date ?? chinaDate(ctx.now());
  const planned = (await plannedDishes(ctx, canteenId, from, to)).filter((d) => d.date >= since);
  const rows = await ctx.db.select({ date: sample.date, meal: sample.meal, dishId: sample.dishId, grams: sample.grams, minGrams: sample.minGrams, keptAt: sample.keptAt, discardAfter: sample.discardAfter, removedAt: sample.removedAt, discardedAt: sample.discardedAt })
    .from(sample).where(and(eq(sample.orgId, canteenId), gte(sample.date, from), lte(sample.date, to)));
  const byDish = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.date}|${r.meal}|${r.dishId}`;
    byDish.set(k, [...(byDish.get(k) ?? []), r]);
  }
  const now = ctx.now().getTime();
  const days = new Map<string, { date: string; dishes: number; kept: number; light: number; early: number; missing: number; due: number; samples: number }>();
  const dayOf = (date: string) => days.get(date) ?? days.set(date, { date, dishes: 0, kept: 0, light: 0, early: 0, missing: 0, due: 0, samples: 0 }).get(date)!;
  for (const r of rows) dayOf(r.date).samples++;
  for (const d of planned) {
    const day = dayOf(d.date);
    day.dishes++;
    const list = byDish.get(`${d.date}|${d.meal}|${d.dishId}`) ?? [];
    const early = (r: (typeof rows)[number]) => { const end = r.removedAt ?? r.discardedAt; return !!end && end < r.discardAfter; };
    if (!list.length) now >= mealDueAt(d.date, d.meal, settings.graceMinutes).getTime() ? day.missing++ : day.due++;
    else if (list.some((r) => r.grams >= r.minGrams && !early(r))) day.kept++;
    else if (list.some((r) => !early(r))) day.light++;
    else day.early++;
  }
  return { canteenId, from, to, since, days: [...days.values()].sort((a, b) => b.date.localeCompare(a.date)) };
}
