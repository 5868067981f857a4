import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { hashToken, newToken } from '../../devices/index.ts';
import type { CameraInput, CameraUpdate } from './contracts.ts';
import { P } from './permissions.ts';
import { camera } from './schema.ts';
import { canteensFor } from './sensors.ts';

const WHAT = { zh: '摄像头', en: 'Camera' };

type CameraRow = typeof camera.$inferSelect;
export type CameraView = Omit<CameraRow, 'tokenHash'> & { canteenName: string | null };

const view = (ctx: Ctx, c: CameraRow): CameraView => {
  const { tokenHash: _, ...rest } = c;
  return { ...rest, canteenName: ctx.tree.get(c.orgId)?.name ?? null };
};

export async function listCameras(ctx: Ctx, q: { canteenId?: number }): Promise<CameraView[]> {
  const ids = canteensFor(ctx, P['monitoring.camera.read'], q.canteenId);
  const list = await ctx.db.select().from(camera).where(inArray(camera.orgId, ids.length ? ids : [-1])).orderBy(asc(camera.orgId), asc(camera.code));
  return list.map((c) => view(ctx, c));
}

/** Registers a camera; its token (for the camera system's webhook) is returned this once. Demo data passes a fixed one. */
export async function createCamera(ctx: Ctx, input: CameraInput, token = newToken()): Promise<{ camera: CameraView; token: string }> {
  ctx.access.requireCanteen(P['monitoring.camera.manage'], input.canteenId);
  const [taken] = await ctx.db.select({ id: camera.id }).from(camera).where(eq(camera.code, input.code));
  if (taken) throw conflict('camera_code_taken', `摄像头编码 ${input.code} 已被使用`, `Camera code ${input.code} is already in use`);
  const [row] = await ctx.db.insert(camera).values({
    orgId: input.canteenId, code: input.code, name: input.name, location: input.location, liveUrl: input.liveUrl, public: input.public,
    tokenHash: hashToken(token), createdAt: ctx.now(),
  }).returning();
  await audit(ctx, { orgId: row!.orgId, action: 'monitoring.camera.created', entity: 'camera', entityId: row!.id, after: { code: row!.code, name: row!.name, location: row!.location, liveUrl: row!.liveUrl, public: row!.public } });
  return { camera: view(ctx, row!), token };
}

async function load(ctx: Ctx, id: number): Promise<CameraRow> {
  const [row] = await ctx.db.select().from(camera).where(eq(camera.id, id)).for('update');
  if (!row || !ctx.access.can(P['monitoring.camera.read'], row.orgId)) throw notFound(WHAT);
  ctx.access.require(P['monitoring.camera.manage'], row.orgId);
  return row;
}

export async function updateCamera(ctx: Ctx, id: number, input: CameraUpdate): Promise<CameraView> {
  const row = await load(ctx, id);
  const [after] = await ctx.db.update(camera).set(input).where(eq(camera.id, id)).returning();
  const facts = (c: CameraRow) => ({ name: c.name, location: c.location, liveUrl: c.liveUrl, public: c.public, active: c.active });
  await audit(ctx, { orgId: row.orgId, action: 'monitoring.camera.updated', entity: 'camera', entityId: id, before: facts(row), after: facts(after!) });
  return view(ctx, after!);
}

/** A new token; the camera system's old one is refused from now on. */
export async function rotateCameraToken(ctx: Ctx, id: number): Promise<{ camera: CameraView; token: string }> {
  const row = await load(ctx, id);
  const token = newToken();
  await ctx.db.update(camera).set({ tokenHash: hashToken(token) }).where(eq(camera.id, id));
  await audit(ctx, { orgId: row.orgId, action: 'monitoring.camera.token_rotated', entity: 'camera', entityId: id, after: { code: row.code } });
  return { camera: view(ctx, row), token };
}

/** Active cameras with a live view at one canteen, for the lead's pages (no permission check). */
export async function liveViewsOf(ctx: Ctx, canteenId: number): Promise<{ name: string; url: string; public: boolean }[]> {
  const list = await ctx.db.select().from(camera).where(and(eq(camera.orgId, canteenId), eq(camera.active, true))).orderBy(asc(camera.code));
  return list.filter((c) => c.liveUrl).map((c) => ({ name: c.location ? `${c.name}（${c.location}）` : c.name, url: c.liveUrl!, public: c.public }));
}
