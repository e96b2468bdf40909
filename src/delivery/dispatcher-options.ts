import { leaseIdentity } from '../core/lease-owner.js';
import type { JobStore } from '../core/ports/job-store.js';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.js';

/** The store methods the dispatcher uses. */
export type OutboxStore = Pick<JobStore, 'claimOutbox' | 'nextOutboxAt' | 'markSent' | 'markRetry' | 'markPostponed' | 'markDead'>;

export interface OutboxDispatcherOptions {
  /** Lease on claimed rows (ms): another dispatcher takes a row over only after it expires. Default 60 000. */
  leaseMs: number;
  /** Rows held in memory at most (claimed, not yet settled). Default 200. */
  maxHeld: number;
  /** Sends in flight per platform at once. Default 8. */
  concurrencyPerPlatform: number;
  /**
   * Retry timing and the cap on failed sends. Only a send that failed counts: a rate-limit
   * wait, or waiting behind another message of the chat, neither counts nor lengthens the backoff.
   */
  backoff: BackoffPolicy;
  /**
   * When a chat must wait at most this long (ms) for a failed row's retry, the rows behind it
   * stay claimed in memory; longer waits hand them back to the store (postponed, which is not
   * a failed attempt). Capped at half the lease. Default 5000.
   */
  holdMs: number;
  /** Rows for a platform without a sender are looked at again after this long (ms). Default 60 000. */
  unknownPlatformRetryMs: number;
  /** Lease owner name (see lease-owner.ts). Default `host:pid:random`. */
  owner: string;
}

/** The options with defaults filled in. */
export function resolveDispatcherOptions(given: Partial<OutboxDispatcherOptions> = {}): OutboxDispatcherOptions {
  return {
    leaseMs: 60_000,
    maxHeld: 200,
    concurrencyPerPlatform: 8,
    backoff: DEFAULT_BACKOFF,
    unknownPlatformRetryMs: 60_000,
    holdMs: 5_000,
    owner: leaseIdentity().owner,
    ...given,
  };
}
