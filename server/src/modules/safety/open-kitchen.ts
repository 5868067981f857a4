import type { Ctx } from '../../core/context.ts';
import { bureauCanteen, bureauCanteens } from '../../core/bureau-canteens.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError } from '../../core/errors.ts';
import { inspectionDay, inspectionPhotoForOpenKitchen } from '../inspection/index.ts';
import { monitoringNow } from '../monitoring/index.ts';
import { sampleDay, samplePhotoForOpenKitchen } from '../sample/index.ts';
import { morningCheckDay } from '../worker/index.ts';

/** How many finished inspection items the open kitchen shows, newest first. */
const LATEST_INSPECTIONS = 12;

const yesterday = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function openKitchenCanteens(ctx: Ctx) {
  return bureauCanteens(ctx).map((c) => ({ id: c.id, name: c.name }));
}

/**
 * The open kitchen (阳光厨房) of one canteen, for diners: today's samples with their photos, the
 * latest self-inspection items with their watermarked photos, how many workers passed the morning
 * check (counts, no names or temperatures), whether the cold rooms are in range, and the live views
 * the canteen made public. Photos are served through this module so diners need no other rights.
 */
export async function openKitchen(ctx: Ctx, canteenId: number) {
  const canteen = bureauCanteen(ctx, canteenId);
  const today = chinaDate(ctx.now());
  const samples = await sampleDay(ctx, canteenId, today);
  const inspectedToday = await inspectionDay(ctx, canteenId, today);
  const inspected = inspectedToday.latest.length >= LATEST_INSPECTIONS
    ? inspectedToday.latest
    : [...inspectedToday.latest, ...(await inspectionDay(ctx, canteenId, yesterday(today))).latest];
  const checks = await morningCheckDay(ctx, canteenId, today);
  const monitoring = await monitoringNow(ctx, canteenId);
  const photo = (kind: 'sample' | 'inspection', id: number) => `/api/open-kitchen/${canteenId}/photos/${kind}/${id}`;
  return {
    canteenId, canteenName: canteen.name, date: today,
    morningChecks: { workers: checks.workers, checked: checks.checked, fit: checks.fit },
    samples: samples.samples.map((s) => ({ meal: s.meal, dishName: s.dishName, grams: s.grams, keptAt: s.keptAt, keeperName: s.keeperName, discardAfter: s.discardAfter, photoUrl: s.hasPhoto ? photo('sample', s.id) : null })),
    samplesMissing: samples.missing.length,
    inspections: inspected.slice(0, LATEST_INSPECTIONS).map((i) => ({ block: i.block, title: i.title, doneAt: i.doneAt, byName: i.byName, result: i.result, photoUrls: i.photoIds.map((id) => photo('inspection', id)) })),
    inspectionProgress: { tasks: inspectedToday.tasks, done: inspectedToday.done },
    coldChain: monitoring.sensors.map((s) => ({ place: s.place, name: s.name, temperatureC: s.temperatureC, ok: s.ok, at: s.at })),
    liveViews: monitoring.liveViews.filter((v) => v.public).map((v) => ({ name: v.name, url: v.url })),
  };
}

/** A photo the open kitchen shows: only of a canteen of the caller's bureau, and only while it is recent. */
export async function openKitchenPhoto(ctx: Ctx, canteenId: number, kind: 'sample' | 'inspection', id: number) {
  bureauCanteen(ctx, canteenId);
  const found = kind === 'sample' ? await samplePhotoForOpenKitchen(ctx, canteenId, id) : await inspectionPhotoForOpenKitchen(ctx, canteenId, id);
  if (!found) throw new AppError(404, 'photo_not_found', '照片不存在或已不公开', 'Photo not found or no longer public');
  return found;
}
