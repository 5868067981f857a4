import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Ctx } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import type { Env } from '../core/http.ts';
import type { Reading } from './events.ts';
import { readingHub } from './hub.ts';
import { latestReading } from './registry.ts';

/** Proxies drop a silent connection after about a minute; a comment line now and then keeps it open. */
const KEEP_ALIVE_MS = 20_000;

/** HTTP ingress for devices without MQTT: signed in by code and token headers, no session. */
export async function receiveReading(ctx: Ctx, code: string | undefined, token: string | undefined, body: unknown): Promise<{ accepted: true }> {
  const hub = readingHub(ctx.platform);
  const row = await hub.authenticate(code ?? '', token ?? '');
  if (!row) throw new AppError(401, 'device_unauthorized', '设备编码或令牌不正确，或设备已停用', 'Wrong device code or token, or the device is inactive');
  if (hub.acceptFrom(row, body) === 'malformed') {
    throw new AppError(400, 'invalid_reading', '读数不符合该类设备的格式', 'The reading does not fit this kind of device');
  }
  return { accepted: true };
}

/** Server-Sent Events: the newest reading at once, then each new one, until the client leaves or the server stops. */
export async function readingStream(ctx: Ctx, id: number, c: Context<Env>): Promise<Response> {
  await latestReading(ctx, id); // the caller may read this device, else 404 before any stream starts
  const hub = readingHub(ctx.platform);
  return streamSSE(c, async (stream) => {
    const gone = new Promise<void>((resolve) => stream.onAbort(resolve));
    const send = (r: Reading) => void stream.writeSSE({ event: 'reading', data: JSON.stringify(r) });
    const stop = hub.watch(id, send);
    const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    void stream.write('retry: 2000\n\n');
    const now = hub.latest(id);
    if (now) send(now);
    await Promise.race([hub.closed, gone]);
    clearInterval(keepAlive);
    stop();
  });
}
