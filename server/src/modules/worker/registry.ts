import { and, asc, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { badgeKey, KINDS, syncCertificateAlerts } from './alerts.ts';
import type { CertificateInput, WorkerCreate, WorkerQuery, WorkerUpdate } from './contracts.ts';
import { JOB_LABELS } from './contracts.ts';
import { P } from './permissions.ts';
import { certificateStatus, oneYearAfter } from './rules.ts';
import { certificate, photo, worker } from './schema.ts';
import { settingsOf } from './settings.ts';
import { resolveAlertsWhere } from '../alert/index.ts';

const WHAT = { zh: '从业人员', en: 'Worker' };
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export type WorkerRow = typeof worker.$inferSelect;

/** A worker as the pages see it: labels, the certificate's status today, whether a photo exists. */
export async function workerViews(ctx: Ctx, rows: WorkerRow[]) {
  const today = chinaDate(ctx.now());
  const ids = rows.map((r) => r.id);
  const photos = ids.length ? await ctx.db.select({ workerId: photo.workerId, at: photo.uploadedAt }).from(photo).where(inArray(photo.workerId, ids)) : [];
  const warn = new Map<number, number>();
  for (const orgId of new Set(rows.map((r) => r.orgId))) warn.set(orgId, (await settingsOf(ctx, orgId)).certificateWarnDays);
  return rows.map((r) => {
    const p = photos.find((x) => x.workerId === r.id);
    return {
      id: r.id, orgId: r.orgId, canteenName: ctx.tree.get(r.orgId)?.name ?? null,
      name: r.name, employer: r.employer, job: r.job, jobZh: JOB_LABELS[r.job].zh, jobEn: JOB_LABELS[r.job].en,
      badge: r.badge, phone: r.phone, active: r.active,
      photoAt: p ? p.at.toISOString() : null,
      certificate: { no: r.certificateNo, issuedOn: r.certificateIssuedOn, validUntil: r.certificateValidUntil, ...certificateStatus(r.certificateValidUntil, today, warn.get(r.orgId)!) },
      createdAt: r.createdAt, updatedAt: r.updatedAt,
    };
  });
}
export type WorkerView = Awaited<ReturnType<typeof workerViews>>[number];

/** The worker if the caller may read it (else 404, never confirming another canteen's ids), then `permission` on it. */
export async function loadWorker(ctx: Ctx, id: number, permission: string = P['worker.worker.read'], lock = false): Promise<WorkerRow> {
  const q = ctx.db.select().from(worker).where(eq(worker.id, id));
  const [row] = lock ? await q.for('update') : await q;
  const readable = row && (ctx.access.can(P['worker.worker.read'], row.orgId) || ctx.access.can(P['worker.check.write'], row.orgId));
  if (!row || !readable) throw notFound(WHAT);
  ctx.access.require(permission, row.orgId);
  return row;
}

export async function listWorkers(ctx: Ctx, q: z.infer<typeof WorkerQuery>) {
  if (q.canteenId !== undefined) ctx.access.requireCanteen(P['worker.worker.read'], q.canteenId);
  const scope = q.canteenId !== undefined ? [q.canteenId] : ctx.access.scope(P['worker.worker.read']);
  const conds: SQL[] = [inArray(worker.orgId, scope.length ? scope : [-1])];
  if (q.active !== 'all') conds.push(eq(worker.active, q.active === 'true'));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(worker.name, like), ilike(worker.badge, like), ilike(worker.employer, like), ilike(worker.certificateNo, like))!);
  }
  const rows = await ctx.db.select().from(worker).where(and(...conds)).orderBy(asc(worker.orgId), asc(worker.name), asc(worker.id)).limit(1000);
  return workerViews(ctx, rows);
}

/** One worker with every certificate recorded for them, newest first. */
export async function getWorker(ctx: Ctx, id: number) {
  const row = await loadWorker(ctx, id);
  const certs = await ctx.db.select().from(certificate).where(eq(certificate.workerId, id)).orderBy(desc(certificate.validUntil), desc(certificate.id));
  const names = await personNames(ctx.db, certs.map((c) => c.recordedBy));
  return {
    ...(await workerViews(ctx, [row]))[0]!,
    certificates: certs.map((c) => ({ id: c.id, no: c.no, issuedOn: c.issuedOn, validUntil: c.validUntil, recordedAt: c.recordedAt, recordedByName: c.recordedBy === null ? null : names.get(c.recordedBy) ?? null })),
  };
}

async function requireFreeBadge(ctx: Ctx, orgId: number, badge: string, exceptId?: number) {
  const [taken] = await ctx.db.select({ id: worker.id, name: worker.name }).from(worker).where(and(eq(worker.orgId, orgId), eq(worker.badge, badge)));
  if (taken && taken.id !== exceptId) {
    throw conflict('badge_taken', `工牌号 ${badge} 已登记给 ${taken.name}`, `Badge ${badge} is already registered to ${taken.name}`, { workerId: taken.id });
  }
}

const certFields = (c: z.infer<typeof CertificateInput>) => ({ no: c.no, issuedOn: c.issuedOn, validUntil: c.validUntil ?? oneYearAfter(c.issuedOn) });

/** Certificate alerts of this worker as of today, and a kiosk's "unknown badge" alert cleared once the badge is registered. */
async function afterChange(ctx: Ctx, row: WorkerRow) {
  await syncCertificateAlerts(ctx, row, chinaDate(ctx.now()), (await settingsOf(ctx, row.orgId)).certificateWarnDays);
  await resolveAlertsWhere(ctx, { orgId: row.orgId, kind: KINDS['worker.unknown_badge'].key, keys: [badgeKey(row.badge)] });
}

export async function createWorker(ctx: Ctx, input: z.infer<typeof WorkerCreate>) {
  ctx.access.requireCanteen(P['worker.worker.write'], input.canteenId);
  await requireFreeBadge(ctx, input.canteenId, input.badge);
  const cert = certFields(input.certificate);
  const now = ctx.now();
  const [row] = await ctx.db.insert(worker).values({
    orgId: input.canteenId, name: input.name, employer: input.employer, job: input.job, badge: input.badge, phone: input.phone,
    certificateNo: cert.no, certificateIssuedOn: cert.issuedOn, certificateValidUntil: cert.validUntil, createdAt: now, updatedAt: now,
  }).onConflictDoNothing().returning();
  // Another registration of the same badge committed between the check and the insert.
  if (!row) throw conflict('badge_taken', `工牌号 ${input.badge} 已被登记`, `Badge ${input.badge} is already registered`);
  await ctx.db.insert(certificate).values({ orgId: row.orgId, workerId: row.id, ...cert, recordedAt: now, recordedBy: ctx.user?.id ?? null });
  await audit(ctx, { orgId: row.orgId, action: 'worker.created', entity: 'worker', entityId: row.id, after: { name: row.name, employer: row.employer, job: row.job, badge: row.badge, phone: row.phone, certificate: cert } });
  await afterChange(ctx, row);
  return getWorker(ctx, row.id);
}

export async function updateWorker(ctx: Ctx, id: number, input: z.infer<typeof WorkerUpdate>) {
  const before = await loadWorker(ctx, id, P['worker.worker.write'], true);
  if (input.badge !== before.badge) await requireFreeBadge(ctx, before.orgId, input.badge, id);
  const [after] = await ctx.db.update(worker).set({ ...input, updatedAt: ctx.now() }).where(eq(worker.id, id)).returning();
  const pick = (r: WorkerRow) => ({ name: r.name, employer: r.employer, job: r.job, badge: r.badge, phone: r.phone, active: r.active });
  await audit(ctx, { orgId: before.orgId, action: 'worker.updated', entity: 'worker', entityId: id, before: pick(before), after: pick(after!) });
  await afterChange(ctx, after!);
  return getWorker(ctx, id);
}

/** A new health certificate (the yearly check was done): it is in force from now, and its alerts clear. */
export async function renewCertificate(ctx: Ctx, id: number, input: z.infer<typeof CertificateInput>) {
  const before = await loadWorker(ctx, id, P['worker.worker.write'], true);
  const cert = certFields(input);
  if (cert.validUntil < before.certificateValidUntil) {
    throw new AppError(422, 'certificate_older', `新健康证的有效期（${cert.validUntil}）早于现有的（${before.certificateValidUntil}）`,
      `The new certificate (valid until ${cert.validUntil}) runs out before the current one (${before.certificateValidUntil})`);
  }
  const [after] = await ctx.db.update(worker).set({ certificateNo: cert.no, certificateIssuedOn: cert.issuedOn, certificateValidUntil: cert.validUntil, updatedAt: ctx.now() })
    .where(eq(worker.id, id)).returning();
  await ctx.db.insert(certificate).values({ orgId: before.orgId, workerId: id, ...cert, recordedAt: ctx.now(), recordedBy: ctx.user?.id ?? null });
  await audit(ctx, { orgId: before.orgId, action: 'worker.certificate_renewed', entity: 'worker', entityId: id,
    before: { no: before.certificateNo, issuedOn: before.certificateIssuedOn, validUntil: before.certificateValidUntil }, after: cert });
  await afterChange(ctx, after!);
  return getWorker(ctx, id);
}

export async function setPhoto(ctx: Ctx, id: number, file: { type: string; bytes: Buffer }) {
  const row = await loadWorker(ctx, id, P['worker.worker.write'], true);
  if (!PHOTO_TYPES.has(file.type)) throw new AppError(400, 'bad_photo_type', '照片须为 JPEG、PNG 或 WebP 图片', 'The photo must be a JPEG, PNG or WebP image');
  if (file.bytes.length > MAX_PHOTO_BYTES) throw new AppError(400, 'photo_too_large', '照片不能超过 2 MB', 'The photo must be at most 2 MB');
  const values = { orgId: row.orgId, mime: file.type, data: file.bytes, uploadedAt: ctx.now() };
  await ctx.db.insert(photo).values({ workerId: id, ...values }).onConflictDoUpdate({ target: photo.workerId, set: values });
  await audit(ctx, { orgId: row.orgId, action: 'worker.photo_set', entity: 'worker', entityId: id, after: { mime: file.type, bytes: file.bytes.length } });
  return getWorker(ctx, id);
}

export async function getPhoto(ctx: Ctx, id: number) {
  await loadWorker(ctx, id, P['worker.worker.read']);
  const [p] = await ctx.db.select().from(photo).where(eq(photo.workerId, id));
  if (!p) throw notFound({ zh: '照片', en: 'Photo' });
  return p;
}
