import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { nearestByCode, requireOwnedAbove } from '../../core/ownership.ts';
import { ReadCache } from '../../core/read-cache.ts';
import type { IngredientInput } from './contracts.ts';
import { P } from './permissions.ts';
import { ingredient, stockLimit } from './schema.ts';

export type Ingredient = typeof ingredient.$inferSelect;
export const INGREDIENT_CHANGED = 'ingredient.changed';
export const ingredientCache = new ReadCache<Ingredient>('ingredient');
const WHAT = { zh: '食材', en: 'Ingredient' };

/** The org a new record belongs to: the one named, else the caller's own organisation where they may write. */
export function ownerOrg(ctx: Ctx, permission: string, orgId?: number): number {
  const target = orgId ?? ctx.access.assignments.map((a) => a.orgId).find((o) => ctx.access.can(permission, o));
  if (target === undefined || !ctx.tree.get(target)) throw notFound({ zh: '组织', en: 'Organisation' });
  ctx.access.require(permission, target);
  return target;
}

export async function listIngredients(ctx: Ctx, q: { search?: string; category?: string; canteenId?: number }) {
  const scope = ctx.access.readScope(P['ingredient.ingredient.read']);
  const conds = [inArray(ingredient.orgId, scope)];
  if (q.search) conds.push(or(ilike(ingredient.name, `%${q.search}%`), ilike(ingredient.code, `%${q.search}%`), ilike(ingredient.nameEn, `%${q.search}%`))!);
  if (q.category) conds.push(eq(ingredient.category, q.category as Ingredient['category']));
  const items = await ctx.db.select().from(ingredient).where(and(...conds)).orderBy(asc(ingredient.category), asc(ingredient.code));
  if (!q.canteenId) return items.map((i) => ({ ...i, minG: null, maxG: null }));
  ctx.access.requireCanteen(P['ingredient.ingredient.read'], q.canteenId);
  const byId = await stockLimitsOf(ctx, q.canteenId);
  return items.map((i) => ({ ...i, minG: byId.get(i.id)?.minG ?? null, maxG: byId.get(i.id)?.maxG ?? null }));
}

/** Minimum and maximum stock (grams) set for a canteen, by ingredient. */
export async function stockLimitsOf(ctx: Ctx, canteenId: number): Promise<Map<number, { minG: number; maxG: number }>> {
  const limits = await ctx.db.select().from(stockLimit).where(eq(stockLimit.orgId, canteenId));
  return new Map(limits.map((l) => [l.ingredientId, l]));
}

async function loadVisible(ctx: Ctx, id: number): Promise<Ingredient> {
  const [row] = await ctx.db.select().from(ingredient).where(eq(ingredient.id, id));
  if (!row || !ctx.access.readScope(P['ingredient.ingredient.read']).includes(row.orgId)) throw notFound(WHAT);
  return row;
}

export const getIngredient = loadVisible;

export async function createIngredient(ctx: Ctx, input: IngredientInput) {
  const orgId = ownerOrg(ctx, P['ingredient.ingredient.write'], input.orgId);
  const [dup] = await ctx.db.select({ id: ingredient.id }).from(ingredient).where(and(eq(ingredient.orgId, orgId), eq(ingredient.code, input.code)));
  if (dup) throw conflict('ingredient_code_taken', `食材编码 ${input.code} 已存在`, `Ingredient code ${input.code} already exists`);
  const [row] = await ctx.db.insert(ingredient).values({ ...input, orgId, updatedAt: ctx.now() }).returning();
  await audit(ctx, { orgId, action: 'ingredient.created', entity: 'ingredient', entityId: row!.id, after: row });
  changed(ctx, { ingredientIds: [row!.id] });
  return row!;
}

export async function updateIngredient(ctx: Ctx, id: number, input: IngredientInput) {
  const before = await loadVisible(ctx, id);
  ctx.access.require(P['ingredient.ingredient.write'], before.orgId);
  if (input.code !== before.code) {
    const [dup] = await ctx.db.select({ id: ingredient.id }).from(ingredient).where(and(eq(ingredient.orgId, before.orgId), eq(ingredient.code, input.code)));
    if (dup) throw conflict('ingredient_code_taken', `食材编码 ${input.code} 已存在`, `Ingredient code ${input.code} already exists`);
  }
  const { orgId: _ignored, ...fields } = input;
  const [row] = await ctx.db.update(ingredient).set({ ...fields, updatedAt: ctx.now() }).where(eq(ingredient.id, id)).returning();
  await audit(ctx, { orgId: before.orgId, action: 'ingredient.updated', entity: 'ingredient', entityId: id, before, after: row });
  changed(ctx, { ingredientIds: [id] });
  return row!;
}

export async function setStockLimit(ctx: Ctx, id: number, input: { canteenId: number; minG: number; maxG: number }) {
  await loadVisible(ctx, id);
  ctx.access.requireCanteen(P['ingredient.stock_limit.write'], input.canteenId);
  const [before] = await ctx.db.select().from(stockLimit).where(and(eq(stockLimit.ingredientId, id), eq(stockLimit.orgId, input.canteenId)));
  await ctx.db.insert(stockLimit).values({ ingredientId: id, orgId: input.canteenId, minG: input.minG, maxG: input.maxG })
    .onConflictDoUpdate({ target: [stockLimit.ingredientId, stockLimit.orgId], set: { minG: input.minG, maxG: input.maxG } });
  await audit(ctx, { orgId: input.canteenId, action: 'ingredient.stock_limit_set', entity: 'ingredient', entityId: id, before: before ?? null, after: input });
  return { ok: true };
}

/** For other modules: ingredients by id (the caller has already checked access to its own records). */
export async function ingredientsByIds(ctx: Ctx, ids: number[]): Promise<Map<number, Ingredient>> {
  return ingredientCache.get(ctx, ids, async (missing) => {
    const rows = await ctx.db.select().from(ingredient).where(inArray(ingredient.id, missing));
    return new Map(rows.map((r) => [r.id, r]));
  });
}

/** Tells this process (now) and, after commit, every reaction that ingredient rows changed. */
function changed(ctx: Ctx, payload: unknown) {
  ingredientCache.clear(ctx.platform, ctx);
  ctx.emit(INGREDIENT_CHANGED, payload);
}

/** For other modules: the named ingredients must be usable by records of `orgId` (core/ownership.ts). */
export async function requireUsableBy(ctx: Ctx, orgId: number, ids: number[]): Promise<Map<number, Ingredient>> {
  return requireOwnedAbove(ctx, orgId, ids, await ingredientsByIds(ctx, ids), { code: 'ingredient_unknown', zh: '食材', en: 'ingredients' });
}

/** For imports: ingredient codes visible to records of `orgId`, nearest owner first. */
export async function ingredientsByCode(ctx: Ctx, orgId: number): Promise<Map<string, Ingredient>> {
  return nearestByCode(ctx, orgId, await ctx.db.select().from(ingredient).where(inArray(ingredient.orgId, ctx.tree.ancestry(orgId))));
}

/** Creates or updates ingredients by code in one organisation (imports and the reference set). */
export async function upsertIngredients(ctx: Ctx, orgId: number, items: Omit<IngredientInput, 'orgId' | 'active'>[]) {
  const existing = new Map((await ctx.db.select().from(ingredient).where(eq(ingredient.orgId, orgId))).map((i) => [i.code, i]));
  let created = 0, updated = 0;
  for (const item of items) {
    const before = existing.get(item.code);
    if (before) {
      await ctx.db.update(ingredient).set({ ...item, updatedAt: ctx.now() }).where(eq(ingredient.id, before.id));
      updated++;
    } else {
      await ctx.db.insert(ingredient).values({ ...item, orgId, updatedAt: ctx.now() });
      created++;
    }
  }
  await audit(ctx, { orgId, action: 'ingredient.imported', entity: 'ingredient', entityId: null, after: { created, updated, codes: items.map((i) => i.code) } });
  changed(ctx, { codes: items.map((i) => i.code) });
  return { created, updated };
}
