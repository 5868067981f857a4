import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { addDays } from '../menu/index.ts';
import { photo, sample } from './schema.ts';

/**
 * The photo of a recent sample (today and the two days before) for the open-kitchen page diners
 * see, if it is of this canteen. No permission check: the open-kitchen route decides who sees it;
 * older samples and other canteens' give null.
 */
export async function samplePhotoForOpenKitchen(ctx: Ctx, canteenId: number, id: number): Promise<{ bytes: Buffer; type: string } | null> {
  const [row] = await ctx.db.select({ date: sample.date, bytes: photo.bytes, type: photo.type }).from(sample).innerJoin(photo, eq(photo.sampleId, sample.id))
    .where(and(eq(sample.id, id), eq(sample.orgId, canteenId)));
  if (!row || row.date < addDays(chinaDate(ctx.now()), -2)) return null;
  return { bytes: row.bytes, type: row.type };
}
