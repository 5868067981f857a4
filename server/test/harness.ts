import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/app.ts';
import { alertJobs } from '../src/modules/alert/index.ts';
import { stopNightlyClose } from '../src/modules/checkout/index.ts';
import { stopOrderJobs } from '../src/modules/order/index.ts';
import { stopInspectionJobs } from '../src/modules/inspection/index.ts';
import { stopSampleJobs } from '../src/modules/sample/index.ts';
import { stopWorkerJobs } from '../src/modules/worker/index.ts';
import { hashPassword } from '../src/core/auth.ts';
import { loadConfig } from '../src/core/config.ts';
import type { Platform } from '../src/core/context.ts';
import { openDatabase } from '../src/core/db.ts';
import type { App } from '../src/core/http.ts';
import { insertOrgs, insertPeople } from '../src/core/org-seed.ts';
import { createPlatform } from '../src/core/platform.ts';
import { seedReference } from '../src/core/seed.ts';

export const PASSWORD = 'test-pass-1';

/**
 * A fresh database per test file: PGlite in memory, or — when the test command has started a
 * PostgreSQL cluster (TEST_PG_URL) — a new database on that server.
 */
export async function freshPlatform(clock?: () => Date): Promise<Platform> {
  let databaseUrl: string | undefined;
  const admin = process.env.TEST_PG_URL;
  if (admin) {
    const pg = await import('pg');
    const name = `t_${randomBytes(6).toString('hex')}`;
    const c = new pg.default.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    databaseUrl = admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  }
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  await seedReference(database.db);
  return createPlatform({ ...loadConfig({}), demo: false }, database, clock);
}

/** Two canteens under one centre, two agency units, and one person per role we test. */
export async function seedFixture(platform: Platform) {
  const db = platform.database.db;
  const orgs = await insertOrgs(db, [
    { code: 'B', name: '测试管理局', kind: 'bureau' },
    { code: 'C', name: '后勤中心', kind: 'centre', parentCode: 'B' },
    { code: 'K1', name: '一号食堂', kind: 'canteen', parentCode: 'C' },
    { code: 'K2', name: '二号食堂', kind: 'canteen', parentCode: 'C' },
    { code: 'U1', name: '财政局', kind: 'unit', parentCode: 'B' },
    { code: 'U2', name: '教育局', kind: 'unit', parentCode: 'B' },
  ]);
  const hash = await hashPassword(PASSWORD);
  const o = (code: string) => orgs.get(code)!;
  const people = await insertPeople(db, [
    { username: 'admin', name: '管理员', orgId: o('B'), passwordHash: hash, roles: [{ orgId: o('B'), roleKey: 'admin' }] },
    { username: 'chef1', name: '厨师长一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'head_chef' }] },
    { username: 'head1', name: '负责人一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'canteen_head' }] },
    { username: 'store1', name: '仓管一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'storekeeper' }] },
    { username: 'chef2', name: '厨师长二', orgId: o('K2'), passwordHash: hash, roles: [{ orgId: o('K2'), roleKey: 'head_chef' }] },
    { username: 'head2', name: '负责人二', orgId: o('K2'), passwordHash: hash, roles: [{ orgId: o('K2'), roleKey: 'canteen_head' }] },
    { username: 'store2', name: '仓管二', orgId: o('K2'), passwordHash: hash, roles: [{ orgId: o('K2'), roleKey: 'storekeeper' }] },
    { username: 'cash1', name: '收银一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'cashier' }] },
    { username: 'cash2', name: '收银二', orgId: o('K2'), passwordHash: hash, roles: [{ orgId: o('K2'), roleKey: 'cashier' }] },
    { username: 'site1', name: '项目经理一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'site_manager' }] },
    { username: 'safe1', name: '食安员一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'safety_officer' }] },
    { username: 'hall1', name: '餐厅经理一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'hall_manager' }] },
    { username: 'warden1', name: '区域责任人一', orgId: o('K1'), passwordHash: hash, roles: [{ orgId: o('K1'), roleKey: 'area_warden' }] },
    { username: 'hall2', name: '餐厅经理二', orgId: o('K2'), passwordHash: hash, roles: [{ orgId: o('K2'), roleKey: 'hall_manager' }] },
    { username: 'safe2', name: '食安员二', orgId: o('K2'), passwordHash: hash, roles: [{ orgId: o('K2'), roleKey: 'safety_officer' }] },
    { username: 'leader', name: '局领导', orgId: o('B'), passwordHash: hash, roles: [{ orgId: o('B'), roleKey: 'bureau_leader' }] },
    { username: 'diner1', name: '就餐者一', orgId: o('U1'), passwordHash: hash, roles: [{ orgId: o('U1'), roleKey: 'diner' }] },
    { username: 'diner2', name: '就餐者二', orgId: o('U2'), passwordHash: hash, roles: [{ orgId: o('U2'), roleKey: 'diner' }] },
  ]);
  platform.invalidateCaches();
  return { orgs: { bureau: o('B'), centre: o('C'), k1: o('K1'), k2: o('K2'), u1: o('U1'), u2: o('U2') }, people };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in browser, reduced to what the API sees: a cookie jar and the CSRF header. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(readonly app: App, readonly lang: 'zh' | 'en' = 'zh') {}

  async login(username: string, password = PASSWORD): Promise<this> {
    const r = await this.req('POST', '/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
    return this;
  }

  async req<T = any>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { 'accept-language': this.lang };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    Object.assign(headers, extra);
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await this.app.request(path, { method, headers, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /sl_session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `sl_session=${m[1]}` : '';
    }
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : type.startsWith('text') ? await res.text() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: data as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.req<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.req<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.req<T>('PUT', path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.req<T>('PATCH', path, body ?? {});
  del = <T = any>(path: string) => this.req<T>('DELETE', path);
}

export async function testApp(clock?: () => Date) {
  const platform = await freshPlatform(clock);
  const fx = await seedFixture(platform);
  const app = buildApp(platform);
  const as = (username: string) => new Client(app).login(username);
  // Background alert scans must finish before the database goes away.
  const close = async () => {
    alertJobs(platform).stop();
    stopOrderJobs(platform);
    stopInspectionJobs(platform);
    stopNightlyClose(platform);
    await stopSampleJobs(platform);
    await stopWorkerJobs(platform);
    await alertJobs(platform).idle();
    await platform.database.close();
  };
  return { platform, app, fx, as, close };
}
