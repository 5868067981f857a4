/**
 * Runs jobs at once while this turn's budget lasts and nothing waits; beyond it, in later turns,
 * one device after the other (each device's in its order), so a device that floods the broker
 * delays its own readings, not everyone's: the probe of a warming fridge is handled within a turn.
 * A job answers aedes, which then reads that device's next packets in the same call: without the
 * budget a device sending faster than we handle would never let the event loop go.
 */
export class FairTurns {
  private left: number;
  private readonly queues = new Map<string, { jobs: (() => void)[]; head: number }>();
  private scheduled = false;

  constructor(private readonly perTurn: number) {
    this.left = perTurn;
  }

  run(key: string, job: () => void): void {
    if (this.left > 0 && this.queues.size === 0) {
      this.left--;
      job();
    } else {
      let q = this.queues.get(key);
      if (!q) this.queues.set(key, (q = { jobs: [], head: 0 }));
      q.jobs.push(job);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || (this.left > 0 && this.queues.size === 0)) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    this.left = this.perTurn;
    while (this.left > 0 && this.queues.size > 0) {
      const served: string[] = [];
      for (const [key, q] of this.queues) {
        if (this.left === 0) break;
        this.left--;
        served.push(key);
        const job = q.jobs[q.head++]!;
        if (q.head === q.jobs.length) this.queues.delete(key);
        job();
      }
      // Whoever was served goes to the back, so the next turn starts with those not served yet.
      for (const key of served) {
        const q = this.queues.get(key);
        if (q) {
          this.queues.delete(key);
          this.queues.set(key, q);
        }
      }
    }
    this.schedule();
  }
}
