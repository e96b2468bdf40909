import { type Clock, MAX_SINGLE_WAIT_MS } from '../core/ports/clock.js';
import { leaseIdentity } from '../core/lease-owner.js';
import type { OutboxRow } from '../core/run.js';
import type { JobStore } from '../core/ports/job-store.js';
import type { Logger } from '../core/ports/logger.js';
import type { OutgoingMessage, Sender } from './sender.js';
import { PermanentDeliveryError, RateLimitedError } from './sender.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelayMs } from './backoff.js';
import { Limiter } from './limiter.js';

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

/** What happened to one row, for the log and for tests. */
export type DeliveryOutcome = 'sent' | 'retry' | 'rate-limited' | 'dead' | 'deferred' | 'no-sender';

const DEFERRED = 'waiting behind an earlier message to the same chat';

function chatKey(row: OutboxRow): string {
  return `${row.to.platform}\u0000${row.to.chatId}`;
}

function errorOf(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** The platform-neutral message a row stands for; known `meta` fields become message fields. */
export function toOutgoing(row: OutboxRow): OutgoingMessage {
  const msg: OutgoingMessage = { text: row.text };
  if (row.actions?.length) msg.actions = row.actions;
  const meta = row.meta ?? {};
  if (Array.isArray(meta.mentions)) msg.mentions = meta.mentions.map(String);
  if (meta.quote && typeof meta.quote === 'object') msg.quote = meta.quote as NonNullable<OutgoingMessage['quote']>;
  if (meta.ephemeral === true) msg.ephemeral = true;
  return msg;
}

/**
 * Sends outbox rows through the sender of their platform.
 *
 * Guarantees: a row is marked sent only after its sender returned, so a crash loses nothing;
 * the only double send is a crash between `send` and `markSent`. Rows to one chat go out
 * one at a time in id order (never two in flight to the same chat); when one must wait
 * (retry-after, backoff), the rows behind it in that chat wait with it.
 *
 * One loop claims rows; it sleeps on the Clock until the next row is due, at most 30 s,
 * and `wake()` (called when rows are written) cuts the sleep short.
 */
export class OutboxDispatcher {
  private readonly store: OutboxStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly senders = new Map<string, Sender>();
  private readonly limiters = new Map<string, Limiter>();
  private readonly onDead: OutboxDispatcherDeps['onDead'];
  readonly options: OutboxDispatcherOptions;

  /** Claimed rows waiting or in flight, per chat, in id order. */
  private readonly queues = new Map<string, OutboxRow[]>();
  /** Ids of claimed rows not yet settled (re-claims after a lease expiry are ignored). */
  private readonly held = new Set<number>();
  /** Chats with a worker running, with its promise. */
  private readonly workers = new Map<string, Promise<void>>();
  /** Chats waiting for an earlier row until this instant (ms). */
  private readonly blockedUntil = new Map<string, number>();

  private running = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private sleep: AbortController | undefined;
  private wakeRequested = false;
  /** The loop sleeps because maxHeld rows are held; workers wake it when half are done. */
  private full = false;

  constructor(deps: OutboxDispatcherDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.logger = deps.logger.child({ component: 'outbox' });
    this.onDead = deps.onDead;
    this.options = {
      leaseMs: 60_000,
      maxHeld: 200,
      concurrencyPerPlatform: 8,
      backoff: DEFAULT_BACKOFF,
      unknownPlatformRetryMs: 60_000,
      holdMs: 5_000,
      owner: leaseIdentity().owner,
      ...deps.options,
    };
    for (const s of deps.senders ?? []) this.register(s);
  }

  /** Adds (or replaces) the sender of a platform. */
  register(sender: Sender): void {
    this.senders.set(sender.platform, sender);
    if (!this.limiters.has(sender.platform)) this.limiters.set(sender.platform, new Limiter(this.options.concurrencyPerPlatform));
    this.wake();
  }

  /** Starts the loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
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
    this.sleep?.abort();
    await this.loop;
    await Promise.all([...this.workers.values()]);
    const now = this.clock.now();
    for (const [key, rows] of this.queues) {
      for (const row of rows) await this.store.markPostponed(row.id, 'released at shutdown', now);
      this.queues.delete(key);
    }
    this.held.clear();
  }

  /** Rows claimed and not yet settled. */
  get pending(): number {
    return this.held.size;
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

  /** Resolves once no worker is running. */
  async settled(): Promise<void> {
    while (this.workers.size > 0) await Promise.all([...this.workers.values()]);
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
      for (const [key, t] of this.blockedUntil) {
        // Normally the retried row's claim lifts the block; this is the safety net should it
        // never come back (sent or given up elsewhere), with a margin so it does not race it.
        if (t + this.options.holdMs <= now) {
          this.blockedUntil.delete(key);
          this.ensureWorker(key);
        }
      }
      let until = now + MAX_SINGLE_WAIT_MS;
      this.full = this.held.size - this.heldWaiting() >= this.options.maxHeld;
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

  /** Claims up to the free capacity and hands rows to chat workers; returns rows taken. */
  private async claim(): Promise<number> {
    // Rows waiting behind a short retry are not in flight; they must not starve other chats
    // (nor the retried rows that would unblock them) of claim capacity.
    const room = this.options.maxHeld - (this.held.size - this.heldWaiting());
    if (room <= 0 || this.stopping) return 0;
    const now = this.clock.now();
    const rows = await this.store.claimOutbox(now, room, { owner: this.options.owner, durationMs: this.options.leaseMs });
    let taken = 0;
    const touched = new Set<string>();
    for (const row of rows) {
      if (this.held.has(row.id)) continue; // our own lease ran out while it waited; we still hold it
      if (!this.senders.has(row.to.platform)) {
        await this.store.markPostponed(row.id, `no sender registered for platform "${row.to.platform}"`, new Date(now.getTime() + this.options.unknownPlatformRetryMs));
        this.log(row, 'no-sender');
        continue;
      }
      const key = chatKey(row);
      const blocked = this.blockedUntil.get(key);
      if (blocked !== undefined && blocked > now.getTime() && !(this.isShortWait(blocked, now.getTime()) && this.heldWaiting() < this.options.maxHeld)) {
        // An earlier row of this chat waits a long time for its retry; this one waits behind it.
        await this.store.markPostponed(row.id, DEFERRED, new Date(blocked));
        this.log(row, 'deferred');
        continue;
      }
      if (blocked !== undefined && blocked <= now.getTime()) this.blockedUntil.delete(key);
      this.held.add(row.id);
      const queue = this.queues.get(key) ?? [];
      queue.push(row);
      this.queues.set(key, queue);
      touched.add(key);
      taken++;
    }
    // Workers start once the whole batch is queued, so each chat's rows go out in id order
    // even when a retried row comes back in the same batch as newer ones.
    for (const key of touched) {
      this.queues.get(key)?.sort((a, b) => a.id - b.id);
      this.ensureWorker(key);
    }
    return taken;
  }

  /**
   * Rows held in memory behind a chat's retried row, until that row is claimed again. Also
   * once its time has come: they cannot go before it, so they must not take the claim
   * capacity it needs to come back.
   */
  private heldWaiting(): number {
    let n = 0;
    for (const key of this.blockedUntil.keys()) n += this.queues.get(key)?.length ?? 0;
    return n;
  }

  private isShortWait(until: number, now: number): boolean {
    return until - now <= Math.min(this.options.holdMs, this.options.leaseMs / 2);
  }

  private isBlocked(key: string): boolean {
    const until = this.blockedUntil.get(key);
    return until !== undefined && until > this.clock.now().getTime();
  }

  /** Starts a chat's worker if it has rows, none is running and it is not waiting for a retry. */
  private ensureWorker(key: string): void {
    if (this.stopping || this.workers.has(key) || this.isBlocked(key)) return;
    if ((this.queues.get(key)?.length ?? 0) > 0) this.startWorker(key);
  }

  private startWorker(key: string): void {
    const work = this.work(key)
      .catch((err: unknown) => this.logger.error({ err, chat: key }, 'outbox worker failed'))
      .finally(() => {
        this.workers.delete(key);
        // Rows may have arrived for this chat after the worker's last look.
        this.ensureWorker(key);
        if (!this.workers.has(key) && this.running) this.wake(); // capacity freed
      });
    this.workers.set(key, work);
  }

  /** Sends one chat's rows in order, one at a time. */
  private async work(key: string): Promise<void> {
    for (;;) {
      if (this.stopping) return;
      const queue = this.queues.get(key);
      const row = queue?.[0];
      if (!queue || !row) {
        this.queues.delete(key);
        return;
      }
      const outcome = await this.deliver(row);
      // By identity: a row taken over from a dead dispatcher's lease may have been sorted in
      // ahead of this one while it was in flight.
      const at = queue.indexOf(row);
      if (at >= 0) queue.splice(at, 1);
      this.held.delete(row.id);
      if (this.full && this.held.size <= this.options.maxHeld / 2) this.wake();
      if (outcome === 'retry' || outcome === 'rate-limited') {
        // Keep the chat's order: everything behind the failed row waits until it is due again.
        const now = this.clock.now().getTime();
        const until = this.blockedUntil.get(key) ?? now;
        // Held in memory (bounded) for a short wait; the retried row's claim restarts the worker.
        if (this.isShortWait(until, now) && this.heldWaiting() <= this.options.maxHeld) return;
        for (const later of queue.splice(0)) {
          await this.store.markPostponed(later.id, DEFERRED, new Date(until));
          this.held.delete(later.id);
          this.log(later, 'deferred');
        }
        this.queues.delete(key);
        return;
      }
    }
  }

  /** Sends one row and records the result; never throws for delivery errors. */
  private async deliver(row: OutboxRow): Promise<DeliveryOutcome> {
    const sender = this.senders.get(row.to.platform);
    const limiter = this.limiters.get(row.to.platform);
    if (!sender || !limiter) return 'no-sender';
    const release = await limiter.acquire();
    let error: Error;
    try {
      const ref = await sender.send(row.to, toOutgoing(row));
      release();
      await this.store.markSent(row.id, ref.messageId, this.clock.now());
      this.log(row, 'sent');
      return 'sent';
    } catch (err) {
      release();
      error = errorOf(err);
    }
    return this.fail(row, error);
  }

  private async fail(row: OutboxRow, error: Error): Promise<DeliveryOutcome> {
    const now = this.clock.now().getTime();
    const key = chatKey(row);
    if (error instanceof RateLimitedError) {
      // The platform took the request and asked us to wait: not a failed send, so it neither
      // counts toward giving up nor lengthens the backoff of a later real failure.
      const at = now + Math.max(0, error.retryAfterMs);
      this.blockedUntil.set(key, at);
      await this.store.markPostponed(row.id, error.message, new Date(at));
      this.log(row, 'rate-limited', error);
      return 'rate-limited';
    }
    // `attempts` counts the failed sends before this one (markRetry increments it; rate-limit
    // waits and deferrals do not).
    const attempt = row.attempts + 1;
    if (error instanceof PermanentDeliveryError || attempt >= this.options.backoff.maxAttempts) {
      await this.store.markDead(row.id, error.message, new Date(now));
      this.log(row, 'dead', error);
      try {
        await this.onDead?.(row, error);
      } catch (err) {
        this.logger.error({ err, outbox_id: row.id }, 'onDead hook failed');
      }
      return 'dead';
    }
    // TransientDeliveryError and anything unexpected: retry with backoff.
    const at = now + backoffDelayMs(attempt, this.options.backoff);
    this.blockedUntil.set(key, at);
    await this.store.markRetry(row.id, error.message, new Date(at));
    this.log(row, 'retry', error);
    return 'retry';
  }

  private log(row: OutboxRow, outcome: DeliveryOutcome, error?: Error): void {
    const fields = {
      outbox_id: row.id,
      job_id: row.jobId,
      platform: row.to.platform,
      chat_id: row.to.chatId,
      attempts: row.attempts,
      outcome,
      ...(error ? { error: error.message, error_class: error.name } : {}),
    };
    if (outcome === 'dead') this.logger.warn(fields, 'outbox message given up');
    else if (outcome === 'sent') this.logger.debug(fields, 'outbox message sent');
    else this.logger.info(fields, `outbox message ${outcome}`);
  }
}
