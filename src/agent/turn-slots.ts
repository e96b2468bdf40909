import { abortError } from '../core/system-clock.js';

/**
 * At most `size` agent turns at once (CHIME_AGENT_CONCURRENCY), first come first served: a
 * model server, local or paid, is the scarce part, and a thousand prompt jobs due at the same
 * minute must queue here rather than all call it together.
 */
export class TurnSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Runs `work` in a slot, waiting for one first; a wait aborted by `signal` rejects with an AbortError. */
  async run<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortError());
    if (this.active < this.size) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(abortError());
      };
      this.waiting.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    // The slot passes straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
