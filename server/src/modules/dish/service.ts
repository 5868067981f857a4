import { and, arrayContains, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx, Platform } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { nearestByCode, requireOwnedAbove } from '../../core/ownership.ts';
import { ReadCache } from '../../core/read-cache.ts';
import type { RowError } from '../../core/excel.ts';
import { ingredientsByCode, ingredientsByIds, nutritionOf, ownerOrg, requireUsableBy, type Nutrients } from '../ingredient/index.ts';
import { pricesFor } from '../supplier/index.ts';
import type { DishInput } from './contracts.ts';
import { P } from './permissions.ts';
import { portionCost } from './recipe.ts';
import { dish, dishPhoto, recipeLine } from './schema.ts';

export type Dish = typeof dish.$inferSelect;
export type RecipeLine = { ingredientId: number; netG: number; yieldPct: number };
const WHAT = { zh: '菜品', en: 'Dish' };

/** Shanghai business date of an instant. */
/**
 * Dishes, and recipes with nutrition per dish, are read by every menu, diner's page and requisition
 * and change rarely: cached (core/read-cache.ts), cleared on any dish or ingredient change.
 */
export const DISH_CHANGED = 'dish.changed';
const dishCache = new ReadCache<Dish>('dish');
const factsCache = new ReadCache<{ recipe: RecipeLine[]; nutrition: Nutrients }>('dish_facts');

export function forgetDishFacts(platform: Platform, ctx?: Ctx): void {
  dishCache.clear(platform, ctx);
  factsCache.clear(platform, ctx);
}

function dishChanged(ctx: Ctx, dishId: number) {
  forgetDishFacts(ctx.platform, ctx);
  ctx.emit(DISH_CHANGED, { dishId });
}

function dishFacts(ctx: Ctx, dishIds: number[]) {
  return factsCache.get(ctx, dishIds, async (missing) => {
    const lines = await ctx.db.select().from(recipeLine).where(inArray(recipeLine.dishId, missing)).orderBy(asc(recipeLine.dishId), asc(recipeLine.position));
    const ings = await ingredientsByIds(ctx, lines.map((l) => l.ingredientId));
    return new Map(missing.map((id) => {
      const recipe = lines.filter((l) => l.dishId === id).map((l) => ({ ingredientId: l.ingredientId, netG: l.netG, yieldPct: l.yieldPct }));
      return [id, { recipe, nutrition: nutritionOf(recipe.map((l) => ({ netG: l.netG, per100g: ings.get(l.ingredientId)! }))) }];
    }));
  });
}

export async function recipesFor(ctx: Ctx, dishIds: number[]): Promise<Map<number, RecipeLine[]>> {
  const facts = await dishFacts(ctx, dishIds);
  return new Map(dishIds.filter((id) => facts.get(id)!.recipe.length).map((id) => [id, facts.get(id)!.recipe]));
}

/** Nutrition per portion of each dish, from its standard recipe. */
export async function nutritionFor(ctx: Ctx, dishIds: number[]): Promise<Map<number, Nutrients>> {
  const facts = await dishFacts(ctx, dishIds);
  return new Map(dishIds.filter((id) => facts.get(id)!.recipe.length).map((id) => [id, facts.get(id)!.nutrition]));
}

async function costsFor(ctx: Ctx, canteenId: number, date: string, recipes: Map<number, RecipeLine[]>) {
  const prices = await pricesFor(ctx, canteenId, [...recipes.values()].flat().map((l) => l.ingredientId), date);
  return new Map([...recipes.entries()].map(([id, lines]) => [id, portionCost(lines, prices)]));
}

export async function listDishes(ctx: Ctx, q: { search?: string; kind?: Dish['kind']; season?: string; canteenId?: number; date?: string }) {
  const conds = [inArray(dish.orgId, ctx.access.readScope(P['dish.dish.read']))];
  if (q.search) conds.push(or(ilike(dish.name, `%${q.search}%`), ilike(dish.code, `%${q.search}%`), ilike(dish.nameEn, `%${q.search}%`))!);
  if (q.kind) conds.push(eq(dish.kind, q.kind));
  if (q.season) conds.push(or(arrayContains(dish.seasons, [q.season]), sql`cardinality(${dish.seasons}) = 0`)!);
  const dishes = await ctx.db.select().from(dish).where(and(...conds)).orderBy(asc(dish.kind), asc(dish.code));
  const ids = dishes.map((d) => d.id);
  const nutrition = await nutritionFor(ctx, ids);
  let costs: Map<number, { costFen: number; unpriced: number[] }> | undefined;
  if (q.canteenId) {
    ctx.access.requireCanteen(P['dish.dish.read'], q.canteenId);
    costs = await costsFor(ctx, q.canteenId, q.date ?? chinaDate(ctx.now()), await recipesFor(ctx, ids));
  }
  return dishes.map((d) => ({ ...d, nutrition: nutrition.get(d.id) ?? null, costFen: costs?.get(d.id)?.costFen ?? null, unpriced: costs?.get(d.id)?.unpriced.length ?? null }));
}

async function loadVisible(ctx: Ctx, id: number): Promise<Dish> {
  const [row] = await ctx.db.select().from(dish).where(eq(dish.id, id));
  if (!row || !ctx.access.readScope(P['dish.dish.read']).includes(row.orgId)) throw notFound(WHAT);
  return row;
}

export async function getDish(ctx: Ctx, id: number, q: { canteenId?: number; date?: string }) {
  const d = await loadVisible(ctx, id);
  const recipe = (await recipesFor(ctx, [id])).get(id) ?? [];
  const ings = await ingredientsByIds(ctx, recipe.map((l) => l.ingredientId));
  const prices = q.canteenId
    ? (ctx.access.requireCanteen(P['dish.dish.read'], q.canteenId), await pricesFor(ctx, q.canteenId, recipe.map((l) => l.ingredientId), q.date ?? chinaDate(ctx.now())))
    : new Map();
  return {
    ...d,
    recipe: recipe.map((l) => {
      const i = ings.get(l.ingredientId)!;
      const p = prices.get(l.ingredientId);
      return { ...l, code: i.code, name: i.name, nameEn: i.nameEn, purchaseUnit: i.purchaseUnit, lineCostFen: p ? portionCost([l], prices).costFen : null, supplierName: p?.supplierName ?? null };
    }),
    nutrition: nutritionOf(recipe.map((l) => ({ netG: l.netG, per100g: ings.get(l.ingredientId)! }))),
    ...(q.canteenId ? portionCost(recipe, prices) : { costFen: null, unpriced: [] }),
  };
}

async function writeRecipe(ctx: Ctx, dishId: number, recipe: RecipeLine[]) {
  await ctx.db.delete(recipeLine).where(eq(recipeLine.dishId, dishId));
  await ctx.db.insert(recipeLine).values(recipe.map((l, position) => ({ dishId, ...l, position })));
  dishChanged(ctx, dishId);
}

export async function createDish(ctx: Ctx, input: DishInput) {
  const orgId = ownerOrg(ctx, P['dish.dish.write'], input.orgId);
  await requireUsableBy(ctx, orgId, input.recipe.map((l) => l.ingredientId));
  const [dup] = await ctx.db.select({ id: dish.id }).from(dish).where(and(eq(dish.orgId, orgId), eq(dish.code, input.code)));
  if (dup) throw conflict('dish_code_taken', `菜品编码 ${input.code} 已存在`, `Dish code ${input.code} already exists`);
  const { recipe, orgId: _o, ...fields } = input;
  const [row] = await ctx.db.insert(dish).values({ ...fields, orgId, updatedAt: ctx.now() }).returning();
  await writeRecipe(ctx, row!.id, recipe);
  await audit(ctx, { orgId, action: 'dish.created', entity: 'dish', entityId: row!.id, after: { ...row, recipe } });
  return row!;
}

export async function updateDish(ctx: Ctx, id: number, input: DishInput) {
  const before = await loadVisible(ctx, id);
  ctx.access.require(P['dish.dish.write'], before.orgId);
  await requireUsableBy(ctx, before.orgId, input.recipe.map((l) => l.ingredientId));
  if (input.code !== before.code) {
    const [dup] = await ctx.db.select({ id: dish.id }).from(dish).where(and(eq(dish.orgId, before.orgId), eq(dish.code, input.code)));
    if (dup) throw conflict('dish_code_taken', `菜品编码 ${input.code} 已存在`, `Dish code ${input.code} already exists`);
  }
  const beforeRecipe = (await recipesFor(ctx, [id])).get(id) ?? [];
  const { recipe, orgId: _o, ...fields } = input;
  const [row] = await ctx.db.update(dish).set({ ...fields, updatedAt: ctx.now() }).where(eq(dish.id, id)).returning();
  await writeRecipe(ctx, id, recipe);
  await audit(ctx, { orgId: before.orgId, action: 'dish.updated', entity: 'dish', entityId: id, before: { ...before, recipe: beforeRecipe }, after: { ...row, recipe } });
  return row!;
}

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
export const MAX_PHOTO_BYTES = 2_000_000;

export async function setPhoto(ctx: Ctx, id: number, file: { type: string; bytes: Buffer }) {
  const d = await loadVisible(ctx, id);
  ctx.access.require(P['dish.dish.write'], d.orgId);
  if (!PHOTO_TYPES.has(file.type)) throw new AppError(400, 'bad_photo_type', '照片须为 JPEG、PNG 或 WebP 图片', 'The photo must be a JPEG, PNG or WebP image');
  if (file.bytes.length > MAX_PHOTO_BYTES) throw new AppError(400, 'photo_too_large', '照片不能超过 2 MB', 'The photo must be at most 2 MB');
  await ctx.db.insert(dishPhoto).values({ dishId: id, mime: file.type, dataBase64: file.bytes.toString('base64'), updatedAt: ctx.now() })
    .onConflictDoUpdate({ target: dishPhoto.dishId, set: { mime: file.type, dataBase64: file.bytes.toString('base64'), updatedAt: ctx.now() } });
  await ctx.db.update(dish).set({ hasPhoto: true, updatedAt: ctx.now() }).where(eq(dish.id, id));
  dishChanged(ctx, id);
  await audit(ctx, { orgId: d.orgId, action: 'dish.photo_set', entity: 'dish', entityId: id, after: { mime: file.type, bytes: file.bytes.length } });
  return { ok: true };
}

/** Photos are shown to diners too, so any signed-in user of the bureau may fetch them. */
export async function getPhoto(ctx: Ctx, id: number) {
  const [d] = await ctx.db.select().from(dish).where(eq(dish.id, id));
  if (!d || !ctx.user || ctx.tree.root(d.orgId) !== ctx.tree.root(ctx.user.orgId)) throw notFound(WHAT);
  const [p] = await ctx.db.select().from(dishPhoto).where(eq(dishPhoto.dishId, id));
  if (!p) throw notFound({ zh: '菜品照片', en: 'Dish photo' });
  return { mime: p.mime, bytes: Buffer.from(p.dataBase64, 'base64') };
}

/** For other modules: dishes by id, without access checks (the caller owns the referring record). */
export async function dishesByIds(ctx: Ctx, ids: number[]): Promise<Map<number, Dish>> {
  return dishCache.get(ctx, ids, async (missing) => {
    const list = await ctx.db.select().from(dish).where(inArray(dish.id, missing));
    return new Map(list.map((d) => [d.id, d]));
  });
}

/** For imports by other modules: dish codes visible to records of `orgId`, nearest owner first. */
export async function dishesByCode(ctx: Ctx, orgId: number): Promise<Map<string, Dish>> {
  return nearestByCode(ctx, orgId, await ctx.db.select().from(dish).where(inArray(dish.orgId, ctx.tree.ancestry(orgId))));
}

/** For other modules: the dishes must be owned by `orgId` or an organisation above it. */
export async function requireDishesUsableBy(ctx: Ctx, orgId: number, ids: number[]): Promise<Map<number, Dish>> {
  return requireOwnedAbove(ctx, orgId, ids, await dishesByIds(ctx, ids), { code: 'dish_unknown', zh: '菜品', en: 'dishes' });
}

/**
 * Imports dishes with their recipes by code into one organisation. Recipe rows are checked
 * against the ingredient library; a dish is only imported with a complete, valid recipe.
 */
export async function importDishes(
  ctx: Ctx, orgId: number,
  dishes: { row: number; value: Omit<DishInput, 'recipe' | 'orgId' | 'active'> }[],
  recipes: { row: number; value: { dishCode: string; ingredientCode: string; netG: number; yieldPct: number } }[],
  sheetNames: { dishes: string; recipes: string },
) {
  const byCode = await ingredientsByCode(ctx, orgId);
  const errors: RowError[] = [];
  const lines = new Map<string, RecipeLine[]>();
  const fileCodes = new Set(dishes.map((d) => d.value.code));
  for (const { row, value } of recipes) {
    const ing = byCode.get(value.ingredientCode);
    const list = lines.get(value.dishCode) ?? [];
    if (!fileCodes.has(value.dishCode)) errors.push({ sheet: sheetNames.recipes, row, message: `菜品编码 ${value.dishCode} 不在菜品表中 / dish code not in the dish sheet` });
    else if (!ing) errors.push({ sheet: sheetNames.recipes, row, message: `食材编码 ${value.ingredientCode} 不存在 / unknown ingredient code` });
    else if (list.some((l) => l.ingredientId === ing.id)) errors.push({ sheet: sheetNames.recipes, row, message: `食材 ${value.ingredientCode} 重复 / ingredient repeated` });
    else lines.set(value.dishCode, [...list, { ingredientId: ing.id, netG: value.netG, yieldPct: value.yieldPct }]);
  }
  const badDishes = new Set(errors.map((e) => recipes.find((r) => r.row === e.row)?.value.dishCode));
  const good = dishes.filter(({ row, value }) => {
    if (!lines.get(value.code)?.length) {
      errors.push({ sheet: sheetNames.dishes, row, message: '该菜品没有标准菜谱 / the dish has no recipe lines' });
      return false;
    }
    return !badDishes.has(value.code);
  });
  const existing = new Map((await ctx.db.select().from(dish).where(eq(dish.orgId, orgId))).map((d) => [d.code, d]));
  return {
    errors,
    good: good.length,
    commit: async () => {
      for (const { value } of good) {
        const before = existing.get(value.code);
        const id = before
          ? (await ctx.db.update(dish).set({ ...value, updatedAt: ctx.now() }).where(eq(dish.id, before.id)).returning({ id: dish.id }))[0]!.id
          : (await ctx.db.insert(dish).values({ ...value, orgId, updatedAt: ctx.now() }).returning({ id: dish.id }))[0]!.id;
        await writeRecipe(ctx, id, lines.get(value.code)!);
      }
      await audit(ctx, { orgId, action: 'dish.imported', entity: 'dish', entityId: null, after: { codes: good.map((d) => d.value.code) } });
      return { imported: good.length };
    },
  };
}
