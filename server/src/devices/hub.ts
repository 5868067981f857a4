import { eq } from 'drizzle-orm';
import type { Platform } from '../core/context.ts';
import { READINGS, type LockerReading } from './contracts.ts';
import { DEVICE_CHANGED, DEVICE_READING, type DeviceChanged, type Reading } from './events.ts';
import { device, type Device, type DeviceKind } from './schema.ts';
import { tokenMatches } from './token.ts';

/** Device rows are looked up by code on every reading; a registry change clears them at once. */
const DEVICE_CACHE_MS = 30_000;
/** last_seen_at is for people ("seen 2 minutes ago"), so one write a minute per device is plenty. */
const LAST_SEEN_EVERY_MS = 60_000;

type Outcome = 'accepted' | 'malformed' | 'ignored';
const schemas: Partial<Record<DeviceKind, (typeof READINGS)[keyof typeof READINGS]>> = READINGS;

/**
 * Where readings from every transport (MQTT, HTTP) arrive: checks the device, keeps the newest
 * reading per device in memory, tells the streams watching it and emits DEVICE_READING.
 * Nothing here throws at a device: bad input is counted and dropped.
 */
export class ReadingHub {
  readonly counts = { accepted: 0, malformed: 0, ignored: 0, refused: 0 };
  private readonly newest = new Map<number, Reading>();
  private readonly watchers = new Map<number, Set<(r: Reading) => void>>();
  /**
   * Promises, not rows, so readings that wait for the same lookup are handled in arrival order;
   * once settled, `value` lets a reading go through without waiting a turn.
   */
  private readonly byCode = new Map<string, { at: number; row: Promise<Device | null>; settled: boolean; value: Device | null }>();
  private readonly seenWritten = new Map<number, number>();
  private readonly writes = new Set<Promise<void>>();
  private closing = false;
  private markClosed!: () => void;
  /** Resolves when the hub closes: streams end then. */
  readonly closed = new Promise<void>((resolve) => (this.markClosed = resolve));

  constructor(private readonly platform: Platform) {
    // A registry change committed: the cached row (or a lookup still in flight) may be the old one.
    platform.events.on(DEVICE_CHANGED, (p) => void this.byCode.delete((p as DeviceChanged).code));
  }

  private device(code: string): Promise<Device | null> {
    const now = Date.now();
    const hit = this.byCode.get(code);
    if (hit && now - hit.at < DEVICE_CACHE_MS) return hit.row;
    const row = this.platform.database.db.select().from(device).where(eq(device.code, code)).then((r) => r[0] ?? null);
    const entry = { at: now, row, settled: false, value: null as Device | null };
    row.then((d) => {
      entry.value = d;
      entry.settled = true;
    }, () => undefined);
    // Unknown codes are cached too (an external broker lets anyone publish); keep the map bounded.
    if (this.byCode.size >= 1000) this.byCode.clear();
    this.byCode.set(code, entry);
    row.catch(() => this.byCode.get(code) === entry && this.byCode.delete(code));
    return row;
  }

  /** The active device with this code and token, or null (counted as refused). */
  async authenticate(code: string, token: string): Promise<Device | null> {
    const row = code && token ? await this.device(code) : null;
    if (row?.active && tokenMatches(token, row.tokenHash)) return row;
    this.counts.refused++;
    return null;
  }

  /**
   * A reading that names its device by code only (an MQTT topic): unknown or inactive devices are
   * ignored. A device looked up recently is handled at once, without a promise (thousands a second).
   */
  accept(code: string, raw: unknown): Outcome | Promise<Outcome> {
    const hit = this.byCode.get(code);
    if (!hit?.settled || Date.now() - hit.at >= DEVICE_CACHE_MS) return this.acceptLookedUp(code, raw);
    try {
      return this.acceptKnown(hit.value, raw);
    } catch (err) {
      return this.notRecorded(code, err);
    }
  }

  private notRecorded(code: string, err: unknown): Outcome {
    console.error(`[devices] reading from ${code} not recorded`, err);
    this.counts.ignored++;
    return 'ignored';
  }

  private acceptKnown(row: Device | null, raw: unknown): Outcome {
    if (!row?.active) {
      this.counts.ignored++;
      return 'ignored';
    }
    return this.acceptFrom(row, raw);
  }

  private async acceptLookedUp(code: string, raw: unknown): Promise<Outcome> {
    try {
      return this.acceptKnown(await this.device(code), raw);
    } catch (err) {
      return this.notRecorded(code, err);
    }
  }

  /** A reading from a device already signed in (HTTP ingress, or accept above). */
  acceptFrom(row: Device, raw: unknown): Outcome {
    if (this.closing) return 'ignored';
    const parsed = schemas[row.kind]?.safeParse(raw);
    if (!parsed?.success) {
      this.counts.malformed++;
      return 'malformed';
    }
    const now = this.platform.now();
    const data = parsed.data as { grams?: number; stable?: boolean; at?: string };
    const reading: Reading = {
      deviceId: row.id, orgId: row.orgId, code: row.code, kind: row.kind,
      grams: data.grams ?? 0, stable: data.stable ?? false,
      ...(row.kind === 'locker' && { locker: parsed.data as LockerReading }),
      data: parsed.data as Record<string, unknown>,
      at: data.at ? new Date(data.at).toISOString() : now.toISOString(),
      receivedAt: now.toISOString(),
    };
    this.counts.accepted++;
    this.newest.set(row.id, reading);
    for (const w of this.watchers.get(row.id) ?? []) w(reading);
    this.platform.events.emit(DEVICE_READING, reading);
    this.markSeen(row.id, now);
    return 'accepted';
  }

  private markSeen(deviceId: number, now: Date): void {
    const last = this.seenWritten.get(deviceId);
    if (last !== undefined && now.getTime() - last < LAST_SEEN_EVERY_MS) return;
    this.seenWritten.set(deviceId, now.getTime());
    const write = this.platform.database.db.update(device).set({ lastSeenAt: now }).where(eq(device.id, deviceId))
      .then(() => undefined, (err: unknown) => console.error('[devices] last seen not recorded', err));
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  latest(deviceId: number): Reading | null {
    return this.newest.get(deviceId) ?? null;
  }

  /** Calls `onReading` with each new reading of the device until the returned function is called. */
  watch(deviceId: number, onReading: (r: Reading) => void): () => void {
    const set = this.watchers.get(deviceId) ?? new Set();
    this.watchers.set(deviceId, set.add(onReading));
    return () => {
      set.delete(onReading);
      if (!set.size) this.watchers.delete(deviceId);
    };
  }

  /** How many streams are watching readings now. */
  openStreams(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /** Ends every stream (through `closed`) and waits for pending last-seen writes, so the database can close after it. */
  async close(): Promise<void> {
    this.closing = true;
    this.markClosed();
    await Promise.all(this.writes);
  }
}

const hubs = new WeakMap<Platform, ReadingHub>();

/** The platform's one hub, made on first use (HTTP ingress works without the MQTT gateway). */
export function readingHub(platform: Platform): ReadingHub {
  let hub = hubs.get(platform);
  if (!hub) hubs.set(platform, (hub = new ReadingHub(platform)));
  return hub;
}
