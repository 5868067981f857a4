import type { Ctx } from '../../core/context.ts';
import { defineAlertKinds, raiseAlert, resolveAlertsWhere, type RaiseAlert } from '../alert/index.ts';
import { certificateStatus } from './rules.ts';
import type { worker } from './schema.ts';

export const KINDS = defineAlertKinds([
  { key: 'worker.certificate_expiring', source: 'worker', zh: '健康证即将到期', en: 'Health certificate expiring', severity: 'warning', handlers: ['site_manager'] },
  { key: 'worker.certificate_expired', source: 'worker', zh: '健康证已过期', en: 'Health certificate expired', severity: 'critical', handlers: ['site_manager'] },
  { key: 'worker.check_failed', source: 'worker', zh: '晨检不合格', en: 'Morning check failed', severity: 'warning', handlers: ['site_manager'] },
  { key: 'worker.unknown_badge', source: 'worker', zh: '晨检仪识别到未登记的工牌', en: 'Check kiosk saw an unregistered badge', severity: 'info', handlers: ['site_manager'] },
] as const);

type WorkerRow = Pick<typeof worker.$inferSelect, 'id' | 'orgId' | 'name' | 'active' | 'certificateNo' | 'certificateValidUntil'>;

export const workerKey = (id: number) => `worker:${id}`;
export const checkKey = (workerId: number, date: string) => `worker:${workerId}:${date}`;
export const badgeKey = (badge: string) => `badge:${badge}`;

/**
 * The certificate alert a worker's certificate calls for as of `today`: expired (critical), expiring
 * within `warnDays` (warning), or none (valid, or the worker no longer works here).
 */
export function certificateAlert(w: WorkerRow, today: string, warnDays: number): RaiseAlert | null {
  const { status, daysLeft } = certificateStatus(w.certificateValidUntil, today, warnDays);
  if (!w.active || status === 'valid') return null;
  const detail = { workerId: w.id, name: w.name, certificateNo: w.certificateNo, validUntil: w.certificateValidUntil, daysLeft };
  const common = { orgId: w.orgId, key: workerKey(w.id), detail, link: { entity: 'worker', id: w.id, path: `/workers?worker=${w.id}` } };
  return status === 'expired'
    ? { ...common, kind: KINDS['worker.certificate_expired'].key,
      titleZh: `${w.name}的健康证已于 ${w.certificateValidUntil} 过期，不得上岗`, titleEn: `${w.name}'s health certificate expired on ${w.certificateValidUntil}: may not work` }
    : { ...common, kind: KINDS['worker.certificate_expiring'].key,
      titleZh: `${w.name}的健康证 ${daysLeft} 天后到期（${w.certificateValidUntil}）`, titleEn: `${w.name}'s health certificate runs out in ${daysLeft} days (${w.certificateValidUntil})` };
}

const CERTIFICATE_KINDS = [KINDS['worker.certificate_expiring'].key, KINDS['worker.certificate_expired'].key];

/** One worker's certificate alerts brought up to date (created, edited, renewed): raised, or the other kind and a cleared one resolved. */
export async function syncCertificateAlerts(ctx: Ctx, w: WorkerRow, today: string, warnDays: number): Promise<void> {
  const raise = certificateAlert(w, today, warnDays);
  for (const kind of CERTIFICATE_KINDS) {
    if (raise?.kind !== kind) await resolveAlertsWhere(ctx, { orgId: w.orgId, kind, keys: [workerKey(w.id)] });
  }
  if (raise) await raiseAlert(ctx, raise);
}

/** Every worker of a canteen at once (the daily sweep): raises what is due, resolves the rest of both kinds. */
export async function syncCanteenCertificateAlerts(ctx: Ctx, canteenId: number, workers: WorkerRow[], today: string, warnDays: number): Promise<{ expiring: number; expired: number }> {
  const keep = new Map<string, string[]>(CERTIFICATE_KINDS.map((k) => [k, []]));
  for (const w of workers) {
    const raise = certificateAlert(w, today, warnDays);
    if (!raise) continue;
    keep.get(raise.kind)!.push(raise.key);
    await raiseAlert(ctx, raise);
  }
  for (const [kind, keys] of keep) await resolveAlertsWhere(ctx, { orgId: canteenId, kind, notKeys: keys });
  return { expiring: keep.get(KINDS['worker.certificate_expiring'].key)!.length, expired: keep.get(KINDS['worker.certificate_expired'].key)!.length };
}
