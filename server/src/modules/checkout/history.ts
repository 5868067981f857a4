import type { Ctx } from '../../core/context.ts';
import { insertUnnest, reserveIds } from '../../core/db.ts';
import type { Meal } from './board.ts';
import { P } from './permissions.ts';

export interface HistorySale {
  accountId: number; entryId: number; requestKey: string; stationId: number | null; date: string; meal: Meal; method: 'card' | 'qr' | 'face';
  menuFen: number; dueFen: number; mealSubsidyFen: number; fromSubsidyFen: number; fromCashFen: number; soldAt: Date;
  lines: { dishId: number; portions: number; priceFen: number; amountFen: number }[];
}

/**
 * Loads past sales in bulk (the demo's year, a move from another system), each naming the account
 * entry that paid it — loaded first through the account module. The rows are those `recordSale` writes.
 */
export async function loadSalesHistory(ctx: Ctx, canteenId: number, sales: HistorySale[]): Promise<void> {
  ctx.access.requireCanteen(P['checkout.settlement.write'], canteenId);
  if (!sales.length) return;
  const first = await reserveIds(ctx.db, 'checkout_sale', sales.length);
  await insertUnnest(ctx.db, 'checkout_sale', [['id', 'bigint'], ['org_id', 'int'], ['station_id', 'int'], ['account_id', 'int'], ['request_key', 'text'], ['business_date', 'date'],
    ['meal', 'text'], ['method', 'text'], ['menu_fen', 'int'], ['due_fen', 'int'], ['meal_subsidy_fen', 'int'], ['from_subsidy_fen', 'int'], ['from_cash_fen', 'int'],
    ['entry_id', 'bigint'], ['sold_at', 'timestamptz'], ['created_by', 'int']],
  sales.map((s, i) => [first + i, canteenId, s.stationId, s.accountId, s.requestKey, s.date, s.meal, s.method, s.menuFen, s.dueFen, s.mealSubsidyFen, s.fromSubsidyFen, s.fromCashFen,
    s.entryId, s.soldAt.toISOString(), ctx.user?.id ?? null]));
  await insertUnnest(ctx.db, 'checkout_sale_line', [['sale_id', 'bigint'], ['dish_id', 'int'], ['how', 'text'], ['portions', 'int'], ['price_fen', 'int'], ['amount_fen', 'int']],
    sales.flatMap((s, i) => s.lines.map((l) => [first + i, l.dishId, 'tap', l.portions, l.priceFen, l.amountFen])));
}
