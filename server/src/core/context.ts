import type { Config } from './config.ts';
import type { Database, Db } from './db.ts';
import type { Lang } from './errors.ts';
import type { EventBus } from './events.ts';
import type { OrgTree } from './org-tree.ts';
import type { Access } from './permissions.ts';
import type { ResponseCache } from './response-cache.ts';

export interface SessionUser {
  id: number;
  name: string;
  username: string;
  orgId: number;
  sessionId: string;
  csrfToken: string;
}

/** Shared by every request: the database, the clock, the event bus and the caches. */
export interface Platform {
  config: Config;
  database: Database;
  events: EventBus;
  now(): Date;
  /** Signed-in sessions by token hash, kept briefly so most requests need no session query. */
  sessions: Map<string, { at: number; value: unknown }>;
  /** Answers of the read routes that ask for it (`cache: true`). */
  responses: ResponseCache;
  orgTree(): Promise<OrgTree>;
  grants(): Promise<Map<string, Set<string>>>;
  invalidateCaches(): void;
}

/** What every service function receives: the transaction, the caller, their access, the clock and emit. */
export interface Ctx {
  db: Db;
  platform: Platform;
  user: SessionUser | null;
  access: Access;
  tree: OrgTree;
  lang: Lang;
  now(): Date;
  emit(name: string, payload: unknown): void;
  /** Cached kinds this transaction has written (core/read-cache.ts); absent outside transactions. */
  written?: Set<string>;
}

/** Runs `fn` in one transaction; events emitted inside are delivered only after it commits. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const pending: { name: string; payload: unknown }[] = [];
  const result = await ctx.db.transaction(async (db) =>
    fn({ ...ctx, db, written: new Set(), emit: (name, payload) => pending.push({ name, payload }) }),
  );
  for (const e of pending) ctx.emit(e.name, e.payload);
  return result;
}
