/**
 * A counting semaphore: at most `limit` holders at once, waiters served first come, first
 * served. The dispatcher keeps one per platform so a slow platform cannot take every slot.
 */
export class Limiter {
  private active = 0;
  private waiters: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Limiter: limit must be a positive integer (got ${limit})`);
  }

  /** Holders right now. */
  get inUse(): number {
    return this.active;
  }

  /** Resolves when a slot is free; call the returned function exactly once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      // The releasing holder hands its slot over directly, so `active` stays unchanged.
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    };
  }
}
