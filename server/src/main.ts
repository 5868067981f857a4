import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import { loadConfig } from './core/config.ts';
import { openDatabase } from './core/db.ts';
import { createPlatform } from './core/platform.ts';
import { seedReference } from './core/seed.ts';
import { CANTEENS, DEMO_LOGINS, seedDemo } from './demo.ts';
import { DEMO_DEVICE_TOKEN, demoLockerCode, demoScaleCode, startDeviceGateway } from './devices/index.ts';
import { alertJobs } from './modules/alert/index.ts';
import { stopNightlyClose } from './modules/checkout/index.ts';
import { stopOrderJobs } from './modules/order/index.ts';
import { demoCabinetCode, stopSampleJobs } from './modules/sample/index.ts';
import { DEMO_CAMERA_TOKEN, stopMonitoringJobs } from './modules/monitoring/index.ts';
import { stopInspectionJobs } from './modules/inspection/index.ts';
import { demoBadge, demoKioskCode, stopWorkerJobs } from './modules/worker/index.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await seedReference(database.db);
const platform = createPlatform(config, database);
const app = buildApp(platform);
if (config.demo) {
  const created = await seedDemo(platform, (msg) => console.log(`[demo] ${msg}`), { historyDays: config.demoHistoryDays, salesDays: config.demoSalesDays });
  if (!created) console.log('[demo] demo data already present');
  // The bulk history raises no stock events: scan once so the demo's alerts show from the start.
  else await alertJobs(platform).scanAll();
}
const gateway = await startDeviceGateway(platform);
// Devices get a clean disconnect and the last readings' writes finish before the database closes.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void gateway.close().then(() => stopMonitoringJobs(platform)).then(() => { alertJobs(platform).stop(); stopOrderJobs(platform); stopInspectionJobs(platform); stopNightlyClose(platform); return Promise.all([stopWorkerJobs(platform), stopSampleJobs(platform)]).then(() => alertJobs(platform).idle()); }).finally(() => database.close()).finally(() => process.exit(0)));
}
serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`\n智慧后勤平台 Smart Logistics Platform`);
  console.log(`  database: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}`);
  console.log(`  open:     http://localhost:${info.port}/`);
  console.log(`  API docs: http://localhost:${info.port}/api/docs`);
  console.log(`  MQTT:     ${gateway.url} (${gateway.embedded ? 'embedded broker' : 'external broker'})`);
  if (config.demo) {
    console.log('  demo logins (password for all: demo1234):');
    for (const l of DEMO_LOGINS) console.log(`    ${l.username.padEnd(14)} ${l.role}`);
    const scales = CANTEENS.map((c) => demoScaleCode(c.code));
    console.log(`  demo scales ${scales.join(' ')} (token for all: ${DEMO_DEVICE_TOKEN}):`);
    console.log(`    npm run simulate:scale -- --code ${scales[0]} --token ${DEMO_DEVICE_TOKEN} --mqtt ${gateway.url}`);
    console.log(`  checkout station: http://localhost:${info.port}/kiosk (sign in as cashier.yj; cards TZ000001 …)`);
    console.log(`  pickup locker simulator:`);
    console.log(`    npm run simulate:locker -- --code ${demoLockerCode(CANTEENS[0]!.code)} --token ${DEMO_DEVICE_TOKEN} --mqtt ${gateway.url}`);
    console.log(`  morning check: http://localhost:${info.port}/kiosk/morning-check (sign in as safety.yj or site.yj); check kiosk simulator:`);
    console.log(`    npm run simulate:check-kiosk -- --code ${demoKioskCode(CANTEENS[0]!.code)} --token ${DEMO_DEVICE_TOKEN} --badges ${demoBadge(CANTEENS[0]!.code, 1)},${demoBadge(CANTEENS[0]!.code, 2)} --mqtt ${gateway.url}`);
    console.log(`  temperature sensors (冷藏库, 冷冻库, fridges, 专间) and the camera system of a canteen:`);
    console.log(`    npm run simulate:sensors -- --canteen ${CANTEENS[0]!.code} --token ${DEMO_DEVICE_TOKEN} --mqtt ${gateway.url}`);
    console.log(`    npm run simulate:kitchen-camera -- --canteen ${CANTEENS[0]!.code} --cameras 3 --token ${DEMO_CAMERA_TOKEN} --url http://localhost:${info.port}`);
    console.log(`  sample cabinet (留样柜; put boxes in, then name them on the phone page /m/samples as safety.yj):`);
    console.log(`    npm run simulate:sample-cabinet -- --code ${demoCabinetCode(CANTEENS[0]!.code)} --token ${DEMO_DEVICE_TOKEN} --mqtt ${gateway.url}`);
  }
});
