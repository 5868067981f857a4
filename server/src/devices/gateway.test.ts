import net from 'node:net';
import { eq } from 'drizzle-orm';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client } from '../../test/harness.ts';
import { DEVICE_READING, type Reading } from './events.ts';
import { startDeviceGateway, type DeviceGateway } from './gateway.ts';
import { readingHub } from './hub.ts';
import { device } from './schema.ts';
import { ScaleSimulator } from './simulators/scale.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let gateway: DeviceGateway;
let head1: Client, store1: Client, chef2: Client, head2: Client;
const scales: Record<string, { id: number; token: string }> = {};
const sims: ScaleSimulator[] = [];
const events: Reading[] = [];

beforeAll(async () => {
  t = await testApp();
  gateway = await startDeviceGateway(t.platform, { port: 0 });
  [head1, store1, chef2, head2] = await Promise.all(['head1', 'store1', 'chef2', 'head2'].map((u) => t.as(u)));
  for (const code of ['SCALE-A', 'SCALE-B', 'SCALE-C']) {
    const r = await head1.post('/api/devices', { canteenId: t.fx.orgs.k1, kind: 'scale', code, name: code });
    scales[code] = { id: r.body.device.id, token: r.body.token };
  }
  t.platform.events.on(DEVICE_READING, (r) => void events.push(r as Reading));
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  await gateway.close();
  await t.close();
});

/** Polls until `check` returns a value (readings arrive asynchronously, over real sockets). */
async function until<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function simulate(code: string, token = scales[code]!.token, url = gateway.url) {
  const sim = await ScaleSimulator.start({ code, token, url, hz: 20, onError: () => {} });
  sims.push(sim);
  return sim;
}

const latest = (c: Client, code: string) => c.get(`/api/devices/${scales[code]!.id}/latest`);

/** What a device without MQTT does: one HTTP request per reading, signed in by headers. */
const postReading = (headers: Record<string, string>, reading: unknown) => t.app.request('/api/devices/readings', {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(reading),
});
const signedIn = (code: string) => ({ 'x-device-code': code, 'x-device-token': scales[code]!.token });

describe('device gateway', () => {
  it('starts an embedded broker on a free port', () => {
    expect(gateway.embedded).toBe(true);
    expect(gateway.port).toBeGreaterThan(0);
    expect(gateway.url).toBe(`mqtt://127.0.0.1:${gateway.port}`);
  });

  it('receives a simulated scale over MQTT: the latest reading settles on the stable weight', async () => {
    const sim = await simulate('SCALE-A');
    sim.place(12_345);
    const unstable = await until(async () => (await latest(store1, 'SCALE-A')).body.reading?.stable === false);
    expect(unstable).toBe(true);
    const reading = await until(async () => {
      const r = (await latest(store1, 'SCALE-A')).body.reading;
      return r?.stable && r.grams !== 0 && r;
    });
    expect(Math.abs(reading.grams - 12_345)).toBeLessThanOrEqual(2);
    expect(reading).toMatchObject({ deviceId: scales['SCALE-A']!.id, code: 'SCALE-A', kind: 'scale', orgId: t.fx.orgs.k1 });
    expect(events.some((e) => e.code === 'SCALE-A' && e.stable)).toBe(true);
    const [row] = await t.platform.database.db.select().from(device).where(eq(device.code, 'SCALE-A'));
    expect(row!.lastSeenAt).toBeInstanceOf(Date);
  });

  it('takes readings over the HTTP ingress with the device code and token headers', async () => {
    const r = await postReading(signedIn('SCALE-B'), { grams: 2500, stable: true, at: '2026-11-26T08:00:00+08:00' });
    expect(r.status).toBe(200);
    expect((await latest(head1, 'SCALE-B')).body.reading).toMatchObject({ grams: 2500, stable: true, at: '2026-11-26T00:00:00.000Z' });
  });

  it('refuses a wrong token at the broker and at the HTTP ingress, recording nothing', async () => {
    const refusedBefore = readingHub(t.platform).counts.refused;
    await expect(simulate('SCALE-C', 'wrong-token')).rejects.toThrow(/bad username or password/i);
    await expect(simulate('NO-SUCH-SCALE', scales['SCALE-C']!.token)).rejects.toThrow();
    for (const headers of [{ 'x-device-code': 'SCALE-C', 'x-device-token': 'wrong-token' }, { 'x-device-code': 'SCALE-C' }, {}] as Record<string, string>[]) {
      const r = await postReading(headers, { grams: 1000, stable: true });
      expect(r.status).toBe(401);
      expect((await r.json()).code).toBe('device_unauthorized');
    }
    expect((await latest(head1, 'SCALE-C')).body.reading).toBeNull();
    expect(readingHub(t.platform).counts.refused).toBe(refusedBefore + 5);
  });

  it('drops and counts malformed payloads without stopping, and keeps devices to their own topics', async () => {
    const hub = readingHub(t.platform);
    const before = { ...hub.counts };
    const raw = await connectAsync(gateway.url, { username: 'SCALE-C', password: scales['SCALE-C']!.token }, false);
    try {
      await raw.publishAsync('sl/devices/SCALE-C/reading', 'not json');
      await raw.publishAsync('sl/devices/SCALE-C/reading', JSON.stringify({ grams: 'heavy', stable: true }));
      await raw.publishAsync('sl/devices/SCALE-C/reading', JSON.stringify({ grams: 1.5, stable: true }));
      await until(() => hub.counts.malformed === before.malformed + 3);
      await raw.publishAsync('sl/devices/SCALE-C/reading', JSON.stringify({ grams: 750, stable: true }));
      await until(async () => (await latest(head1, 'SCALE-C')).body.reading?.grams === 750);
      // a device cannot speak for another: the broker refuses the publish and drops its connection
      await raw.publishAsync('sl/devices/SCALE-B/reading', JSON.stringify({ grams: 99, stable: true })).catch(() => {});
      await until(() => !raw.connected);
      expect((await latest(head1, 'SCALE-B')).body.reading.grams).toBe(2500);
    } finally {
      await raw.endAsync(true);
    }
    expect(hub.counts.accepted).toBeGreaterThan(before.accepted);
  });

  it('hides readings from users of another canteen', async () => {
    const id = scales['SCALE-A']!.id;
    for (const c of [chef2, head2]) {
      expect((await c.get(`/api/devices/${id}/latest`)).status).toBe(404);
      expect((await c.get(`/api/devices/${id}/stream`)).status).toBe(404);
    }
    expect((await store1.get('/api/devices/999999/latest')).status).toBe(404);
  });

  it('streams readings as Server-Sent Events and stops when the client leaves', async () => {
    const res = await t.app.request(`/api/devices/${scales['SCALE-B']!.id}/stream`, { headers: { cookie: head1.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(value);
      }
    };
    // first the newest reading, then each new one
    await readUntil(/event: reading\ndata: .*"grams":2500/);
    await postReading(signedIn('SCALE-B'), { grams: 4321, stable: false });
    await readUntil(/"grams":4321,"stable":false/);
    expect((await head1.get('/api/devices/gateway')).body.streams).toBe(1);
    await reader.cancel();
    await until(() => readingHub(t.platform).openStreams() === 0);
  });

  it('ignores a deactivated device: disconnected, refused, its readings dropped', async () => {
    const sim = await simulate('SCALE-A');
    await until(() => sim.sent > 0);
    const off = await head1.post(`/api/devices/${scales['SCALE-A']!.id}/deactivate`);
    expect(off.body.active).toBe(false);
    await until(() => sims.every((s) => !s.connected));
    await expect(simulate('SCALE-A')).rejects.toThrow();
    const hub = readingHub(t.platform);
    expect(await hub.accept('SCALE-A', { grams: 1, stable: true })).toBe('ignored');
    expect((await postReading(signedIn('SCALE-A'), { grams: 1, stable: true })).status).toBe(401);
    expect((await latest(head1, 'SCALE-A')).body.reading.grams).not.toBe(1);
  });

  it('reports its address and counters to managers', async () => {
    const r = await head1.get('/api/devices/gateway');
    expect(r.body.mqtt).toEqual({ url: gateway.url, embedded: true, port: gateway.port });
    expect(r.body.counts).toMatchObject({ malformed: 3, refused: expect.any(Number), accepted: expect.any(Number) });
    expect((await store1.get('/api/devices/gateway')).status).toBe(403);
  });

  it('closes cleanly: streams end and the port is freed', async () => {
    const res = await t.app.request(`/api/devices/${scales['SCALE-B']!.id}/stream`, { headers: { cookie: head1.cookie } });
    const reader = res.body!.getReader();
    await reader.read();
    await gateway.close();
    for (;;) if ((await reader.read()).done) break;
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(gateway.port!, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(false); });
      s.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
