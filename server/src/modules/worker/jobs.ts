import { eq } from 'drizzle-orm';
import { inTransaction, type Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { DEVICE_READING, sendDeviceCommand, type CheckKioskCommand, type CheckKioskReading, type Reading } from '../../devices/index.ts';
import { syncCanteenCertificateAlerts } from './alerts.ts';
import { checkFromDevice, type KioskOutcome } from './checks.ts';
import { worker } from './schema.ts';
import { settingsOf } from './settings.ts';

/**
 * Raises and clears every canteen's certificate alerts as of today (China time): expiring within the
 * canteen's warning days, expired, or cleared (renewed, worker inactive). Idempotent; the daily timer
 * calls it, tests call it after moving the clock.
 */
export async function sweepCertificates(platform: Platform): Promise<{ expiring: number; expired: number }> {
  const ctx = await makeCtx(platform, null, [], 'zh');
  const today = chinaDate(ctx.now());
  let expiring = 0, expired = 0;
  for (const canteen of ctx.tree.canteens()) {
    const n = await inTransaction(ctx, async (tx) => {
      const { certificateWarnDays } = await settingsOf(tx, canteen.id);
      const rows = await tx.db.select().from(worker).where(eq(worker.orgId, canteen.id));
      return syncCanteenCertificateAlerts(tx, canteen.id, rows, today, certificateWarnDays);
    });
    expiring += n.expiring;
    expired += n.expired;
  }
  return { expiring, expired };
}

const TEXT: Record<KioskOutcome['status'], { zh: string; en: string }> = {
  fit: { zh: '晨检合格，可以上岗', en: 'Fit for duty' },
  unfit: { zh: '晨检不合格，不得上岗', en: 'Not fit for duty' },
  already_checked: { zh: '今天已晨检', en: 'Already checked today' },
  unknown_badge: { zh: '工牌未登记，请联系项目经理', en: 'Badge not registered; ask the site manager' },
  inactive: { zh: '人员已停用，请联系项目经理', en: 'Worker inactive; ask the site manager' },
};

/** The answer a kiosk shows: the outcome, the worker's name and why not fit. */
export function commandFor(badge: string, at: string, o: KioskOutcome): CheckKioskCommand {
  const check = 'check' in o ? o.check : null;
  const text = TEXT[o.status];
  const fit = check ? (check.fit ? 'fit' : 'unfit') : null;
  return {
    action: 'result', badge, at, status: o.status, name: check?.workerName ?? null, fit, reasons: check?.reasons ?? [],
    zh: check && !check.fit ? `${text.zh}：${check.reasonText.zh}` : text.zh,
    en: check && !check.fit ? `${text.en}: ${check.reasonText.en}` : text.en,
  };
}

/** Readings the kiosks sent since start, for logs and the bench. */
export interface KioskCounts { checks: number; replays: number; alreadyChecked: number; unknownBadges: number; failed: number }

/** How often the clock is read; a new business day starts a certificate sweep within this time. */
const CLOCK_CHECK_MS = 10 * 60_000;
/** The first sweep after start waits a little, so starting (and short tests) are not slowed. */
const FIRST_SWEEP_MS = 30_000;

class WorkerJobs {
  readonly counts: KioskCounts = { checks: 0, replays: 0, alreadyChecked: 0, unknownBadges: 0, failed: 0 };
  private timers: NodeJS.Timeout[] = [];
  private sweptDay: string | null = null;
  private stopped = false;
  private pending = new Set<Promise<unknown>>();

  constructor(private readonly platform: Platform) {}

  start(): void {
    const first = setTimeout(() => void this.daily(), FIRST_SWEEP_MS);
    const every = setInterval(() => void this.daily(), CLOCK_CHECK_MS);
    first.unref();
    every.unref();
    this.timers.push(first, every);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
  }

  /** Sweeps once per business day. */
  async daily(): Promise<void> {
    const day = chinaDate(this.platform.now());
    if (this.stopped || day === this.sweptDay) return;
    this.sweptDay = day;
    await this.track(sweepCertificates(this.platform).catch((err) => {
      this.sweptDay = null;
      console.error('[worker] certificate sweep failed', err);
    }));
  }

  /** A kiosk's check: recorded (or recognised as a resend), answered on the kiosk's command topic. */
  async reading(r: Reading): Promise<void> {
    if (this.stopped) return;
    const data = r.data as CheckKioskReading;
    try {
      const ctx = await makeCtx(this.platform, null, [], 'zh');
      const o = await inTransaction(ctx, (tx) => checkFromDevice(tx, { id: r.deviceId, orgId: r.orgId, code: r.code }, data, new Date(r.at)));
      if (o.status === 'unknown_badge') {
        this.counts.unknownBadges++;
        console.warn(`[worker] kiosk ${r.code}: badge ${data.badge} is not registered at its canteen`);
      } else if (o.status === 'already_checked') this.counts.alreadyChecked++;
      else if ('replayed' in o && o.replayed) this.counts.replays++;
      else if (o.status !== 'inactive') this.counts.checks++;
      await sendDeviceCommand(this.platform, r.code, commandFor(data.badge, r.at, o));
    } catch (err) {
      this.counts.failed++;
      console.error(`[worker] check from kiosk ${r.code} not recorded`, err);
    }
  }

  /** Resolves when no reading or sweep is being handled (tests wait on it). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }
}

const jobs = new WeakMap<Platform, WorkerJobs>();

/**
 * The worker module's background work on one platform: check-kiosk readings become morning checks,
 * and certificate alerts are swept once a business day (unref'd timer; stopWorkerJobs ends it).
 */
export function workerReactions(platform: Platform): void {
  if (jobs.has(platform)) return;
  const j = new WorkerJobs(platform);
  jobs.set(platform, j);
  platform.events.on(DEVICE_READING, (payload) => {
    const r = payload as Reading;
    if (r.kind === 'check_kiosk') void j.track(j.reading(r));
  });
  j.start();
}

/** Stops the sweep timer and waits for readings being handled (shutdown, tests). */
export async function stopWorkerJobs(platform: Platform): Promise<void> {
  const j = jobs.get(platform);
  if (!j) return;
  j.stop();
  await j.idle();
}

/** What the kiosks sent since start, and a way to wait until their checks are written. */
export function kioskActivity(platform: Platform): { counts: KioskCounts; idle: () => Promise<void> } {
  const j = jobs.get(platform);
  if (!j) throw new Error('workerReactions has not been registered on this platform');
  return { counts: j.counts, idle: () => j.idle() };
}
