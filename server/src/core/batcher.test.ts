import { describe, expect, it } from 'vitest';
import { Batcher, RunAlone } from './batcher.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Batcher', () => {
  it('runs the items of one turn of the event loop together, and those that arrive meanwhile in the next batch', async () => {
    const seen: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => {
      seen.push(xs);
      await tick();
      return xs.map((x) => x * 10);
    }, { max: 64, parallel: 1 });
    const first = [1, 2, 3].map((x) => b.push(x));
    await new Promise((r) => setImmediate(r));
    const meanwhile = [4, 5].map((x) => b.push(x));
    expect(await Promise.all([...first, ...meanwhile])).toEqual([10, 20, 30, 40, 50]);
    expect(seen).toEqual([[1, 2, 3], [4, 5]]);
    expect(await b.push(6)).toBe(60);
    expect(seen.at(-1)).toEqual([6]);
  });

  it('with batches at once, a batch started after the running one took what was queued runs nothing', async () => {
    const seen: number[][] = [];
    let pushed: Promise<number> | undefined;
    const b = new Batcher<number, number>(async (xs) => {
      seen.push(xs);
      await tick();
      // Queued while this batch ends: a second batch is started, but this one's loop takes the item first.
      pushed ??= b.push(2);
      return xs;
    }, { max: 64, parallel: 2 });
    expect(await b.push(1)).toBe(1);
    expect(await pushed).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([[1], [2]]);
  });

  it('starts the next batch before it answers the items of the one just done', async () => {
    const events: string[] = [];
    const b = new Batcher<number, number>(async (xs) => {
      events.push(`run ${xs.join(',')}`);
      await tick();
      return xs;
    }, { max: 64, parallel: 1 });
    const first = b.push(1).then((x) => events.push(`answered ${x}`));
    await new Promise((r) => setImmediate(r));
    const second = b.push(2).then((x) => events.push(`answered ${x}`));
    await Promise.all([first, second]);
    expect(events).toEqual(['run 1', 'run 2', 'answered 1', 'answered 2']);
  });

  it('keeps to the largest batch and to the batches allowed at once', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const b = new Batcher<number, number>(async (xs) => {
      most = Math.max(most, ++running);
      sizes.push(xs.length);
      await tick();
      running--;
      return xs;
    }, { max: 3, parallel: 2 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => b.push(i)));
    expect(most).toBe(2);
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(20);
  });

  it('answers a refused item with its error and the others with their results', async () => {
    const b = new Batcher<number, number>(async (xs) => xs.map((x) => (x < 0 ? new Error(`bad ${x}`) : x)), { max: 64, parallel: 1 });
    const out = await Promise.allSettled([1, -2, 3].map((x) => b.push(x)));
    expect(out.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([1, 'bad -2', 3]);
  });

  it('when a whole batch fails, runs its items one by one so one cannot sink the others', async () => {
    const runs: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => {
      runs.push(xs);
      await tick();
      if (xs.includes(13)) throw new Error('unlucky');
      return xs;
    }, { max: 64, parallel: 1 });
    const out = await Promise.allSettled([1, 2, 13, 4].map((x) => b.push(x)));
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(runs).toEqual([[1, 2, 13, 4], [1], [2], [13], [4]]);
  });

  it('runs again on its own only an item the batch answered with RunAlone; the others keep their answers', async () => {
    const runs: number[][] = [];
    const b = new Batcher<number, string>(async (xs) => {
      runs.push(xs);
      await tick();
      return xs.map((x) => (xs.length > 1 && x === 3 ? new RunAlone(new Error('its round failed')) : `${x} in ${xs.length}`));
    }, { max: 64, parallel: 1 });
    const out = await Promise.all([1, 2, 3].map((x) => b.push(x)));
    expect(out).toEqual(['1 in 3', '2 in 3', '3 in 1']);
    expect(runs).toEqual([[1, 2, 3], [3]]);
  });
});
