import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict } from '../../core/errors.ts';
import type { RulesInput, StandardInput } from './contracts.ts';
import { P } from './permissions.ts';
import { setting, unitStandard, type Cutoff, type MEALS, type OrderRules } from './schema.ts';

export type Meal = (typeof MEALS)[number];

/** Defaults of every canteen until its head changes them (domain-facts: rules are settings). */
export const DEFAULT_RULES: OrderRules = {
  takeoutCutoffs: {
    breakfast: { daysBefore: 1, time: '20:00' },
    lunch: { daysBefore: 0, time: '10:00' },
    dinner: { daysBefore: 0, time: '15:00' },
    late: { daysBefore: 0, time: '19:00' },
  },
  meetingCutoff: { daysBefore: 1, time: '16:00' },
  pickupHours: 2,
  noShowRule: 'forfeit',
  noShowLimit: 3,
  blockDays: 7,
};

/** A unit without its own standard pays this per person (¥30). */
export const DEFAULT_STANDARD_FEN = 3000;

/** When each meal ends, China time (the checkout's meal windows): pickup codes run from here. */
export const MEAL_ENDS: Record<Meal, string> = { breakfast: '10:00', lunch: '14:30', dinner: '20:00', late: '23:59' };
export const MEAL_LABEL: Record<Meal, { zh: string; en: string }> = {
  breakfast: { zh: '早餐', en: 'breakfast' }, lunch: { zh: '午餐', en: 'lunch' }, dinner: { zh: '晚餐', en: 'dinner' }, late: { zh: '夜宵', en: 'late meal' },
};

/** A moment given as a China date and 'HH:MM'. */
export const chinaTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const cutoffAt = (date: string, c: Cutoff) => chinaTime(addDays(date, -c.daysBefore), c.time);

/** Shown in China time, e.g. 2026-11-25 10:00. */
export const chinaMinute = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function rulesOf(ctx: Ctx, canteenId: number): Promise<OrderRules> {
  const [row] = await ctx.db.select().from(setting).where(eq(setting.canteenId, canteenId));
  return { ...DEFAULT_RULES, ...(row?.rules ?? {}) };
}

/** The moment ordering (or cancelling) closes for an order of this kind, date and meal. */
export function closesAt(rules: OrderRules, kind: 'takeout' | 'meeting' | 'official', date: string, meal: Meal): Date {
  return cutoffAt(date, kind === 'takeout' ? rules.takeoutCutoffs[meal] : rules.meetingCutoff);
}

/** 409 once the cut-off has passed, naming it in both languages. */
export function requireOpen(ctx: Ctx, rules: OrderRules, kind: 'takeout' | 'meeting' | 'official', date: string, meal: Meal, doing: { zh: string; en: string } = { zh: '订餐', en: 'Ordering' }) {
  const at = closesAt(rules, kind, date, meal);
  if (ctx.now().getTime() >= at.getTime()) {
    const m = MEAL_LABEL[meal];
    throw conflict('order_closed', `${date} ${m.zh}${kind === 'takeout' ? '外卖' : '会议餐/公务餐'}已于 ${chinaMinute(at)} 截止${doing.zh}`,
      `${doing.en} for ${kind === 'takeout' ? 'takeout' : 'meeting and official meals'} at ${m.en} on ${date} closed at ${chinaMinute(at)} (China time)`, { closesAt: at.toISOString() });
  }
  return at;
}

export function canteenNode(ctx: Ctx, canteenId: number) {
  const node = ctx.tree.get(canteenId);
  if (!node || node.kind !== 'canteen' || (ctx.user && ctx.tree.root(canteenId) !== ctx.tree.root(ctx.user.orgId))) {
    throw new AppError(404, 'canteen_not_found', '食堂不存在', 'Canteen not found');
  }
  return node;
}

export async function getRules(ctx: Ctx, canteenId: number) {
  if (!ctx.access.can(P['order.offer.write'], canteenId) && !ctx.access.can(P['order.order.read'], canteenId)) ctx.access.requireCanteen(P['order.offer.write'], canteenId);
  return { canteenId, ...(await rulesOf(ctx, canteenId)) };
}

export async function setRules(ctx: Ctx, input: z.infer<typeof RulesInput>) {
  ctx.access.requireCanteen(P['order.offer.write'], input.canteenId);
  const { canteenId, ...rules } = input;
  const before = await rulesOf(ctx, canteenId);
  await ctx.db.insert(setting).values({ canteenId, rules, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null })
    .onConflictDoUpdate({ target: setting.canteenId, set: { rules, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null } });
  await audit(ctx, { orgId: canteenId, action: 'order.rules_set', entity: 'order_setting', entityId: canteenId, before, after: rules });
  return { canteenId, ...rules };
}

export async function standardOf(ctx: Ctx, unitId: number): Promise<number> {
  const [row] = await ctx.db.select().from(unitStandard).where(eq(unitStandard.unitId, unitId));
  return row?.standardFen ?? DEFAULT_STANDARD_FEN;
}

function requireUnit(ctx: Ctx, unitId: number) {
  const node = ctx.tree.get(unitId);
  if (!node || node.kind !== 'unit' || (ctx.user && ctx.tree.root(unitId) !== ctx.tree.root(ctx.user.orgId))) {
    throw new AppError(404, 'unit_not_found', '单位不存在', 'Unit not found');
  }
  return node;
}

/** Anyone signed in may read a unit's standard (the request form shows it); only the canteen side sets it. */
export async function getStandard(ctx: Ctx, unitId: number) {
  const node = requireUnit(ctx, unitId);
  return { unitId, unitName: node.name, standardFen: await standardOf(ctx, unitId) };
}

/**
 * Units are served by every canteen of the bureau, so the standard is set by a holder of the
 * statement right anywhere in the same tree (not within the unit, which no canteen role reaches).
 */
export async function setStandard(ctx: Ctx, input: z.infer<typeof StandardInput>) {
  ctx.access.require(P['order.statement.write']);
  const node = requireUnit(ctx, input.unitId);
  const before = await standardOf(ctx, input.unitId);
  await ctx.db.insert(unitStandard).values({ unitId: input.unitId, standardFen: input.standardFen, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null })
    .onConflictDoUpdate({ target: unitStandard.unitId, set: { standardFen: input.standardFen, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null } });
  await audit(ctx, { orgId: input.unitId, action: 'order.standard_set', entity: 'order_unit_standard', entityId: input.unitId, before: { standardFen: before }, after: { standardFen: input.standardFen } });
  return { unitId: input.unitId, unitName: node.name, standardFen: input.standardFen };
}
