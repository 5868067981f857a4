import type { TableChanges } from './table-changes.ts';

interface Entry {
  body: string;
  tables: string[];
  since: number;
  storedAt: number;
}

/**
 * Answers of hot read routes (menus, requisitions: read by many, written rarely), kept as their JSON
 * text per caller and URL. An answer is served again only while no table it read has had a write
 * committed since its reading began (core/table-changes.ts), so a change is seen by the very next
 * request. Writes by another process are not seen: answers are also dropped after `maxAgeMs`.
 * The least recently used go first once the kept text passes `maxChars`.
 */
export class ResponseCache {
  private entries = new Map<string, Entry>();
  private chars = 0;

  constructor(private readonly changes: TableChanges, private readonly maxChars = 64 * 1024 * 1024, private readonly maxAgeMs = 60_000) {}

  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (Date.now() - e.storedAt > this.maxAgeMs || !this.changes.unchangedSince(e.tables, e.since)) {
      this.chars -= e.body.length;
      return undefined;
    }
    this.entries.set(key, e);
    return e.body;
  }

  /** Runs the reading and keeps its answer, unless a table it read changed while it ran. */
  async through(key: string, read: () => Promise<unknown>): Promise<string> {
    const { result, tables, since } = await this.changes.capture(read);
    const body = JSON.stringify(result ?? { ok: true });
    if (this.changes.unchangedSince(tables, since)) this.put(key, { body, tables, since, storedAt: Date.now() });
    return body;
  }

  private put(key: string, e: Entry) {
    const old = this.entries.get(key);
    if (old) {
      this.chars -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, e);
    this.chars += e.body.length;
    for (const [k, v] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(k);
      this.chars -= v.body.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}
