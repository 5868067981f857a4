// Sensor benchmark: the platform in this process (HTTP, embedded MQTT broker, gateway, monitoring
// watch) with N temperature sensors registered, each connected as a real device (its own MQTT
// connection, user name = code, password = token) from publisher threads that publish as fast as
// the broker and gateway take them. Prints the readings ingested per second (accepted by the hub)
// at QoS 0 and QoS 1, and — with the QoS 0 load running — the time from publishing a reading over
// threshold to the alert showing in GET /api/alerts for the site manager (polling), p50/max.
// Levels: a steady BENCH_RATE (default 5,000) readings a second with the alert trials, then a flood
// (each connection keeping readings in flight) at QoS 0 with the trials and at QoS 1.
// Usage: tsx bench/sensors.ts [postgres-url]. BENCH_SENSORS (default 200), BENCH_SECONDS (default 10)
// per level at least, BENCH_TRIALS (default 20), BENCH_THREADS (default 1) publisher threads.
import { serve } from '@hono/node-server';
import { connectAsync } from 'mqtt';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../server/src/app.ts';
import { hashPassword } from '../server/src/core/auth.ts';
import { loadConfig } from '../server/src/core/config.ts';
import { inTransaction } from '../server/src/core/context.ts';
import { ctxAs } from '../server/src/core/context-factory.ts';
import { openDatabase } from '../server/src/core/db.ts';
import { insertOrgs, insertPeople } from '../server/src/core/org-seed.ts';
import { createPlatform } from '../server/src/core/platform.ts';
import { seedReference } from '../server/src/core/seed.ts';
import { readingHub } from '../server/src/devices/hub.ts';
import { createDevice, startDeviceGateway } from '../server/src/devices/index.ts';
import { alertJobs } from '../server/src/modules/alert/index.ts';
import { stopNightlyClose } from '../server/src/modules/checkout/index.ts';
import { monitoringJobs, stopMonitoringJobs } from '../server/src/modules/monitoring/index.ts';
import { setProfile } from '../server/src/modules/monitoring/sensors.ts';
import { stopOrderJobs } from '../server/src/modules/order/index.ts';
import { freshDatabase, percentile as pct } from './harness.ts';

/** What a publisher thread (sensor-publisher.mjs) is given. */
interface PublisherJob { url: string; sensors: { code: string; token: string }[]; qos: 0 | 1; window: number; rate: number }

await main();

async function main(): Promise<void> {
  // The alert module's log notifier prints each trial's alert: not figures.
  const print = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] !== 'string' || !args[0].startsWith('[alert]')) print(...args);
  };

  const adminUrl = process.argv[2];
  const label = adminUrl ? 'PostgreSQL' : 'PGlite';
  const sensorCount = Number(process.env.BENCH_SENSORS ?? 200);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const trials = Number(process.env.BENCH_TRIALS ?? 20);
  const threads = Number(process.env.BENCH_THREADS ?? 1);
  const n = (x: number) => Math.round(x).toLocaleString('en-US');

  const databaseUrl = adminUrl ? await freshDatabase(adminUrl, `sl_bench_sensors_${Date.now()}`) : undefined;
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  await seedReference(database.db);
  const platform = createPlatform({ ...loadConfig({}), demo: false, host: '127.0.0.1', mqttPort: 0 }, database);
  const app = buildApp(platform);
  const canteens = ['K1', 'K2', 'K3', 'K4'];
  const orgs = await insertOrgs(database.db, [
    { code: 'B', name: '管理局', kind: 'bureau' },
    { code: 'C', name: '后勤中心', kind: 'centre', parentCode: 'B' },
    ...canteens.map((code) => ({ code, name: `${code} 食堂`, kind: 'canteen' as const, parentCode: 'C' })),
  ]);
  const hash = await hashPassword('bench-pass-1');
  await insertPeople(database.db, canteens.flatMap((c) => [
    { username: `head.${c}`, name: `负责人 ${c}`, orgId: orgs.get(c)!, passwordHash: hash, roles: [{ orgId: orgs.get(c)!, roleKey: 'canteen_head' }] },
    { username: `site.${c}`, name: `项目经理 ${c}`, orgId: orgs.get(c)!, passwordHash: hash, roles: [{ orgId: orgs.get(c)!, roleKey: 'site_manager' }] },
  ]));
  platform.invalidateCaches();

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gateway = await startDeviceGateway(platform, { port: 0 });
  const hub = readingHub(platform);
  const watch = monitoringJobs(platform);

  // N sensors over the four canteens, all cold rooms (0–8 °C, no hold time), plus one probe sensor for the alert trials.
  const token = 'bench-sensor-token';
  const t0 = performance.now();
  const sensors: { code: string; token: string }[] = [];
  let probe = { id: 0, code: 'SENSOR-PROBE' };
  for (const [ci, c] of canteens.entries()) {
    const head = await ctxAs(platform, `head.${c}`);
    const site = await ctxAs(platform, `site.${c}`);
    await inTransaction(head, async (tx) => {
      const count = Math.floor(sensorCount / canteens.length) + (ci < sensorCount % canteens.length ? 1 : 0);
      for (let i = 1; i <= count; i++) {
        const code = `SENSOR-${c}-${String(i).padStart(3, '0')}`;
        const { device } = await createDevice(tx, { canteenId: orgs.get(c)!, kind: 'sensor', code, name: `冷藏 ${i}` }, token);
        await setProfile({ ...site, db: tx.db }, device.id, { canteenId: orgs.get(c)!, place: 'cold_room', holdMinutes: 0 });
        sensors.push({ code, token });
      }
      if (ci === 0) {
        const { device } = await createDevice(tx, { canteenId: orgs.get(c)!, kind: 'sensor', code: probe.code, name: '探测冰箱' }, token);
        await setProfile({ ...site, db: tx.db }, device.id, { canteenId: orgs.get(c)!, place: 'cold_room', holdMinutes: 0 });
        probe = { id: device.id, code: probe.code };
      }
    });
  }
  console.log(`[${label}] ${sensors.length} sensors registered in ${((performance.now() - t0) / 1000).toFixed(1)} s; embedded broker at ${gateway.url}; ${os.cpus().length} cores, ${threads} publisher thread(s)`);

  // The site manager's session, as the alert centre page polls it.
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'site.K1', password: 'bench-pass-1' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const openAlerts = async () => (await (await fetch(`${base}/api/alerts?kind=monitoring.temperature_out_of_range&status=open`, { headers: { cookie } })).json()) as { key: string }[];
  const probeClient = await connectAsync(gateway.url, { username: probe.code, password: token, clientId: 'probe-bench', reconnectPeriod: 0 });
  const probeTopic = `sl/devices/${probe.code}/reading`;
  const probeKey = `sensor:${probe.id}`;
  const waitAlert = async (present: boolean, timeoutMs = 10_000) => {
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      if ((await openAlerts()).some((a) => a.key === probeKey) === present) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  };

  /** Starts the publisher threads; resolves when every connection is up, with a function that stops them and returns the count sent. */
  async function load(qos: 0 | 1, rate = 0) {
    const per = Math.ceil(sensors.length / threads);
    const workers = Array.from({ length: threads }, (_, i) => new Worker(new URL('./sensor-publisher.mjs', import.meta.url), { workerData: { url: gateway.url, sensors: sensors.slice(i * per, (i + 1) * per), qos, window: qos ? 10 : 20, rate: rate / threads } satisfies PublisherJob }));
    const sent = new Array<number>(threads).fill(0);
    const done = workers.map((w, i) => new Promise<void>((resolve, reject) => {
      w.on('message', (m: { sent?: number; done?: boolean }) => {
        if (m.sent !== undefined) sent[i] = m.sent;
        if (m.done) resolve();
      });
      w.once('error', reject);
    }));
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.on('message', (m: { ready?: boolean }) => m.ready && resolve()))));
    return {
      sent: () => sent.reduce((s, x) => s + x, 0),
      stop: async () => {
        for (const w of workers) w.postMessage('stop');
        await Promise.all(done);
        await Promise.all(workers.map((w) => w.terminate()));
        return sent.reduce((s, x) => s + x, 0);
      },
    };
  }

  /** Over-threshold readings from the probe sensor, each timed until the alert shows for the site manager, then resolved. */
  async function trialsUnderLoad(): Promise<number[]> {
    const latencies: number[] = [];
    // One trial more than timed: the first one fills the caches (sessions, grants, statements).
    for (let i = -1; i < trials; i++) {
      const t = performance.now();
      await probeClient.publishAsync(probeTopic, JSON.stringify({ temperatureC: 12.5 + (i % 5) / 10, at: new Date().toISOString() }), { qos: 1 });
      if (!(await waitAlert(true))) throw new Error('the alert did not show within 10 s');
      if (i >= 0) latencies.push(performance.now() - t);
      await probeClient.publishAsync(probeTopic, JSON.stringify({ temperatureC: 4, at: new Date().toISOString() }), { qos: 1 });
      if (!(await waitAlert(false))) throw new Error('the alert was not resolved within 10 s');
    }
    return latencies.sort((a, b) => a - b);
  }

  /** One load level: publishers started, settled for a second, measured over at least `seconds` (and the trials, if any). */
  async function level(name: string, qos: 0 | 1, rate: number, withTrials: boolean) {
    const run = await load(qos, rate);
    await new Promise((r) => setTimeout(r, 1000));
    const a0 = hub.counts.accepted;
    const s0 = run.sent();
    const w0 = performance.now();
    const latencies = withTrials ? await trialsUnderLoad() : [];
    const left = w0 + seconds * 1000 - performance.now();
    if (left > 0) await new Promise((r) => setTimeout(r, left));
    const wall = (performance.now() - w0) / 1000;
    const accepted = hub.counts.accepted - a0;
    const published = run.sent() - s0;
    await run.stop();
    console.log(`[${label}] ${name}, QoS ${qos}, ${sensors.length} sensors for ${wall.toFixed(1)} s: ${n(accepted / wall)} readings/s ingested (accepted by the hub; the publishers wrote ${n(published / wall)}/s, the rest still in socket buffers), rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
    if (latencies.length) {
      console.log(`[${label}]   reading over threshold → alert visible in GET /api/alerts (site manager polling every 10 ms), ${latencies.length} trials under that load: p50 ${pct(latencies, 50).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }

  const rate = Number(process.env.BENCH_RATE ?? 5000);
  await level(`steady ${n(rate)} readings/s`, 0, rate, true);
  await level('as fast as accepted', 0, 0, true);
  await level('as fast as accepted', 1, 0, false);
  await watch.flush();
  console.log(`[${label}] monitoring watch: ${n(watch.counts.readings)} readings evaluated, ${n(watch.counts.alertWrites)} alert writes (raise/resolve only), ${n(watch.counts.flushedRows)} minute rows flushed; hub: ${JSON.stringify(hub.counts)}`);

  await probeClient.endAsync(true);
  await gateway.close();
  await stopMonitoringJobs(platform);
  alertJobs(platform).stop();
  stopOrderJobs(platform);
  stopNightlyClose(platform);
  await alertJobs(platform).idle();
  server.close();
  await database.close();
  process.exit(0);
}
