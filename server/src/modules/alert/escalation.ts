import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import { inTransaction, type Ctx, type Platform } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { roleHoldersAt } from '../../core/people.ts';
import type { EscalationInput } from './contracts.ts';
import { ALERT_ESCALATED, type AlertEscalated } from './events.ts';
import type { Severity } from './kinds.ts';
import type { Recipient } from './notify.ts';
import { P } from './permissions.ts';
import { alert, escalationSetting, notification, type EscalationRules } from './schema.ts';
import { systemCtx } from './system.ts';

/** Defaults until a canteen head (or the bureau) changes them: a critical alert goes up every 15 minutes. */
export const DEFAULT_ESCALATION: EscalationRules = { afterMinutes: { critical: 15, warning: 60, info: null } };

/**
 * Who is told at each level above the handlers (level 0, the kind's own roles): the site manager,
 * then the canteen head, both at the alert's organisation, then the bureau's leaders anywhere above it.
 */
export const ESCALATION_LEVELS = [
  { level: 1, roles: ['site_manager'], above: false, zh: '项目经理', en: 'site manager' },
  { level: 2, roles: ['canteen_head'], above: false, zh: '食堂负责人', en: 'canteen head' },
  { level: 3, roles: ['bureau_leader'], above: true, zh: '机关事务局', en: 'bureau' },
] as const;

export const TOP_LEVEL = ESCALATION_LEVELS[ESCALATION_LEVELS.length - 1]!.level;

/** The rules in force at an organisation: its own, else the nearest above it, else the defaults. */
export async function escalationRulesAt(ctx: Ctx, orgId: number): Promise<EscalationRules & { fromOrgId: number | null }> {
  const chain = ctx.tree.ancestry(orgId);
  const rows = chain.length ? await ctx.db.select().from(escalationSetting).where(inArray(escalationSetting.orgId, chain)) : [];
  for (const id of chain) {
    const row = rows.find((r) => r.orgId === id);
    if (row) return { afterMinutes: { ...DEFAULT_ESCALATION.afterMinutes, ...row.rules.afterMinutes }, fromOrgId: id };
  }
  return { ...DEFAULT_ESCALATION, fromOrgId: null };
}

/** When an alert raised (or escalated) now at this organisation goes up next, or null if it never does. */
export async function nextEscalation(ctx: Ctx, orgId: number, severity: Severity, from: Date, level: number): Promise<Date | null> {
  if (level >= TOP_LEVEL) return null;
  const minutes = (await escalationRulesAt(ctx, orgId)).afterMinutes[severity];
  return minutes === null ? null : new Date(from.getTime() + minutes * 60_000);
}

export async function readEscalationRules(ctx: Ctx, orgId: number) {
  ctx.access.require(P['alert.alert.read'], orgId);
  const rules = await escalationRulesAt(ctx, orgId);
  return { orgId, ...rules, levels: ESCALATION_LEVELS.map(({ level, zh, en }) => ({ level, zh, en })) };
}

/** A canteen head (or an administrator for a centre or the bureau) sets the minutes per severity. */
export async function setEscalationRules(ctx: Ctx, input: z.infer<typeof EscalationInput>) {
  if (!ctx.tree.get(input.orgId)) throw new AppError(404, 'org_not_found', '组织不存在或无权查看', 'Organisation not found or not visible to you');
  ctx.access.require(P['alert.settings.manage'], input.orgId);
  const before = await escalationRulesAt(ctx, input.orgId);
  const rules: EscalationRules = { afterMinutes: input.afterMinutes };
  await ctx.db.insert(escalationSetting).values({ orgId: input.orgId, rules, updatedAt: ctx.now(), updatedBy: ctx.user!.id })
    .onConflictDoUpdate({ target: escalationSetting.orgId, set: { rules, updatedAt: ctx.now(), updatedBy: ctx.user!.id } });
  await audit(ctx, { orgId: input.orgId, action: 'alert.escalation_set', entity: 'alert_escalation_setting', entityId: input.orgId, before: before.afterMinutes, after: rules.afterMinutes });
  return readEscalationRules(ctx, input.orgId);
}

/** People at an escalation level, leaving out those already told of this alert. */
async function recipientsAtLevel(ctx: Ctx, orgId: number, level: (typeof ESCALATION_LEVELS)[number], told: Set<number>): Promise<Recipient[]> {
  const orgs = level.above ? ctx.tree.ancestry(orgId).slice(1) : [orgId];
  const found: Recipient[] = [];
  for (const id of orgs) found.push(...await roleHoldersAt(ctx.db, id, [...level.roles]));
  return found.filter((p, i) => !told.has(p.personId) && found.findIndex((q) => q.personId === p.personId) === i);
}

/**
 * Takes every open (unacknowledged) alert whose escalation time has come one level up: to the next
 * level with someone not yet told, skipping levels with nobody new (a site manager who was already a
 * handler). Each alert moves in its own transaction, locked, so two sweeps never both escalate it.
 * Returns the alerts escalated; the notifiers hear of each after it commits (ALERT_ESCALATED).
 */
export async function escalateDue(platform: Platform): Promise<number> {
  const ctx = await systemCtx(platform);
  const due = await ctx.db.select({ id: alert.id }).from(alert)
    .where(and(eq(alert.status, 'open'), lte(alert.nextEscalationAt, ctx.now()))).orderBy(asc(alert.nextEscalationAt)).limit(500);
  let moved = 0;
  for (const { id } of due) {
    const escalated = await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db.select().from(alert).where(eq(alert.id, id)).for('update', { skipLocked: true });
      if (!row || row.status !== 'open' || !row.nextEscalationAt || row.nextEscalationAt > tx.now()) return null;
      const told = new Set((await tx.db.select({ personId: notification.personId }).from(notification).where(eq(notification.alertId, id))).map((n) => n.personId));
      let reached: { level: number; recipients: Recipient[] } | null = null;
      for (const level of ESCALATION_LEVELS.filter((l) => l.level > row.escalationLevel)) {
        const recipients = await recipientsAtLevel(tx, row.orgId, level, told);
        if (recipients.length) {
          reached = { level: level.level, recipients };
          break;
        }
      }
      const level = reached?.level ?? TOP_LEVEL;
      const next = reached ? await nextEscalation(tx, row.orgId, row.severity, tx.now(), level) : null;
      await tx.db.update(alert).set({ escalationLevel: level, nextEscalationAt: next }).where(eq(alert.id, id));
      await audit(tx, { orgId: row.orgId, action: 'alert.escalated', entity: 'alert', entityId: id,
        before: { escalationLevel: row.escalationLevel }, after: { escalationLevel: level, told: reached?.recipients.map((r) => r.name) ?? [] } });
      if (reached) tx.emit(ALERT_ESCALATED, { alertId: id, level, personIds: reached.recipients.map((r) => r.personId) } satisfies AlertEscalated);
      return reached;
    });
    if (escalated) moved++;
  }
  return moved;
}
