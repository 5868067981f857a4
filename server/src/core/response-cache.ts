import type { TableChanges } from './table-changes.ts';

const utf8 = new TextEncoder();

interface Entry {
  /** UTF-8 JSON, encoded once. */
  body: Uint8Array<ArrayBuffer>;
  tables: string[];
  since: number;
  storedAt: number;
}

/**
 * Answers of hot read routes (menus, requisitions: read by many, written rarely), kept as their JSON
 * text per caller and URL. An answer is served again only while no table it read has had a write
 * committed since its reading began (core/table-changes.ts), so a change is seen by the very next
 * request. Writes by another process are not seen: answers are also dropped after `maxAgeMs`.
 * The least recently used go first once the kept answers pass `maxBytes`.
 */
export class ResponseCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  private cleared = 0;
  /** Readings under way, which requests for the same answer join instead of reading again. */
  private flights = new Map<string, { since: number; cleared: number; body: Promise<Uint8Array<ArrayBuffer>> }>();

  constructor(private readonly changes: TableChanges, private readonly maxBytes = 64 * 1024 * 1024, private readonly maxAgeMs = 60_000) {}

  get(key: string): Uint8Array<ArrayBuffer> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (Date.now() - e.storedAt > this.maxAgeMs || !this.changes.unchangedSince(e.tables, e.since)) {
      this.bytes -= e.body.length;
      return undefined;
    }
    this.entries.set(key, e);
    return e.body;
  }

  /**
   * Runs the reading and keeps its answer, unless a table it read changed while it ran. A request for
   * an answer already being read joins that reading if nothing was written or cleared since it began:
   * its answer is then as fresh as a new reading's would be (when a kept answer expires, the
   * requests waiting for it take one reading, not one each).
   */
  through(key: string, read: () => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>> {
    const flight = this.flights.get(key);
    if (flight && flight.since === this.changes.now() && flight.cleared === this.cleared) return flight.body;
    const cleared = this.cleared;
    const body = this.changes.capture(read).then(({ result, tables, since }) => {
      const encoded = utf8.encode(JSON.stringify(result ?? { ok: true }));
      // A clear while it ran (roles, grants, organisations changed) leaves it unkept: it was scoped by the old ones.
      if (cleared === this.cleared && this.changes.unchangedSince(tables, since)) this.put(key, { body: encoded, tables, since, storedAt: Date.now() });
      return encoded;
    });
    this.flights.set(key, { since: this.changes.now(), cleared, body });
    const landed = () => {
      if (this.flights.get(key)?.body === body) this.flights.delete(key);
    };
    body.then(landed, landed);
    return body;
  }

  private put(key: string, e: Entry) {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, e);
    this.bytes += e.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  clear(): void {
    this.cleared++;
    this.entries.clear();
    this.bytes = 0;
  }
}
