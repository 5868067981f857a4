import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import type { SettingsInput } from './contracts.ts';
import { P } from './permissions.ts';
import { DEFAULT_SETTINGS } from './rules.ts';
import { setting, worker, type WorkerSettings } from './schema.ts';
import { syncCanteenCertificateAlerts } from './alerts.ts';
import { chinaDate } from '../../core/doc-number.ts';

export async function settingsOf(ctx: Ctx, canteenId: number): Promise<WorkerSettings> {
  const [row] = await ctx.db.select().from(setting).where(eq(setting.canteenId, canteenId));
  return { ...DEFAULT_SETTINGS, ...(row?.rules ?? {}) };
}

export async function getSettings(ctx: Ctx, canteenId: number) {
  if (!ctx.access.can(P['worker.setting.write'], canteenId)) ctx.access.requireCanteen(P['worker.worker.read'], canteenId);
  return { canteenId, ...(await settingsOf(ctx, canteenId)) };
}

export async function setSettings(ctx: Ctx, input: z.infer<typeof SettingsInput>) {
  ctx.access.requireCanteen(P['worker.setting.write'], input.canteenId);
  const { canteenId, ...rules } = input;
  const before = await settingsOf(ctx, canteenId);
  const by = ctx.user?.id ?? null;
  await ctx.db.insert(setting).values({ canteenId, rules, updatedAt: ctx.now(), updatedBy: by })
    .onConflictDoUpdate({ target: setting.canteenId, set: { rules, updatedAt: ctx.now(), updatedBy: by } });
  await audit(ctx, { orgId: canteenId, action: 'worker.settings_set', entity: 'worker_setting', entityId: canteenId, before, after: rules });
  if (rules.certificateWarnDays !== before.certificateWarnDays) {
    const rows = await ctx.db.select().from(worker).where(eq(worker.orgId, canteenId));
    await syncCanteenCertificateAlerts(ctx, canteenId, rows, chinaDate(ctx.now()), rules.certificateWarnDays);
  }
  return { canteenId, ...rules };
}
