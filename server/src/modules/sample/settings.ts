import { inArray } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import type { SampleSettings } from './contracts.ts';
import { P } from './permissions.ts';
import { setting } from './schema.ts';

/**
 * The rule of every canteen until its head changes it (domain-facts: ≥ 125 g per dish, ≥ 48 h,
 * on by default; some local rules ask 150 or 200 g). Grace: a missing sample is alerted this long
 * after the meal's serving window ends.
 */
export const DEFAULT_SETTINGS: SampleSettings = { required: true, minGrams: 125, keepHours: 48, graceMinutes: 30 };

/** The cabinet must keep samples between these temperatures (chilled, 0–8 °C). */
export const CABINET_MIN_C = 0;
export const CABINET_MAX_C = 8;

export async function settingsOf(ctx: Ctx, canteenId: number): Promise<SampleSettings> {
  return (await settingsOfMany(ctx, [canteenId])).get(canteenId)!;
}

export async function settingsOfMany(ctx: Ctx, canteenIds: number[]): Promise<Map<number, SampleSettings>> {
  const rows = canteenIds.length ? await ctx.db.select().from(setting).where(inArray(setting.canteenId, canteenIds)) : [];
  const by = new Map(rows.map((r) => [r.canteenId, r]));
  return new Map(canteenIds.map((id) => {
    const r = by.get(id);
    return [id, r ? { required: r.required, minGrams: r.minGrams, keepHours: r.keepHours, graceMinutes: r.graceMinutes } : { ...DEFAULT_SETTINGS }];
  }));
}

export async function getSettings(ctx: Ctx, canteenId: number) {
  if (!ctx.access.can(P['sample.setting.manage'], canteenId)) ctx.access.requireCanteen(P['sample.sample.read'], canteenId);
  return { canteenId, ...(await settingsOf(ctx, canteenId)), defaults: DEFAULT_SETTINGS };
}

/** New numbers apply to samples kept from now on; a sample keeps the minimum and discard time it was kept under. */
export async function setSettings(ctx: Ctx, canteenId: number, input: SampleSettings) {
  ctx.access.requireCanteen(P['sample.setting.manage'], canteenId);
  const before = await settingsOf(ctx, canteenId);
  const values = { ...input, updatedAt: ctx.now(), updatedBy: ctx.user?.id ?? null };
  await ctx.db.insert(setting).values({ canteenId, ...values }).onConflictDoUpdate({ target: setting.canteenId, set: values });
  await audit(ctx, { orgId: canteenId, action: 'sample.settings_set', entity: 'sample_setting', entityId: canteenId, before, after: input });
  return { canteenId, ...input, defaults: DEFAULT_SETTINGS };
}
