import type { Platform } from '../../core/context.ts';
import { INGREDIENT_CHANGED } from '../ingredient/index.ts';
import { DISH_CHANGED, forgetDishFacts } from './service.ts';

/** After-commit reactions: recipe or ingredient changes make the cached dish facts stale. */
export function dishReactions(platform: Platform): void {
  for (const event of [DISH_CHANGED, INGREDIENT_CHANGED]) platform.events.on(event, () => forgetDishFacts(platform));
}
