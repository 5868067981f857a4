import type { Ctx } from './context.ts';
import { auditLog } from './schema.ts';

export interface AuditEntry {
  orgId: number | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Written in the caller's transaction, so a change and its audit record commit or vanish together. */
export async function audit(ctx: Ctx, e: AuditEntry): Promise<void> {
  await ctx.db.insert(auditLog).values({
    orgId: e.orgId,
    actorId: ctx.user?.id ?? null,
    actorName: ctx.user?.name ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId === null ? null : String(e.entityId),
    before: e.before ?? null,
    after: e.after ?? null,
    at: ctx.now(),
  });
}
