/**
 * The only source of time in Chime. Production uses the system clock; tests and
 * benchmarks use a manual clock and move time instead of sleeping (both in src/clock.ts).
 */
export interface Clock {
  /** Current wall-clock instant. */
  now(): Date;
  /**
   * Resolves at `at` (or at once if it has passed), or rejects with an AbortError when
   * `signal` aborts. Callers cap single waits themselves (see MAX_SINGLE_WAIT_MS).
   */
  sleepUntil(at: Date, signal?: AbortSignal): Promise<void>;
}

/**
 * Longest single wait anyone should arm. Waking at least this often covers setTimeout's
 * 2^31-1 ms limit, suspend/resume and wall-clock steps (the caller re-reads `now()`).
 */
export const MAX_SINGLE_WAIT_MS = 30_000;
