import type { ChatMove, ChatMoveResult } from '../../core/ports/job-store.js';
import type { Job } from '../../core/job.js';
import type { ClaimedRun, Lease, OutboxMessage, OutboxRow, RunRecord, Settlement } from '../../core/run.js';
import type {
  ClaimLanes,
  DueTimes,
  InstantClaim,
  JobFilter,
  JobPage,
  JobPageRequest,
  JobPatch,
  JobPrecondition,
  NewJobRecord,
  PruneOptions,
  RunFilter,
  StoreStats,
} from '../../core/ports/job-store.js';
import { type EventQuery, type LoggedEvent, actorOf } from '../../core/ports/event-log.js';
import { currentContext } from '../../core/runtime-context.js';
import { newJobId } from '../job-id.js';
import { type LaneLimits, claimDueSettlingWork, claimDueWork, claimJobWork } from './claim-work.js';
import type { JobStoreQueries, OutboxFilter } from './job-queries.js';
import {
  claimOutboxWork,
  createJobWork,
  deleteJobWork,
  earliest,
  enqueueOutboxWork,
  moveChatWork,
  getRunWork,
  listRunsWork,
  pageJobsWork,
  patchJobWork,
  patchJobsWork,
  pruneRunsWork,
  releaseClaimWork,
  settleWork,
  statsWork,
} from './job-work.js';
import { EventRecorder } from './event-log.js';
import { type DeliveryEventType, deliveryWork, listEventsWork } from './event-work.js';
import { jobFromRow, outboxFromRow } from './rows.js';
import { type Kind, type Out, type Runner, type Work, answer, requests } from './work.js';

const q = requests<JobStoreQueries>();

const none = (n: number): boolean => n === 0;
const empty = (xs: unknown[]): boolean => xs.length === 0;

/**
 * The JobStore, written once over a dialect's runner: every method says which work it runs
 * and how (no transaction, a write transaction, a dry run); SQLite's runner makes every method
 * synchronous (`F` = Sync), PostgreSQL's asynchronous. A write whose result shows it changed
 * nothing is `quiet`: other processes are not woken for it.
 */
export class EngineJobStore<F extends Kind> {
  private readonly newId: () => string;
  /** In-process readers of the event log, woken after a commit that wrote events. */
  private readonly eventListeners = new Set<() => void>();
  private wakeQueued = false;

  /** Other processes' commits (SQLite: the file watcher; PostgreSQL: LISTEN/NOTIFY), where the dialect reports them. */
  onExternalChange?(listener: () => void): () => void;

  constructor(
    private readonly run: Runner<F>,
    opts: { newJobId?: () => string } = {},
  ) {
    this.newId = opts.newJobId ?? newJobId;
  }

  /** Newest `now` passed to any method: the store has no clock of its own. */
  private seenNow = 0;
  private see(now: Date): number {
    const t = now.getTime();
    if (t > this.seenNow) this.seenNow = t;
    return t;
  }

  // ---- jobs ---------------------------------------------------------------------------

  createJob(input: NewJobRecord, now: Date): Out<F, Job> {
    this.see(now);
    return this.logged(now.getTime(), (ev) => createJobWork(input, now, this.newId, ev));
  }

  getJob(id: string): Out<F, Job | undefined> {
    return this.run.single(mapped(q.getJob(id), (row) => row && jobFromRow(row)));
  }

  updateJob(id: string, patch: JobPatch, now: Date, precondition?: JobPrecondition): Out<F, Job | undefined> {
    this.see(now);
    return this.logged(
      now.getTime(),
      (ev) => patchJobWork(id, patch, now, ev, precondition),
      (job) => job === undefined,
    );
  }

  updateJobs(filter: JobFilter, patch: JobPatch, now: Date): Out<F, string[]> {
    this.see(now);
    return this.logged(now.getTime(), (ev) => patchJobsWork(filter, patch, now, ev), empty);
  }

  moveChat(move: ChatMove, now: Date): Out<F, ChatMoveResult> {
    this.see(now);
    return this.logged(
      now.getTime(),
      (ev) => moveChatWork(move, now, ev),
      (r) => r.jobs.length === 0 && r.outbox === 0,
    );
  }

  /** `now` (for closing a running run's history row) defaults to the newest time this store has seen. */
  deleteJob(id: string, now?: Date, precondition?: JobPrecondition): Out<F, boolean> {
    const t = now ? this.see(now) : this.seenNow;
    return this.logged(
      t,
      (ev) => deleteJobWork(id, t, ev, precondition),
      (deleted) => !deleted,
    );
  }

  listJobs(filter: JobFilter = {}): Out<F, Job[]> {
    return this.run.single(mapped(q.listJobs(filter), (rows) => rows.map(jobFromRow)));
  }

  pageJobs(filter: JobFilter, page: JobPageRequest): Out<F, JobPage> {
    return this.run.single(pageJobsWork(filter, page));
  }

  countJobs(filter: JobFilter = {}, atMost?: number): Out<F, number> {
    return this.run.single(q.countJobs(filter, atMost));
  }

  // ---- claims -------------------------------------------------------------------------

  nextDueAt(): Out<F, Date | undefined> {
    // Nothing is due after the end of time: the `fresh` seek finds nothing at once.
    return this.run.single(mapped(q.nextDue(Number.MAX_SAFE_INTEGER), (r) => earliest(r.due, r.lease)));
  }

  dueTimes(after: Date): Out<F, DueTimes> {
    return this.run.single(
      mapped(q.nextDue(after.getTime()), (r) => ({
        ...(r.due !== null ? { due: new Date(r.due) } : {}),
        ...(r.fresh !== null ? { dueAfter: new Date(r.fresh) } : {}),
        ...(r.lease !== null ? { leaseExpiry: new Date(r.lease) } : {}),
      })),
    );
  }

  claimDue(now: Date, limit: number, lease: Lease, lanes?: ClaimLanes): Out<F, ClaimedRun[]> {
    const t = this.see(now);
    if (limit <= 0) return this.run.single(answer([]));
    return this.logged(t, (ev) => claimDueWork(t, limit, lease, ev, laneLimits(lanes)), empty);
  }

  /** claimDue with the instant runs settled in its transaction: one commit for a batch of reminders. */
  claimDueSettlingInstant(
    now: Date,
    limit: number,
    lease: Lease,
    lanes: ClaimLanes | undefined,
    decide: (run: ClaimedRun) => Settlement | undefined,
  ): Out<F, InstantClaim[]> {
    const t = this.see(now);
    if (limit <= 0) return this.run.single(answer([]));
    return this.logged(t, (ev) => claimDueSettlingWork(t, limit, lease, ev, laneLimits(lanes), decide), empty);
  }

  /** PostgreSQL waits for a lock another transaction holds on the job: a person's "run now" should not fail spuriously. */
  claimJob(id: string, now: Date, lease: Lease): Out<F, ClaimedRun | undefined> {
    const t = this.see(now);
    return this.logged(
      t,
      (ev) => claimJobWork(id, t, lease, ev),
      (run) => run === undefined,
    );
  }

  /** Heartbeat. The one write that wakes nobody: a later expiry never makes another process act sooner. */
  extendLeases(runIds: string[], now: Date, lease: Lease): Out<F, void> {
    const t = this.see(now);
    if (runIds.length === 0) return this.run.single(answer(undefined));
    return this.run.single(q.extendLeases(runIds, lease.owner, t + lease.durationMs));
  }

  leaseOwners(): Out<F, string[]> {
    return this.run.single(q.leaseOwners());
  }

  expireLeases(owners: string[], now: Date): Out<F, number> {
    const t = this.see(now);
    if (owners.length === 0) return this.run.single(answer(0));
    return this.run.write(q.expireLeases(owners, t), none);
  }

  /** The run in progress lives only on the lease, so dropping the lease leaves no trace of it. */
  releaseClaim(run: ClaimedRun): Out<F, void> {
    let changed = 0;
    return this.logged(
      this.seenNow,
      (ev) =>
        mapped(releaseClaimWork(run, ev), (n) => {
          changed = n;
        }),
      () => changed === 0,
    );
  }

  /** All or nothing in one transaction (one commit for a burst); results in input order. */
  settleAll(items: Array<{ run: ClaimedRun; settlement: Settlement }>, now: Date): Out<F, boolean[]> {
    const t = this.see(now);
    if (items.length === 0) return this.run.single(answer([]));
    return this.logged(
      t,
      (ev) => settleWork(items, t, ev),
      (kept) => !kept.includes(true),
    );
  }

  settle(run: ClaimedRun, settlement: Settlement, now: Date): Out<F, boolean> {
    const t = this.see(now);
    return this.logged(
      t,
      (ev) => mapped(settleWork([{ run, settlement }], t, ev), (kept) => kept[0]!),
      (kept) => !kept,
    );
  }

  // ---- history ------------------------------------------------------------------------

  listRuns(filter: RunFilter = {}): Out<F, RunRecord[]> {
    return this.run.single(listRunsWork(filter));
  }

  getRun(runId: string): Out<F, RunRecord | undefined> {
    return this.run.single(getRunWork(runId));
  }

  pruneRuns(opts: PruneOptions & { olderThan?: Date; keepPerJob?: number }): Out<F, number> {
    return this.prune(opts, pruneRunsWork(opts));
  }

  /** A prune in a write transaction; a dry run rolls it back and only reports the count. */
  private prune(opts: PruneOptions, work: Work<number>): Out<F, number> {
    return opts.dryRun ? this.run.dryRun(work) : this.run.write(work, none);
  }

  // ---- outbox -------------------------------------------------------------------------

  enqueueOutbox(messages: OutboxMessage[], now: Date): Out<F, void> {
    const t = this.see(now);
    if (messages.length === 0) return this.run.single(answer(undefined));
    return this.run.write(enqueueOutboxWork(messages, t));
  }

  claimOutbox(now: Date, limit: number, lease: Lease): Out<F, OutboxRow[]> {
    const t = this.see(now);
    if (limit <= 0) return this.run.single(answer([]));
    return this.run.write(claimOutboxWork(t, limit, lease), empty);
  }

  nextOutboxAt(): Out<F, Date | undefined> {
    return this.run.single(mapped(q.nextOutboxAt(), (t) => earliest(t)));
  }

  markSent(id: number, sentRef: string, now: Date): Out<F, void> {
    const t = this.see(now);
    return this.delivered(id, 'delivery.sent', t, q.markSent(id, sentRef, t));
  }

  markRetry(id: number, error: string, availableAt: Date): Out<F, void> {
    return this.delivered(id, 'delivery.failed', this.seenNow, q.markRetry(id, error, availableAt.getTime()), error);
  }

  markPostponed(id: number, reason: string, availableAt: Date): Out<F, void> {
    return this.change(q.markPostponed(id, reason, availableAt.getTime()));
  }

  markDead(id: number, error: string, now: Date): Out<F, void> {
    return this.delivered(id, 'delivery.dead', this.see(now), q.markDead(id, error), error);
  }

  /** A delivery outcome: the outbox write and its event, quiet when the message was not changed. */
  private delivered(id: number, type: DeliveryEventType, t: number, mark: Work<number>, error?: string): Out<F, void> {
    return this.logged(
      t,
      (ev) => mapped(deliveryWork(id, type, mark, ev, error), () => undefined),
      () => false,
    );
  }

  /** A one-statement write in a write transaction, quiet when it changed no row. */
  private change(work: Work<number>): Out<F, void> {
    let changed = 0;
    return this.run.write(
      mapped(work, (n) => {
        changed = n;
      }),
      () => changed === 0,
    );
  }

  pruneOutbox(opts: PruneOptions & { before: Date }): Out<F, number> {
    return this.prune(opts, q.pruneOutbox(opts.before.getTime()));
  }

  getOutbox(id: number): Out<F, OutboxRow | undefined> {
    return this.run.single(mapped(q.getOutbox(id), (row) => row && outboxFromRow(row)));
  }

  listOutbox(filter: OutboxFilter = {}): Out<F, OutboxRow[]> {
    return this.run.single(mapped(q.listOutbox(filter), (rows) => rows.map(outboxFromRow)));
  }

  stats(): Out<F, StoreStats> {
    return this.run.single(statsWork());
  }

  // ---- event log ----------------------------------------------------------------------

  listEvents(query: EventQuery): Out<F, LoggedEvent[]> {
    return this.run.single(listEventsWork(query));
  }

  lastEventId(): Out<F, number> {
    return this.run.single(q.lastEventId());
  }

  pruneEvents(opts: PruneOptions & { before: Date }): Out<F, number> {
    return this.prune(opts, q.pruneEventsBefore(opts.before.getTime()));
  }

  /** EventLog.onEvents: wakes `listener` after this store's commits that wrote events and after other processes' commits. */
  onEvents(listener: () => void): () => void {
    this.eventListeners.add(listener);
    const offExternal = this.onExternalChange?.(listener);
    return () => {
      this.eventListeners.delete(listener);
      offExternal?.();
    };
  }

  /**
   * A write transaction whose work records its events on an {@link EventRecorder} (stamped `t`
   * and with the acting context of this call); they are inserted as its last statement, and
   * in-process readers are woken once it has committed.
   */
  private logged<T>(t: number, build: (ev: EventRecorder) => Work<T>, quiet?: (result: T) => boolean): Out<F, T> {
    const ev = new EventRecorder(actorOf(currentContext()), t);
    const out = this.run.write(withEvents(build(ev), ev), quiet) as T | Promise<T>;
    if (out instanceof Promise) {
      return out.then((v) => {
        this.wakeIf(ev);
        return v;
      }) as Out<F, T>;
    }
    this.wakeIf(ev);
    return out as Out<F, T>;
  }

  /** One wake-up per event-loop turn, however many commits: readers read the log for what is new. */
  private wakeIf(ev: EventRecorder): void {
    if (ev.events.length === 0 || this.eventListeners.size === 0 || this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      for (const l of [...this.eventListeners]) l();
    });
  }
}

/** A claim's lanes in epoch ms, as the work takes them. */
function laneLimits(lanes: ClaimLanes | undefined): LaneLimits | undefined {
  return lanes && { freshAfter: lanes.freshAfter.getTime(), freshLimit: lanes.freshLimit, backlogLimit: lanes.backlogLimit };
}

/** `work`, then the events it recorded, in the same transaction. */
function* withEvents<T>(work: Work<T>, ev: EventRecorder): Work<T> {
  const result = yield* work;
  if (ev.events.length > 0) yield* q.insertEvents(ev.events);
  return result;
}

/** `work` with its result passed through `f`. */
function* mapped<A, B>(work: Work<A>, f: (a: A) => B): Work<B> {
  return f(yield* work);
}
