import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';

/** One type for PGlite, node-postgres and their transactions: the services never know which. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<any, any, any>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Opens PGlite in `dataDir` (or in memory for `memory://`) unless a PostgreSQL URL is given; applies migrations. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pg = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // BIGINT/NUMERIC come back as strings by default; our sums of fen and grams fit in a double exactly.
    pg.default.types.setTypeParser(20, (v: string) => Number(v));
    pg.default.types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new pg.default.Pool({ connectionString: opts.databaseUrl, max: 20 });
    const db = drizzle(pool);
    await migrate(db, { migrationsFolder });
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = opts.dataDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, {
    parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) },
    relaxedDurability: true,
  });
  const db = drizzle(client);
  await migrate(db, { migrationsFolder });
  // PGlite runs no autovacuum, so planner statistics are refreshed here, at every start.
  await client.exec('analyze');
  return { db, kind: 'pglite', close: () => client.close() };
}

/** Rows of a raw SQL query, the same on both drivers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A JS array as one query parameter (drizzle otherwise spreads it into a list), for `unnest($1::int[])` and `= any(...)`. */
export const arrayParam = (values: unknown[]) => sql.param(values);

export { sql };
