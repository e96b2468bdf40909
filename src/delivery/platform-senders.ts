import type { Clock } from '../core/ports/clock.js';
import { fromOutboxContent } from '../core/outbox-message.js';
import type { Sender } from '../core/ports/sender.js';
import type { OutboxRow } from '../core/run.js';
import type { Logger } from '../core/ports/logger.js';
import { type DeliveryOutcome, logOutcome } from './delivery-log.js';
import type { OutboxStore } from './dispatcher-options.js';
import { type FailurePolicyDeps, recordFailure } from './failure-policy.js';
import { Limiter } from './limiter.js';

export interface PlatformSendersDeps extends FailurePolicyDeps {
  store: FailurePolicyDeps['store'] & Pick<OutboxStore, 'markSent'>;
  clock: Clock;
  logger: Logger;
  /** Sends in flight per platform at once. */
  concurrency: number;
}

/**
 * The sender of each platform, with a cap on its sends in flight so a slow platform cannot
 * take every slot. Sends one outbox row and records the result in the store.
 */
export class PlatformSenders {
  private readonly senders = new Map<string, Sender>();
  private readonly limiters = new Map<string, Limiter>();

  constructor(private readonly deps: PlatformSendersDeps) {}

  /** Adds (or replaces) the sender of a platform. */
  register(sender: Sender): void {
    this.senders.set(sender.platform, sender);
    if (!this.limiters.has(sender.platform)) this.limiters.set(sender.platform, new Limiter(this.deps.concurrency));
  }

  has(platform: string): boolean {
    return this.senders.has(platform);
  }

  /**
   * Sends one row and records the result; never throws for delivery errors. A row is marked
   * sent only after its sender returned, so a crash loses nothing (at worst it sends twice).
   */
  async deliver(row: OutboxRow, block: (untilMs: number) => void): Promise<DeliveryOutcome> {
    const sender = this.senders.get(row.to.platform);
    const limiter = this.limiters.get(row.to.platform);
    if (!sender || !limiter) return 'no-sender';
    const release = await limiter.acquire();
    let error: Error;
    try {
      const ref = await sender.send(row.to, fromOutboxContent(row));
      release();
      await this.deps.store.markSent(row.id, ref.messageId, this.deps.clock.now());
      logOutcome(this.deps.logger, row, 'sent');
      return 'sent';
    } catch (err) {
      release();
      error = err instanceof Error ? err : new Error(String(err));
    }
    return recordFailure(this.deps, row, error, block);
  }
}
