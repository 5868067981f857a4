import type { Ctx, Platform } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { AppError } from '../../core/errors.ts';
import { publishedMenus } from '../menu/index.ts';
import type { MEALS } from './schema.ts';

export type Meal = (typeof MEALS)[number];
export interface BoardDish { dishId: number; name: string; nameEn: string | null; kind: string; priceFen: number; portionG: number; hasPhoto: boolean }
export interface Board { canteenId: number; date: string; meal: Meal; dishes: BoardDish[] }

/** Which meal a moment belongs to, by the clock in China: breakfast to 10:00, lunch to 14:30, dinner to 20:00, then late. */
export function mealAt(at: Date): { date: string; meal: Meal } {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
  const meal: Meal = minutes < 600 ? 'breakfast' : minutes < 870 ? 'lunch' : minutes < 1200 ? 'dinner' : 'late';
  return { date: chinaDate(at), meal };
}

/**
 * The station's board is asked for on every sale, so it is kept for a short while; publishing or
 * withdrawing a plan clears it at once (checkoutReactions), the TTL covers anything else.
 */
const BOARD_TTL_MS = 20_000;
const boards = new WeakMap<Platform, Map<string, { at: number; board: Promise<Board> }>>();

/** The dishes and prices of the published menu for a canteen's meal. */
export async function boardFor(ctx: Ctx, canteenId: number, date: string, meal: Meal): Promise<Board> {
  let cache = boards.get(ctx.platform);
  if (!cache) boards.set(ctx.platform, (cache = new Map()));
  const key = `${canteenId}|${date}|${meal}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < BOARD_TTL_MS) return hit.board;
  const board = publishedMenus(ctx, { date, canteenId }).then((menus) => ({
    canteenId, date, meal,
    dishes: (menus[0]?.meals.find((m) => m.meal === meal)?.dishes ?? []).map((d) => ({
      dishId: d.dishId, name: d.name, nameEn: d.nameEn ?? null, kind: d.kind, priceFen: d.priceFen, portionG: d.portionG, hasPhoto: d.hasPhoto,
    })),
  }));
  cache.set(key, { at: Date.now(), board });
  board.catch(() => cache.delete(key));
  return board;
}

export interface PricedLine {
  dishId: number; how: 'tap' | 'weigh' | 'recognize'; portions: number; weightG: number | null; priceFen: number; amountFen: number;
  name: string; suggestedDishId?: number; score?: number;
}

/**
 * Prices the lines from the menu, never from the station: a portion at the menu price, or by
 * weight pro rata to the dish's portion weight. A dish not on this meal's menu is refused.
 */
export function priceLines(board: Board, lines: { dishId: number; how: 'tap' | 'weigh' | 'recognize'; portions: number; weightG?: number; suggestedDishId?: number; score?: number }[]): PricedLine[] {
  const byId = new Map(board.dishes.map((d) => [d.dishId, d]));
  const missing = lines.filter((l) => !byId.has(l.dishId)).map((l) => l.dishId);
  if (missing.length) {
    throw new AppError(422, 'dish_not_on_menu', `本餐菜单中没有这些菜品：${missing.join(', ')}`, `Not on this meal's menu: ${missing.join(', ')}`, { dishIds: missing });
  }
  return lines.map((l) => {
    const d = byId.get(l.dishId)!;
    const weighed = l.how === 'weigh' && l.weightG !== undefined;
    const amountFen = weighed ? Math.round((l.weightG! * d.priceFen) / Math.max(d.portionG, 1)) : d.priceFen * l.portions;
    return { dishId: d.dishId, how: l.how, portions: weighed ? 1 : l.portions, weightG: weighed ? l.weightG! : null, priceFen: d.priceFen, amountFen, name: d.name, suggestedDishId: l.suggestedDishId, score: l.score };
  });
}

/** After-commit reactions: a plan published or withdrawn changes what the stations sell. */
export function checkoutReactions(platform: Platform): void {
  for (const event of ['menu.plan.published', 'menu.plan.withdrawn']) {
    platform.events.on(event, (p) => {
      const { canteenId, date, meal } = p as { canteenId: number; date: string; meal: Meal };
      boards.get(platform)?.delete(`${canteenId}|${date}|${meal}`);
    });
  }
}
