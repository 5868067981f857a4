import type { Ctx } from '../../core/context.ts';

/**
 * Stock on hand in grams per ingredient for one canteen. The stock module (goods receipt, issues,
 * counts) fills this in; until stock is recorded, nothing is on hand and requisitions buy the full need.
 */
export async function onHand(_ctx: Ctx, _canteenId: number, ingredientIds: number[]): Promise<Map<number, number>> {
  return new Map(ingredientIds.map((id) => [id, 0]));
}
