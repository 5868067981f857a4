import { describe, expect, it } from 'vitest';
import type { Ctx, Platform } from './context.ts';
import { ReadCache } from './read-cache.ts';
import { TableChanges } from './table-changes.ts';

const changes = new TableChanges();
const platform = { database: { changes } } as unknown as Platform;
const ctx = (written?: Set<string>) => ({ platform, written }) as unknown as Ctx;

describe('ReadCache', () => {
  it('loads only what it does not hold', async () => {
    const cache = new ReadCache<string>('x');
    const asked: number[][] = [];
    const load = async (ids: number[]) => (asked.push(ids), new Map(ids.map((i) => [i, `v${i}`])));
    expect([...(await cache.get(ctx(), [1, 2], load)).values()]).toEqual(['v1', 'v2']);
    await cache.get(ctx(), [2, 3], load);
    expect(asked).toEqual([[1, 2], [3]]);
  });

  it('does not keep a row loaded while a writer cleared the cache', async () => {
    const cache = new ReadCache<string>('x');
    let release!: () => void;
    const slow = (ids: number[]) => new Promise<Map<number, string>>((r) => { release = () => r(new Map(ids.map((i) => [i, 'old']))); });
    const pending = cache.get(ctx(), [1], slow);
    cache.clear(platform);
    release();
    expect((await pending).get(1)).toBe('old');
    expect((await cache.get(ctx(), [1], async () => new Map([[1, 'new']]))).get(1)).toBe('new');
  });

  it('is bypassed by a transaction that wrote a cached kind, and never filled by it', async () => {
    const cache = new ReadCache<string>('x');
    const written = new Set<string>();
    cache.clear(platform, ctx(written));
    expect(written.has('x')).toBe(true);
    await cache.get(ctx(written), [1], async () => new Map([[1, 'uncommitted']]));
    expect((await cache.get(ctx(), [1], async () => new Map([[1, 'committed']]))).get(1)).toBe('committed');
  });

  it('names the tables its rows came from to a reading served from it, for the response cache', async () => {
    const cache = new ReadCache<string>('x');
    changes.known.add('dish');
    await cache.get(ctx(), [1], async (ids) => (changes.noteRead('select "id", "name" from "dish"'), new Map(ids.map((i) => [i, `v${i}`]))));
    const served = await changes.capture(() => cache.get(ctx(), [1], async () => {
      throw new Error('held rows are not loaded again');
    }));
    expect(served.result.get(1)).toBe('v1');
    expect(served.tables).toEqual(['dish']);
  });
});
