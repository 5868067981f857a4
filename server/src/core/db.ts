import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { TableChanges, watchPgPool, watchPglite } from './table-changes.ts';

/** One type for PGlite, node-postgres and their transactions: the services never know which. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<any, any, any>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Tables changed by committed writes, for the response cache. */
  changes: TableChanges;
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
    // Idle connections are kept for minutes, not pg-pool's 10 s: a new one costs its set-up and the hot statements'
    // preparing and first plans again, so the stations' first sales after a lull waited on them.
    const pool = new pg.default.Pool({ connectionString: opts.databaseUrl, max: 20, idleTimeoutMillis: 5 * 60_000 });
    pool.on('connect', (client) => prepareMarked(client as never));
    const changes = new TableChanges();
    watchPgPool(pool as never, changes);
    const db = drizzle(pool);
    await migrate(db, { migrationsFolder });
    await knowTables(db, changes);
    return { db, kind: 'postgres', changes, close: () => pool.end() };
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
  takeTurns(client as never);
  const changes = new TableChanges();
  watchPglite(client as never, changes);
  const db = drizzle(client);
  await migrate(db, { migrationsFolder });
  await knowTables(db, changes);
  // PGlite runs no autovacuum, so planner statistics are refreshed here, at every start.
  await client.exec('analyze');
  return { db, kind: 'pglite', changes, close: () => client.close() };
}

type Statements = { query: (...args: unknown[]) => unknown; exec: (...args: unknown[]) => unknown };

/**
 * PGlite runs a statement on this thread and its promise settles at once, so the statements of a job ran back to back
 * without letting a waiting request in (a background sweep held the server for ~100 ms). A statement that comes more
 * than a few milliseconds after the last turn it gave waits for the event loop's next turn first, as one sent to a
 * server over the network would; the others (a requisition's hundreds in quick succession) run on without the wait.
 */
function takeTurns(client: Statements & { transaction(fn: (tx: Statements) => Promise<unknown>): Promise<unknown> }) {
  let lastTurn = 0;
  const inTurn = (fn: Statements['query'], target: object) => (...args: unknown[]) => {
    if (performance.now() - lastTurn < TURN_MS) return fn.apply(target, args);
    return new Promise(setImmediate).then(() => {
      lastTurn = performance.now();
      return fn.apply(target, args);
    });
  };
  const turns = (on: Statements) => {
    on.query = inTurn(on.query, on);
    on.exec = inTurn(on.exec, on);
  };
  turns(client);
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) => transaction((tx) => {
    turns(tx);
    return fn(tx);
  });
}
const TURN_MS = 5;

async function knowTables(db: Db, changes: TableChanges) {
  for (const t of await rows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = current_schema()`)) changes.known.add(t.name);
}

/**
 * Starts the statements of the hottest paths (a checkout's payment and sale). On PostgreSQL they are prepared once per
 * connection under a name taken from their text, so they are parsed and planned once instead of at every call
 * (measured: about 1 ms of the database's CPU per checkout). PGlite reads it as a comment.
 */
export const PREPARED = sql.raw('/* prepared */ ');
const PREPARED_TEXT = '/* prepared */ ';

function prepareMarked(client: { query: (...args: unknown[]) => unknown }) {
  const query = client.query;
  const names = new Map<string, string>();
  client.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as { text?: string; name?: string } | null;
    const text = config?.text;
    if (typeof text === 'string' && !config!.name && text.startsWith(PREPARED_TEXT)) {
      let name = names.get(text);
      if (!name) names.set(text, (name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
      args[0] = { ...config, name };
    }
    return query.apply(this, args);
  };
}

/** Rows of a raw SQL query, the same on both drivers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A JS array as one query parameter (drizzle otherwise spreads it into a list), for `unnest($1::int[])` and `= any(...)`. */
export const arrayParam = (values: unknown[]) => sql.param(values);

/**
 * Inserts many rows in few statements: one array parameter per column, unnested by PostgreSQL
 * (no 65,535-parameter limit, one parse per chunk). For bulk loads such as demo history.
 */
export async function insertUnnest(db: Db, table: string, columns: [name: string, pgType: string][], data: unknown[][], chunk = 20_000): Promise<void> {
  const names = sql.raw(columns.map(([n]) => `"${n}"`).join(', '));
  for (let i = 0; i < data.length; i += chunk) {
    const part = data.slice(i, i + chunk);
    const arrays = sql.join(columns.map(([, type], c) => sql`${arrayParam(part.map((r) => r[c]))}::${sql.raw(type)}[]`), sql`, `);
    await db.execute(sql`insert into ${sql.raw(`"${table}"`)} (${names}) select * from unnest(${arrays})`);
  }
}

/** Takes `n` ids from a serial column's sequence at once, so bulk rows can refer to each other before insert. */
export async function reserveIds(db: Db, table: string, n: number): Promise<number> {
  if (n <= 0) return 0;
  const [r] = await rows<{ last: string }>(db, sql`select setval(pg_get_serial_sequence(${table}, 'id'), nextval(pg_get_serial_sequence(${table}, 'id')) + ${n - 1}) as last`);
  return Number(r!.last) - n + 1;
}

export { sql };
