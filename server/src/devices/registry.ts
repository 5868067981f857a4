import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit } from '../core/audit.ts';
import type { Ctx } from '../core/context.ts';
import { conflict, notFound } from '../core/errors.ts';
import type { CreateDeviceInput } from './contracts.ts';
import { DEVICE_CHANGED, type DeviceChanged, type Reading } from './events.ts';
import { readingHub } from './hub.ts';
import { P } from './permissions.ts';
import { device, type Device, type DeviceKind } from './schema.ts';
import { hashToken, newToken } from './token.ts';

const WHAT = { zh: '设备', en: 'Device' };

/** Everything about a device except its token hash, which never leaves the server. */
export type DeviceView = Omit<Device, 'tokenHash'> & { canteenName: string | null };

const view = (ctx: Ctx, d: Device): DeviceView => ({
  id: d.id, orgId: d.orgId, kind: d.kind, code: d.code, name: d.name, active: d.active, lastSeenAt: d.lastSeenAt, createdAt: d.createdAt,
  canteenName: ctx.tree.get(d.orgId)?.name ?? null,
});

/** A device the caller may read, else 404 (other canteens' ids are never confirmed); then `permission` on it. */
async function load(ctx: Ctx, id: number, permission: string, lock = false): Promise<Device> {
  const q = ctx.db.select().from(device).where(eq(device.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !ctx.access.can(P['devices.device.read'], row.orgId)) throw notFound(WHAT);
  ctx.access.require(permission, row.orgId);
  return row;
}

const changed = (ctx: Ctx, d: Device) => ctx.emit(DEVICE_CHANGED, { deviceId: d.id, code: d.code } satisfies DeviceChanged);

export async function listDevices(ctx: Ctx, q: { canteenId?: number }): Promise<DeviceView[]> {
  const scope = ctx.access.scope(P['devices.device.read']);
  const conds = [inArray(device.orgId, scope.length ? scope : [-1])];
  if (q.canteenId) conds.push(eq(device.orgId, q.canteenId));
  const rows = await ctx.db.select().from(device).where(and(...conds)).orderBy(asc(device.orgId), asc(device.code));
  return rows.map((d) => view(ctx, d));
}

/** Registers a device; the token is returned this once (only its hash is kept). Demo data passes a fixed token. */
export async function createDevice(ctx: Ctx, input: CreateDeviceInput, token = newToken()): Promise<{ device: DeviceView; token: string }> {
  ctx.access.requireCanteen(P['devices.device.manage'], input.canteenId);
  const [taken] = await ctx.db.select({ id: device.id }).from(device).where(eq(device.code, input.code));
  if (taken) throw conflict('device_code_taken', `设备编码 ${input.code} 已被使用`, `Device code ${input.code} is already in use`);
  const [row] = await ctx.db.insert(device).values({
    orgId: input.canteenId, kind: input.kind, code: input.code, name: input.name, tokenHash: hashToken(token), createdAt: ctx.now(),
  }).returning();
  await audit(ctx, { orgId: row!.orgId, action: 'device.created', entity: 'device', entityId: row!.id, after: { kind: row!.kind, code: row!.code, name: row!.name } });
  changed(ctx, row!);
  return { device: view(ctx, row!), token };
}

/** A new token; the old one stops working at once, and a device connected with it is disconnected. */
export async function rotateToken(ctx: Ctx, id: number): Promise<{ device: DeviceView; token: string }> {
  const row = await load(ctx, id, P['devices.device.manage'], true);
  const token = newToken();
  await ctx.db.update(device).set({ tokenHash: hashToken(token) }).where(eq(device.id, id));
  await audit(ctx, { orgId: row.orgId, action: 'device.token_rotated', entity: 'device', entityId: id, after: { code: row.code } });
  changed(ctx, row);
  return { device: view(ctx, row), token };
}

/** Inactive devices cannot sign in and their readings are ignored; the record and its history stay. */
export async function setDeviceActive(ctx: Ctx, id: number, active: boolean): Promise<DeviceView> {
  const row = await load(ctx, id, P['devices.device.manage'], true);
  if (row.active === active) return view(ctx, row);
  await ctx.db.update(device).set({ active }).where(eq(device.id, id));
  await audit(ctx, { orgId: row.orgId, action: active ? 'device.activated' : 'device.deactivated', entity: 'device', entityId: id, before: { active: row.active }, after: { active } });
  changed(ctx, row);
  return view(ctx, { ...row, active });
}

/** The device (checked against the caller's canteens) and its newest reading since the server started. */
export async function latestReading(ctx: Ctx, id: number): Promise<{ device: DeviceView; reading: Reading | null }> {
  const row = await load(ctx, id, P['devices.device.read']);
  return { device: view(ctx, row), reading: readingHub(ctx.platform).latest(id) };
}

/**
 * The weight a scale shows now, for server code that records it (goods receipt): its newest reading
 * if that is stable and arrived within `maxAgeMs`, else null. Throws 404 for devices the caller may not read.
 */
export async function stableWeight(ctx: Ctx, id: number, maxAgeMs = 3000): Promise<{ grams: number; at: string } | null> {
  const { reading } = await latestReading(ctx, id);
  if (!reading?.stable || ctx.now().getTime() - Date.parse(reading.receivedAt) > maxAgeMs) return null;
  return { grams: reading.grams, at: reading.at };
}

/**
 * Active devices of one kind at a canteen, for server code that has already checked the caller's
 * right to act there (the order module placing takeout in a locker). No permission check here.
 */
export async function devicesOfKind(ctx: Ctx, canteenId: number, kind: DeviceKind): Promise<DeviceView[]> {
  const rows = await ctx.db.select().from(device).where(and(eq(device.orgId, canteenId), eq(device.kind, kind), eq(device.active, true))).orderBy(asc(device.code));
  return rows.map((d) => view(ctx, d));
}

/** The active device signing in with this code and token (HTTP requests from devices outside the readings ingress), or null. */
export async function authenticateDevice(ctx: Ctx, code: string | undefined, token: string | undefined): Promise<DeviceView | null> {
  const row = await readingHub(ctx.platform).authenticate(code ?? '', token ?? '');
  return row && view(ctx, row);
}
