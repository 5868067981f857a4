import { useEffect, useState } from 'react';
import { get, post, put } from '../../api.ts';

/** Shapes of server/src/modules/alert (AlertView, alertSummary, AlertKindDef). */
export type Severity = 'info' | 'warning' | 'critical';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertRow {
  id: number;
  orgId: number;
  orgName: string | null;
  source: string;
  kind: string;
  key: string;
  severity: Severity;
  status: AlertStatus;
  titleZh: string;
  titleEn: string;
  detail: Record<string, unknown>;
  link: { entity: string; id: string; path: string | null } | null;
  raisedAt: string;
  raisedByName: string | null;
  lastSeenAt: string;
  seenCount: number;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolvedBySystem: boolean;
  resolveNote: string;
  escalationLevel: number;
  nextEscalationAt: string | null;
  notified: { personId: number; name: string | null; notifier: string; level: number; sentAt: string }[];
}

export interface AlertSummary {
  open: number;
  acknowledged: number;
  bySeverity: Record<Severity, number>;
}

export interface AlertKind {
  key: string;
  source: string;
  zh: string;
  en: string;
  severity: Severity;
}

export const listAlerts = (q: { orgId?: number; status?: string; kind?: string; severity?: string }) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return get<AlertRow[]>(`/api/alerts?${params}`);
};
export const alertKinds = () => get<AlertKind[]>('/api/alerts/kinds');

export interface EscalationRules {
  orgId: number;
  /** The organisation whose setting applies (the canteen's own, its centre's …), null for the defaults. */
  fromOrgId: number | null;
  afterMinutes: Record<Severity, number | null>;
  levels: { level: number; zh: string; en: string }[];
}
export const escalationRules = (orgId: number) => get<EscalationRules>(`/api/alerts/escalation?orgId=${orgId}`);
export const setEscalationRules = (orgId: number, afterMinutes: EscalationRules['afterMinutes']) => put<EscalationRules>('/api/alerts/escalation', { orgId, afterMinutes });

export interface AlertHistory {
  raised: number;
  resolved: number;
  unresolved: number;
  escalated: number;
  critical: number;
  meanAckMinutes: number | null;
  meanResolveMinutes: number | null;
  byDay: { date: string; source: string; n: number }[];
  byKind: { kind: string; source: string; n: number; escalated: number }[];
  alerts: AlertRow[];
}
export const alertHistory = (orgId: number, from: string, to: string) => get<AlertHistory>(`/api/alerts/history?orgId=${orgId}&from=${from}&to=${to}`);
export const acknowledge = async (id: number) => changed(await post<AlertRow>(`/api/alerts/${id}/acknowledge`));
export const resolve = async (id: number, note: string) => changed(await post<AlertRow>(`/api/alerts/${id}/resolve`, { note }));

/*
 * The menu badge, the home panel and the alert centre show the same counts: one summary, fetched
 * once a minute and again right after this browser acknowledges or resolves an alert.
 */
const listeners = new Set<() => void>();
function changed<T>(value: T): T {
  listeners.forEach((l) => l());
  return value;
}

/** Calls `fn` now, every minute, and after any change made on this page. */
export function useAlertRefresh(fn: () => void, deps: unknown[] = []) {
  useEffect(() => {
    fn();
    const timer = setInterval(fn, 60_000);
    listeners.add(fn);
    return () => {
      clearInterval(timer);
      listeners.delete(fn);
    };
  }, deps);
}

/** Unresolved alerts of the caller's canteens; null until loaded or when it failed. */
export function useAlertSummary(): AlertSummary | null {
  const [summary, setSummary] = useState<AlertSummary | null>(null);
  useAlertRefresh(() => {
    get<AlertSummary>('/api/alerts/summary').then(setSummary, () => setSummary(null));
  });
  return summary;
}
