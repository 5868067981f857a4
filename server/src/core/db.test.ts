import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPlatform } from '../../test/harness.ts';
import type { Platform } from './context.ts';
import { PREPARED, rows, sql } from './db.ts';

let platform: Platform;
beforeAll(async () => {
  platform = await freshPlatform();
});
afterAll(() => platform.database.close());

describe('statements marked PREPARED', () => {
  it('give the same rows as unmarked ones, with their parameters', async () => {
    const q = (n: number, label: string) => sql`${PREPARED}select sum(x)::int as total, ${label}::text as label from generate_series(1, ${n}::int) x`;
    const db = platform.database.db;
    expect(await rows(db, q(10, 'ten'))).toEqual([{ total: 55, label: 'ten' }]);
    expect(await rows(db, q(100, '百'))).toEqual([{ total: 5050, label: '百' }]);
    expect(await rows(db, sql`select sum(x)::int as total, ${'百'}::text as label from generate_series(1, ${100}::int) x`)).toEqual([{ total: 5050, label: '百' }]);
  });

  it.skipIf(!process.env.TEST_PG_URL)('are prepared once per PostgreSQL connection, by a name from their text', async () => {
    await platform.database.db.transaction(async (tx) => {
      for (const n of [1, 2, 3]) await rows(tx, sql`${PREPARED}select ${n}::int as n, 'prepared-test' as t`);
      await rows(tx, sql`${PREPARED}select ${4}::int as n, 'prepared-test, other text' as t`);
      const prepared = await rows<{ name: string }>(tx, sql`select name from pg_prepared_statements where statement like '%prepared-test%' and name like 'p\\_%'`);
      expect(prepared).toHaveLength(2);
    });
  });
});

describe('PGlite on the server thread', () => {
  it.skipIf(!!process.env.TEST_PG_URL)('lets waiting work in between the statements of a long job, in a transaction or not', async () => {
    const db = platform.database.db;
    const heavy = sql`select count(*)::int as n from generate_series(1, 20000)`;
    for (const inTx of [false, true]) {
      let jobDone = false;
      const run = async (on: typeof db) => {
        for (let i = 0; i < 60; i++) await rows(on, heavy);
        jobDone = true;
      };
      const job = inTx ? db.transaction((tx) => run(tx)) : run(db);
      // A timer due while the job runs stands for a request waiting to be answered.
      const waited = new Promise<boolean>((resolve) => setTimeout(() => resolve(!jobDone), 10));
      await job;
      expect(await waited).toBe(true);
    }
  });
});
