import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { rows } from '../../core/db.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { devicesOfKind, type DeviceView } from '../../devices/index.ts';
import type { ProfileInput } from './contracts.ts';
import { P } from './permissions.ts';
import { PLACES } from './places.ts';
import { sensorWatchOf } from './reactions.ts';
import { sensorMinute, sensorProfile, type SensorPlace } from './schema.ts';
import { PROFILE_CHANGED, temperatureOut, type Profile } from './watch.ts';

/** A sensor silent this long shows as offline (simulators and real probes send every few seconds to a minute). */
export const STALE_MS = 10 * 60_000;

export type SensorStatus = 'ok' | 'holding' | 'alert' | 'no_profile' | 'no_reading' | 'stale';

export interface SensorView {
  deviceId: number;
  code: string;
  name: string;
  canteenId: number;
  canteenName: string | null;
  profile: boolean;
  place: SensorPlace;
  minC: number | null;
  maxC: number | null;
  maxHumidityPct: number | null;
  holdMinutes: number;
  temperatureC: number | null;
  humidityPct: number | null;
  at: string | null;
  /** Where the value comes from: the live reading in memory, or the last minute stored (after a restart). */
  source: 'live' | 'history' | null;
  status: SensorStatus;
}

const sensorNotFound = () => new AppError(404, 'sensor_not_found', '传感器不存在或无权查看', 'Sensor not found or not visible to you');

/**
 * The sensors of these canteens with thresholds and current values, from memory (the newest reading
 * since the server started) or else the newest stored minute. No permission check: callers do it.
 */
export async function sensorsOf(ctx: Ctx, canteenIds: number[], only?: number): Promise<SensorView[]> {
  let devices: DeviceView[] = [];
  for (const c of canteenIds) devices.push(...await devicesOfKind(ctx, c, 'sensor'));
  if (only !== undefined) devices = devices.filter((d) => d.id === only);
  if (!devices.length) return [];
  const ids = devices.map((d) => d.id);
  const watch = sensorWatchOf(ctx.platform);
  const profiles = new Map((await ctx.db.select().from(sensorProfile).where(inArray(sensorProfile.deviceId, ids))).map((p) => [p.deviceId, p]));
  const missing = ids.filter((id) => !watch?.current(id));
  const stored = new Map<number, { t: number; h: number | null; at: Date }>();
  if (missing.length) {
    const last = await rows<{ device_id: number; last_c: number; last_humidity: number | null; last_at: string | Date }>(ctx.db, sql`
      select distinct on (device_id) device_id, last_c, last_humidity, last_at from monitoring_sensor_minute
      where device_id in (${sql.join(missing.map((id) => sql`${id}`), sql`, `)}) order by device_id, minute desc`);
    for (const r of last) stored.set(r.device_id, { t: r.last_c, h: r.last_humidity, at: new Date(r.last_at) });
  }
  const now = ctx.now().getTime();
  return devices.map((d) => {
    const p = profiles.get(d.id);
    const place = (p?.place ?? 'other') as SensorPlace;
    const live = watch?.current(d.id);
    const old = stored.get(d.id);
    const temperatureC = live ? live.temperatureC : old?.t ?? null;
    const atMs = live ? live.receivedAt : old ? old.at.getTime() : null;
    let status: SensorStatus;
    if (temperatureC === null || atMs === null) status = 'no_reading';
    else if (now - atMs > STALE_MS) status = 'stale';
    else if (!p) status = 'no_profile';
    else if (live && (live.temperature.want === true || live.humidity.want === true)) status = 'alert';
    else if (live && (live.temperature.outSince !== null || live.humidity.outSince !== null)) status = 'holding';
    else if (!live && temperatureOut(p, temperatureC)) status = 'alert';
    else status = 'ok';
    return {
      deviceId: d.id, code: d.code, name: d.name, canteenId: d.orgId, canteenName: d.canteenName, profile: !!p, place,
      minC: p ? p.minC : PLACES[place].minC, maxC: p ? p.maxC : PLACES[place].maxC, maxHumidityPct: p?.maxHumidityPct ?? null, holdMinutes: (p?.holdSeconds ?? 0) / 60,
      temperatureC, humidityPct: live ? live.humidityPct : old?.h ?? null,
      at: live ? live.at : old ? old.at.toISOString() : null, source: live ? 'live' : old ? 'history' : null, status,
    };
  });
}

/** The canteens the caller names (checked) or every one they may see with `permission`. */
export function canteensFor(ctx: Ctx, permission: string, canteenId?: number): number[] {
  if (canteenId === undefined) return ctx.access.canteens(permission);
  ctx.access.requireCanteen(permission, canteenId);
  return [canteenId];
}

export async function listSensors(ctx: Ctx, q: { canteenId?: number }): Promise<SensorView[]> {
  return sensorsOf(ctx, canteensFor(ctx, P['monitoring.sensor.read'], q.canteenId));
}

async function sensorAt(ctx: Ctx, canteenId: number, deviceId: number, permission: string): Promise<DeviceView> {
  ctx.access.requireCanteen(permission, canteenId);
  const d = (await devicesOfKind(ctx, canteenId, 'sensor')).find((x) => x.id === deviceId);
  if (!d) throw sensorNotFound();
  return d;
}

const profileFacts = (p: Profile | undefined) => p && { place: p.place, minC: p.minC, maxC: p.maxC, maxHumidityPct: p.maxHumidityPct, holdSeconds: p.holdSeconds };

/**
 * Sets how a sensor is watched. Limits left out take the place's defaults; null means no limit.
 * The watch reloads its thresholds after the commit and re-evaluates the newest readings at once.
 */
export async function setProfile(ctx: Ctx, deviceId: number, input: ProfileInput): Promise<SensorView> {
  const d = await sensorAt(ctx, input.canteenId, deviceId, P['monitoring.sensor.manage']);
  const def = PLACES[input.place];
  const minC = input.minC === undefined ? def.minC : input.minC;
  const maxC = input.maxC === undefined ? def.maxC : input.maxC;
  if (minC !== null && maxC !== null && minC >= maxC) {
    throw invalid('bad_range', `下限 ${minC} °C 须低于上限 ${maxC} °C`, `The lower limit ${minC} °C must be below the upper limit ${maxC} °C`);
  }
  const [before] = await ctx.db.select().from(sensorProfile).where(eq(sensorProfile.deviceId, deviceId)).for('update');
  const values = { orgId: d.orgId, place: input.place, minC, maxC, maxHumidityPct: input.maxHumidityPct ?? null, holdSeconds: input.holdMinutes * 60, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null };
  const [after] = await ctx.db.insert(sensorProfile).values({ deviceId, ...values })
    .onConflictDoUpdate({ target: sensorProfile.deviceId, set: values }).returning();
  await audit(ctx, { orgId: d.orgId, action: before ? 'monitoring.profile.updated' : 'monitoring.profile.created', entity: 'sensor_profile', entityId: deviceId, before: profileFacts(before) ?? null, after: profileFacts(after!) });
  ctx.emit(PROFILE_CHANGED, { deviceId });
  return (await sensorsOf(ctx, [d.orgId], deviceId))[0]!;
}

export interface HistoryPoint {
  t: string;
  minC: number;
  maxC: number;
  avgC: number;
  lastC: number;
  humidityPct: number | null;
}

/**
 * The chart of one sensor: per minute over the last 24 hours, or per 10 minutes over 7 days (min,
 * max and average of the minute rows; readings of the last few seconds are still in the buffer).
 */
export async function sensorHistory(ctx: Ctx, deviceId: number, q: { canteenId: number; range: '24h' | '7d' }) {
  const d = await sensorAt(ctx, q.canteenId, deviceId, P['monitoring.sensor.read']);
  const [p] = await ctx.db.select().from(sensorProfile).where(eq(sensorProfile.deviceId, deviceId));
  const step = q.range === '24h' ? 60 : 600;
  const since = new Date(ctx.now().getTime() - (q.range === '24h' ? 24 : 24 * 7) * 3600_000);
  const bucket = sql`to_timestamp(floor(extract(epoch from ${sensorMinute.minute}) / ${sql.raw(String(step))}) * ${sql.raw(String(step))})`;
  const list = await ctx.db.select({
    t: sql<string>`${bucket}`,
    minC: sql<number>`min(${sensorMinute.minC})`,
    maxC: sql<number>`max(${sensorMinute.maxC})`,
    avgC: sql<number>`sum(${sensorMinute.sumC}) / sum(${sensorMinute.n})`,
    lastC: sql<number>`(array_agg(${sensorMinute.lastC} order by ${sensorMinute.minute} desc))[1]`,
    humidityPct: sql<number | null>`sum(${sensorMinute.sumHumidity}) / nullif(sum(${sensorMinute.humidityN}), 0)`,
  }).from(sensorMinute)
    .where(and(eq(sensorMinute.deviceId, deviceId), eq(sensorMinute.orgId, d.orgId), gte(sensorMinute.minute, since)))
    .groupBy(bucket).orderBy(bucket);
  const round = (x: number | null) => (x === null ? null : Math.round(Number(x) * 10) / 10);
  const place = (p?.place ?? 'other') as SensorPlace;
  return {
    deviceId, name: d.name, code: d.code, place, range: q.range, stepSeconds: step,
    minC: p ? p.minC : PLACES[place].minC, maxC: p ? p.maxC : PLACES[place].maxC, maxHumidityPct: p?.maxHumidityPct ?? null,
    points: list.map((r): HistoryPoint => ({ t: new Date(r.t).toISOString(), minC: round(r.minC)!, maxC: round(r.maxC)!, avgC: round(r.avgC)!, lastC: round(r.lastC)!, humidityPct: round(r.humidityPct) })),
  };
}

/** The places with their default thresholds, for the profile form. */
export const placeList = () => Object.entries(PLACES).map(([key, p]) => ({ key, ...p }));
