// Planning-chain benchmark: requisition generation for 4 canteens × 4 weeks, then p50/p99 of the
// menu and requisition routes under 50 concurrent clients (wrk). Usage: tsx bench/planning.ts [postgres-url]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/core/config.ts';
import { ctxAs } from '../server/src/core/context-factory.ts';
import { openDatabase } from '../server/src/core/db.ts';
import { createPlatform } from '../server/src/core/platform.ts';
import { seedReference } from '../server/src/core/seed.ts';
import '../server/src/app.ts';
import { CANTEENS, seedDemo } from '../server/src/demo.ts';
import { addDays } from '../server/src/modules/menu/index.ts';
import { generateRequisition } from '../server/src/modules/requisition/index.ts';
import { chinaDate } from '../server/src/core/doc-number.ts';
import { freePort, percentile as pct } from './harness.ts';
import { wrk } from './wrk.ts';

const databaseUrl = process.argv[2];
const label = databaseUrl ? 'PostgreSQL' : 'PGlite';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-'));
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function generationBenchmark() {
  const database = await openDatabase({ databaseUrl, dataDir });
  await seedReference(database.db);
  const platform = createPlatform({ ...loadConfig({}), demo: true }, database);
  const t0 = performance.now();
  await seedDemo(platform, () => {}, { requisitions: false });
  console.log(`[${label}] demo data seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const tree = await platform.orgTree();
  const canteens = CANTEENS.map((c) => ({ ...c, id: tree.all().find((n) => n.code === c.code)!.id }));
  const chefs = await Promise.all(canteens.map((c) => ctxAs(platform, `chef.${c.login}`)));
  const today = chinaDate(new Date());
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  const from = addDays(addDays(today, -((dow + 6) % 7)), -14);
  const to = addDays(from, 27);
  const rounds: number[] = [];
  let lines = 0;
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    // One transaction, rolled back, so every round generates from the same state.
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < canteens.length; i++) {
        const r = await generateRequisition({ ...chefs[i]!, db: tx }, { canteenId: canteens[i]!.id, from, to });
        lines = round === 0 ? lines + r.lines.length : lines;
      }
      rounds.push(performance.now() - start);
      tx.rollback();
    }).catch((e: Error) => {
      if (!/rollback/i.test(e.message)) throw e;
    });
  }
  const sorted = [...rounds.slice(2)].sort((a, b) => a - b);
  console.log(`[${label}] requisitions for 4 canteens × 4 weeks (${from} … ${to}, ${lines} lines): median ${ms(pct(sorted, 50))}, best ${ms(sorted[0]!)} (5 rounds after 2 warm-up)`);
  await database.close();
}

async function loadBenchmark(responseCache: boolean) {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', DEMO: '0', MQTT_PORT: '0', RESPONSE_CACHE: responseCache ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/openapi.json`)).ok) break;
      } catch { /* starting */ }
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const session = async (username: string) => {
      const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
      return /sl_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
    };
    const chef = await session('chef.yj');
    const diner = await session('diner1');
    const get = (p: string, cookie = chef) => fetch(`${base}${p}`, { headers: { cookie } }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const me = (await get('/api/auth/me')).body;
    const canteenId = me.canteens[0].id;
    const today = chinaDate(new Date());
    const plans = (await get(`/api/menu-plans?canteenId=${canteenId}&from=${addDays(today, -14)}&to=${addDays(today, 14)}`)).body as { id: number }[];
    const gen = await fetch(`${base}/api/requisitions/generate`, {
      method: 'POST', headers: { cookie: chef, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ canteenId, from: addDays(today, -14), to: addDays(today, -10) }),
    }).then((r) => r.json());
    const routes: { name: string; paths: string[]; cookie: string }[] = [
      { name: 'GET /api/menu-plans (week)', paths: [`/api/menu-plans?canteenId=${canteenId}&from=${today}&to=${addDays(today, 6)}`], cookie: chef },
      { name: 'GET /api/menu-plans/:id', paths: plans.map((p) => `/api/menu-plans/${p.id}`), cookie: chef },
      { name: 'GET /api/menu/published (diner)', paths: [`/api/menu/published?date=${today}`], cookie: diner },
      { name: 'GET /api/requisitions/:id', paths: [`/api/requisitions/${gen.id}`], cookie: chef },
      { name: 'GET /api/requisitions', paths: [`/api/requisitions?canteenId=${canteenId}`], cookie: chef },
    ];
    for (const r of routes) {
      const script = path.join(dataDir, 'route.lua');
      fs.writeFileSync(script, [
        `wrk.headers["cookie"] = "${r.cookie}"`,
        `local paths = { ${r.paths.map((p) => JSON.stringify(p)).join(', ')} }`,
        'request = function() return wrk.format("GET", paths[math.random(#paths)]) end',
      ].join('\n'));
      wrk(script, base, 50, 2);
      const w = wrk(script, base, 50, 8);
      console.log(`[${label}] ${r.name.padEnd(34)} ${responseCache ? 'cached ' : 'no cache'}, 50 clients: ${w.perSecond.toFixed(0).padStart(5)} req/s, p50 ${ms(w.latency(50))}, p99 ${ms(w.latency(99))}${w.non2xx ? `, ${w.non2xx} errors` : ''}`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

try {
  await generationBenchmark();
  await loadBenchmark(true);
  await loadBenchmark(false);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
