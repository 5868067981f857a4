import type { Ctx, Platform } from './context.ts';
import { noteTables } from './table-changes.ts';

/**
 * Rows read on almost every request that change rarely (ingredients, dishes), kept per platform.
 * The owning module clears the cache when it writes (marking the transaction as having written it)
 * and again after commit through an event. A generation number makes a load that raced with a clear
 * leave no trace, and a transaction that wrote any cached kind reads past the caches.
 */
export class ReadCache<V> {
  private byPlatform = new WeakMap<Platform, { generation: number; rows: Map<number, V>; tables: Set<string> }>();

  constructor(readonly kind: string) {}

  private state(platform: Platform) {
    let s = this.byPlatform.get(platform);
    if (!s) this.byPlatform.set(platform, (s = { generation: 0, rows: new Map(), tables: new Set() }));
    return s;
  }

  async get(ctx: Ctx, ids: number[], load: (missing: number[]) => Promise<Map<number, V>>): Promise<Map<number, V>> {
    const wanted = [...new Set(ids)];
    // Any cached kind written in this transaction may feed another (dish nutrition from ingredients): read past all.
    if (ctx.written?.size) return wanted.length ? load(wanted) : new Map();
    const s = this.state(ctx.platform);
    const generation = s.generation;
    const missing = wanted.filter((id) => !s.rows.has(id));
    let loaded = new Map<number, V>();
    if (missing.length) {
      // The tables the rows came from are remembered, so an answer built from cached rows still names them.
      const read = await ctx.platform.database.changes.capture(() => load(missing));
      loaded = read.result;
      for (const t of read.tables) s.tables.add(t);
    }
    noteTables(s.tables);
    if (s.generation === generation) for (const [id, v] of loaded) s.rows.set(id, v);
    const out = new Map<number, V>();
    for (const id of wanted) {
      const v = s.rows.get(id) ?? loaded.get(id);
      if (v !== undefined) out.set(id, v);
    }
    return out;
  }

  /** Called by the writer inside its transaction, and by the after-commit reaction. */
  clear(platform: Platform, ctx?: Ctx): void {
    const s = this.state(platform);
    s.generation++;
    s.rows.clear();
    ctx?.written?.add(this.kind);
  }
}
