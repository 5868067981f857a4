// The one test command: every test, on PGlite and on a real PostgreSQL server, then in a real browser.
import { spawnSync } from 'node:child_process';
import { ensureNodeModules, ensureSystemPackages, ensureWebBuild, root } from './setup.mjs';

ensureNodeModules();
ensureSystemPackages();
ensureWebBuild(true);
const { startCluster } = await import('./pg-cluster.mjs');

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed`);
    return false;
  }
  return true;
}

let ok = step('type check', 'npm', ['run', 'typecheck']);
ok = step('web unit tests', 'npx', ['vitest', 'run', '--root', 'web']) && ok;
ok = step('server tests on PGlite', 'npx', ['vitest', 'run', '--root', 'server']) && ok;
const cluster = await startCluster();
try {
  ok = step(`server tests on PostgreSQL (${cluster.url})`, 'npx', ['vitest', 'run', '--root', 'server'], { TEST_PG_URL: cluster.url }) && ok;
} finally {
  cluster.stop();
}
ok = step('browser tests (chromium)', 'npx', ['vitest', 'run', '--root', 'e2e']) && ok;
console.log(ok ? '\n✓ all tests passed' : '\n✗ some tests failed');
process.exit(ok ? 0 : 1);
