import type { Clock } from '../core/ports/clock.js';
import { MAX_SINGLE_WAIT_MS } from '../core/ports/clock.js';
import type { Sender } from '../core/ports/sender.js';
import type { OutboxRow } from '../core/run.js';
import type { Logger } from '../core/ports/logger.js';
import { ChatLanes } from './chat-lanes.js';
import { logOutcome } from './delivery-log.js';
import { type OutboxDispatcherOptions, type OutboxStore, resolveDispatcherOptions } from './dispatcher-options.js';
import { PlatformSenders } from './platform-senders.js';

export type { OutboxDispatcherOptions, OutboxStore } from './dispatcher-options.js';

export interface OutboxDispatcherDeps {
  store: OutboxStore;
  clock: Clock;
  logger: Logger;
  /** One sender per platform; rows addressed to other platforms stay pending. */
  senders?: Iterable<Sender>;
  /**
   * Called once a message is given up for good (chat gone, bot blocked, attempts exhausted),
   * after the row is marked dead. The app marks the job failed and tells the creator.
   */
  onDead?: (row: OutboxRow, error: Error) => void | Promise<void>;
  options?: Partial<OutboxDispatcherOptions>;
}

/**
 * Sends outbox rows through the sender of their platform.
 *
 * Guarantees: a row is marked sent only after its sender returned, so a crash loses nothing;
 * the only double send is a crash between `send` and `markSent`. Rows to one chat go out
 * one at a time in id order (see ChatLanes); failures follow the error's class (see
 * recordFailure).
 *
 * One loop claims rows; it sleeps on the Clock until the next row is due, at most 30 s,
 * and `wake()` (called when rows are written) cuts the sleep short.
 */
export class OutboxDispatcher {
  private readonly store: OutboxStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly senders: PlatformSenders;
  private readonly lanes: ChatLanes;
  readonly options: OutboxDispatcherOptions;

  private running = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private sleep: AbortController | undefined;
  private wakeRequested = false;
  /** The loop sleeps because maxHeld rows are held; lanes wake it when half are done. */
  private full = false;

  constructor(deps: OutboxDispatcherDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.logger = deps.logger.child({ component: 'outbox' });
    this.options = resolveDispatcherOptions(deps.options);
    const { store, clock, logger } = this;
    this.senders = new PlatformSenders({
      store,
      clock,
      logger,
      backoff: this.options.backoff,
      onDead: deps.onDead,
      concurrency: this.options.concurrencyPerPlatform,
    });
    this.lanes = new ChatLanes({
      store,
      clock,
      logger,
      deliver: (row, block) => this.senders.deliver(row, block),
      maxHeld: this.options.maxHeld,
      holdMs: this.options.holdMs,
      leaseMs: this.options.leaseMs,
      onRowDone: () => {
        if (this.full && this.lanes.heldCount <= this.options.maxHeld / 2) this.wake();
      },
      onLaneIdle: () => {
        if (this.running) this.wake(); // capacity freed
      },
    });
    for (const s of deps.senders ?? []) this.register(s);
  }

  /** Adds (or replaces) the sender of a platform. */
  register(sender: Sender): void {
    this.senders.register(sender);
    this.wake();
  }

  /** Starts the loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.lanes.open();
    this.loop = this.runLoop().catch((err: unknown) => {
      this.logger.error({ err }, 'outbox loop crashed');
    });
  }

  /** New rows were written: look now instead of at the next timer. */
  wake(): void {
    this.wakeRequested = true;
    this.sleep?.abort();
  }

  /**
   * Stops claiming, lets sends in flight finish and gives queued rows back (available at
   * once), so a restart sends them without waiting for their lease.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.running = false;
    this.lanes.close();
    this.sleep?.abort();
    await this.loop;
    await this.lanes.settled();
    await this.lanes.releaseAll(this.clock.now());
  }

  /** Rows claimed and not yet settled. */
  get pending(): number {
    return this.lanes.heldCount;
  }

  /**
   * Claims and delivers everything available now, and resolves when those rows are settled.
   * Used by tests and one-shot tools; the loop does the same continuously.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claim();
      total += claimed;
      await this.settled();
      if (claimed === 0) return total;
    }
  }

  /** Resolves once no row is being sent. */
  async settled(): Promise<void> {
    await this.lanes.settled();
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      this.wakeRequested = false;
      let claimed = 0;
      try {
        claimed = await this.claim();
      } catch (err) {
        this.logger.error({ err }, 'outbox claim failed');
      }
      if (!this.running) break;
      if (this.wakeRequested) continue;
      const now = this.clock.now().getTime();
      this.lanes.liftStaleBlocks(now);
      let until = now + MAX_SINGLE_WAIT_MS;
      this.full = this.inFlight() >= this.options.maxHeld;
      if (!this.full) {
        const next = await this.nextDue();
        // A store that reports a due row it then does not hand out must not make us spin.
        if (next !== undefined) until = Math.min(until, Math.max(next, claimed === 0 ? now + 1_000 : now));
      }
      if (until <= now) continue;
      await this.pause(until);
      this.full = false;
    }
  }

  /**
   * Held rows not waiting behind a chat's retried row. Those waiting are not in flight; they
   * must not starve other chats (nor the retried rows that would unblock them) of capacity.
   */
  private inFlight(): number {
    return this.lanes.heldCount - this.lanes.heldWaiting();
  }

  private async nextDue(): Promise<number | undefined> {
    try {
      return (await this.store.nextOutboxAt())?.getTime();
    } catch (err) {
      this.logger.error({ err }, 'outbox nextOutboxAt failed');
      return undefined;
    }
  }

  private async pause(untilMs: number): Promise<void> {
    if (this.wakeRequested || !this.running) return;
    const ctrl = new AbortController();
    this.sleep = ctrl;
    try {
      await this.clock.sleepUntil(new Date(untilMs), ctrl.signal);
    } catch {
      // aborted by wake() or stop()
    } finally {
      if (this.sleep === ctrl) this.sleep = undefined;
    }
  }

  /** Claims up to the free capacity and hands rows to their chats' lanes; returns rows taken. */
  private async claim(): Promise<number> {
    const room = this.options.maxHeld - this.inFlight();
    if (room <= 0 || this.stopping) return 0;
    const now = this.clock.now();
    const rows = await this.store.claimOutbox(now, room, { owner: this.options.owner, durationMs: this.options.leaseMs });
    let taken = 0;
    for (const row of rows) {
      if (this.lanes.holds(row.id)) continue; // our own lease ran out while it waited; we still hold it
      if (!this.senders.has(row.to.platform)) {
        await this.store.markPostponed(
          row.id,
          `no sender registered for platform "${row.to.platform}"`,
          new Date(now.getTime() + this.options.unknownPlatformRetryMs),
        );
        logOutcome(this.logger, row, 'no-sender');
        continue;
      }
      if (await this.lanes.admit(row, now)) taken++;
    }
    this.lanes.startAdmitted();
    return taken;
  }
}
