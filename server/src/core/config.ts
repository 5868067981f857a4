import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runtime settings, all from environment variables with defaults that work on a laptop. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  mqttUrl: string | undefined;
  /** Port of the embedded MQTT broker (unused when mqttUrl names an external one); 0 picks a free port. */
  mqttPort: number;
  secureCookies: boolean;
  demo: boolean;
  /** Days of purchasing, stock and sales history the demo data holds (0: none). */
  demoHistoryDays: number;
  /** Of those, the last days whose meals are stored sale by sale (the rest as daily sums and carried-forward balances). */
  demoSalesDays: number;
  /** Signs diners' pay codes (QR) and online-payment notices; random per start unless set, which only short-lived codes survive. */
  signingSecret: string;
  /**
   * Keep answers of hot read routes until a table they read changes (core/response-cache.ts). Changes are seen
   * within this process only: turn it off (RESPONSE_CACHE=0) when several platform processes share one database.
   */
  responseCache: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ? path.resolve(env.DATA_DIR) : path.join(repoRoot, 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    mqttUrl: env.MQTT_URL || undefined,
    mqttPort: Number(env.MQTT_PORT ?? 1883),
    secureCookies: env.SECURE_COOKIES === '1',
    demo: env.DEMO !== '0',
    demoHistoryDays: Number(env.DEMO_HISTORY_DAYS ?? 365),
    demoSalesDays: Number(env.DEMO_SALES_DAYS ?? 30),
    signingSecret: env.SIGNING_SECRET || randomBytes(32).toString('hex'),
    responseCache: env.RESPONSE_CACHE !== '0',
  };
}
