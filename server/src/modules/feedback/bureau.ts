import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { OrgNode } from '../../core/org-tree.ts';

/**
 * Canteens a diner may answer, write to and read the disclosure of: every canteen of their bureau, since a
 * diner of any agency unit may eat in any of them (as the published menus do).
 */
export function bureauCanteens(ctx: Ctx): OrgNode[] {
  const root = ctx.tree.root(ctx.user!.orgId);
  return ctx.tree.canteens().filter((c) => ctx.tree.root(c.id) === root);
}

/** One canteen of the caller's bureau; 404 for any other id, never revealing whether it exists elsewhere. */
export function bureauCanteen(ctx: Ctx, canteenId: number): OrgNode {
  const node = bureauCanteens(ctx).find((c) => c.id === canteenId);
  if (!node) throw new AppError(404, 'canteen_not_found', '食堂不存在', 'Canteen not found');
  return node;
}

/** Canteens the caller sees with any of `permissions`, narrowed to one if named (404 when it is not among them). */
export function staffCanteens(ctx: Ctx, permissions: string[], canteenId?: number): number[] {
  const all = new Set(permissions.flatMap((p) => ctx.access.canteens(p)));
  if (canteenId === undefined) return [...all];
  if (!all.has(canteenId)) throw new AppError(404, 'canteen_not_found', '食堂不存在或无权查看', 'Canteen not found or not visible to you');
  return [canteenId];
}
