import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { addDays } from '../menu/index.ts';
import { photo, sample } from './schema.ts';

/**
 * The photo of a recent sample (today and the two days before) for the open-kitchen page diners
 * see. No permission check: the lead's route decides who sees it; older samples give null.
 */
export async function samplePhotoForOpenKitchen(ctx: Ctx, id: number): Promise<{ bytes: Buffer; type: string } | null> {
  const [row] = await ctx.db.select({ date: sample.date, bytes: photo.bytes, type: photo.type }).from(sample).innerJoin(photo, eq(photo.sampleId, sample.id)).where(eq(sample.id, id));
  if (!row || row.date < addDays(chinaDate(ctx.now()), -2)) return null;
  return { bytes: row.bytes, type: row.type };
}
