import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';

/** Canteens the caller sees with any of `permissions`, narrowed to one if named (404 when it is not among them). */
export function staffCanteens(ctx: Ctx, permissions: string[], canteenId?: number): number[] {
  const all = new Set(permissions.flatMap((p) => ctx.access.canteens(p)));
  if (canteenId === undefined) return [...all];
  if (!all.has(canteenId)) throw new AppError(404, 'canteen_not_found', '食堂不存在或无权查看', 'Canteen not found or not visible to you');
  return [canteenId];
}
