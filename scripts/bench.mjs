// npm run bench: every benchmark, on PGlite and on a throwaway PostgreSQL server. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { ensureBenchPackages, ensureNodeModules, ensureSystemPackages, root } from './setup.mjs';

ensureNodeModules();
ensureSystemPackages();
ensureBenchPackages();
const { startCluster } = await import('./pg-cluster.mjs');
const run = (args) => spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: 'inherit' }).status === 0;
console.log(`machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}`);
let ok = run(['bench/planning.ts']);
ok = run(['bench/stock.ts']) && ok;
ok = run(['bench/sensors.ts']) && ok;
const cluster = await startCluster();
try {
  ok = run(['bench/planning.ts', cluster.url]) && ok;
  ok = run(['bench/stock.ts', cluster.url]) && ok;
  ok = run(['bench/checkout.ts', cluster.url]) && ok;
  ok = run(['bench/sensors.ts', cluster.url]) && ok;
} finally {
  cluster.stop();
}
process.exit(ok ? 0 : 1);
