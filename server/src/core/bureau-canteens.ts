import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import type { OrgNode } from './org-tree.ts';

/**
 * Canteens any signed-in person of a bureau may see the public side of (menus, disclosure, open
 * kitchen): every canteen of their bureau, since a diner of any agency unit may eat in any of them.
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
