import type { Ctx } from '../../core/context.ts';
import { liveViewsOf } from './cameras.ts';
import { eventsToReview } from './kitchen-events.ts';
import { sensorsOf } from './sensors.ts';

export interface MonitoringNow {
  sensors: { deviceId: number; name: string; place: string; temperatureC: number | null; humidityPct: number | null; at: string | null; ok: boolean }[];
  eventsToReview: number;
  liveViews: { name: string; url: string; public: boolean }[];
}

/**
 * One canteen at a glance for the day pages: every sensor with its current value (ok = a fresh
 * reading within its thresholds; no reading for 10 minutes is not ok), the camera events waiting
 * for review, and the live views. No permission check: the caller has done it.
 */
export async function monitoringNow(ctx: Ctx, canteenId: number): Promise<MonitoringNow> {
  const [sensors, toReview, liveViews] = [await sensorsOf(ctx, [canteenId]), await eventsToReview(ctx, canteenId), await liveViewsOf(ctx, canteenId)];
  return {
    sensors: sensors.map((s) => ({ deviceId: s.deviceId, name: s.name, place: s.place, temperatureC: s.temperatureC, humidityPct: s.humidityPct, at: s.at, ok: s.status === 'ok' || s.status === 'holding' })),
    eventsToReview: toReview,
    liveViews,
  };
}
