import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import { arrayParam, rows } from '../../core/db.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { dishesByIds, nutritionFor, requireDishesUsableBy } from '../dish/index.ts';
import type { CopyInput, PlanInput } from './contracts.ts';
import { P } from './permissions.ts';
import { menuItem, menuPlan, mustServe, type MEALS } from './schema.ts';

type Meal = (typeof MEALS)[number];
const PLAN = { zh: '菜品计划', en: 'Menu plan' };

export const addDays = (isoDate: string, n: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

async function loadPlan(ctx: Ctx, id: number, permission: string) {
  const [plan] = await ctx.db.select().from(menuPlan).where(eq(menuPlan.id, id));
  if (!plan || !ctx.access.can(P['menu.plan.read'], plan.orgId)) throw notFound(PLAN);
  ctx.access.require(permission, plan.orgId);
  return plan;
}

export async function listPlans(ctx: Ctx, q: { canteenId: number; from: string; to: string }) {
  ctx.access.requireCanteen(P['menu.plan.read'], q.canteenId);
  // A lateral sum per plan reads only that plan's items by index, however long the history grows.
  return rows<{ id: number; date: string; meal: string; status: string; note: string; dishes: number; portions: number; revenueFen: number }>(ctx.db, sql`
    select p.id, to_char(p.date, 'YYYY-MM-DD') as date, p.meal, p.status, p.note, a.dishes, a.portions, a.revenue_fen as "revenueFen"
    from ${menuPlan} p
    cross join lateral (
      select count(*)::int as dishes, coalesce(sum(i.portions), 0)::int as portions, coalesce(sum(i.portions * i.price_fen), 0)::int as revenue_fen
      from ${menuItem} i where i.plan_id = p.id
    ) a
    where p.org_id = ${q.canteenId} and p.date between ${q.from}::date and ${q.to}::date
    order by p.date, array_position(array['breakfast','lunch','dinner','late'], p.meal)`);
}

export async function getPlan(ctx: Ctx, id: number) {
  const plan = await loadPlan(ctx, id, P['menu.plan.read']);
  const items = await ctx.db.select().from(menuItem).where(eq(menuItem.planId, id)).orderBy(asc(menuItem.position));
  const dishes = await dishesByIds(ctx, items.map((i) => i.dishId));
  const nutrition = await nutritionFor(ctx, items.map((i) => i.dishId));
  return {
    ...plan,
    canteenId: plan.orgId,
    items: items.map((i) => ({ ...i, name: dishes.get(i.dishId)?.name, nameEn: dishes.get(i.dishId)?.nameEn, kind: dishes.get(i.dishId)?.kind, nutrition: nutrition.get(i.dishId) ?? null })),
  };
}

export async function mustServeDishes(ctx: Ctx, canteenId: number, meal?: Meal): Promise<{ meal: Meal; dishId: number }[]> {
  const conds = [eq(mustServe.orgId, canteenId)];
  if (meal) conds.push(eq(mustServe.meal, meal));
  return ctx.db.select({ meal: mustServe.meal, dishId: mustServe.dishId }).from(mustServe).where(and(...conds));
}

async function requireMustServe(ctx: Ctx, canteenId: number, meal: Meal, dishIds: number[]) {
  const required = await mustServeDishes(ctx, canteenId, meal);
  const missing = required.filter((r) => !dishIds.includes(r.dishId)).map((r) => r.dishId);
  if (!missing.length) return new Set<number>(required.map((r) => r.dishId));
  const names = [...(await dishesByIds(ctx, missing)).values()].map((d) => d.name).join('、');
  throw new AppError(422, 'must_serve_missing', `必排菜不能去掉：${names}`, `Must-serve dishes cannot be dropped: ${names}`, { dishIds: missing });
}

/** Creates or replaces the draft plan of one canteen, date and meal. */
export async function savePlan(ctx: Ctx, input: PlanInput) {
  ctx.access.requireCanteen(P['menu.plan.write'], input.canteenId);
  const dishes = await requireDishesUsableBy(ctx, input.canteenId, input.items.map((i) => i.dishId));
  const must = await requireMustServe(ctx, input.canteenId, input.meal, input.items.map((i) => i.dishId));
  const [existing] = await ctx.db.select().from(menuPlan)
    .where(and(eq(menuPlan.orgId, input.canteenId), eq(menuPlan.date, input.date), eq(menuPlan.meal, input.meal))).for('update');
  if (existing?.status === 'published') {
    throw conflict('plan_published', '该餐次计划已发布，请先撤回发布再修改', 'This plan is published; withdraw it before editing', { planId: existing.id });
  }
  const before = existing ? await ctx.db.select().from(menuItem).where(eq(menuItem.planId, existing.id)) : null;
  let planId: number;
  if (existing) {
    planId = existing.id;
    await ctx.db.update(menuPlan).set({ note: input.note, updatedAt: ctx.now() }).where(eq(menuPlan.id, planId));
    await ctx.db.delete(menuItem).where(eq(menuItem.planId, planId));
  } else {
    const [row] = await ctx.db.insert(menuPlan).values({ orgId: input.canteenId, date: input.date, meal: input.meal, note: input.note, updatedAt: ctx.now() }).returning({ id: menuPlan.id });
    planId = row!.id;
  }
  const items = input.items.map((i, position) => ({
    planId, dishId: i.dishId, portions: i.portions, priceFen: i.priceFen ?? dishes.get(i.dishId)!.priceFen, mustServe: must.has(i.dishId), position,
  }));
  await ctx.db.insert(menuItem).values(items);
  await audit(ctx, { orgId: input.canteenId, action: existing ? 'menu_plan.updated' : 'menu_plan.created', entity: 'menu_plan', entityId: planId, before: before && { items: before }, after: { ...input, items } });
  return getPlan(ctx, planId);
}

export async function setPublished(ctx: Ctx, id: number, publish: boolean) {
  const plan = await loadPlan(ctx, id, P['menu.plan.publish']);
  if ((plan.status === 'published') === publish) {
    throw conflict('plan_status', publish ? '该计划已经发布' : '该计划尚未发布', publish ? 'The plan is already published' : 'The plan is not published');
  }
  if (publish) {
    const items = await ctx.db.select({ dishId: menuItem.dishId }).from(menuItem).where(eq(menuItem.planId, id));
    await requireMustServe(ctx, plan.orgId, plan.meal, items.map((i) => i.dishId));
  }
  await ctx.db.update(menuPlan).set({
    status: publish ? 'published' : 'draft', publishedAt: publish ? ctx.now() : null, publishedBy: publish ? ctx.user!.id : null, updatedAt: ctx.now(),
  }).where(eq(menuPlan.id, id));
  await audit(ctx, { orgId: plan.orgId, action: publish ? 'menu_plan.published' : 'menu_plan.withdrawn', entity: 'menu_plan', entityId: id, before: { status: plan.status }, after: { status: publish ? 'published' : 'draft' } });
  ctx.emit(publish ? 'menu.plan.published' : 'menu.plan.withdrawn', { planId: id, canteenId: plan.orgId, date: plan.date, meal: plan.meal });
  return getPlan(ctx, id);
}

/** Copies a day or a week of plans to another date, as drafts; published targets are never touched. */
export async function copyPlans(ctx: Ctx, input: z.infer<typeof CopyInput>) {
  ctx.access.requireCanteen(P['menu.plan.write'], input.canteenId);
  const source = await ctx.db.select().from(menuPlan)
    .where(and(eq(menuPlan.orgId, input.canteenId), gte(menuPlan.date, input.fromDate), lte(menuPlan.date, addDays(input.fromDate, input.days - 1))));
  if (!source.length) throw new AppError(422, 'nothing_to_copy', '来源日期没有菜品计划', 'There are no plans on the source dates');
  const items = await ctx.db.select().from(menuItem).where(inArray(menuItem.planId, source.map((s) => s.id))).orderBy(asc(menuItem.position));
  const offset = Math.round((Date.parse(input.toDate) - Date.parse(input.fromDate)) / 86400_000);
  const copied: number[] = [];
  const skipped: { date: string; meal: string; reason: string }[] = [];
  for (const s of source) {
    const date = addDays(s.date, offset);
    const [target] = await ctx.db.select().from(menuPlan).where(and(eq(menuPlan.orgId, input.canteenId), eq(menuPlan.date, date), eq(menuPlan.meal, s.meal)));
    if (target && (target.status === 'published' || !input.overwrite)) {
      skipped.push({ date, meal: s.meal, reason: target.status === 'published' ? 'published' : 'exists' });
      continue;
    }
    const plan = await savePlan(ctx, {
      canteenId: input.canteenId, date, meal: s.meal, note: s.note,
      items: items.filter((i) => i.planId === s.id).map((i) => ({ dishId: i.dishId, portions: i.portions, priceFen: i.priceFen })),
    });
    copied.push(plan.id);
  }
  return { copied: copied.length, skipped };
}

export async function setMustServe(ctx: Ctx, input: { canteenId: number; meal: Meal; dishIds: number[] }) {
  ctx.access.requireCanteen(P['menu.must_serve.write'], input.canteenId);
  await requireDishesUsableBy(ctx, input.canteenId, input.dishIds);
  const before = await mustServeDishes(ctx, input.canteenId, input.meal);
  await ctx.db.delete(mustServe).where(and(eq(mustServe.orgId, input.canteenId), eq(mustServe.meal, input.meal)));
  if (input.dishIds.length) await ctx.db.insert(mustServe).values([...new Set(input.dishIds)].map((dishId) => ({ orgId: input.canteenId, meal: input.meal, dishId })));
  await audit(ctx, { orgId: input.canteenId, action: 'menu.must_serve_set', entity: 'must_serve', entityId: `${input.canteenId}:${input.meal}`, before, after: input });
  return mustServeDishes(ctx, input.canteenId);
}

/**
 * Published menus of a day for diners: every canteen of the caller's bureau, since a diner of any
 * agency unit may eat in any of them.
 */
export async function publishedMenus(ctx: Ctx, q: { date: string; canteenId?: number }) {
  const root = ctx.tree.root(ctx.user!.orgId);
  const canteens = ctx.tree.canteens().filter((c) => ctx.tree.root(c.id) === root && (!q.canteenId || c.id === q.canteenId));
  if (!canteens.length) return [];
  const plans = await ctx.db.select().from(menuPlan)
    .where(and(inArray(menuPlan.orgId, canteens.map((c) => c.id)), eq(menuPlan.date, q.date), eq(menuPlan.status, 'published')));
  const items = plans.length ? await ctx.db.select().from(menuItem).where(inArray(menuItem.planId, plans.map((p) => p.id))).orderBy(asc(menuItem.position)) : [];
  const dishes = await dishesByIds(ctx, items.map((i) => i.dishId));
  const nutrition = await nutritionFor(ctx, items.map((i) => i.dishId));
  const order = ['breakfast', 'lunch', 'dinner', 'late'];
  return canteens.map((c) => ({
    canteenId: c.id,
    canteenName: c.name,
    meals: plans.filter((p) => p.orgId === c.id).sort((a, b) => order.indexOf(a.meal) - order.indexOf(b.meal)).map((p) => ({
      meal: p.meal,
      dishes: items.filter((i) => i.planId === p.id).map((i) => {
        const d = dishes.get(i.dishId)!;
        return { dishId: d.id, name: d.name, nameEn: d.nameEn, kind: d.kind, priceFen: i.priceFen, portionG: d.portionG, hasPhoto: d.hasPhoto, nutrition: nutrition.get(d.id) ?? null };
      }),
    })),
  }));
}

/** For the requisition: dishes and portions of the published plans of a canteen in a date range. */
export async function publishedDemand(ctx: Ctx, canteenId: number, from: string, to: string) {
  return ctx.db
    .select({ planId: menuPlan.id, date: menuPlan.date, meal: menuPlan.meal, dishId: menuItem.dishId, portions: menuItem.portions })
    .from(menuItem).innerJoin(menuPlan, eq(menuPlan.id, menuItem.planId))
    .where(and(eq(menuPlan.orgId, canteenId), eq(menuPlan.status, 'published'), gte(menuPlan.date, from), lte(menuPlan.date, to)));
}

/**
 * Published plans written in bulk (demo history, migrations from another system): the same checks
 * as one plan at a time (dishes usable, canteen writable), without one transaction per meal.
 */
export async function insertPublishedPlans(ctx: Ctx, canteenId: number, plans: { date: string; meal: Meal; items: { dishId: number; portions: number }[] }[]) {
  ctx.access.requireCanteen(P['menu.plan.publish'], canteenId);
  const dishes = await requireDishesUsableBy(ctx, canteenId, [...new Set(plans.flatMap((p) => p.items.map((i) => i.dishId)))]);
  const must = new Set((await mustServeDishes(ctx, canteenId)).map((m) => `${m.meal}|${m.dishId}`));
  const at = ctx.now();
  for (let i = 0; i < plans.length; i += 1000) {
    const chunk = plans.slice(i, i + 1000);
    const ids = await rows<{ id: number; date: string; meal: Meal }>(ctx.db, sql`
      insert into menu_plan (org_id, date, meal, status, note, published_at, published_by, updated_at)
      select ${canteenId}, d, m, 'published', '', ${at}, ${ctx.user!.id}, ${at}
      from unnest(${arrayParam(chunk.map((p) => p.date))}::date[], ${arrayParam(chunk.map((p) => p.meal))}::text[]) as x(d, m)
      returning id, date::text as date, meal`);
    const idOf = new Map(ids.map((r) => [`${r.date}|${r.meal}`, r.id]));
    const items = chunk.flatMap((p) => p.items.map((it, position) => ({ planId: idOf.get(`${p.date}|${p.meal}`)!, ...it, priceFen: dishes.get(it.dishId)!.priceFen, mustServe: must.has(`${p.meal}|${it.dishId}`), position })));
    await ctx.db.execute(sql`
      insert into menu_item (plan_id, dish_id, portions, price_fen, must_serve, position)
      select * from unnest(${arrayParam(items.map((x) => x.planId))}::int[], ${arrayParam(items.map((x) => x.dishId))}::int[], ${arrayParam(items.map((x) => x.portions))}::int[],
        ${arrayParam(items.map((x) => x.priceFen))}::int[], ${arrayParam(items.map((x) => x.mustServe))}::bool[], ${arrayParam(items.map((x) => x.position))}::int[])`);
  }
  await audit(ctx, { orgId: canteenId, action: 'menu_plan.bulk_published', entity: 'menu_plan', entityId: null, after: { plans: plans.length, from: plans[0]?.date, to: plans.at(-1)?.date } });
}
