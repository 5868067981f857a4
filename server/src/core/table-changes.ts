import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which tables committed writes have changed, and which tables a piece of work read: what the
 * response cache (core/response-cache.ts) needs to know that a stored answer is still true.
 *
 * Every write is seen at the driver, below drizzle, so no service has to remember to report it: a
 * table's stamp is set from one rising counter when the transaction that wrote it ends (or when an
 * autocommit write completes). An answer whose reading began at counter value `since` is still
 * true while every table it read has a stamp ≤ `since`: a write that committed before the reading
 * began is in it, one that committed later raises a stamp above `since`.
 */
export class TableChanges {
  private counter = 0;
  private stamps = new Map<string, number>();
  /** Tables of the schema, so a reading records tables only, not every word of its SQL. */
  known = new Set<string>();

  now(): number {
    return this.counter;
  }

  committed(tables: Iterable<string>): void {
    let stamp = 0;
    for (const t of tables) this.stamps.set(t, (stamp ||= ++this.counter));
  }

  unchangedSince(tables: readonly string[], since: number): boolean {
    for (const t of tables) if ((this.stamps.get(t) ?? 0) > since) return false;
    return true;
  }

  /** Runs `fn`, recording every table its queries name (and what read caches it used remember). */
  async capture<T>(fn: () => Promise<T>): Promise<{ result: T; tables: string[]; since: number }> {
    const since = this.counter;
    const tables = new Set<string>();
    readingsUnderWay++;
    try {
      const result = await reading.run(tables, fn);
      return { result, tables: [...tables], since };
    } finally {
      // While the storage is on, Node 20 runs a hook for every promise the process makes (a checkout makes hundreds):
      // it is switched off when no reading is under way, and the next reading switches it on again.
      if (--readingsUnderWay === 0) reading.disable();
    }
  }

  /** Called by the driver wrappers for every statement. */
  noteRead(text: string): void {
    const store = reading.getStore();
    if (!store) return;
    for (const m of text.matchAll(IDENTIFIER)) {
      const word = (m[1] ?? m[2]!).toLowerCase();
      if (this.known.has(word)) store.add(word);
    }
  }
}

const reading = new AsyncLocalStorage<Set<string>>();
let readingsUnderWay = 0;
const IDENTIFIER = /"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*)/g;

/** Adds tables to the reading in progress, if any: read caches say what their rows came from. */
export function noteTables(tables: Iterable<string>): void {
  const store = reading.getStore();
  if (store) for (const t of tables) store.add(t);
}

/** The tables a statement writes: INSERT INTO, UPDATE, DELETE FROM, TRUNCATE, also inside WITH. */
export function writtenTables(text: string): readonly string[] {
  let out = writtenBy.get(text);
  if (!out) {
    out = [];
    for (const m of text.matchAll(WRITE_TARGET)) out.push(m[1]!.toLowerCase());
    if (writtenBy.size >= WRITTEN_BY_MAX) writtenBy.clear();
    writtenBy.set(text, out);
  }
  return out;
}
/** The answers by statement text: the code runs a bounded set of texts (values travel as parameters), the checkout's one of 5 KB at every batch. */
const writtenBy = new Map<string, string[]>();
const WRITTEN_BY_MAX = 2000;
const WRITE_TARGET = /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?(?:"?[A-Za-z_][A-Za-z0-9_]*"?\.)?"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;
const BEGIN = /^\s*(?:begin|start\s+transaction)\b/i;
const END = /^\s*(?:commit|end|rollback(?!\s+to\b)|abort)\b/i;

type QueryFn = (...args: unknown[]) => unknown;
const sqlText = (arg: unknown) => (typeof arg === 'string' ? arg : (arg as { text?: string } | null)?.text ?? '');

/** Calls `after` once the query settles, whether it takes a callback (pg's pool) or returns a promise. */
function settle(query: QueryFn, self: unknown, args: unknown[], after: () => void): unknown {
  const cb = args.findIndex((a) => typeof a === 'function');
  if (cb >= 0) {
    const inner = args[cb] as (...r: unknown[]) => void;
    args[cb] = (...r: unknown[]) => {
      after();
      inner(...r);
    };
    return query.apply(self, args);
  }
  const p = query.apply(self, args) as Promise<unknown>;
  p.then(after, after);
  return p;
}

/** node-postgres: every pooled connection reports its statements; its transactions are seen by BEGIN and COMMIT. */
export function watchPgPool(pool: { on(event: 'connect', fn: (client: { query: QueryFn }) => void): unknown }, changes: TableChanges): void {
  pool.on('connect', (client) => {
    const query = client.query;
    let written: Set<string> | null = null;
    client.query = function (this: unknown, ...args: unknown[]) {
      const text = sqlText(args[0]);
      changes.noteRead(text);
      if (BEGIN.test(text)) written = new Set();
      else if (END.test(text) && written) {
        const done = written;
        written = null;
        return settle(query, this, args, () => changes.committed(done));
      } else {
        const targets = writtenTables(text);
        if (targets.length && written) for (const t of targets) written.add(t);
        else if (targets.length) return settle(query, this, args, () => changes.committed(targets));
      }
      return query.apply(this, args);
    };
  });
}

type PgliteLike = { query: QueryFn; exec: QueryFn; transaction(fn: (tx: { query: QueryFn; exec: QueryFn }) => Promise<unknown>): Promise<unknown> };

/** PGlite: one connection; writes outside `transaction` commit as they complete, inside it when it ends. */
export function watchPglite(client: PgliteLike, changes: TableChanges): void {
  const wrap = (fn: QueryFn, target: object, written: Set<string> | null) => function (this: unknown, ...args: unknown[]) {
    const text = sqlText(args[0]);
    changes.noteRead(text);
    const targets = writtenTables(text);
    if (targets.length && written) for (const t of targets) written.add(t);
    else if (targets.length) return settle(fn, target, args, () => changes.committed(targets));
    return fn.apply(target, args);
  };
  client.query = wrap(client.query, client, null);
  client.exec = wrap(client.exec, client, null);
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) => {
    const written = new Set<string>();
    return transaction((tx) => {
      tx.query = wrap(tx.query, tx, written);
      tx.exec = wrap(tx.exec, tx, written);
      return fn(tx);
    }).finally(() => changes.committed(written));
  };
}
