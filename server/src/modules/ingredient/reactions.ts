import type { Platform } from '../../core/context.ts';
import { INGREDIENT_CHANGED, ingredientCache } from './service.ts';

/** After commit, cleared once more: a reader during the writing transaction may have cached old rows. */
export function ingredientReactions(platform: Platform): void {
  platform.events.on(INGREDIENT_CHANGED, () => ingredientCache.clear(platform));
}
