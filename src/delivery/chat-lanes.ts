import type { Clock } from '../core/ports/clock.js';
import type { OutboxRow } from '../core/run.js';
import type { Logger } from '../core/ports/logger.js';
import { type DeliveryOutcome, logOutcome } from './delivery-log.js';
import type { OutboxStore } from './dispatcher-options.js';

const DEFERRED = 'waiting behind an earlier message to the same chat';

export interface ChatLanesDeps {
  store: Pick<OutboxStore, 'markPostponed'>;
  clock: Clock;
  logger: Logger;
  /** Sends one row; calls `block` when the row's chat must wait for its retry. */
  deliver: (row: OutboxRow, block: (untilMs: number) => void) => Promise<DeliveryOutcome>;
  /** Rows held in memory at most. */
  maxHeld: number;
  /** Longest wait (ms) for which rows behind a retried row stay held; capped at half the lease. */
  holdMs: number;
  leaseMs: number;
  /** A row was settled (sent, retried, given up): capacity was freed. */
  onRowDone: () => void;
  /** A chat's worker ended with nothing more to send. */
  onLaneIdle: () => void;
}

function chatKey(row: OutboxRow): string {
  return `${row.to.platform}\u0000${row.to.chatId}`;
}

/**
 * One lane per chat: rows to a chat go out one at a time in id order (never two in flight to
 * the same chat). When one must wait (retry-after, backoff), the rows behind it wait with it:
 * held in memory for a short wait, handed back to the store (postponed) for a long one.
 */
export class ChatLanes {
  /** Claimed rows waiting or in flight, per chat, in id order. */
  private readonly queues = new Map<string, OutboxRow[]>();
  /** Ids of claimed rows not yet settled (re-claims after a lease expiry are ignored). */
  private readonly held = new Set<number>();
  /** Chats with a worker running, with its promise. */
  private readonly workers = new Map<string, Promise<void>>();
  /** Chats waiting for an earlier row until this instant (ms). */
  private readonly blockedUntil = new Map<string, number>();
  /** Chats given rows since the last `startAdmitted`. */
  private readonly admitted = new Set<string>();
  private closed = false;

  constructor(private readonly deps: ChatLanesDeps) {}

  /** Rows claimed and not yet settled. */
  get heldCount(): number {
    return this.held.size;
  }

  /** Whether row `id` is held here already (our own lease ran out while it waited). */
  holds(id: number): boolean {
    return this.held.has(id);
  }

  /**
   * Rows held in memory behind a chat's retried row, until that row is claimed again. Also
   * once its time has come: they cannot go before it, so they must not take the claim
   * capacity it needs to come back.
   */
  heldWaiting(): number {
    let n = 0;
    for (const key of this.blockedUntil.keys()) n += this.queues.get(key)?.length ?? 0;
    return n;
  }

  /** Accepts new rows again after `close`. */
  open(): void {
    this.closed = false;
  }

  /** Stops starting sends; sends in flight finish (see `settled`). */
  close(): void {
    this.closed = true;
  }

  /**
   * Takes a claimed row into its chat's lane, or hands it back to the store when an earlier row
   * of the chat waits long for its retry. True when the row was taken.
   */
  async admit(row: OutboxRow, now: Date): Promise<boolean> {
    const key = chatKey(row);
    const t = now.getTime();
    const blocked = this.blockedUntil.get(key);
    if (blocked !== undefined && blocked > t && !(this.isShortWait(blocked, t) && this.heldWaiting() < this.deps.maxHeld)) {
      // An earlier row of this chat waits a long time for its retry; this one waits behind it.
      await this.deps.store.markPostponed(row.id, DEFERRED, new Date(blocked));
      logOutcome(this.deps.logger, row, 'deferred');
      return false;
    }
    if (blocked !== undefined && blocked <= t) this.blockedUntil.delete(key);
    this.held.add(row.id);
    const queue = this.queues.get(key) ?? [];
    queue.push(row);
    this.queues.set(key, queue);
    this.admitted.add(key);
    return true;
  }

  /**
   * Starts the lanes given rows. Called once the whole claimed batch is admitted, so each
   * chat's rows go out in id order even when a retried row comes back with newer ones.
   */
  startAdmitted(): void {
    for (const key of this.admitted) {
      this.queues.get(key)?.sort((a, b) => a.id - b.id);
      this.ensureWorker(key);
    }
    this.admitted.clear();
  }

  /**
   * Normally the retried row's claim lifts its chat's block; this is the safety net should it
   * never come back (sent or given up elsewhere), with a margin so it does not race it.
   */
  liftStaleBlocks(nowMs: number): void {
    for (const [key, t] of this.blockedUntil) {
      if (t + this.deps.holdMs <= nowMs) {
        this.blockedUntil.delete(key);
        this.ensureWorker(key);
      }
    }
  }

  /** Resolves once no lane is sending. */
  async settled(): Promise<void> {
    while (this.workers.size > 0) await Promise.all([...this.workers.values()]);
  }

  /** Gives every queued row back to the store, due at `now` (at shutdown, after `settled`). */
  async releaseAll(now: Date): Promise<void> {
    for (const [key, rows] of this.queues) {
      for (const row of rows) await this.deps.store.markPostponed(row.id, 'released at shutdown', now);
      this.queues.delete(key);
    }
    this.held.clear();
  }

  private isShortWait(until: number, now: number): boolean {
    return until - now <= Math.min(this.deps.holdMs, this.deps.leaseMs / 2);
  }

  private isBlocked(key: string): boolean {
    const until = this.blockedUntil.get(key);
    return until !== undefined && until > this.deps.clock.now().getTime();
  }

  /** Starts a chat's worker if it has rows, none is running and it is not waiting for a retry. */
  private ensureWorker(key: string): void {
    if (this.closed || this.workers.has(key) || this.isBlocked(key)) return;
    if ((this.queues.get(key)?.length ?? 0) > 0) this.startWorker(key);
  }

  private startWorker(key: string): void {
    const work = this.work(key)
      .catch((err: unknown) => this.deps.logger.error({ err, chat: key }, 'outbox worker failed'))
      .finally(() => {
        this.workers.delete(key);
        // Rows may have arrived for this chat after the worker's last look.
        this.ensureWorker(key);
        if (!this.workers.has(key)) this.deps.onLaneIdle();
      });
    this.workers.set(key, work);
  }

  /** Sends one chat's rows in order, one at a time. */
  private async work(key: string): Promise<void> {
    const block = (untilMs: number) => this.blockedUntil.set(key, untilMs);
    for (;;) {
      if (this.closed) return;
      const queue = this.queues.get(key);
      const row = queue?.[0];
      if (!queue || !row) {
        this.queues.delete(key);
        return;
      }
      const outcome = await this.deps.deliver(row, block);
      // By identity: a row taken over from a dead dispatcher's lease may have been sorted in
      // ahead of this one while it was in flight.
      const at = queue.indexOf(row);
      if (at >= 0) queue.splice(at, 1);
      this.held.delete(row.id);
      this.deps.onRowDone();
      if (outcome === 'retry' || outcome === 'rate-limited') {
        await this.waitBehind(key, queue);
        return;
      }
    }
  }

  /** Keeps the chat's order: everything behind the failed row waits until it is due again. */
  private async waitBehind(key: string, queue: OutboxRow[]): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const until = this.blockedUntil.get(key) ?? now;
    // Held in memory (bounded) for a short wait; the retried row's claim restarts the worker.
    if (this.isShortWait(until, now) && this.heldWaiting() <= this.deps.maxHeld) return;
    for (const later of queue.splice(0)) {
      await this.deps.store.markPostponed(later.id, DEFERRED, new Date(until));
      this.held.delete(later.id);
      logOutcome(this.deps.logger, later, 'deferred');
    }
    this.queues.delete(key);
  }
}
