import { desc, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from './context.ts';

/** The business day in China (UTC+8), as YYYY-MM-DD. */
export const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The next document number `<prefix>-<canteen code>-<yyyymmdd>-<nn>` (e.g. QG-YJZH-20261126-01).
 * An advisory lock on the prefix makes concurrent postings take turns instead of colliding.
 */
export async function nextDocNumber(ctx: Ctx, table: PgTable, column: PgColumn, prefix: string, orgId: number): Promise<string> {
  const head = `${prefix}-${ctx.tree.get(orgId)!.code}-${chinaDate(ctx.now()).replaceAll('-', '')}-`;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${head}))`);
  const [last] = await ctx.db.select({ no: column }).from(table).where(sql`${column} like ${`${head}%`}`).orderBy(sql`length(${column}) desc`, desc(column)).limit(1);
  const seq = last ? Number(String(last.no).slice(head.length)) + 1 : 1;
  return `${head}${String(seq).padStart(2, '0')}`;
}
