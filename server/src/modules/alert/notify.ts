import type { Ctx, Platform } from '../../core/context.ts';
import { peopleById, roleHoldersAt } from '../../core/people.ts';
import { alertKind } from './kinds.ts';
import { P } from './permissions.ts';
import { notification } from './schema.ts';
import { alertById, type AlertView } from './service.ts';
import { systemCtx } from './system.ts';

export interface Recipient {
  personId: number;
  name: string;
  username: string;
  phone: string | null;
}

/**
 * A way to tell people about an alert: in-app now, a DingTalk (浙政钉) adapter later. `send` is
 * called after the alert's transaction committed; a failure is logged and never undoes the alert.
 */
export interface Notifier {
  key: string;
  send(alert: AlertView, recipients: Recipient[]): Promise<void>;
}

/** Records who was notified in the alert centre (alert_notification) and logs one line. */
export function inAppNotifier(platform: Platform): Notifier {
  return {
    key: 'in_app',
    async send(alert, recipients) {
      if (recipients.length) {
        await platform.database.db.insert(notification)
          .values(recipients.map((r) => ({ alertId: alert.id, personId: r.personId, notifier: 'in_app', level: alert.escalationLevel, sentAt: platform.now() })))
          .onConflictDoNothing();
      }
      console.log(`[alert] ${alert.orgName ?? alert.orgId} · ${alert.titleZh} → ${recipients.map((r) => r.name).join('、') || '（无人可通知）'}`);
    },
  };
}

const notifiers = new WeakMap<Platform, Notifier[]>();

/** The notifiers of a platform: in-app always; adapters join with addNotifier. */
export function notifiersOf(platform: Platform): Notifier[] {
  let list = notifiers.get(platform);
  if (!list) notifiers.set(platform, (list = [inAppNotifier(platform)]));
  return list;
}

export function addNotifier(platform: Platform, notifier: Notifier): void {
  const list = notifiersOf(platform);
  if (list.some((n) => n.key === notifier.key)) throw new Error(`notifier ${notifier.key} is already registered`);
  list.push(notifier);
}

/**
 * Who hears of an alert at level 0: active people at the alert's own organisation holding the roles
 * its kind names as handlers, or else every role that may handle alerts there. Roles held higher up
 * (a bureau administrator) reach every canteen's alerts, but are told only when escalation gets to them.
 */
export async function recipientsOf(ctx: Ctx, orgId: number, kind: string): Promise<Recipient[]> {
  const roles = alertKind(kind)?.handlers ?? [...(await ctx.platform.grants())].filter(([, perms]) => perms.has(P['alert.alert.handle'])).map(([role]) => role);
  return roleHoldersAt(ctx.db, orgId, [...roles]);
}

/** Tells the recipients of a newly raised alert through every notifier. */
export async function notifyRaised(platform: Platform, alertId: number): Promise<void> {
  await tell(platform, alertId, (ctx, alert) => recipientsOf(ctx, alert.orgId, alert.kind));
}

/** Tells the people an escalation reached, unless someone acknowledged or resolved the alert meanwhile. */
export async function notifyEscalated(platform: Platform, alertId: number, personIds: number[]): Promise<void> {
  await tell(platform, alertId, async (ctx, alert) => (alert.status === 'open' ? peopleById(ctx.db, personIds) : []));
}

/** Sends the alert as it is now to its recipients through every notifier; each notifier fails alone. */
async function tell(platform: Platform, alertId: number, recipientsFor: (ctx: Ctx, alert: AlertView) => Promise<Recipient[]>): Promise<void> {
  const ctx = await systemCtx(platform);
  const alert = await alertById(ctx, alertId);
  if (!alert || alert.status === 'resolved') return;
  const recipients = await recipientsFor(ctx, alert);
  if (!recipients.length && alert.escalationLevel > 0) return;
  for (const n of notifiersOf(platform)) {
    try {
      await n.send(alert, recipients);
    } catch (err) {
      console.error(`[alert] notifier ${n.key} failed for alert ${alert.id}`, err);
    }
  }
}
