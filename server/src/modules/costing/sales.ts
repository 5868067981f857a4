import { and, asc, between, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { arrayParam, rows } from '../../core/db.ts';
import { rejectOrSkip, type RowError } from '../../core/excel.ts';
import { dishesByCode } from '../dish/index.ts';
import type { SaleRow } from './contracts.ts';
import { salesSheet } from './contracts.ts';
import { P } from './permissions.ts';
import { sale } from './schema.ts';
import type { z } from 'zod';

type Meal = (typeof sale.$inferSelect)['meal'];
export interface SaleInput { date: string; meal: Meal; dishId: number; portions: number; revenueFen: number }

/**
 * Imports sales from a file: one row per day, meal and dish (or per day and meal without a dish).
 * Rows for the same day, meal and dish are added up; the days in the file replace what was there.
 */
export async function importSales(ctx: Ctx, canteenId: number, parsed: { rows: { row: number; value: z.infer<typeof SaleRow> }[]; errors: RowError[] }, skipBadRows: boolean) {
  ctx.access.requireCanteen(P['costing.sales.write'], canteenId);
  const dishes = await dishesByCode(ctx, canteenId);
  const errors = [...parsed.errors];
  const merged = new Map<string, SaleInput>();
  for (const { row, value } of parsed.rows) {
    const dish = value.dishCode ? dishes.get(value.dishCode) : undefined;
    if (value.dishCode && !dish) {
      errors.push({ sheet: salesSheet.name, row, column: '菜品编码', message: `菜品编码 ${value.dishCode} 不存在 / unknown dish code` });
      continue;
    }
    const key = `${value.date}|${value.meal}|${dish?.id ?? 0}`;
    const was = merged.get(key);
    merged.set(key, { date: value.date, meal: value.meal, dishId: dish?.id ?? 0, portions: (was?.portions ?? 0) + value.portions, revenueFen: (was?.revenueFen ?? 0) + value.revenueFen });
  }
  const skipped = rejectOrSkip(errors, merged.size, skipBadRows);
  const list = [...merged.values()];
  const days = [...new Set(list.map((s) => s.date))].sort();
  const replaced = await ctx.db.delete(sale).where(and(eq(sale.orgId, canteenId), inArray(sale.date, days))).returning({ id: sale.id });
  await saveSales(ctx, canteenId, list, 'import');
  await audit(ctx, { orgId: canteenId, action: 'costing.sales_imported', entity: 'costing_sale', entityId: null,
    after: { days, rows: list.length, revenueFen: list.reduce((s, x) => s + x.revenueFen, 0), replacedRows: replaced.length } });
  return { imported: list.length, days: days.length, replacedRows: replaced.length, skipped };
}

/** Writes sales rows (import, and the demo history). */
export async function saveSales(ctx: Ctx, canteenId: number, list: SaleInput[], source: 'import' | 'demo' | 'checkout') {
  ctx.access.requireCanteen(P['costing.sales.write'], canteenId);
  await writeSales(ctx, canteenId, list, source);
}

/**
 * The same, for modules whose own checks came first (the checkout's nightly close runs as the
 * system, with no person and no permissions): a day's rows replace what was there for that day and meal-dish.
 */
export async function writeSales(ctx: Ctx, canteenId: number, list: SaleInput[], source: 'import' | 'demo' | 'checkout') {
  for (let i = 0; i < list.length; i += 2000) {
    const chunk = list.slice(i, i + 2000);
    await ctx.db.execute(sql`
      insert into costing_sale (org_id, date, meal, dish_id, portions, revenue_fen, source, created_by)
      select ${canteenId}, d, m, dish, p, r, ${source}, ${ctx.user?.id ?? null}
      from unnest(${arrayParam(chunk.map((s) => s.date))}::date[], ${arrayParam(chunk.map((s) => s.meal))}::text[], ${arrayParam(chunk.map((s) => s.dishId))}::int[],
        ${arrayParam(chunk.map((s) => s.portions))}::int[], ${arrayParam(chunk.map((s) => s.revenueFen))}::bigint[]) as x(d, m, dish, p, r)
      on conflict (org_id, date, meal, dish_id) do update set portions = excluded.portions, revenue_fen = excluded.revenue_fen, source = excluded.source`);
  }
}

export async function listSales(ctx: Ctx, q: { canteenId: number; from: string; to: string }) {
  ctx.access.requireCanteen(P['costing.costing.read'], q.canteenId);
  return ctx.db.select().from(sale).where(and(eq(sale.orgId, q.canteenId), between(sale.date, q.from, q.to))).orderBy(asc(sale.date), asc(sale.meal), asc(sale.dishId));
}

/** Revenue and portions per day and meal for reports. */
export async function salesSums(ctx: Ctx, q: { canteenIds: number[]; from: string; to: string }) {
  for (const id of q.canteenIds) ctx.access.requireCanteen(P['costing.costing.read'], id);
  const list = await rows<{ day: string; meal: Meal; p: string; r: string }>(ctx.db, sql`
    select date::text as day, meal, sum(portions)::bigint as p, sum(revenue_fen)::bigint as r from costing_sale
    where org_id = any(${arrayParam(q.canteenIds)}::int[]) and date between ${q.from}::date and ${q.to}::date group by 1, 2`);
  return list.map((r) => ({ day: r.day, meal: r.meal, portions: Number(r.p), revenueFen: Number(r.r) }));
}

/** Revenue and portions per dish on one day (for dish margins). */
export async function dishSales(ctx: Ctx, canteenId: number, date: string) {
  const list = await ctx.db.select({ meal: sale.meal, dishId: sale.dishId, portions: sale.portions, revenueFen: sale.revenueFen }).from(sale)
    .where(and(eq(sale.orgId, canteenId), eq(sale.date, date)));
  return list;
}
