import { and, asc, desc, eq, gte, inArray, lte, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { conflict } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { raiseAlert, resolveAlertsWhere } from '../alert/index.ts';
import { badgeKey, checkKey, KINDS } from './alerts.ts';
import { JOB_LABELS, type CheckInput, type CheckQuery } from './contracts.ts';
import { P } from './permissions.ts';
import { loadWorker, type WorkerRow } from './registry.ts';
import { certificateStatus, normaliseSymptoms, outcome, reasonText, toTenths, type CheckFacts } from './rules.ts';
import { check, CHECK_SOURCES, photo, worker, type WorkerSettings } from './schema.ts';
import { settingsOf } from './settings.ts';

type CheckRow = typeof check.$inferSelect;

/** A moment given as a China date and 'HH:MM'. */
const chinaTime = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

export async function checkViews(ctx: Ctx, rows: CheckRow[]) {
  const names = await personNames(ctx.db, rows.map((r) => r.checkedBy));
  const ids = [...new Set(rows.map((r) => r.workerId))];
  const workers = ids.length ? await ctx.db.select({ id: worker.id, name: worker.name, job: worker.job, badge: worker.badge }).from(worker).where(inArray(worker.id, ids)) : [];
  return rows.map((r) => {
    const w = workers.find((x) => x.id === r.workerId);
    return {
      id: r.id, orgId: r.orgId, workerId: r.workerId, workerName: w?.name ?? '', job: w?.job ?? null, badge: w?.badge ?? '',
      date: r.date, checkedAt: r.checkedAt, temperatureC: r.temperatureTenths / 10, handsOk: r.handsOk, symptoms: r.symptoms,
      uniformOk: r.uniformOk, hatOk: r.hatOk, maskOk: r.maskOk, nailsOk: r.nailsOk, noJewellery: r.noJewellery,
      fit: r.fit, reasons: r.reasons,
      reasonText: { zh: reasonText(r.reasons, r, 'zh'), en: reasonText(r.reasons, r, 'en') },
      source: r.source, deviceId: r.deviceId, deviceCode: r.deviceCode,
      checkedBy: r.checkedBy, checkedByName: r.checkedBy === null ? null : names.get(r.checkedBy) ?? null,
      rechecks: r.rechecks, note: r.note,
    };
  });
}
export type CheckView = Awaited<ReturnType<typeof checkViews>>[number];

interface NewCheck {
  worker: WorkerRow;
  date: string;
  facts: CheckFacts;
  source: (typeof CHECK_SOURCES)[number];
  device?: { id: number; code: string; at: Date };
  note?: string;
}

const factsOf = (r: CheckRow): CheckFacts => ({
  temperatureTenths: r.temperatureTenths, handsOk: r.handsOk, symptoms: r.symptoms,
  uniformOk: r.uniformOk, hatOk: r.hatOk, maskOk: r.maskOk, nailsOk: r.nailsOk, noJewellery: r.noJewellery,
});

/** A failed check tells the site manager; a passed re-check clears that day's alert. */
async function alertOutcome(ctx: Ctx, w: WorkerRow, row: CheckRow) {
  const key = checkKey(w.id, row.date);
  const kind = KINDS['worker.check_failed'].key;
  if (row.fit) {
    await resolveAlertsWhere(ctx, { orgId: w.orgId, kind, keys: [key] });
    return;
  }
  await raiseAlert(ctx, {
    orgId: w.orgId, kind, key,
    titleZh: `${w.name} ${row.date} 晨检不合格：${reasonText(row.reasons, row, 'zh')}`,
    titleEn: `${w.name} failed the morning check on ${row.date}: ${reasonText(row.reasons, row, 'en')}`,
    detail: { workerId: w.id, name: w.name, date: row.date, temperatureC: row.temperatureTenths / 10, symptoms: row.symptoms, reasons: row.reasons, source: row.source },
    link: { entity: 'worker_check', id: row.id, path: `/workers/checks?date=${row.date}` },
  });
}

type Recorded = { row: CheckRow; created: boolean; existing?: undefined } | { row?: undefined; created: false; existing: CheckRow };

/**
 * Records the first check of the worker's day, the outcome decided by rules.ts with the canteen's
 * settings. If the day already has a check it is returned as `existing` and nothing changes (the
 * unique index settles two checks arriving at once).
 */
async function insertCheck(ctx: Ctx, c: NewCheck, settings: WorkerSettings): Promise<Recorded> {
  const { fit, reasons } = outcome(c.facts, c.worker.certificateValidUntil, c.date, settings);
  const [row] = await ctx.db.insert(check).values({
    orgId: c.worker.orgId, workerId: c.worker.id, date: c.date, checkedAt: c.device?.at ?? ctx.now(), ...c.facts, fit, reasons, source: c.source,
    deviceId: c.device?.id ?? null, deviceCode: c.device?.code ?? null, deviceAt: c.device?.at ?? null, checkedBy: ctx.user?.id ?? null, note: c.note ?? '',
  }).onConflictDoNothing().returning();
  if (!row) {
    const [existing] = await ctx.db.select().from(check).where(and(eq(check.workerId, c.worker.id), eq(check.date, c.date)));
    return { created: false, existing: existing! };
  }
  await audit(ctx, { orgId: row.orgId, action: 'worker.checked', entity: 'worker_check', entityId: row.id,
    after: { workerId: row.workerId, date: row.date, ...c.facts, fit, reasons, source: row.source, device: c.device?.code ?? null } });
  await alertOutcome(ctx, c.worker, row);
  return { row, created: true };
}

/** A re-check replaces the day's check (a site manager or canteen head did it again); the audit keeps the first. */
async function replaceCheck(ctx: Ctx, before: CheckRow, c: NewCheck, settings: WorkerSettings): Promise<CheckRow> {
  const { fit, reasons } = outcome(c.facts, c.worker.certificateValidUntil, c.date, settings);
  const [row] = await ctx.db.update(check).set({
    checkedAt: ctx.now(), ...c.facts, fit, reasons, source: c.source, deviceId: null, deviceCode: null, deviceAt: null,
    checkedBy: ctx.user?.id ?? null, rechecks: before.rechecks + 1, note: c.note ?? '',
  }).where(eq(check.id, before.id)).returning();
  await audit(ctx, { orgId: before.orgId, action: 'worker.rechecked', entity: 'worker_check', entityId: before.id,
    before: { ...factsOf(before), fit: before.fit, reasons: before.reasons, source: before.source, checkedBy: before.checkedBy, checkedAt: before.checkedAt },
    after: { ...c.facts, fit, reasons } });
  await alertOutcome(ctx, c.worker, row!);
  return row!;
}

/**
 * A check entered on the kiosk page by the person signed in, for today (China time). A second check
 * the same day is refused unless it is a re-check by someone allowed to make one.
 */
export async function checkFromPage(ctx: Ctx, input: z.infer<typeof CheckInput>) {
  const w = await loadWorker(ctx, input.workerId, P['worker.check.write']);
  if (input.recheck) ctx.access.require(P['worker.check.recheck'], w.orgId);
  if (!w.active) throw conflict('worker_inactive', `${w.name} 已停用，不能晨检`, `${w.name} is inactive and cannot be checked`);
  const date = chinaDate(ctx.now());
  const settings = await settingsOf(ctx, w.orgId);
  const facts: CheckFacts = {
    temperatureTenths: toTenths(input.temperatureC), handsOk: input.handsOk, symptoms: normaliseSymptoms(input.symptoms),
    uniformOk: input.uniformOk, hatOk: input.hatOk, maskOk: input.maskOk, nailsOk: input.nailsOk, noJewellery: input.noJewellery,
  };
  const c: NewCheck = { worker: w, date, facts, source: 'kiosk_page', note: input.note };
  const done = await insertCheck(ctx, c, settings);
  let row: CheckRow;
  if (done.existing) {
    if (!input.recheck) {
      const [view] = await checkViews(ctx, [done.existing]);
      throw conflict('already_checked', `${w.name} 今天已晨检（${view!.fit ? '合格' : '不合格'}）；如需复检，请项目经理或食堂负责人操作`,
        `${w.name} was already checked today (${view!.fit ? 'fit' : 'not fit'}); a site manager or canteen head may re-check`, { check: view });
    }
    row = await replaceCheck(ctx, done.existing, c, settings);
  } else row = done.row;
  return (await checkViews(ctx, [row]))[0]!;
}

export type KioskOutcome =
  | { status: 'fit' | 'unfit'; check: CheckView; replayed: boolean }
  | { status: 'already_checked'; check: CheckView }
  | { status: 'unknown_badge' | 'inactive'; badge: string };

/**
 * A check a kiosk device sent (a DEVICE_READING of kind check_kiosk), for the worker with that
 * badge at the device's canteen. The same reading sent again (same badge and device time) answers
 * as the first did; a worker already checked today keeps that check (a person re-checks on the
 * page). An unknown badge records nothing and tells the site manager once per badge.
 */
export async function checkFromDevice(ctx: Ctx, device: { id: number; orgId: number; code: string }, reading: { badge: string; temperatureC: number; handsOk: boolean; symptoms: number[] }, at: Date): Promise<KioskOutcome> {
  const [w] = await ctx.db.select().from(worker).where(and(eq(worker.orgId, device.orgId), eq(worker.badge, reading.badge)));
  if (!w) {
    await raiseAlert(ctx, {
      orgId: device.orgId, kind: KINDS['worker.unknown_badge'].key, key: badgeKey(reading.badge),
      titleZh: `晨检仪 ${device.code} 识别到未登记的工牌 ${reading.badge}`, titleEn: `Check kiosk ${device.code} saw badge ${reading.badge}, which is not registered`,
      detail: { badge: reading.badge, deviceId: device.id, deviceCode: device.code, at: at.toISOString() },
      link: { entity: 'worker', id: reading.badge, path: '/workers' },
    });
    return { status: 'unknown_badge', badge: reading.badge };
  }
  if (!w.active) return { status: 'inactive', badge: reading.badge };
  const date = chinaDate(at);
  const facts: CheckFacts = {
    temperatureTenths: toTenths(reading.temperatureC), handsOk: reading.handsOk, symptoms: normaliseSymptoms(reading.symptoms),
    uniformOk: null, hatOk: null, maskOk: null, nailsOk: null, noJewellery: null,
  };
  const done = await insertCheck(ctx, { worker: w, date, facts, source: 'device', device: { id: device.id, code: device.code, at } }, await settingsOf(ctx, w.orgId));
  if (done.existing) {
    const [view] = await checkViews(ctx, [done.existing]);
    const same = done.existing.deviceId === device.id && done.existing.deviceAt?.getTime() === at.getTime();
    return same ? { status: view!.fit ? 'fit' : 'unfit', check: view!, replayed: true } : { status: 'already_checked', check: view! };
  }
  const [view] = await checkViews(ctx, [done.row]);
  return { status: view!.fit ? 'fit' : 'unfit', check: view!, replayed: false };
}

export async function listChecks(ctx: Ctx, q: z.infer<typeof CheckQuery>) {
  ctx.access.requireCanteen(P['worker.check.read'], q.canteenId);
  const conds: SQL[] = [eq(check.orgId, q.canteenId), gte(check.date, q.from), lte(check.date, q.to)];
  if (q.workerId) conds.push(eq(check.workerId, q.workerId));
  if (q.fit) conds.push(eq(check.fit, q.fit === 'true'));
  const rows = await ctx.db.select().from(check).where(and(...conds)).orderBy(desc(check.date), asc(check.checkedAt), asc(check.id)).limit(2000);
  return checkViews(ctx, rows);
}

/**
 * The day's roster: every worker of the canteen on that day (active, registered by then, or checked
 * that day) with fit / not fit / not yet checked — absent once the canteen's cut-off has passed.
 */
async function dayState(ctx: Ctx, canteenId: number, date: string) {
  const settings = await settingsOf(ctx, canteenId);
  const checks = await ctx.db.select().from(check).where(and(eq(check.orgId, canteenId), eq(check.date, date)));
  const checkedIds = checks.map((c) => c.workerId);
  const endOfDay = chinaTime(date, '23:59');
  const workers = (await ctx.db.select().from(worker).where(and(eq(worker.orgId, canteenId),
    or(eq(worker.active, true), checkedIds.length ? inArray(worker.id, checkedIds) : undefined)))
    .orderBy(asc(worker.name), asc(worker.id)))
    .filter((w) => checkedIds.includes(w.id) || w.createdAt <= endOfDay);
  const cutoffAt = chinaTime(date, settings.cutoff);
  const cutoffPassed = ctx.now().getTime() >= cutoffAt.getTime();
  return { settings, checks, workers, cutoffAt, cutoffPassed };
}

type Status = 'fit' | 'unfit' | 'pending' | 'absent';

export async function roster(ctx: Ctx, canteenId: number, date = chinaDate(ctx.now())) {
  ctx.access.requireCanteen(P['worker.check.read'], canteenId);
  const { settings, checks, workers, cutoffAt, cutoffPassed } = await dayState(ctx, canteenId, date);
  const views = await checkViews(ctx, checks);
  const photos = workers.length ? await ctx.db.select({ workerId: photo.workerId, at: photo.uploadedAt }).from(photo).where(inArray(photo.workerId, workers.map((w) => w.id))) : [];
  const entries = workers.map((w) => {
    const c = views.find((v) => v.workerId === w.id) ?? null;
    const status: Status = c ? (c.fit ? 'fit' : 'unfit') : cutoffPassed ? 'absent' : 'pending';
    return {
      workerId: w.id, name: w.name, job: w.job, jobZh: JOB_LABELS[w.job].zh, jobEn: JOB_LABELS[w.job].en, employer: w.employer, badge: w.badge,
      photoAt: photos.find((p) => p.workerId === w.id)?.at.toISOString() ?? null,
      certificate: { validUntil: w.certificateValidUntil, ...certificateStatus(w.certificateValidUntil, date, settings.certificateWarnDays) },
      status, check: c,
    };
  });
  const count = (s: Status) => entries.filter((e) => e.status === s).length;
  return {
    canteenId, canteenName: ctx.tree.get(canteenId)?.name ?? '', date, cutoff: settings.cutoff, cutoffAt: cutoffAt.toISOString(), cutoffPassed,
    feverC: settings.feverC,
    counts: { workers: entries.length, fit: count('fit'), unfit: count('unfit'), pending: count('pending'), absent: count('absent') },
    workers: entries,
    absent: entries.filter((e) => e.status === 'absent').map((e) => ({ workerId: e.workerId, name: e.name, job: e.job })),
  };
}

/**
 * The day at a glance for other modules' pages (the lead's day-at-a-glance). No permission check:
 * the calling route has made it.
 */
export async function morningCheckDay(ctx: Ctx, canteenId: number, date: string): Promise<{
  workers: number; checked: number; fit: number; unfit: number; absent: { workerId: number; name: string }[];
  certificatesExpiring: number; certificatesExpired: number;
}> {
  const { settings, checks, workers, cutoffPassed } = await dayState(ctx, canteenId, date);
  const checkOf = new Map(checks.map((c) => [c.workerId, c]));
  const active = workers.filter((w) => w.active);
  const cert = (s: string) => active.filter((w) => certificateStatus(w.certificateValidUntil, date, settings.certificateWarnDays).status === s).length;
  return {
    workers: workers.length,
    checked: checks.length,
    fit: checks.filter((c) => c.fit).length,
    unfit: checks.filter((c) => !c.fit).length,
    absent: cutoffPassed ? workers.filter((w) => !checkOf.has(w.id)).map((w) => ({ workerId: w.id, name: w.name })) : [],
    certificatesExpiring: cert('expiring'),
    certificatesExpired: cert('expired'),
  };
}

