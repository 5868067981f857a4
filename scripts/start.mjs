// Quick start: install what is missing, build the web pages, start the platform on PGlite with demo data.
import { spawn } from 'node:child_process';
import { ensureCjkFont, ensureNodeModules, ensureWebBuild, root } from './setup.mjs';

ensureNodeModules();
ensureCjkFont();
ensureWebBuild(process.argv.includes('--build'));
const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
