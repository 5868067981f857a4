import type { Platform } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { RECEIPT_DOCUMENTS_COMPLETE, RECEIPT_MISSING_DOCUMENTS, STOCK_CHANGED } from '../stock/index.ts';
import { escalateDue } from './escalation.ts';
import { ALERT_ESCALATED, ALERT_RAISED, type AlertEscalated, type AlertRaised } from './events.ts';
import { notifyEscalated, notifyRaised } from './notify.ts';
import { scanStockAlerts } from './stock-alerts.ts';
import { systemCtx } from './system.ts';

/** How often the clock is read, so a new business day is noticed within this time. */
const CLOCK_CHECK_MS = 10 * 60_000;
/**
 * Every canteen is also swept this often: some changes emit no event (a new minimum stock, bulk
 * loads such as the demo history), and they should not wait for the next day.
 */
const SWEEP_EVERY_MS = 60 * 60_000;
/** How often unacknowledged alerts are checked for escalation; levels are minutes apart. */
const ESCALATION_CHECK_MS = 30_000;

/**
 * The alert module's background work on one platform: canteen scans after stock changes, at start,
 * on each new business day and hourly, and notifications of new alerts. Nothing here may throw into
 * the event bus or the timer: every failure is logged and the next change or sweep tries again.
 */
export class AlertJobs {
  /** Per canteen: the scan running now, and whether another change arrived meanwhile. */
  private scans = new Map<number, { again: boolean; done: Promise<void> }>();
  private pending = new Set<Promise<void>>();
  private swept: { day: string; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private escalationTimer: NodeJS.Timeout | null = null;
  private escalating: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly platform: Platform) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), CLOCK_CHECK_MS);
    // The timer alone must not keep the process (or a test run) alive.
    this.timer.unref();
    this.escalationTimer = setInterval(() => void this.escalate(), ESCALATION_CHECK_MS);
    this.escalationTimer.unref();
    void this.sweep();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.escalationTimer) clearInterval(this.escalationTimer);
  }

  /** Escalates the alerts whose time has come (by platform.now); one run at a time. Returns how many went up. */
  escalate(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.escalating ??= escalateDue(this.platform)
      .catch((err) => {
        console.error('[alert] escalation failed', err);
        return 0;
      })
      .finally(() => (this.escalating = null));
    return this.escalating;
  }

  /**
   * Scans one canteen. A burst of stock changes (twenty issues in a second) costs at most the scan
   * running now plus one more, which then sees all of them.
   */
  scan(canteenId: number): Promise<void> {
    const current = this.scans.get(canteenId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: true, done: Promise.resolve() };
    this.scans.set(canteenId, entry);
    entry.done = this.track(this.scanWhileChanged(canteenId, entry));
    return entry.done;
  }

  private async scanWhileChanged(canteenId: number, entry: { again: boolean }): Promise<void> {
    try {
      while (entry.again && !this.stopped) {
        entry.again = false;
        try {
          await scanStockAlerts(await systemCtx(this.platform), canteenId);
        } catch (err) {
          console.error(`[alert] stock scan of canteen ${canteenId} failed`, err);
        }
      }
    } finally {
      this.scans.delete(canteenId);
    }
  }

  /**
   * Scans every canteen when the business day (by platform.now, which tests move) differs from the
   * last sweep's — best-before dates come closer without any stock moving — or the last sweep is an
   * hour old. Called at start and by the timer.
   */
  async sweep(): Promise<void> {
    const now = this.platform.now();
    const day = chinaDate(now);
    if (this.stopped || (this.swept && this.swept.day === day && now.getTime() - this.swept.at < SWEEP_EVERY_MS)) return;
    this.swept = { day, at: now.getTime() };
    await this.scanAll();
  }

  /** Scans every canteen now, e.g. right after a bulk load that emitted no stock events. */
  async scanAll(): Promise<void> {
    try {
      const tree = await this.platform.orgTree();
      await Promise.all(tree.canteens().map((c) => this.scan(c.id)));
    } catch (err) {
      console.error('[alert] scan of all canteens failed', err);
    }
  }

  notify(alertId: number): void {
    void this.track(notifyRaised(this.platform, alertId).catch((err) => console.error(`[alert] notifying alert ${alertId} failed`, err)));
  }

  notifyEscalated(e: AlertEscalated): void {
    void this.track(notifyEscalated(this.platform, e.alertId, e.personIds).catch((err) => console.error(`[alert] notifying escalated alert ${e.alertId} failed`, err)));
  }

  /** Resolves when no scan or notification is under way (tests wait on it after a change). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<void>): Promise<void> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }
}

const jobs = new WeakMap<Platform, AlertJobs>();

/** The alert jobs of a platform (started by alertReactions), to wait on, sweep, or stop. */
export function alertJobs(platform: Platform): AlertJobs {
  const j = jobs.get(platform);
  if (!j) throw new Error('alertReactions has not been registered on this platform');
  return j;
}

const canteenOf = (payload: unknown) => (payload as { orgId: number }).orgId;

/** Subscribes the alert module to the events that can change an alert's condition, and starts the sweep timer. */
export function alertReactions(platform: Platform): AlertJobs {
  const existing = jobs.get(platform);
  if (existing) return existing;
  const j = new AlertJobs(platform);
  jobs.set(platform, j);
  for (const event of [STOCK_CHANGED, RECEIPT_MISSING_DOCUMENTS, RECEIPT_DOCUMENTS_COMPLETE]) {
    platform.events.on(event, (payload) => void j.scan(canteenOf(payload)));
  }
  platform.events.on(ALERT_RAISED, (payload) => j.notify((payload as AlertRaised).alertId));
  platform.events.on(ALERT_ESCALATED, (payload) => j.notifyEscalated(payload as AlertEscalated));
  j.start();
  return j;
}
