import { doublingDelay } from '../core/backoff.js';

/** Retry timing for outbox deliveries (the delays follow core's doublingDelay). */
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
  return doublingDelay(policy.baseMs, attempt, policy.maxMs);
}
