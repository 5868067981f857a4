import type { Ctx, Platform } from '../../core/context.ts';
import { makeCtx } from '../../core/context-factory.ts';

/**
 * The ctx of scans and notifications that no person started. It holds no permissions: it calls only
 * other modules' functions meant for modules (which check none) and this module's own raise/resolve.
 * `user` is null, so the audit log and the alert rows record the system as the actor.
 */
export function systemCtx(platform: Platform): Promise<Ctx> {
  return makeCtx(platform, null, [], 'zh');
}
