/**
 * Runs work that arrives together as one batch (group commit): the first item starts at once, and
 * items that arrive while batches run wait and go together in the next. Under load many requests
 * share one transaction and a few statements; alone, a request waits for nobody.
 * `run` answers every item, with its result or the Error that refused it. When a whole batch
 * fails (an unexpected error), its items are run again one by one, so one item cannot sink the others.
 */
export class Batcher<In, Out> {
  private queue: { item: In; resolve: (o: Out) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private starting = false;

  constructor(private readonly run: (items: In[]) => Promise<(Out | Error)[]>, private readonly opts: { max: number; parallel: number }) {}

  push(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.kick();
    });
  }

  /** Starts another batch after this turn of the event loop (so the requests read in the same turn go together), if one may run. */
  private kick() {
    if (this.running >= this.opts.parallel || this.starting || !this.queue.length) return;
    this.starting = true;
    setImmediate(() => {
      this.starting = false;
      void this.drain();
    });
  }

  private async drain() {
    this.running++;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.opts.max);
        this.kick();
        let answers: (Out | Error)[];
        try {
          answers = await this.run(batch.map((b) => b.item));
        } catch (e) {
          if (batch.length === 1) answers = [e instanceof Error ? e : new Error(String(e))];
          else {
            answers = [];
            for (const b of batch) answers.push(await this.run([b.item]).then((r) => r[0]!, (err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
          }
        }
        answers.forEach((a, i) => (a instanceof Error ? batch[i]!.reject(a) : batch[i]!.resolve(a)));
        // The requests that came in while this batch ran are read before the next is cut.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running--;
    }
  }
}
