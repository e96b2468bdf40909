import type { Clock } from '../core/ports/clock.js';
import { PermanentDeliveryError, RateLimitedError } from '../core/ports/sender.js';
import type { OutboxRow } from '../core/run.js';
import type { Logger } from '../core/ports/logger.js';
import { type BackoffPolicy, backoffDelayMs } from './backoff.js';
import { type DeliveryOutcome, logOutcome } from './delivery-log.js';
import type { OutboxStore } from './dispatcher-options.js';

export interface FailurePolicyDeps {
  store: Pick<OutboxStore, 'markRetry' | 'markPostponed' | 'markDead'>;
  clock: Clock;
  logger: Logger;
  backoff: BackoffPolicy;
  /** Called once a message is given up for good, after its row is marked dead. */
  onDead?: ((row: OutboxRow, error: Error) => void | Promise<void>) | undefined;
}

/**
 * Records a failed send by the error's class: a rate limit waits (not a failed attempt), a
 * permanent error or the last allowed attempt gives the message up, anything else is retried
 * with backoff. `block` is told until when the row's chat must wait, before the row is written
 * back, so no later row of the chat can slip ahead of it meanwhile.
 */
export async function recordFailure(
  deps: FailurePolicyDeps,
  row: OutboxRow,
  error: Error,
  block: (untilMs: number) => void,
): Promise<DeliveryOutcome> {
  const now = deps.clock.now().getTime();
  if (error instanceof RateLimitedError) {
    // The platform took the request and asked us to wait: not a failed send, so it neither
    // counts toward giving up nor lengthens the backoff of a later real failure.
    const at = now + Math.max(0, error.retryAfterMs);
    block(at);
    await deps.store.markPostponed(row.id, error.message, new Date(at));
    logOutcome(deps.logger, row, 'rate-limited', error);
    return 'rate-limited';
  }
  // `attempts` counts the failed sends before this one (markRetry increments it; rate-limit
  // waits and deferrals do not).
  const attempt = row.attempts + 1;
  if (error instanceof PermanentDeliveryError || attempt >= deps.backoff.maxAttempts) {
    await deps.store.markDead(row.id, error.message, new Date(now));
    logOutcome(deps.logger, row, 'dead', error);
    try {
      await deps.onDead?.(row, error);
    } catch (err) {
      deps.logger.error({ err, outbox_id: row.id }, 'onDead hook failed');
    }
    return 'dead';
  }
  // TransientDeliveryError and anything unexpected: retry with backoff.
  const at = now + backoffDelayMs(attempt, deps.backoff);
  block(at);
  await deps.store.markRetry(row.id, error.message, new Date(at));
  logOutcome(deps.logger, row, 'retry', error);
  return 'retry';
}
