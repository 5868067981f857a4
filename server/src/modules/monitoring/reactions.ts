import type { Platform } from '../../core/context.ts';
import { DEVICE_READING, type Reading } from '../../devices/index.ts';
import { PROFILE_CHANGED, SensorWatch } from './watch.ts';

const watches = new WeakMap<Platform, SensorWatch>();

/** The sensor watch of a platform (started by monitoringReactions): current values, flush, sweep, stop. */
export function monitoringJobs(platform: Platform): SensorWatch {
  const w = watches.get(platform);
  if (!w) throw new Error('monitoringReactions has not been registered on this platform');
  return w;
}

/** The sensor watch if the platform runs one (a platform seeded without the app has none: no live values). */
export const sensorWatchOf = (platform: Platform): SensorWatch | undefined => watches.get(platform);

/**
 * Subscribes the monitoring module to every device reading (sensors are evaluated in memory) and to
 * its own profile changes, and starts the history flush and the hold-time sweep (unref'd timers).
 */
export function monitoringReactions(platform: Platform): SensorWatch {
  const existing = watches.get(platform);
  if (existing) return existing;
  const w = new SensorWatch(platform);
  watches.set(platform, w);
  platform.events.on(DEVICE_READING, (payload) => w.onReading(payload as Reading));
  platform.events.on(PROFILE_CHANGED, () => w.profilesChanged());
  w.start();
  return w;
}

/** Stops the timers and writes the buffered history before the database closes (shutdown, tests). */
export async function stopMonitoringJobs(platform: Platform): Promise<void> {
  await watches.get(platform)?.stop();
}
