/**
 * Retry timing for outbox deliveries. Exponential with a cap, and deterministic (no jitter):
 * a single dispatcher per database has no herd to spread out, and tests can predict it.
 */
export interface BackoffPolicy {
  /** Delay before the 2nd attempt (ms); doubled for each further one. Default 2000. */
  baseMs: number;
  /** Longest single delay (ms). Default 1 hour. */
  maxMs: number;
  /** Attempts before a transiently failing message is given up (marked dead). Default 10. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 3_600_000, maxAttempts: 10 };

/** Delay after failed attempt number `attempt` (1-based): base, 2*base, 4*base, … capped. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exp = Math.min(Math.max(attempt - 1, 0), 40);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exp);
}
