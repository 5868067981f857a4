import type { Platform } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { RECEIPT_DOCUMENTS_COMPLETE, RECEIPT_MISSING_DOCUMENTS, STOCK_CHANGED } from '../stock/index.ts';
import { ALERT_RAISED, type AlertRaised } from './events.ts';
import { notifyRaised } from './notify.ts';
import { scanStockAlerts } from './stock-alerts.ts';
import { systemCtx } from './system.ts';

/** How often the clock is read to notice a new business day; scans run once per day, not per check. */
export const DAY_CHECK_INTERVAL_MS = 10 * 60_000;

/**
 * The alert module's background work on one platform: canteen scans after stock changes and once a
 * business day, and notifications of new alerts. Nothing here may throw into the event bus or the
 * timer: every failure is logged and the next change or day tries again.
 */
export class AlertJobs {
  /** Per canteen: the scan running now, and whether another change arrived meanwhile. */
  private scans = new Map<number, { again: boolean; done: Promise<void> }>();
  private pending = new Set<Promise<void>>();
  private scannedDay: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly platform: Platform) {}

  start(): void {
    this.timer = setInterval(() => void this.daily(), DAY_CHECK_INTERVAL_MS);
    // The timer alone must not keep the process (or a test run) alive.
    this.timer.unref();
    void this.daily();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
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
   * last scanned one: best-before dates come closer without any stock moving. Called at start and
   * by the timer.
   */
  async daily(): Promise<void> {
    const today = chinaDate(this.platform.now());
    if (this.stopped || today === this.scannedDay) return;
    this.scannedDay = today;
    try {
      const tree = await this.platform.orgTree();
      await Promise.all(tree.canteens().map((c) => this.scan(c.id)));
    } catch (err) {
      console.error('[alert] daily scan failed', err);
    }
  }

  notify(alertId: number): void {
    void this.track(notifyRaised(this.platform, alertId).catch((err) => console.error(`[alert] notifying alert ${alertId} failed`, err)));
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

/** The alert jobs of a platform (started by alertReactions), to wait on, run the day check, or stop. */
export function alertJobs(platform: Platform): AlertJobs {
  const j = jobs.get(platform);
  if (!j) throw new Error('alertReactions has not been registered on this platform');
  return j;
}

const canteenOf = (payload: unknown) => (payload as { orgId: number }).orgId;

/** Subscribes the alert module to the events that can change an alert's condition, and starts the day timer. */
export function alertReactions(platform: Platform): AlertJobs {
  const existing = jobs.get(platform);
  if (existing) return existing;
  const j = new AlertJobs(platform);
  jobs.set(platform, j);
  for (const event of [STOCK_CHANGED, RECEIPT_MISSING_DOCUMENTS, RECEIPT_DOCUMENTS_COMPLETE]) {
    platform.events.on(event, (payload) => void j.scan(canteenOf(payload)));
  }
  platform.events.on(ALERT_RAISED, (payload) => j.notify((payload as AlertRaised).alertId));
  j.start();
  return j;
}
