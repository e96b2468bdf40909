/**
 * Counts failed authentications per client address in a sliding window. Past `maxFailures`
 * the address is refused (429) until its oldest failure leaves the window, so guessing a token
 * costs days instead of seconds, while a person who mistyped once is not locked out.
 */
export class BadTokenLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until `address` may try again; 0 when it may now. */
  retryAfterMs(address: string): number {
    const times = this.recent(address);
    if (times.length < this.maxFailures) return 0;
    return Math.max(1, (times[0] ?? 0) + this.windowMs - this.now());
  }

  recordFailure(address: string): void {
    const times = this.recent(address);
    times.push(this.now());
    this.failures.set(address, times);
    // Bounded memory under a spray from many addresses: drop the stalest entries.
    if (this.failures.size > 10_000) {
      for (const key of this.failures.keys()) {
        this.failures.delete(key);
        if (this.failures.size <= 5_000) break;
      }
    }
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const times = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(address);
    else this.failures.set(address, times);
    return times;
  }
}
