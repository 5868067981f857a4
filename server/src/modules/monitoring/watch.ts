import { sql } from 'drizzle-orm';
import { inTransaction, type Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { arrayParam } from '../../core/db.ts';
import { devicesOfKind, type Reading, type SensorReading } from '../../devices/index.ts';
import { raiseAlert, resolveAlertsWhere, type RaiseAlert } from '../alert/index.ts';
import { MONITORING_ALERTS } from './alerts.ts';
import { PLACES } from './places.ts';
import { sensorProfile, type SensorPlace } from './schema.ts';

/** A sensor's profile was saved (after the commit): thresholds are re-read and every sensor re-evaluated. */
export const PROFILE_CHANGED = 'monitoring.profile.changed';

/** Buffered minute rows go to the database this often, in one statement. */
const FLUSH_MS = 5_000;
/** Hold times run out between readings too: checked this often. */
const SWEEP_MS = 15_000;
/** An alert still out of range is raised again this often, so one a person closed too early comes back. */
const REASSERT_MS = 5 * 60_000;
/** After a failed alert write, the next attempt waits this long. */
const RETRY_MS = 10_000;
/** A sensor silent this long is alerted (the day pages call it offline after the same time). */
const SILENT_MS = 10 * 60_000;
/** Rows per insert statement of a flush. */
const FLUSH_CHUNK = 5_000;
/** A device clock this far off the server's is not trusted for the minute a reading belongs to. */
const CLOCK_SKEW_MS = 10 * 60_000;

export type Profile = typeof sensorProfile.$inferSelect;

/** One condition of one sensor (temperature, humidity) and its alert. */
interface Track {
  /** When the value left its range (server clock, ms); null while in range. */
  outSince: number | null;
  /** The alert as it should be: raised, resolved, or null = leave it (out of range within the hold time). */
  want: boolean | null;
  /** The alert as the database has it, as far as this process knows; null until the first write after start. */
  open: boolean | null;
  busy: boolean;
  retryAt: number;
  assertedAt: number;
  /** What was raised, sent again unchanged when reasserted (no audit churn). */
  raised: Omit<RaiseAlert, 'orgId'> | null;
}

/** A minute of one sensor's readings, not yet written. */
interface Bucket {
  deviceId: number;
  orgId: number;
  minute: number;
  n: number;
  min: number;
  max: number;
  sum: number;
  last: number;
  lastAt: number;
  hn: number;
  hmin: number;
  hmax: number;
  hsum: number;
  hlast: number | null;
}

export interface SensorNow {
  deviceId: number;
  orgId: number;
  code: string;
  temperatureC: number;
  humidityPct: number | null;
  at: string;
  /** Server time of arrival (ms). */
  receivedAt: number;
  temperature: Track;
  humidity: Track;
  silence: Track;
  bucket: Bucket | null;
}

type Which = 'temperature' | 'humidity' | 'silence';

const newTrack = (): Track => ({ outSince: null, want: null, open: null, busy: false, retryAt: 0, assertedAt: 0, raised: null });

const fmt = (c: number) => `${Number(c.toFixed(1))}`.replace('-', '−');

/** "0–8 °C", "≤ −18 °C", "≥ 0 °C", or null when the profile has no limit. */
export function rangeText(minC: number | null, maxC: number | null): string | null {
  if (minC !== null && maxC !== null) return `${fmt(minC)}–${fmt(maxC)} °C`;
  if (maxC !== null) return `≤ ${fmt(maxC)} °C`;
  if (minC !== null) return `≥ ${fmt(minC)} °C`;
  return null;
}

export function temperatureOut(p: Pick<Profile, 'minC' | 'maxC'> | undefined, c: number): boolean {
  return !!p && ((p.minC !== null && c < p.minC) || (p.maxC !== null && c > p.maxC));
}

const ALERT_KINDS: Record<Which, string> = {
  temperature: MONITORING_ALERTS['monitoring.temperature_out_of_range'].key,
  humidity: MONITORING_ALERTS['monitoring.humidity_out_of_range'].key,
  silence: MONITORING_ALERTS['monitoring.sensor_silent'].key,
};
const alertKindOf = (which: Which) => ALERT_KINDS[which];

/** China time of a moment, as 11-26 15:40. */
const chinaMinute = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

/** The alert of a sensor out of range (temperature, or humidity above its limit), keyed by the sensor. */
export function sensorAlert(which: Which, s: { deviceId: number; code: string; temperatureC: number; humidityPct: number | null; receivedAt: number }, name: string, p: Profile, since: Date): Omit<RaiseAlert, 'orgId'> {
  const place = PLACES[p.place as SensorPlace];
  const base = { kind: alertKindOf(which), key: `sensor:${s.deviceId}`, link: { entity: 'device', id: s.deviceId, path: `/monitoring?sensor=${s.deviceId}` } };
  if (which === 'temperature') {
    const range = rangeText(p.minC, p.maxC) ?? '';
    return {
      ...base, severity: place.critical ? 'critical' : 'warning',
      detail: { deviceId: s.deviceId, code: s.code, place: p.place, minC: p.minC, maxC: p.maxC, temperatureC: s.temperatureC, outSince: since.toISOString(), holdMinutes: p.holdSeconds / 60 },
      titleZh: `${name}（${place.zh}）温度 ${fmt(s.temperatureC)} °C，超出 ${range}`,
      titleEn: `${name} (${place.en}) at ${fmt(s.temperatureC)} °C, outside ${range}`,
    };
  }
  if (which === 'silence') {
    const last = chinaMinute(s.receivedAt);
    return {
      ...base,
      detail: { deviceId: s.deviceId, code: s.code, place: p.place, lastReadingAt: new Date(s.receivedAt).toISOString(), temperatureC: s.temperatureC },
      titleZh: `${name}（${place.zh}）自 ${last} 起无读数，温度无人监测`,
      titleEn: `${name} (${place.en}) silent since ${last}: its temperature is not watched`,
    };
  }
  return {
    ...base,
    detail: { deviceId: s.deviceId, code: s.code, place: p.place, maxHumidityPct: p.maxHumidityPct, humidityPct: s.humidityPct, outSince: since.toISOString() },
    titleZh: `${name}（${place.zh}）湿度 ${s.humidityPct}%，高于上限 ${p.maxHumidityPct}%`,
    titleEn: `${name} (${place.en}) humidity ${s.humidityPct}%, above ${p.maxHumidityPct}%`,
  };
}

/**
 * The monitoring module's view of its sensors, in memory: thresholds are checked on every reading
 * without touching the database; only an alert's state change (raise, resolve) is written, and the
 * readings go to the minute history in batches. One per platform (monitoringJobs).
 */
export class SensorWatch {
  readonly counts = { readings: 0, flushedRows: 0, alertWrites: 0 };
  private readonly states = new Map<number, SensorNow>();
  private readonly pendingBuckets: Bucket[] = [];
  private profiles: Map<number, Profile> | null = null;
  private loading: Promise<Map<number, Profile>> | null = null;
  private generation = 0;
  private readonly pending = new Set<Promise<unknown>>();
  private flushing: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly platform: Platform) {}

  start(): void {
    const every = (ms: number, fn: () => Promise<unknown>, what: string) => {
      const t = setInterval(() => void fn().catch((err) => console.error(`[monitoring] ${what} failed`, err)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(FLUSH_MS, () => this.flush(), 'history flush');
    every(SWEEP_MS, async () => this.sweep(), 'sweep');
  }

  /** Stops the timers and writes what is still buffered (shutdown, tests). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.idle();
    await this.flush();
  }

  /** Called for every device reading; does nothing but arithmetic unless an alert must change. */
  onReading(r: Reading): void {
    if (r.kind !== 'sensor' || this.stopped) return;
    const d = r.data as SensorReading;
    const received = Date.parse(r.receivedAt);
    let s = this.states.get(r.deviceId);
    if (!s) {
      s = { deviceId: r.deviceId, orgId: r.orgId, code: r.code, temperatureC: 0, humidityPct: null, at: r.at, receivedAt: received, temperature: newTrack(), humidity: newTrack(), silence: newTrack(), bucket: null };
      this.states.set(r.deviceId, s);
    }
    s.temperatureC = d.temperatureC;
    s.humidityPct = d.humidityPct ?? null;
    s.at = r.at;
    s.receivedAt = received;
    this.counts.readings++;
    const measured = Date.parse(r.at);
    this.addToMinute(s, Math.abs(measured - received) <= CLOCK_SKEW_MS ? measured : received, d.temperatureC, d.humidityPct);
    if (this.profiles) this.evaluate(s, received);
    else {
      const state = s;
      void this.loadProfiles().then(() => this.evaluate(state, this.platform.now().getTime()), (err) => console.error('[monitoring] thresholds not loaded', err));
    }
  }

  /** The newest reading of a sensor since the server started, or undefined. */
  current(deviceId: number): SensorNow | undefined {
    return this.states.get(deviceId);
  }

  /** The profile cache (loaded on first use, reloaded after a change). */
  loadProfiles(): Promise<Map<number, Profile>> {
    if (this.profiles) return Promise.resolve(this.profiles);
    if (this.loading) return this.loading;
    const gen = this.generation;
    const load = this.platform.database.db.select().from(sensorProfile).then((rows) => {
      const m = new Map(rows.map((p) => [p.deviceId, p]));
      if (gen === this.generation) this.profiles = m;
      return m;
    });
    this.loading = load;
    load.catch(() => undefined).finally(() => {
      if (this.loading === load) this.loading = null;
    });
    return load;
  }

  /** A profile was saved: forget the cache, reload it and re-evaluate every sensor against it. */
  async profilesChanged(): Promise<void> {
    this.generation++;
    this.profiles = null;
    this.loading = null;
    // Alerts raised again carry the new thresholds.
    for (const s of this.states.values()) s.temperature.raised = s.humidity.raised = s.silence.raised = null;
    await this.loadProfiles();
    this.sweep();
  }

  /**
   * Hold times that ran out without a new reading, alerts to raise again, writes to retry. Called
   * by the timer; tests call it after moving the clock.
   */
  sweep(): void {
    if (!this.profiles) return;
    const now = this.platform.now().getTime();
    for (const s of this.states.values()) this.evaluate(s, now);
  }

  private evaluate(s: SensorNow, now: number): void {
    const p = this.profiles?.get(s.deviceId);
    const hold = (p?.holdSeconds ?? 0) * 1000;
    this.step(s, 'temperature', temperatureOut(p, s.temperatureC), now, hold);
    // A reading without humidity says nothing about it: the humidity alert stays as it is.
    if (s.humidityPct !== null || !p || p.maxHumidityPct === null) {
      this.step(s, 'humidity', !!p && p.maxHumidityPct !== null && s.humidityPct !== null && s.humidityPct > p.maxHumidityPct, now, hold);
    }
    // Only sensors with a profile are watched; a reading ends the silence at once.
    this.step(s, 'silence', !!p && now - s.receivedAt > SILENT_MS, now, 0);
  }

  private step(s: SensorNow, which: Which, out: boolean, now: number, hold: number): void {
    const t = s[which];
    if (out) {
      t.outSince ??= now;
      t.want = now - t.outSince >= hold ? true : null;
    } else {
      t.outSince = null;
      t.want = false;
    }
    if (t.want === null) return;
    if (t.want !== t.open || (t.open && now - t.assertedAt >= REASSERT_MS)) this.write(s, which, now);
  }

  private write(s: SensorNow, which: Which, now: number): void {
    const t = s[which];
    if (t.busy || Date.now() < t.retryAt || this.stopped) return;
    const target = t.want!;
    t.busy = true;
    const done = this.persist(s, which, target, now).then(() => {
      t.open = target;
      t.assertedAt = now;
    }, (err: unknown) => {
      console.error(`[monitoring] ${which} alert of sensor ${s.code} not ${target ? 'raised' : 'resolved'}`, err);
      t.retryAt = Date.now() + RETRY_MS;
    }).finally(() => {
      t.busy = false;
      if (t.want !== null && t.want !== t.open) this.write(s, which, this.platform.now().getTime());
    });
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  private async persist(s: SensorNow, which: Which, raise: boolean, now: number): Promise<void> {
    this.counts.alertWrites++;
    const kind = alertKindOf(which);
    const key = `sensor:${s.deviceId}`;
    const ctx = await makeCtx(this.platform, null, [], 'zh');
    const t = s[which];
    await inTransaction(ctx, async (tx) => {
      if (!raise) {
        await resolveAlertsWhere(tx, { orgId: s.orgId, kind, keys: [key] });
        t.raised = null;
        return;
      }
      if (!t.raised) {
        const p = this.profiles?.get(s.deviceId);
        if (!p) return;
        const name = (await devicesOfKind(tx, s.orgId, 'sensor')).find((d) => d.id === s.deviceId)?.name ?? s.code;
        t.raised = sensorAlert(which, s, name, p, new Date(t.outSince ?? now));
      }
      await raiseAlert(tx, { ...t.raised, orgId: s.orgId });
    });
  }

  private addToMinute(s: SensorNow, atMs: number, c: number, h: number | undefined): void {
    const minute = atMs - (atMs % 60_000);
    let b = s.bucket;
    if (b && b.minute !== minute) {
      this.pendingBuckets.push(b);
      b = null;
    }
    if (!b) {
      b = { deviceId: s.deviceId, orgId: s.orgId, minute, n: 0, min: c, max: c, sum: 0, last: c, lastAt: atMs, hn: 0, hmin: Infinity, hmax: -Infinity, hsum: 0, hlast: null };
      s.bucket = b;
    }
    b.n++;
    b.sum += c;
    if (c < b.min) b.min = c;
    if (c > b.max) b.max = c;
    if (atMs >= b.lastAt) {
      b.last = c;
      b.lastAt = atMs;
    }
    if (h !== undefined) {
      b.hn++;
      b.hsum += h;
      if (h < b.hmin) b.hmin = h;
      if (h > b.hmax) b.hmax = h;
      if (atMs >= b.lastAt) b.hlast = h;
    }
  }

  /** Takes every buffered minute (the current ones too: the next reading starts a new part of its minute). */
  private drain(): Bucket[] {
    const all = this.pendingBuckets.splice(0);
    for (const s of this.states.values()) {
      if (s.bucket) all.push(s.bucket);
      s.bucket = null;
    }
    // One row per (sensor, minute) per statement: ON CONFLICT cannot touch a row twice.
    const byKey = new Map<string, Bucket>();
    for (const b of all) {
      const k = `${b.deviceId}:${b.minute}`;
      const m = byKey.get(k);
      if (!m) {
        byKey.set(k, b);
        continue;
      }
      m.n += b.n;
      m.sum += b.sum;
      m.min = Math.min(m.min, b.min);
      m.max = Math.max(m.max, b.max);
      if (b.lastAt >= m.lastAt) {
        m.last = b.last;
        m.lastAt = b.lastAt;
        if (b.hlast !== null) m.hlast = b.hlast;
      }
      m.hn += b.hn;
      m.hsum += b.hsum;
      m.hmin = Math.min(m.hmin, b.hmin);
      m.hmax = Math.max(m.hmax, b.hmax);
    }
    return [...byKey.values()];
  }

  /** Writes the buffered minutes in one multi-row upsert per chunk; one flush at a time. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    const rows = this.drain();
    if (!rows.length) return Promise.resolve();
    const run = this.writeMinutes(rows).finally(() => {
      this.flushing = null;
    });
    this.flushing = run;
    return run;
  }

  private async writeMinutes(all: Bucket[]): Promise<void> {
    const db = this.platform.database.db;
    for (let i = 0; i < all.length; i += FLUSH_CHUNK) {
      const part = all.slice(i, i + FLUSH_CHUNK);
      const col = <T>(f: (b: Bucket) => T) => arrayParam(part.map(f));
      const h = (b: Bucket, v: number) => (b.hn ? v : null);
      await db.execute(sql`
        insert into monitoring_sensor_minute as t
          (device_id, minute, org_id, n, min_c, max_c, sum_c, last_c, humidity_n, min_humidity, max_humidity, sum_humidity, last_humidity, last_at)
        select * from unnest(${col((b) => b.deviceId)}::int[], ${col((b) => new Date(b.minute).toISOString())}::timestamptz[], ${col((b) => b.orgId)}::int[],
          ${col((b) => b.n)}::int[], ${col((b) => b.min)}::float8[], ${col((b) => b.max)}::float8[], ${col((b) => b.sum)}::float8[], ${col((b) => b.last)}::float8[],
          ${col((b) => b.hn)}::int[], ${col((b) => h(b, b.hmin))}::float8[], ${col((b) => h(b, b.hmax))}::float8[], ${col((b) => h(b, b.hsum))}::float8[],
          ${col((b) => b.hlast)}::float8[], ${col((b) => new Date(b.lastAt).toISOString())}::timestamptz[])
        on conflict (device_id, minute) do update set
          n = t.n + excluded.n,
          min_c = least(t.min_c, excluded.min_c),
          max_c = greatest(t.max_c, excluded.max_c),
          sum_c = t.sum_c + excluded.sum_c,
          last_c = case when excluded.last_at >= t.last_at then excluded.last_c else t.last_c end,
          humidity_n = t.humidity_n + excluded.humidity_n,
          min_humidity = least(t.min_humidity, excluded.min_humidity),
          max_humidity = greatest(t.max_humidity, excluded.max_humidity),
          sum_humidity = case when t.sum_humidity is null then excluded.sum_humidity when excluded.sum_humidity is null then t.sum_humidity else t.sum_humidity + excluded.sum_humidity end,
          last_humidity = case when excluded.last_at >= t.last_at and excluded.last_humidity is not null then excluded.last_humidity else coalesce(t.last_humidity, excluded.last_humidity) end,
          last_at = greatest(t.last_at, excluded.last_at)`);
      this.counts.flushedRows += part.length;
    }
  }

  /** Resolves when no alert write is under way (tests wait on it after a reading). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
