import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { publishedMenus } from '../menu/index.ts';
import type { OfferInput } from './contracts.ts';
import { P } from './permissions.ts';
import { offer } from './schema.ts';
import { canteenNode, closesAt, rulesOf, type Meal } from './settings.ts';

/** The dishes and menu prices of a canteen's published meal (the only prices an order is charged at). */
export async function menuOf(ctx: Ctx, canteenId: number, date: string, meal: Meal) {
  const menus = await publishedMenus(ctx, { date, canteenId });
  return (menus[0]?.meals.find((m) => m.meal === meal)?.dishes ?? []).map((d) => ({ dishId: d.dishId, name: d.name, nameEn: d.nameEn ?? null, kind: d.kind, priceFen: d.priceFen, portionG: d.portionG, hasPhoto: d.hasPhoto }));
}

/**
 * What diners may order for takeout at a meal: the published menu's dishes the canteen offers,
 * with their price, what is left of the limit and when ordering closes. Staff also see the dishes
 * of the menu not offered (limit 0) so they can offer them.
 */
export async function offersFor(ctx: Ctx, canteenId: number, date: string, meal: Meal) {
  canteenNode(ctx, canteenId);
  const staff = ctx.access.can(P['order.offer.write'], canteenId);
  if (!staff) ctx.access.require(P['order.self.use']);
  // One after another: inside a transaction the queries share one connection.
  const menu = await menuOf(ctx, canteenId, date, meal);
  const rows = await ctx.db.select().from(offer).where(and(eq(offer.orgId, canteenId), eq(offer.date, date), eq(offer.meal, meal))).orderBy(asc(offer.id));
  const rules = await rulesOf(ctx, canteenId);
  const byDish = new Map(rows.map((o) => [o.dishId, o]));
  const at = closesAt(rules, 'takeout', date, meal);
  const dishes = menu.map((d) => {
    const o = byDish.get(d.dishId);
    return { ...d, limit: o?.limitPortions ?? 0, ordered: o?.orderedPortions ?? 0, left: o ? o.limitPortions - o.orderedPortions : 0 };
  }).filter((d) => staff || d.limit > 0);
  return { canteenId, date, meal, closesAt: at, open: ctx.now() < at, published: menu.length > 0, dishes };
}

/** Sets the takeout limits of a meal; a limit below what is already ordered is refused by name. */
export async function setOffers(ctx: Ctx, input: z.infer<typeof OfferInput>) {
  ctx.access.requireCanteen(P['order.offer.write'], input.canteenId);
  const menu = await menuOf(ctx, input.canteenId, input.date, input.meal);
  const onMenu = new Set(menu.map((d) => d.dishId));
  const missing = input.dishes.filter((d) => !onMenu.has(d.dishId)).map((d) => d.dishId);
  if (missing.length) {
    throw new AppError(422, 'dish_not_on_menu', `这些菜品不在已发布的该餐菜单中：${missing.join(', ')}`, `Not on the published menu of this meal: ${missing.join(', ')}`, { dishIds: missing });
  }
  const before = await ctx.db.select().from(offer).where(and(eq(offer.orgId, input.canteenId), eq(offer.date, input.date), eq(offer.meal, input.meal))).for('update');
  const had = new Map(before.map((o) => [o.dishId, o]));
  const tooLow = input.dishes.filter((d) => (had.get(d.dishId)?.orderedPortions ?? 0) > d.limit);
  if (tooLow.length) {
    throw new AppError(409, 'limit_below_ordered', `限量不能低于已订份数：${tooLow.map((d) => `${menu.find((m) => m.dishId === d.dishId)!.name} 已订 ${had.get(d.dishId)!.orderedPortions}`).join('，')}`,
      `A limit cannot be below what is already ordered: ${tooLow.map((d) => `dish ${d.dishId} has ${had.get(d.dishId)!.orderedPortions}`).join(', ')}`, { dishIds: tooLow.map((d) => d.dishId) });
  }
  // Dishes left out of the list stop being offered (limit 0 keeps what was ordered countable).
  const given = new Map(input.dishes.map((d) => [d.dishId, d.limit]));
  for (const o of before) if (!given.has(o.dishId)) given.set(o.dishId, o.orderedPortions);
  const ids = [...given.keys()];
  if (ids.length) {
    await ctx.db.insert(offer).values(ids.map((dishId) => ({ orgId: input.canteenId, date: input.date, meal: input.meal, dishId, limitPortions: given.get(dishId)! })))
      .onConflictDoUpdate({ target: [offer.orgId, offer.date, offer.meal, offer.dishId], set: { limitPortions: sql`excluded.limit_portions` } });
  }
  await audit(ctx, { orgId: input.canteenId, action: 'order.offers_set', entity: 'order_offer', entityId: null, before: before.map((o) => ({ dishId: o.dishId, limit: o.limitPortions })), after: { date: input.date, meal: input.meal, dishes: input.dishes } });
  return offersFor(ctx, input.canteenId, input.date, input.meal);
}

/**
 * Takes portions from the offers (or gives them back with negative numbers). An update that would
 * pass a limit matches no row: the order is refused naming the dish and what is left.
 */
export async function takePortions(ctx: Ctx, canteenId: number, date: string, meal: Meal, lines: { dishId: number; portions: number; name?: string }[]) {
  const ids = [...new Set(lines.map((l) => l.dishId))].sort((a, b) => a - b);
  const offers = ids.length ? await ctx.db.select().from(offer).where(and(eq(offer.orgId, canteenId), eq(offer.date, date), eq(offer.meal, meal), inArray(offer.dishId, ids))).orderBy(asc(offer.dishId)).for('update') : [];
  const byDish = new Map(offers.map((o) => [o.dishId, o]));
  const want = new Map<number, number>();
  for (const l of lines) want.set(l.dishId, (want.get(l.dishId) ?? 0) + l.portions);
  const notOffered = ids.filter((d) => !byDish.get(d) || (byDish.get(d)!.limitPortions === 0 && want.get(d)! > 0));
  if (notOffered.length) {
    throw new AppError(422, 'not_offered', `这些菜品本餐不供应外卖：${notOffered.join(', ')}`, `Not offered for takeout at this meal: ${notOffered.join(', ')}`, { dishIds: notOffered });
  }
  const short = ids.filter((d) => byDish.get(d)!.orderedPortions + want.get(d)! > byDish.get(d)!.limitPortions);
  if (short.length) {
    const name = (d: number) => lines.find((l) => l.dishId === d)?.name ?? String(d);
    throw new AppError(409, 'sold_out', `外卖份数不足：${short.map((d) => `${name(d)} 仅剩 ${byDish.get(d)!.limitPortions - byDish.get(d)!.orderedPortions} 份`).join('，')}`,
      `Not enough takeout portions left: ${short.map((d) => `${name(d)} has ${byDish.get(d)!.limitPortions - byDish.get(d)!.orderedPortions} left`).join(', ')}`,
      { left: short.map((d) => ({ dishId: d, left: byDish.get(d)!.limitPortions - byDish.get(d)!.orderedPortions })) });
  }
  for (const d of ids) {
    await ctx.db.update(offer).set({ orderedPortions: sql`${offer.orderedPortions} + ${want.get(d)!}` }).where(eq(offer.id, byDish.get(d)!.id));
  }
}
