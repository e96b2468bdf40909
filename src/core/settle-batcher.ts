import type { JobStore } from './ports/job-store.js';
import type { ClaimedRun, Settlement } from './run.js';

interface Pending {
  run: ClaimedRun;
  settlement: Settlement;
  now: Date;
  resolve: (settled: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Collects the settles of runs that finish in the same event-loop turn and writes them in one
 * store transaction (`settleAll`), so a burst of due jobs is not bound by one commit per run.
 * Each settle stays atomic on its own; stores without `settleAll` settle one by one.
 *
 * One flush at a time: settles that arrive while a transaction is in flight wait for the next
 * batch instead of opening a second transaction beside it. Two concurrent settles could commit
 * in the other order than the one their outbox ids were handed out in (PostgreSQL), and a
 * dispatcher would then send a chat's later message before its earlier one.
 */
export class SettleBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing = false;

  constructor(
    private readonly store: JobStore,
    /** Largest batch per transaction. */
    private readonly maxBatch = 500,
  ) {}

  settle = (run: ClaimedRun, settlement: Settlement, now: Date): Promise<boolean> =>
    new Promise((resolve, reject) => {
      this.queue.push({ run, settlement, now, resolve, reject });
      if (!this.scheduled && !this.flushing) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.flushing = true;
    try {
      await this.drain();
    } finally {
      this.flushing = false;
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      // The latest instant of the batch: every run in it had finished by then.
      const now = new Date(Math.max(...batch.map((p) => p.now.getTime())));
      try {
        const results = this.store.settleAll
          ? await this.store.settleAll(batch, now)
          : await Promise.all(batch.map((p) => this.store.settle(p.run, p.settlement, p.now)));
        for (const [i, p] of batch.entries()) p.resolve(results[i] ?? false);
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One bad settle must not fail its neighbours: retry them one by one.
        // (SQLite throws synchronously, so call inside an async function to catch it either way.)
        else for (const p of batch) await (async () => this.store.settle(p.run, p.settlement, p.now))().then(p.resolve, p.reject);
      }
    }
  }
}
