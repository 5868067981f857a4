import type { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError } from '../../core/errors.ts';
import { alertSummary } from '../alert/index.ts';
import { inspectionDay } from '../inspection/index.ts';
import { monitoringNow } from '../monitoring/index.ts';
import { sampleDay } from '../sample/index.ts';
import { morningCheckDay } from '../worker/index.ts';
import type { DayQuery } from './contracts.ts';
import { P } from './permissions.ts';

/**
 * A canteen's food-safety day for the site manager and the canteen head: who was checked in and
 * who is missing, the samples kept, the self-inspection done, the sensors now, and the alerts still
 * open. Each part comes from its own module; the live parts (sensors, alerts) are as of now.
 */
export async function safetyDay(ctx: Ctx, q: z.infer<typeof DayQuery>) {
  ctx.access.requireCanteen(P['safety.day.read'], q.canteenId);
  const today = chinaDate(ctx.now());
  const date = q.date ?? today;
  if (date > today) throw new AppError(400, 'future_date', '不能查看未来的日期', 'That date is still to come');
  // One connection per request: the parts run one after another.
  const morningChecks = await morningCheckDay(ctx, q.canteenId, date);
  const samples = await sampleDay(ctx, q.canteenId, date);
  const inspection = await inspectionDay(ctx, q.canteenId, date);
  const monitoring = await monitoringNow(ctx, q.canteenId);
  const alerts = await alertSummary(ctx, { orgId: q.canteenId });
  return {
    canteenId: q.canteenId, canteenName: ctx.tree.get(q.canteenId)?.name ?? null, date, today: date === today,
    morningChecks, samples, inspection, monitoring, alerts,
  };
}
