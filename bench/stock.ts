// Stock benchmark: a year of demo history, the stock-balance report over one canteen-year and over
// all canteens, then goods-receipt postings per second under concurrent clerks.
// Usage: tsx bench/stock.ts [postgres-url]. BENCH_HEADCOUNT_SCALE (default 4 on PostgreSQL, 1 on
// PGlite) multiplies the diners in the history, so the PostgreSQL run holds over a million moves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/core/config.ts';
import { inTransaction } from '../server/src/core/context.ts';
import { ctxAs } from '../server/src/core/context-factory.ts';
import { openDatabase, rows } from '../server/src/core/db.ts';
import { chinaDate } from '../server/src/core/doc-number.ts';
import { createPlatform } from '../server/src/core/platform.ts';
import { seedReference } from '../server/src/core/seed.ts';
import '../server/src/app.ts';
import { CANTEENS, seedDemo } from '../server/src/demo.ts';
import { ingredientsByCode } from '../server/src/modules/ingredient/index.ts';
import { addDays } from '../server/src/modules/menu/index.ts';
import { buildReport } from '../server/src/modules/report/index.ts';
import { postReceipt } from '../server/src/modules/stock/index.ts';
import { freshDatabase, percentile as pct } from './harness.ts';

// On a server, a database of its own: the planning benchmark has already seeded the default one.
const databaseUrl = process.argv[2] ? await freshDatabase(process.argv[2], `sl_bench_stock_${Date.now()}`) : undefined;
const label = databaseUrl ? 'PostgreSQL' : 'PGlite';
const scale = Number(process.env.BENCH_HEADCOUNT_SCALE ?? (databaseUrl ? 4 : 1));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-stock-'));
const ms = (n: number) => `${n.toFixed(1)} ms`;
const n = (x: number) => x.toLocaleString('en-US');


async function timed(rounds: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < rounds + 2; i++) {
    const t = performance.now();
    await fn();
    if (i >= 2) times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const database = await openDatabase({ databaseUrl, dataDir });
await seedReference(database.db);
const platform = createPlatform({ ...loadConfig({}), demo: true }, database);
const t0 = performance.now();
await seedDemo(platform, () => {}, { requisitions: false, historyDays: 365, historyHeadcountScale: scale });
const perCanteen = await rows<{ org_id: number; n: number }>(database.db, sql`select org_id, count(*)::int as n from stock_move group by 1 order by 2 desc`);
const total = perCanteen.reduce((s, r) => s + r.n, 0);
console.log(`[${label}] demo with a year of history (diners ×${scale}) seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${n(total)} stock moves (per canteen ${perCanteen.map((r) => n(r.n)).join(', ')})`);

const tree = await platform.orgTree();
const yj = tree.all().find((o) => o.code === CANTEENS[0]!.code)!.id;
const today = chinaDate(new Date());
const year = { from: addDays(today, -365), to: addDays(today, -1), format: 'json' as const };
const head = await ctxAs(platform, `head.${CANTEENS[0]!.login}`);
const leader = await ctxAs(platform, 'leader');
const one = await timed(7, () => buildReport(head, 'stock-balance', { ...year, canteenId: yj }));
const yjMoves = perCanteen.find((r) => r.org_id === yj)!.n;
console.log(`[${label}] 收发存汇总表 stock balance, one canteen-year (${CANTEENS[0]!.name}, ${n(yjMoves)} moves): median ${ms(pct(one, 50))}, best ${ms(one[0]!)} (7 runs after 2 warm-up)`);
const all = await timed(7, () => buildReport(leader, 'stock-balance', year));
console.log(`[${label}] 收发存汇总表 stock balance, all 4 canteens' year (${n(total)} moves): median ${ms(pct(all, 50))}, best ${ms(all[0]!)}`);

// Receipts: 8 clerks posting 3-line receipts at once, each its own transaction, as the route does.
const store = await ctxAs(platform, `store.${CANTEENS[0]!.login}`);
const codes = await ingredientsByCode(store, yj);
const ids = ['pork-belly', 'tomato', 'egg', 'cabbage', 'potato', 'chicken-breast'].map((c) => codes.get(c)?.id).filter((x): x is number => !!x);
const [supplier] = await rows<{ id: number }>(database.db, sql`select id from supplier_supplier order by id limit 1`);
const clerks = 8;
const seconds = 10;
let posted = 0;
const latencies: number[] = [];
const until = performance.now() + seconds * 1000;
await Promise.all(Array.from({ length: clerks }, async (_, c) => {
  for (let i = 0; performance.now() < until; i++) {
    const t = performance.now();
    await inTransaction(store, (ctx) => postReceipt(ctx, {
      canteenId: yj, requestKey: `bench-${c}-${i}-${Date.now()}`, supplierId: supplier!.id, note: '',
      lines: ids.slice(0, 3).map((ingredientId, k) => ({ ingredientId, deliveredG: 10_000 + k, acceptedG: 10_000 + k, decision: 'accepted' as const, grade: 'good' as const, reason: '', weighedBy: 'manual' as const, unitPriceFen: 1200 })),
    }));
    latencies.push(performance.now() - t);
    posted++;
  }
}));
latencies.sort((a, b) => a - b);
console.log(`[${label}] goods receipts (3 lines, ${clerks} concurrent clerks, ${seconds} s): ${(posted / seconds).toFixed(0)} postings/s, p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}`);
await database.close();
