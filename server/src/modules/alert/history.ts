import { and, desc, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import type { HistoryQuery } from './contracts.ts';
import { alert } from './schema.ts';
import { alertViews, visibleOrgs } from './service.ts';

const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
const dayAfter = (date: string) => new Date(chinaMidnight(date).getTime() + 86_400_000);

/**
 * One canteen's alerts over a period: how many of each source and kind, per day, how long people
 * took to acknowledge and to resolve them, how many went up a level, and the alerts themselves.
 */
export async function alertHistory(ctx: Ctx, q: z.infer<typeof HistoryQuery>) {
  const orgs = visibleOrgs(ctx, q.orgId);
  const within = and(inArray(alert.orgId, orgs.length ? orgs : [-1]), gte(alert.raisedAt, chinaMidnight(q.from)), lt(alert.raisedAt, dayAfter(q.to)));
  /** Mean minutes from raising to `to`, over the alerts that got there (and, for resolving, by a person). */
  const meanMinutes = (to: SQL, where: SQL = sql`true`) =>
    sql<number | null>`round((avg(extract(epoch from ${to} - ${alert.raisedAt}) / 60) filter (where ${where}))::numeric, 1)::float8`;
  const [totals] = await ctx.db.select({
    raised: sql<number>`count(*)::int`,
    resolved: sql<number>`count(*) filter (where ${alert.status} = 'resolved')::int`,
    unresolved: sql<number>`count(*) filter (where ${alert.status} <> 'resolved')::int`,
    escalated: sql<number>`count(*) filter (where ${alert.escalationLevel} > 0)::int`,
    critical: sql<number>`count(*) filter (where ${alert.severity} = 'critical')::int`,
    meanAckMinutes: meanMinutes(sql`${alert.acknowledgedAt}`),
    meanResolveMinutes: meanMinutes(sql`${alert.resolvedAt}`, sql`${alert.resolvedBy} is not null`),
  }).from(alert).where(within);
  const day = sql<string>`to_char(${alert.raisedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const byDay = await ctx.db.select({ date: day, source: alert.source, n: sql<number>`count(*)::int` }).from(alert).where(within)
    .groupBy(day, alert.source).orderBy(day);
  const byKind = await ctx.db.select({ kind: alert.kind, source: alert.source, n: sql<number>`count(*)::int`, escalated: sql<number>`count(*) filter (where ${alert.escalationLevel} > 0)::int` })
    .from(alert).where(within).groupBy(alert.kind, alert.source).orderBy(sql`count(*) desc`);
  const rows = await ctx.db.select().from(alert).where(within).orderBy(desc(alert.raisedAt), desc(alert.id)).limit(300);
  return { orgId: q.orgId, from: q.from, to: q.to, ...totals!, byDay, byKind, alerts: await alertViews(ctx, rows) };
}
