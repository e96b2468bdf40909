import type { Clock } from './ports/clock.js';
import type { EventLog, EventType, LoggedEvent } from './ports/event-log.js';
import type { Logger } from './ports/logger.js';

/** What a follower wants: events after `since` (absent: from now on), of some types, of one job. */
export interface FeedFilter {
  since?: number;
  types?: EventType[];
  jobId?: string;
}

export interface FeedSubscription {
  /** Resolves once the subscriber has caught up with the log and receives events live. */
  readonly live: Promise<void>;
  close(): void;
}

export interface EventFeedOptions {
  /** Events per read. Default 1000. */
  pageSize?: number;
  /**
   * How often the log is read without a wake-up (ms), in case one was lost (a dropped LISTEN
   * connection, a file system without change notification). Default 5000.
   */
  pollMs?: number;
  logger?: Logger;
}

/**
 * Takes a batch. A promise returned means "ready for more when it settles": the backlog read
 * waits for it, so a reader replaying a long log is paced by its connection, not buffered in
 * memory. The live reader does not wait (it serves everyone); the subscriber bounds that itself.
 */
export type Deliver = (events: LoggedEvent[]) => void | Promise<void>;

interface Subscriber {
  filter: FeedFilter;
  deliver: Deliver;
  /** Id of the last event delivered (or skipped as before the start). */
  cursor: number;
  /** While catching up from the store: what the live reader dispatched meanwhile. */
  buffer: LoggedEvent[] | undefined;
  closed: boolean;
}

const unfiltered = (f: FeedFilter): boolean => (f.types === undefined || f.types.length === 0) && f.jobId === undefined;

const matches = (f: FeedFilter, e: LoggedEvent): boolean =>
  (f.types === undefined || f.types.length === 0 || f.types.includes(e.type)) && (f.jobId === undefined || e.jobId === f.jobId);

/**
 * Why a reader cannot resume after `since`, or undefined when it can. An id beyond the newest
 * event (a typo, a client of a database since restored from an older backup) is refused: the
 * ids between the newest and it are still to be given to new events, which that reader would
 * skip without a word.
 */
export function beyondNewest(since: number | undefined, newest: number): string | undefined {
  if (since === undefined || since <= newest) return undefined;
  return `${since} is beyond the newest event: the newest event is ${newest}, and the events numbered up to ${since} would be skipped. Resume from an id you received (at most ${newest}), or from 0 for the oldest kept`;
}

/**
 * Follows the event log for any number of subscribers (SSE and WebSocket clients, `chime events
 * tail`) with one reader: woken by the log after commits (this process's, and other processes'
 * through LISTEN/NOTIFY or the file watcher), it reads what is new once and hands each
 * subscriber the events its filter wants. The table is the truth: a wake-up only says "read".
 *
 * A subscriber resuming from an older id first reads its backlog from the store while the live
 * reader buffers for it whatever it dispatches meanwhile; then it gets the backlog, then the
 * buffered events above the backlog's last id, then live ones. Every event with an id above the
 * live reader's position when the subscriber joined reaches it through the live reader, and
 * every one at or below it is committed and visible to the backlog read, so nothing is lost, and
 * delivering only ids above the last one delivered repeats nothing.
 */
export class EventFeed {
  private readonly subs = new Set<Subscriber>();
  private readonly pageSize: number;
  private readonly pollMs: number;
  /** Id of the last event the live reader dispatched. */
  private position = 0;
  private started: Promise<void> | undefined;
  private reading = false;
  private readAgain = false;
  private readonly stop = new AbortController();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly clock: Clock,
    opts: EventFeedOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? 1000;
    this.pollMs = opts.pollMs ?? 5000;
    this.logger = opts.logger;
  }

  private readonly logger: Logger | undefined;

  /** Follows the log for `deliver` (called with batches in id order) until `close()`. */
  subscribe(filter: FeedFilter, deliver: Deliver): FeedSubscription {
    const sub: Subscriber = { filter, deliver, cursor: filter.since ?? 0, buffer: [], closed: false };
    this.subs.add(sub);
    const live = this.catchUp(sub);
    // A failed backlog read closes the subscriber; the caller sees it through `live`.
    live.catch(() => this.subs.delete(sub));
    return {
      live,
      close: () => {
        sub.closed = true;
        this.subs.delete(sub);
      },
    };
  }

  /** The newest event id in the log (0 when none): the furthest a subscriber may resume from. */
  async newestId(): Promise<number> {
    return this.log.lastEventId();
  }

  /** Stops reading; subscribers get nothing more. */
  close(): void {
    this.stop.abort();
    this.unsubscribe?.();
    this.subs.clear();
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      this.position = await this.log.lastEventId();
      this.unsubscribe = this.log.onEvents(() => void this.pump());
      void this.pollLoop();
    })();
    return this.started;
  }

  private async catchUp(sub: Subscriber): Promise<void> {
    await this.start();
    if (sub.filter.since === undefined) sub.cursor = this.position;
    const { types, jobId } = sub.filter;
    for (;;) {
      if (sub.closed) return;
      const page = await this.log.listEvents({
        since: sub.cursor,
        limit: this.pageSize,
        ...(types ? { types } : {}),
        ...(jobId !== undefined ? { jobId } : {}),
      });
      await this.hand(sub, page);
      if (page.length < this.pageSize) break;
    }
    const buffered = sub.buffer ?? [];
    sub.buffer = undefined;
    await this.hand(sub, buffered);
  }

  /**
   * Delivers the events above the subscriber's cursor. An unfiltered subscriber of a live page
   * gets the page's own array (one array for every such subscriber: SSE renders it once).
   */
  private hand(sub: Subscriber, events: LoggedEvent[]): void | Promise<void> {
    if (sub.closed) return;
    const fresh = (events[0]?.id ?? 0) > sub.cursor ? events : events.filter((e) => e.id > sub.cursor);
    if (fresh.length === 0) return;
    sub.cursor = fresh.at(-1)!.id;
    return sub.deliver(fresh);
  }

  /** Reads everything after the live position, page by page, and dispatches it. One read at a time. */
  private async pump(): Promise<void> {
    if (this.stop.signal.aborted) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        for (;;) {
          const page = await this.log.listEvents({ since: this.position, limit: this.pageSize });
          if (page.length > 0) this.dispatch(page);
          if (page.length < this.pageSize) break;
        }
      } while (this.readAgain && !this.stop.signal.aborted);
    } catch (err) {
      // The next wake-up or poll reads again from the same position: nothing is skipped.
      this.logger?.warn({ err }, 'event feed: reading the event log failed');
    } finally {
      this.reading = false;
    }
  }

  private dispatch(page: LoggedEvent[]): void {
    this.position = page.at(-1)!.id;
    for (const sub of this.subs) {
      const wanted = unfiltered(sub.filter) ? page : page.filter((e) => matches(sub.filter, e));
      if (wanted.length === 0) continue;
      if (sub.buffer) sub.buffer.push(...wanted);
      // Not awaited: one slow reader must not hold up the others (see Deliver).
      else void this.hand(sub, wanted)?.catch(() => {});
    }
  }

  private async pollLoop(): Promise<void> {
    while (!this.stop.signal.aborted) {
      try {
        await this.clock.sleepUntil(new Date(this.clock.now().getTime() + this.pollMs), this.stop.signal);
      } catch {
        return;
      }
      if (this.subs.size > 0) await this.pump();
    }
  }
}
