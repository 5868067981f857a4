import type { Ctx, Platform } from './context.ts';

/**
 * Rows that are read on almost every request and change rarely (ingredients, dishes), kept per
 * platform. The owning module clears it when it writes, and again after commit through an event.
 * Reads inside a write transaction bypass it, so uncommitted rows are never cached.
 */
export class ReadCache<V> {
  private byPlatform = new WeakMap<Platform, Map<number, V>>();

  async get(ctx: Ctx, ids: number[], load: (missing: number[]) => Promise<Map<number, V>>): Promise<Map<number, V>> {
    const wanted = [...new Set(ids)];
    if (ctx.db !== ctx.platform.database.db) return wanted.length ? load(wanted) : new Map();
    let cache = this.byPlatform.get(ctx.platform);
    if (!cache) this.byPlatform.set(ctx.platform, (cache = new Map()));
    const missing = wanted.filter((id) => !cache.has(id));
    if (missing.length) for (const [id, v] of await load(missing)) cache.set(id, v);
    const out = new Map<number, V>();
    for (const id of wanted) if (cache.has(id)) out.set(id, cache.get(id)!);
    return out;
  }

  clear(platform: Platform): void {
    this.byPlatform.delete(platform);
  }
}
