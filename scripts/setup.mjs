// Makes a fresh clone ready: npm packages, the web build, and the Debian packages tests rely on.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, opts = {}) {
  console.log(`$ ${cmd}`);
  execSync(cmd, { stdio: 'inherit', cwd: root, ...opts });
}

const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;

export function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.install-stamp');
  const lockTime = fs.statSync(lock).mtimeMs;
  if (!fs.existsSync(stamp) || fs.statSync(stamp).mtimeMs < lockTime) {
    run('npm ci --no-audit --no-fund');
    fs.writeFileSync(stamp, new Date().toISOString());
  }
}

export function ensureWebBuild(force = false) {
  const dist = path.join(root, 'web', 'dist', 'index.html');
  if (force || !fs.existsSync(dist)) run('npm --workspace web run build');
}

const isRoot = process.getuid?.() === 0;
// The font PDFs embed for Chinese text (server/src/core/report-document.ts), also used by the browser tests.
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function aptInstall(packages) {
  if (!packages.length) return;
  const sudo = isRoot ? '' : 'sudo ';
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`);
}

/** Debian packages: chromium and CJK fonts for browser tests, poppler for PDFs, PostgreSQL for the real-server run. */
export function ensureSystemPackages() {
  const want = [];
  if (!has('chromium')) want.push('chromium');
  if (!fs.existsSync(CJK_FONT)) want.push('fonts-noto-cjk');
  if (!has('pdftotext')) want.push('poppler-utils');
  if (!pgBinDir()) want.push('postgresql');
  aptInstall(want);
}

/** For `npm run bench`: wrk, a load generator in C, so the measuring takes little of the CPU the server is measured on. */
export function ensureBenchPackages() {
  if (!has('wrk')) aptInstall(['wrk']);
}

/**
 * The CJK font for PDF exports. Only as root: starting the platform should not stop at a sudo prompt, and without the
 * font everything but PDF export still works (the export says what to install).
 */
export function ensureCjkFont() {
  if (fs.existsSync(CJK_FONT) || process.env.PDF_FONT) return;
  if (!isRoot) {
    console.warn('PDF export needs a Chinese font: sudo apt-get install fonts-noto-cjk (or set PDF_FONT)');
    return;
  }
  try {
    aptInstall(['fonts-noto-cjk']);
  } catch {
    console.warn('Could not install fonts-noto-cjk; PDF export stays unavailable until it is installed');
  }
}

/** Where initdb and pg_ctl live: on PATH, or Debian's versioned folder. */
export function pgBinDir() {
  if (has('initdb') && has('pg_ctl')) return path.dirname(execSync('sh -c "command -v initdb"').toString().trim());
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (fs.existsSync(path.join(base, v, 'bin', 'initdb'))) return path.join(base, v, 'bin');
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNodeModules();
  ensureSystemPackages();
  ensureWebBuild(process.argv.includes('--build'));
}
