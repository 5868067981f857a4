import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { P } from './permissions.ts';
import { line, order } from './schema.ts';
import type { Meal } from './settings.ts';
import { orderViews } from './views.ts';

/** What the kitchen makes for orders: live takeout (paid or packed) and approved meeting and official meals. */
const TO_MAKE = ['paid', 'ready', 'approved'] as const;

/**
 * The kitchen's production list of a canteen, day and meal: dishes × portions to prepare for
 * takeout, the meeting and official meals with their people and standard, and every order with
 * its pickup or serving time.
 */
export async function productionList(ctx: Ctx, canteenId: number, date: string, meal: Meal) {
  ctx.access.requireCanteen(P['order.order.read'], canteenId);
  const rows = await ctx.db.select().from(order)
    .where(and(eq(order.orgId, canteenId), eq(order.date, date), eq(order.meal, meal), inArray(order.status, [...TO_MAKE])))
    .orderBy(asc(order.pickupTime), asc(order.id));
  const lines = rows.length ? await ctx.db.select().from(line).where(inArray(line.orderId, rows.map((r) => r.id))) : [];
  const dishes = new Map<number, { dishId: number; name: string; portions: number; orders: number }>();
  for (const l of lines) {
    const d = dishes.get(l.dishId) ?? { dishId: l.dishId, name: l.name, portions: 0, orders: 0 };
    d.portions += l.portions;
    d.orders++;
    dishes.set(l.dishId, d);
  }
  const views = await orderViews(ctx, rows);
  const unitMeals = views.filter((v) => v.kind !== 'takeout');
  return {
    canteenId, canteenName: ctx.tree.get(canteenId)?.name ?? '', date, meal,
    dishes: [...dishes.values()].sort((a, b) => b.portions - a.portions || a.dishId - b.dishId),
    unitMeals: unitMeals.map((v) => ({ id: v.id, no: v.no, kind: v.kind, unitName: v.unitName, headcount: v.headcount, standardFen: v.standardFen, pickupTime: v.pickupTime, purpose: v.purpose, contact: v.contact, phone: v.phone, note: v.note })),
    totals: { takeoutOrders: views.length - unitMeals.length, portions: [...dishes.values()].reduce((s, d) => s + d.portions, 0), unitMealPeople: unitMeals.reduce((s, v) => s + v.headcount, 0) },
    orders: views.map((v) => ({ id: v.id, no: v.no, kind: v.kind, status: v.status, personName: v.personName, unitName: v.unitName, pickupTime: v.pickupTime, headcount: v.headcount, note: v.note, lines: v.lines })),
  };
}
