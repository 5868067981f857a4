import { rolePermission } from './schema.ts';
import type { Config } from './config.ts';
import type { Platform } from './context.ts';
import type { Database } from './db.ts';
import { EventBus } from './events.ts';
import { OrgTree } from './org-tree.ts';
import { ResponseCache } from './response-cache.ts';

/** Emitted by any change to organisations, people's roles, grants or sessions. */
export const CACHES_STALE = 'core.caches_stale';

export function createPlatform(config: Config, database: Database, now: () => Date = () => new Date()): Platform {
  let tree: Promise<OrgTree> | null = null;
  let grants: Promise<Map<string, Set<string>>> | null = null;
  const sessions = new Map<string, { at: number; value: unknown }>();
  const events = new EventBus();
  const responses = new ResponseCache(database.changes);
  const platform: Platform = {
    config,
    database,
    events,
    now,
    sessions,
    responses,
    orgTree: () => (tree ??= OrgTree.load(database.db)),
    grants: () =>
      (grants ??= database.db.select().from(rolePermission).then((list) => {
        const map = new Map<string, Set<string>>();
        for (const g of list) map.set(g.roleKey, (map.get(g.roleKey) ?? new Set()).add(g.permission));
        return map;
      })),
    invalidateCaches: () => {
      tree = null;
      grants = null;
      sessions.clear();
      // Answers were scoped by the tree, the roles and the grants in force when they were read.
      responses.clear();
    },
  };
  // Cleared again after the changing transaction commits, so a concurrent reader cannot re-cache old data.
  events.on(CACHES_STALE, () => platform.invalidateCaches());
  return platform;
}
