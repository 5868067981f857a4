import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

let server: ChildProcess | undefined;
let dataDir = '';

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const port = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(port));
  });
});

/** Starts the platform exactly as the README's quick start does, on a fresh PGlite folder with demo data. */
export default async function setup(project: TestProject) {
  const port = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-e2e-'));
  const root = path.resolve(import.meta.dirname, '..');
  server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '1', DEMO_HISTORY_DAYS: '21', DATABASE_URL: '', MQTT_PORT: '0', MQTT_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/openapi.json`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', base);
  // The embedded broker took a free port (MQTT_PORT=0); the start banner names it.
  let mqtt: RegExpExecArray | null;
  while (!(mqtt = /MQTT:\s+(mqtt:\/\/\S+)/.exec(log))) {
    if (Date.now() > deadline) throw new Error(`no MQTT address in the start banner:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  project.provide('mqttUrl', mqtt[1]!);
  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The embedded MQTT broker of the server under test, for device simulators. */
    mqttUrl: string;
  }
}
