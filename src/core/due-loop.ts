import type { Logger } from './ports/logger.js';
import { type Clock, MAX_SINGLE_WAIT_MS } from './ports/clock.js';
import type { JobStore } from './ports/job-store.js';
import type { ClaimedRun, Lease } from './run.js';

export interface DueLoopDeps {
  store: Pick<JobStore, 'claimDue' | 'nextDueAt'>;
  clock: Clock;
  logger: Logger;
  lease: Lease;
  /** Runs in progress at once, at most. */
  maxConcurrent: number;
  /** Jobs claimed per store round trip, at most. */
  claimBatchSize: number;
  /** Runs in progress now. */
  runningCount: () => number;
  /** Starts a claimed run (without waiting for it). */
  launch: (run: ClaimedRun) => void;
}

/** Abort reason of the loop's wait when something changed. */
const WAKE_UP = new Error('scheduler woken');

/**
 * The one timer for all jobs: claims what is due, then sleeps until the earliest due time (at
 * most MAX_SINGLE_WAIT_MS at once) or until `wake()` says jobs changed or a run finished.
 * Waking late or early is fine: every round re-reads the clock and the store.
 */
export class DueLoop {
  private wakeUp = new AbortController();
  private active = false;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly deps: DueLoopDeps) {}

  start(): void {
    this.active = true;
    this.done = this.loop();
  }

  /** Stops claiming; resolves once the current round has ended. */
  stop(): Promise<void> {
    this.active = false;
    this.wake();
    return this.done;
  }

  /** Ends the current wait now. */
  wake(): void {
    // A constant reason: every finished run wakes the loop, and abort() without one builds a
    // DOMException with a stack trace each time.
    this.wakeUp.abort(WAKE_UP);
  }

  private async loop(): Promise<void> {
    while (this.active) {
      this.wakeUp = new AbortController();
      const signal = this.wakeUp.signal;
      try {
        await this.round(signal);
      } catch (err) {
        this.deps.logger.error({ err }, 'scheduler loop error; retrying in 1 s');
        await this.sleep(new Date(this.deps.clock.now().getTime() + 1000), signal);
      }
    }
  }

  /** One claim-and-wait round. */
  private async round(signal: AbortSignal): Promise<void> {
    const { clock, maxConcurrent, claimBatchSize } = this.deps;
    const free = maxConcurrent - this.deps.runningCount();
    // Under load, claim in real batches: a claim per finished run would cost a store round
    // trip each. Runs finishing wake the loop; it claims once enough slots are free.
    const worthClaiming = free >= Math.min(claimBatchSize, Math.ceil(maxConcurrent / 2)) || this.deps.runningCount() === 0;
    if (free > 0 && worthClaiming) {
      const limit = Math.min(free, claimBatchSize);
      const claimed = await this.deps.store.claimDue(clock.now(), limit, this.deps.lease);
      for (const run of claimed) this.deps.launch(run);
      if (claimed.length === limit) {
        await new Promise<void>((r) => setImmediate(r)); // let runs progress; more are due
        return;
      }
    }
    if (!this.active) return;
    if (!worthClaiming || this.deps.runningCount() >= maxConcurrent) {
      await this.sleep(new Date(clock.now().getTime() + MAX_SINGLE_WAIT_MS), signal);
      return;
    }
    const now = clock.now();
    const due = await this.deps.store.nextDueAt();
    const cap = now.getTime() + MAX_SINGLE_WAIT_MS;
    await this.sleep(new Date(Math.min(due ? Math.max(due.getTime(), now.getTime()) : cap, cap)), signal);
  }

  private async sleep(until: Date, signal: AbortSignal): Promise<void> {
    if (until.getTime() <= this.deps.clock.now().getTime()) {
      await new Promise<void>((r) => setImmediate(r));
      return;
    }
    await this.deps.clock.sleepUntil(until, signal).catch(() => undefined);
  }
}
