import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Records another record may refer to must be owned by that record's organisation or one above it:
 * a canteen's private dish or ingredient never leaks into another canteen. Answers 422 naming the bad ids.
 */
export function requireOwnedAbove<T extends { orgId: number }>(
  ctx: Ctx, orgId: number, ids: number[], found: Map<number, T>, what: { code: string; zh: string; en: string },
): Map<number, T> {
  const allowed = new Set(ctx.tree.ancestry(orgId));
  const bad = [...new Set(ids)].filter((id) => !found.has(id) || !allowed.has(found.get(id)!.orgId));
  if (bad.length) {
    throw new AppError(422, what.code, `${what.zh}不存在或不可用：${bad.join(', ')}`, `Unknown or unavailable ${what.en}: ${bad.join(', ')}`, { ids: bad });
  }
  return found;
}

/** Records by code as seen from `orgId`: owned by it or above it, the nearest owner winning a shared code. */
export function nearestByCode<T extends { orgId: number; code: string }>(ctx: Ctx, orgId: number, list: T[]): Map<string, T> {
  const chain = ctx.tree.ancestry(orgId);
  const rank = (o: number) => chain.indexOf(o);
  const out = new Map<string, T>();
  for (const r of list.filter((x) => chain.includes(x.orgId)).sort((a, b) => rank(b.orgId) - rank(a.orgId))) out.set(r.code, r);
  return out;
}
