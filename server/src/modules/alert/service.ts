import { and, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import type { AlertQuery } from './contracts.ts';
import { ALERT_RAISED, type AlertRaised } from './events.ts';
import { nextEscalation } from './escalation.ts';
import { alertKind, type Severity } from './kinds.ts';
import { P } from './permissions.ts';
import { alert, notification } from './schema.ts';

const WHAT = { zh: '预警', en: 'Alert' };
const unresolved = ne(alert.status, 'resolved');

export interface RaiseAlert {
  orgId: number;
  /** A kind registered with defineAlertKinds; it names the source module and the default severity. */
  kind: string;
  /** Identifies the condition within the kind and org (`ingredient:12`): raising it again updates the open alert. */
  key: string;
  severity?: Severity;
  titleZh: string;
  titleEn: string;
  detail: Record<string, unknown>;
  link?: { entity: string; id: string | number; path?: string };
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, so plain JSON.stringify would see changes that are none. */
const canonical = (v: unknown) => JSON.stringify(v, (_k, x: unknown) =>
  (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/**
 * Raises an alert, or — while the same (org, kind, key) is unresolved — refreshes that one: its
 * facts if they changed (audited) and when it was last seen. Runs in the caller's transaction;
 * notifiers hear of a new alert after it commits (ALERT_RAISED).
 */
export async function raiseAlert(ctx: Ctx, input: RaiseAlert): Promise<{ id: number; created: boolean }> {
  const def = alertKind(input.kind);
  if (!def) throw new Error(`alert kind ${input.kind} is not registered`);
  const now = ctx.now();
  const facts = {
    severity: input.severity ?? def.severity, titleZh: input.titleZh, titleEn: input.titleEn, detail: input.detail,
    linkEntity: input.link?.entity ?? null, linkId: input.link ? String(input.link.id) : null, linkPath: input.link?.path ?? null,
  };
  const same = and(eq(alert.orgId, input.orgId), eq(alert.kind, input.kind), eq(alert.key, input.key), unresolved);
  // A concurrent raise may insert first (we then update it) or resolve it between our two statements (we insert again).
  for (let attempt = 0; attempt < 3; attempt++) {
    const [open] = await ctx.db.select().from(alert).where(same).for('update');
    if (open) {
      const before = { severity: open.severity, titleZh: open.titleZh, titleEn: open.titleEn, detail: open.detail, linkEntity: open.linkEntity, linkId: open.linkId, linkPath: open.linkPath };
      const changed = canonical(before) !== canonical(facts);
      // Grown more severe while nobody acknowledged it: it may have to go up sooner.
      const sooner = changed && open.status === 'open' && open.severity !== facts.severity
        ? await nextEscalation(ctx, open.orgId, facts.severity, now, open.escalationLevel) : null;
      const escalate = sooner && (!open.nextEscalationAt || sooner < open.nextEscalationAt) ? { nextEscalationAt: sooner } : {};
      await ctx.db.update(alert).set({ ...(changed && facts), ...escalate, lastSeenAt: now, seenCount: sql`${alert.seenCount} + 1` }).where(eq(alert.id, open.id));
      if (changed) await audit(ctx, { orgId: open.orgId, action: 'alert.updated', entity: 'alert', entityId: open.id, before, after: facts });
      return { id: open.id, created: false };
    }
    const [created] = await ctx.db.insert(alert)
      .values({ orgId: input.orgId, source: def.source, kind: input.kind, key: input.key, ...facts, raisedAt: now, raisedBy: ctx.user?.id ?? null, lastSeenAt: now,
        nextEscalationAt: await nextEscalation(ctx, input.orgId, facts.severity, now, 0) })
      .onConflictDoNothing().returning({ id: alert.id });
    if (created) {
      await audit(ctx, { orgId: input.orgId, action: 'alert.raised', entity: 'alert', entityId: created.id, after: { kind: input.kind, key: input.key, ...facts } });
      ctx.emit(ALERT_RAISED, { alertId: created.id } satisfies AlertRaised);
      return { id: created.id, created: true };
    }
  }
  throw new Error(`alert ${input.kind} ${input.key} kept changing while being raised`);
}

/** Unresolved alerts of one kind in one org: those with these keys, or all but these keys. */
export type AlertSelector = { orgId: number; kind: string } & ({ keys: string[] } | { notKeys: string[] });

/**
 * Resolves the selected alerts because their condition cleared. The resolver is the caller's user,
 * or the system (null) for scans. Returns how many were resolved.
 */
export async function resolveAlertsWhere(ctx: Ctx, q: AlertSelector): Promise<number> {
  const conds = [eq(alert.orgId, q.orgId), eq(alert.kind, q.kind), unresolved];
  if ('keys' in q) {
    if (!q.keys.length) return 0;
    conds.push(inArray(alert.key, q.keys));
  } else if (q.notKeys.length) conds.push(notInArray(alert.key, q.notKeys));
  const list = await ctx.db.select({ id: alert.id, status: alert.status }).from(alert).where(and(...conds)).for('update');
  if (!list.length) return 0;
  const by = ctx.user?.id ?? null;
  await ctx.db.update(alert).set({ status: 'resolved', resolvedAt: ctx.now(), resolvedBy: by, nextEscalationAt: null })
    .where(inArray(alert.id, list.map((a) => a.id)));
  for (const a of list) {
    await audit(ctx, { orgId: q.orgId, action: 'alert.resolved', entity: 'alert', entityId: a.id, before: { status: a.status }, after: { status: 'resolved', resolvedBy: by, conditionCleared: true } });
  }
  return list.length;
}

type AlertRow = typeof alert.$inferSelect;

/** Alerts as the pages and notifiers see them: names of the org and of the people, the link, who was notified. */
export async function alertViews(ctx: Ctx, rows: AlertRow[]) {
  const sent = rows.length
    ? await ctx.db.select().from(notification).where(inArray(notification.alertId, rows.map((r) => r.id))).orderBy(notification.sentAt, notification.id)
    : [];
  const names = await personNames(ctx.db, [...rows.flatMap((r) => [r.raisedBy, r.acknowledgedBy, r.resolvedBy]), ...sent.map((s) => s.personId)]);
  const name = (id: number | null) => (id === null ? null : names.get(id) ?? null);
  return rows.map((r) => ({
    ...r,
    orgName: ctx.tree.get(r.orgId)?.name ?? null,
    link: r.linkEntity && r.linkId ? { entity: r.linkEntity, id: r.linkId, path: r.linkPath } : null,
    raisedByName: name(r.raisedBy),
    acknowledgedByName: name(r.acknowledgedBy),
    resolvedByName: name(r.resolvedBy),
    resolvedBySystem: r.resolvedAt !== null && r.resolvedBy === null,
    notified: sent.filter((s) => s.alertId === r.id).map((s) => ({ personId: s.personId, name: name(s.personId), notifier: s.notifier, level: s.level, sentAt: s.sentAt })),
  }));
}

export type AlertView = Awaited<ReturnType<typeof alertViews>>[number];

/** One alert for a notifier or a test, without an access check (the system reads it). */
export async function alertById(ctx: Ctx, id: number): Promise<AlertView | null> {
  const [row] = await ctx.db.select().from(alert).where(eq(alert.id, id));
  return row ? (await alertViews(ctx, [row]))[0]! : null;
}

/** Organisations whose alerts the caller sees: their scope, narrowed to one organisation's subtree if named. */
export function visibleOrgs(ctx: Ctx, orgId?: number): number[] {
  const scope = ctx.access.scope(P['alert.alert.read']);
  if (orgId === undefined) return scope;
  if (!ctx.tree.get(orgId) || !scope.includes(orgId)) throw new AppError(404, 'org_not_found', '组织不存在或无权查看', 'Organisation not found or not visible to you');
  const within = new Set(ctx.tree.subtree(orgId));
  return scope.filter((id) => within.has(id));
}

const inOrgs = (ids: number[]) => inArray(alert.orgId, ids.length ? ids : [-1]);

export async function listAlerts(ctx: Ctx, q: z.infer<typeof AlertQuery>) {
  const conds = [inOrgs(visibleOrgs(ctx, q.orgId))];
  if (q.status === 'unresolved') conds.push(unresolved);
  else if (q.status) conds.push(eq(alert.status, q.status));
  if (q.kind) conds.push(eq(alert.kind, q.kind));
  if (q.severity) conds.push(eq(alert.severity, q.severity));
  // What needs someone first: open before acknowledged before resolved, then the most severe, then the latest.
  const rows = await ctx.db.select().from(alert).where(and(...conds)).orderBy(
    sql`case ${alert.status} when 'open' then 0 when 'acknowledged' then 1 else 2 end`,
    sql`case ${alert.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`,
    desc(alert.lastSeenAt), desc(alert.id),
  ).limit(300);
  return alertViews(ctx, rows);
}

/** Unresolved alerts counted for the home page and the menu badge. */
export async function alertSummary(ctx: Ctx, q: { orgId?: number }) {
  const counts = await ctx.db.select({ status: alert.status, severity: alert.severity, n: sql<number>`count(*)::int` }).from(alert)
    .where(and(inOrgs(visibleOrgs(ctx, q.orgId)), unresolved)).groupBy(alert.status, alert.severity);
  const sum = (f: (c: (typeof counts)[number]) => boolean) => counts.filter(f).reduce((s, c) => s + Number(c.n), 0);
  return {
    open: sum((c) => c.status === 'open'),
    acknowledged: sum((c) => c.status === 'acknowledged'),
    bySeverity: { critical: sum((c) => c.severity === 'critical'), warning: sum((c) => c.severity === 'warning'), info: sum((c) => c.severity === 'info') },
  };
}

/** The alert, locked; 404 unless the caller may see it, 403 unless they may also handle it. */
async function loadForHandling(ctx: Ctx, id: number): Promise<AlertRow> {
  const [row] = await ctx.db.select().from(alert).where(eq(alert.id, id)).for('update');
  if (!row || !ctx.access.can(P['alert.alert.read'], row.orgId)) throw notFound(WHAT);
  ctx.access.require(P['alert.alert.handle'], row.orgId);
  return row;
}

/** "I have seen it and am on it": stops escalation, keeps the alert until it is resolved. */
export async function acknowledgeAlert(ctx: Ctx, id: number) {
  const row = await loadForHandling(ctx, id);
  if (row.status !== 'open') {
    throw conflict('alert_not_open', row.status === 'resolved' ? '该预警已处理' : '该预警已有人确认', row.status === 'resolved' ? 'This alert is already resolved' : 'This alert is already acknowledged');
  }
  const [after] = await ctx.db.update(alert).set({ status: 'acknowledged', acknowledgedAt: ctx.now(), acknowledgedBy: ctx.user!.id, nextEscalationAt: null })
    .where(eq(alert.id, id)).returning();
  await audit(ctx, { orgId: row.orgId, action: 'alert.acknowledged', entity: 'alert', entityId: id, before: { status: row.status }, after: { status: 'acknowledged' } });
  return (await alertViews(ctx, [after!]))[0]!;
}

/** Closed by a person with a note. Should the condition still hold, the next check raises a new alert. */
export async function resolveAlert(ctx: Ctx, id: number, note: string) {
  const row = await loadForHandling(ctx, id);
  if (row.status === 'resolved') throw conflict('alert_resolved', '该预警已处理', 'This alert is already resolved');
  const [after] = await ctx.db.update(alert).set({ status: 'resolved', resolvedAt: ctx.now(), resolvedBy: ctx.user!.id, resolveNote: note, nextEscalationAt: null })
    .where(eq(alert.id, id)).returning();
  await audit(ctx, { orgId: row.orgId, action: 'alert.resolved', entity: 'alert', entityId: id, before: { status: row.status }, after: { status: 'resolved', note } });
  return (await alertViews(ctx, [after!]))[0]!;
}
