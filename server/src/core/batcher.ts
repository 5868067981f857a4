/**
 * Runs work that arrives together as one batch (group commit): the first item starts after the current
 * turn of the event loop, and items that arrive while a batch runs go together in the next, which
 * starts as soon as that batch is done, before its answers are sent. Under load many requests
 * share one transaction and a few statements; alone, a request waits for nobody.
 * `run` answers every item, with its result or the Error that refused it. When a whole batch
 * fails (an unexpected error), its items are run again one by one, so one item cannot sink the others;
 * so is an item `run` answers with RunAlone (its part failed after the others' were done).
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
      let batch = this.cut();
      // Another batch may have taken what was queued when this one was started.
      if (!batch.length) return;
      let answers = this.answer(batch);
      while (batch.length) {
        const done = await answers;
        // The items that came in meanwhile go to the database before this batch's answers are sent, so that it works
        // on them while the answers are written (the stations' next requests then make the batch after).
        const next = this.cut();
        if (next.length) answers = this.answer(next);
        done.forEach((a, i) => (a instanceof Error ? batch[i]!.reject(a) : batch[i]!.resolve(a)));
        batch = next;
      }
    } finally {
      this.running--;
    }
  }

  private cut() {
    const batch = this.queue.splice(0, this.opts.max);
    this.kick();
    return batch;
  }

  /**
   * The batch's answers. An item the batch could not settle (it failed whole, or `run` answered the item with RunAlone
   * because its part failed after others were done) runs again on its own, so one item cannot sink the others.
   */
  private async answer(batch: { item: In }[]): Promise<(Out | Error)[]> {
    const answers = await this.run(batch.map((b) => b.item)).catch((e: unknown) => batch.map(() => new RunAlone(e)));
    for (const [i, a] of answers.entries()) {
      if (!(a instanceof RunAlone)) continue;
      answers[i] = batch.length === 1 ? failure(a) : await this.run([batch[i]!.item]).then(([r]) => (r instanceof RunAlone ? failure(r) : r!), failure);
    }
    return answers;
  }
}

/** An item's answer when it was not settled: its part of the work failed after the rest was done. The Batcher runs it again alone. */
export class RunAlone extends Error {
  constructor(cause: unknown) {
    super('not settled in its batch; to be run again on its own', { cause });
  }
}

/** The error to give a caller for an item that could not be settled (run alone, or the only one): what made it fail. */
export function failure(e: unknown): Error {
  return e instanceof RunAlone ? failure(e.cause) : e instanceof Error ? e : new Error(String(e));
}
