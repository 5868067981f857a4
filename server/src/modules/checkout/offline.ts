import { z } from 'zod';
import { inTransaction, type Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { accountFor, accountPermissions, rosterFor } from '../account/index.ts';
import { MEALS } from './schema.ts';
import { boardFor, mealAt, type PricedLine } from './board.ts';
import type { SyncInput } from './contracts.ts';
import { P } from './permissions.ts';
import { recordSale } from './sale.ts';

/** How far back a station may sync a sale it made offline: a station off the network longer than this needs a person to look at it. */
export const OFFLINE_MAX_DAYS = 7;

/**
 * What a station downloads to keep selling when it cannot reach the server: today's menu for
 * every meal and the roster of diners with their balances and offline limits.
 */
export async function offlinePack(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['checkout.sale.write'], canteenId);
  const { date } = mealAt(ctx.now());
  const boards = await Promise.all(MEALS.map((m) => boardFor(ctx, canteenId, date, m)));
  const roster = await rosterFor(ctx, canteenId, accountPermissions['account.account.read']);
  return { canteenId, date, issuedAt: ctx.now(), boards, roster };
}

/**
 * Sales a station made offline, sent when it is back. Each is recorded in its own transaction
 * under its request key, so a batch sent twice, or cut off half way and sent again, records every
 * sale exactly once; one bad sale does not hold back the others.
 */
export async function syncSales(ctx: Ctx, input: z.infer<typeof SyncInput>) {
  ctx.access.requireCanteen(P['checkout.sale.write'], input.canteenId);
  const results = [];
  for (const s of input.sales) {
    try {
      const soldAt = new Date(s.soldAt);
      if (soldAt.getTime() > ctx.now().getTime() + 5 * 60_000) throw new AppError(422, 'sold_in_future', '销售时间晚于当前时间，请检查结算台时钟', 'Sold in the future: check the station clock');
      if (ctx.now().getTime() - soldAt.getTime() > OFFLINE_MAX_DAYS * 86_400_000) {
        throw new AppError(422, 'offline_too_old', `超过 ${OFFLINE_MAX_DAYS} 天的离线销售需人工核对`, `Offline sales older than ${OFFLINE_MAX_DAYS} days need a person to check them`);
      }
      const r = await inTransaction(ctx, async (tx) => {
        const account = await accountFor(tx, s.accountId, accountPermissions['account.account.read']);
        const { date, meal } = mealAt(soldAt);
        const names = new Map((await boardFor(tx, input.canteenId, date, meal)).dishes.map((d) => [d.dishId, d]));
        // The station charged these amounts and the diner saw them: they are what happened.
        const lines: PricedLine[] = s.lines.map((l) => ({
          dishId: l.dishId, how: l.how, portions: l.portions, weightG: l.weightG ?? null, amountFen: l.amountFen,
          priceFen: names.get(l.dishId)?.priceFen ?? Math.round(l.amountFen / l.portions), name: names.get(l.dishId)?.name ?? '',
          suggestedDishId: l.suggestedDishId, score: l.score,
        }));
        return recordSale(tx, { canteenId: input.canteenId, stationId: input.stationId, requestKey: s.requestKey, payer: { accountId: account.id }, method: s.method, lines, date, meal, soldAt, offline: true });
      });
      results.push({ requestKey: s.requestKey, status: r.replayed ? 'duplicate' as const : 'recorded' as const, saleId: r.view.id, shortfallFen: r.view.shortfallFen });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ requestKey: s.requestKey, status: 'rejected' as const, code: e.code, message: ctx.lang === 'en' ? e.en : e.zh });
    }
  }
  return {
    recorded: results.filter((r) => r.status === 'recorded').length,
    duplicates: results.filter((r) => r.status === 'duplicate').length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    results,
  };
}
