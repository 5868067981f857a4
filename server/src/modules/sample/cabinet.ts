import { and, asc, desc, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import { inTransaction, type Ctx, type Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { raiseAlert, resolveAlertsWhere } from '../alert/index.ts';
import { devicesOfKind, type Reading, type SampleCabinetReading } from '../../devices/index.ts';
import { SAMPLE_ALERTS } from './alerts.ts';
import { P } from './permissions.ts';
import { alertEarly, judgeWeight, sampleInSlot, sampleViews, type SampleRow } from './samples.ts';
import { cabinetEvent, sample } from './schema.ts';
import { CABINET_MAX_C, CABINET_MIN_C } from './settings.ts';

/** A box put back into the slot it was taken from within this time is the same box returned. */
const RETURN_WITHIN_MS = 2 * 3600_000;
/** A typed sample registered for a slot takes the cabinet's weighing of that slot within this time. */
const WEIGH_WITHIN_MS = 2 * 3600_000;
/** Temperatures arrive every minute; one in this many minutes is stored (and every crossing of the range). */
const STORE_TEMPERATURE_EVERY_MS = 10 * 60_000;

interface CabinetState {
  temperature: { c: number; at: string; inRange: boolean } | null;
  storedAt: number;
  door: { open: boolean; at: string } | null;
}

const states = new WeakMap<Platform, Map<number, CabinetState>>();
function stateOf(platform: Platform, deviceId: number): CabinetState {
  let m = states.get(platform);
  if (!m) states.set(platform, (m = new Map()));
  let s = m.get(deviceId);
  if (!s) m.set(deviceId, (s = { temperature: null, storedAt: 0, door: null }));
  return s;
}

const inRange = (c: number) => c >= CABINET_MIN_C && c <= CABINET_MAX_C;

async function logEvent(ctx: Ctx, r: Reading, at: Date, values: { event: SampleCabinetReading['event']; slot?: number; grams?: number; temperatureC?: number; sampleId?: number | null; withdrawn?: boolean }) {
  const [row] = await ctx.db.insert(cabinetEvent).values({ orgId: r.orgId, deviceId: r.deviceId, at, ...values }).returning({ id: cabinetEvent.id });
  return row!.id;
}

/**
 * A box placed in a slot: a box taken out early and put back is returned; a sample the keeper
 * registered for this slot with a typed weight takes the cabinet's weight (the scale is trusted);
 * otherwise it is a weighing waiting for the keeper to name its dish on the phone.
 */
async function placed(ctx: Ctx, r: Reading, at: Date, slot: number, grams: number): Promise<void> {
  const since = (ms: number) => new Date(at.getTime() - ms);
  const [back] = await ctx.db.select().from(sample).where(and(eq(sample.deviceId, r.deviceId), eq(sample.slot, slot), isNotNull(sample.removedAt), isNull(sample.discardedAt), gte(sample.removedAt, since(RETURN_WITHIN_MS))))
    .orderBy(desc(sample.removedAt)).limit(1).for('update');
  if (back) {
    await ctx.db.update(sample).set({ removedAt: null }).where(eq(sample.id, back.id));
    await logEvent(ctx, r, at, { event: 'placed', slot, grams, sampleId: back.id });
    // The early-removal alert stays: someone must say why the box was out.
    await audit(ctx, { orgId: back.orgId, action: 'sample.returned', entity: 'sample', entityId: back.id, before: { removedAt: back.removedAt }, after: { removedAt: null, grams } });
    return;
  }
  const [waiting] = await ctx.db.select().from(sample).where(and(eq(sample.deviceId, r.deviceId), eq(sample.slot, slot), isNull(sample.removedAt), isNull(sample.discardedAt), eq(sample.weighedBy, 'typed'), gte(sample.keptAt, since(WEIGH_WITHIN_MS))))
    .orderBy(desc(sample.keptAt)).limit(1).for('update');
  if (waiting && grams > 0) {
    const [after] = await ctx.db.update(sample).set({ grams, weighedBy: 'cabinet' }).where(eq(sample.id, waiting.id)).returning();
    await logEvent(ctx, r, at, { event: 'placed', slot, grams, sampleId: waiting.id });
    await audit(ctx, { orgId: waiting.orgId, action: 'sample.weighed', entity: 'sample', entityId: waiting.id, before: { grams: waiting.grams, weighedBy: 'typed' }, after: { grams, weighedBy: 'cabinet' } });
    await judgeWeight(ctx, after!);
    return;
  }
  // An earlier weighing of this slot that was never named is superseded by this one.
  await ctx.db.update(cabinetEvent).set({ withdrawn: true })
    .where(and(eq(cabinetEvent.deviceId, r.deviceId), eq(cabinetEvent.slot, slot), eq(cabinetEvent.event, 'placed'), isNull(cabinetEvent.sampleId), eq(cabinetEvent.withdrawn, false)));
  await logEvent(ctx, r, at, { event: 'placed', slot, grams });
}

/** A box taken out: before its keeping time is up that is an early removal (critical); after, it is discarded. */
async function removed(ctx: Ctx, r: Reading, at: Date, slot: number): Promise<void> {
  const pending = await ctx.db.update(cabinetEvent).set({ withdrawn: true })
    .where(and(eq(cabinetEvent.deviceId, r.deviceId), eq(cabinetEvent.slot, slot), eq(cabinetEvent.event, 'placed'), isNull(cabinetEvent.sampleId), eq(cabinetEvent.withdrawn, false)))
    .returning({ id: cabinetEvent.id });
  const row: SampleRow | null = pending.length ? null : await sampleInSlot(ctx, r.deviceId, slot);
  await logEvent(ctx, r, at, { event: 'removed', slot, sampleId: row?.id ?? null });
  if (!row) return;
  if (at.getTime() < row.discardAfter.getTime()) {
    await ctx.db.update(sample).set({ removedAt: at }).where(eq(sample.id, row.id));
    await audit(ctx, { orgId: row.orgId, action: 'sample.removed_early', entity: 'sample', entityId: row.id, before: { removedAt: null }, after: { removedAt: at.toISOString(), slot } });
    await alertEarly(ctx, row, 'removed', at);
  } else {
    const reason = '留样期满，从留样柜取出 / kept its time, taken out of the cabinet';
    await ctx.db.update(sample).set({ removedAt: at, discardedAt: at, discardReason: reason }).where(eq(sample.id, row.id));
    await audit(ctx, { orgId: row.orgId, action: 'sample.discarded', entity: 'sample', entityId: row.id, before: { discardedAt: null }, after: { discardedAt: at.toISOString(), reason, early: false, by: 'cabinet' } });
  }
}

async function temperature(ctx: Ctx, r: Reading, at: Date, c: number): Promise<void> {
  const s = stateOf(ctx.platform, r.deviceId);
  const ok = inRange(c);
  const crossed = s.temperature?.inRange !== ok;
  s.temperature = { c, at: at.toISOString(), inRange: ok };
  if (crossed || at.getTime() - s.storedAt >= STORE_TEMPERATURE_EVERY_MS) {
    s.storedAt = at.getTime();
    await logEvent(ctx, r, at, { event: 'temperature', temperatureC: c });
  }
  const key = `device:${r.deviceId}`;
  if (ok) {
    if (crossed) await resolveAlertsWhere(ctx, { orgId: r.orgId, kind: SAMPLE_ALERTS['sample.cabinet_temperature'].key, keys: [key] });
    return;
  }
  await raiseAlert(ctx, {
    orgId: r.orgId, kind: SAMPLE_ALERTS['sample.cabinet_temperature'].key, key,
    titleZh: `留样柜 ${r.code} 温度 ${c} °C，应在 ${CABINET_MIN_C}–${CABINET_MAX_C} °C`,
    titleEn: `Sample cabinet ${r.code} is at ${c} °C; it must stay within ${CABINET_MIN_C}–${CABINET_MAX_C} °C`,
    detail: { deviceId: r.deviceId, code: r.code, temperatureC: c, at: at.toISOString() },
    link: { entity: 'device', id: r.deviceId, path: '/samples?tab=cabinet' },
  });
}

/** One reading of a sample cabinet, in its own transaction as the system. */
export async function onCabinetReading(platform: Platform, r: Reading): Promise<void> {
  const data = r.data as SampleCabinetReading;
  // The server's clock, not the device's: tests move it, and cabinet clocks drift.
  const at = new Date(r.receivedAt);
  const ctx = await makeCtx(platform, null, [], 'zh');
  await inTransaction(ctx, async (tx) => {
    switch (data.event) {
      case 'placed': return placed(tx, r, at, data.slot, data.grams);
      case 'removed': return removed(tx, r, at, data.slot);
      case 'temperature': return temperature(tx, r, at, data.temperatureC);
      default: {
        stateOf(platform, r.deviceId).door = { open: data.event === 'door_opened', at: at.toISOString() };
        await logEvent(tx, r, at, { event: data.event });
      }
    }
  });
}

/**
 * The canteen's sample cabinets as the page shows them: temperature and door now, the boxes in
 * their slots, weighings waiting to be named, today's door and box events and the last day's temperatures.
 */
export async function cabinetsView(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['sample.sample.read'], canteenId);
  const devices = await devicesOfKind(ctx, canteenId, 'sample_cabinet');
  if (!devices.length) return { canteenId, cabinets: [] };
  const ids = devices.map((d) => d.id);
  const dayAgo = new Date(ctx.now().getTime() - 24 * 3600_000);
  const events = await ctx.db.select().from(cabinetEvent).where(and(inArray(cabinetEvent.deviceId, ids), gte(cabinetEvent.at, dayAgo))).orderBy(desc(cabinetEvent.at), desc(cabinetEvent.id)).limit(3000);
  const kept = await ctx.db.select().from(sample).where(and(inArray(sample.deviceId, ids), isNull(sample.removedAt), isNull(sample.discardedAt))).orderBy(asc(sample.slot));
  const keptViews = await sampleViews(ctx, kept);
  const pending = await ctx.db.select().from(cabinetEvent)
    .where(and(inArray(cabinetEvent.deviceId, ids), eq(cabinetEvent.event, 'placed'), isNull(cabinetEvent.sampleId), eq(cabinetEvent.withdrawn, false)))
    .orderBy(desc(cabinetEvent.at));
  const named = [...new Set(events.flatMap((e) => (e.sampleId ? [e.sampleId] : [])))];
  const labels = new Map((named.length ? await ctx.db.select({ id: sample.id, labelCode: sample.labelCode, dishName: sample.dishName }).from(sample).where(inArray(sample.id, named)) : []).map((s) => [s.id, s]));
  const lastTemps = await ctx.db.selectDistinctOn([cabinetEvent.deviceId], { deviceId: cabinetEvent.deviceId, c: cabinetEvent.temperatureC, at: cabinetEvent.at })
    .from(cabinetEvent).where(and(inArray(cabinetEvent.deviceId, ids), eq(cabinetEvent.event, 'temperature'))).orderBy(cabinetEvent.deviceId, desc(cabinetEvent.at));
  const lastDoors = await ctx.db.selectDistinctOn([cabinetEvent.deviceId], { deviceId: cabinetEvent.deviceId, event: cabinetEvent.event, at: cabinetEvent.at })
    .from(cabinetEvent).where(and(inArray(cabinetEvent.deviceId, ids), inArray(cabinetEvent.event, ['door_opened', 'door_closed']))).orderBy(cabinetEvent.deviceId, desc(cabinetEvent.at));
  return {
    canteenId,
    cabinets: devices.map((d) => {
      const mem = states.get(ctx.platform)?.get(d.id);
      const stored = lastTemps.find((t) => t.deviceId === d.id);
      const door = lastDoors.find((t) => t.deviceId === d.id);
      const temp = mem?.temperature ?? (stored?.c != null ? { c: stored.c, at: stored.at.toISOString(), inRange: inRange(stored.c) } : null);
      const mine = events.filter((e) => e.deviceId === d.id);
      return {
        id: d.id, code: d.code, name: d.name, active: d.active, lastSeenAt: d.lastSeenAt,
        temperature: temp,
        door: mem?.door ?? (door ? { open: door.event === 'door_opened', at: door.at.toISOString() } : null),
        range: { minC: CABINET_MIN_C, maxC: CABINET_MAX_C },
        slots: keptViews.filter((s) => s.deviceId === d.id),
        pending: pending.filter((p) => p.deviceId === d.id).map((p) => ({ eventId: p.id, slot: p.slot!, grams: p.grams ?? 0, at: p.at })),
        events: mine.filter((e) => e.event !== 'temperature').slice(0, 100).map((e) => ({
          id: e.id, event: e.event, slot: e.slot, grams: e.grams, at: e.at, sampleId: e.sampleId, withdrawn: e.withdrawn,
          labelCode: e.sampleId ? labels.get(e.sampleId)?.labelCode ?? null : null, dishName: e.sampleId ? labels.get(e.sampleId)?.dishName ?? null : null,
        })),
        temperatures: mine.filter((e) => e.event === 'temperature' && e.temperatureC !== null).map((e) => ({ at: e.at, c: e.temperatureC! })).reverse(),
      };
    }),
  };
}

