import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { CategoryInput, MealRuleInput } from './contracts.ts';
import { P } from './permissions.ts';
import { account, category, mealRule } from './schema.ts';

/** Categories of the issuers above the caller's organisations (a canteen sees its centre's). */
export async function listCategories(ctx: Ctx) {
  const orgs = ctx.access.readScope(P['account.account.read']).concat(ctx.access.readScope(P['account.rules.write']));
  if (!orgs.length) return [];
  return ctx.db.select().from(category).where(inArray(category.orgId, [...new Set(orgs)])).orderBy(asc(category.id));
}

/** Creates or updates a category by code; limits changed here apply to its accounts at once. */
export async function saveCategory(ctx: Ctx, input: z.infer<typeof CategoryInput>) {
  ctx.access.require(P['account.rules.write'], input.orgId);
  const [before] = await ctx.db.select().from(category).where(and(eq(category.orgId, input.orgId), eq(category.code, input.code)));
  const [row] = await ctx.db.insert(category).values(input)
    .onConflictDoUpdate({ target: [category.orgId, category.code], set: { nameZh: input.nameZh, nameEn: input.nameEn, overdraftFen: input.overdraftFen, offlineLimitFen: input.offlineLimitFen, monthlySubsidyFen: input.monthlySubsidyFen, active: input.active } })
    .returning();
  if (before && (before.overdraftFen !== row!.overdraftFen || before.offlineLimitFen !== row!.offlineLimitFen)) {
    await ctx.db.update(account).set({ overdraftFen: row!.overdraftFen, offlineLimitFen: row!.offlineLimitFen }).where(eq(account.categoryId, row!.id));
  }
  await audit(ctx, { orgId: input.orgId, action: before ? 'account.category_updated' : 'account.category_created', entity: 'account_category', entityId: row!.id, before, after: row });
  return row!;
}

/** Rules of one canteen: per category and meal, the price share, subsidy and flat fee. */
export async function mealRules(ctx: Ctx, canteenId: number) {
  const readable = ctx.access.canteens(P['account.account.read']).concat(ctx.access.canteens(P['account.rules.write']));
  if (!readable.includes(canteenId)) ctx.access.requireCanteen(P['account.rules.write'], canteenId);
  return ctx.db.select().from(mealRule).where(eq(mealRule.canteenId, canteenId)).orderBy(asc(mealRule.categoryId), asc(mealRule.meal));
}

/** Replaces the canteen's rules with the list given (a category and meal without a rule pays the menu price). */
export async function setMealRules(ctx: Ctx, input: z.infer<typeof MealRuleInput>) {
  ctx.access.requireCanteen(P['account.rules.write'], input.canteenId);
  const ids = [...new Set(input.rules.map((r) => r.categoryId))];
  const cats = ids.length ? await ctx.db.select().from(category).where(inArray(category.id, ids)) : [];
  const unknown = ids.filter((i) => !cats.some((c) => c.id === i && ctx.tree.isWithin(input.canteenId, c.orgId)));
  if (unknown.length) throw new AppError(404, 'category_not_found', `就餐类别不存在：${unknown.join(', ')}`, `Diner categories not found: ${unknown.join(', ')}`, { categoryIds: unknown });
  const before = await ctx.db.select().from(mealRule).where(eq(mealRule.canteenId, input.canteenId));
  await ctx.db.delete(mealRule).where(eq(mealRule.canteenId, input.canteenId));
  if (input.rules.length) await ctx.db.insert(mealRule).values(input.rules.map((r) => ({ ...r, orgId: input.canteenId, canteenId: input.canteenId })));
  await audit(ctx, { orgId: input.canteenId, action: 'account.meal_rules_set', entity: 'account_meal_rule', entityId: input.canteenId, before, after: input.rules });
  return mealRules(ctx, input.canteenId);
}
