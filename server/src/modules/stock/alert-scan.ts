import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { batch, stockDoc } from './schema.ts';

/*
 * Reads for the alert module's stock scan. Like `onHand`, they check no permission: the scan runs
 * as the system after a stock change or once a day, with no person behind it.
 */

/** Batches of a canteen still in stock whose best-before is on or before `lastDay` (expired ones included). */
export async function batchesDueBy(ctx: Ctx, canteenId: number, lastDay: string) {
  return ctx.db.select({ id: batch.id, ingredientId: batch.ingredientId, receivedOn: batch.receivedOn, bestBefore: batch.bestBefore, qtyG: batch.qtyG })
    .from(batch).where(and(eq(batch.orgId, canteenId), sql`${batch.qtyG} > 0`, lte(batch.bestBefore, lastDay)))
    .orderBy(asc(batch.bestBefore), asc(batch.id));
}

/** Receipts of a canteen that still lack documents their ingredient categories require. */
export async function receiptsMissingDocuments(ctx: Ctx, canteenId: number) {
  return ctx.db.select({ id: stockDoc.id, no: stockDoc.no, businessDate: stockDoc.businessDate, missingDocuments: stockDoc.missingDocuments })
    .from(stockDoc).where(and(eq(stockDoc.orgId, canteenId), eq(stockDoc.kind, 'receipt'), sql`cardinality(${stockDoc.missingDocuments}) > 0`))
    .orderBy(asc(stockDoc.id));
}
