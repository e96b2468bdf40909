import type { Job, JobStatus, NewJob, Platform } from '../job.js';
import type { ClaimedRun, Lease, OutboxMessage, OutboxRow, OutboxStatus, RunRecord, RunStatus, Settlement } from '../run.js';

/** SQLite answers synchronously, PostgreSQL asynchronously; callers always `await`. */
export type MaybePromise<T> = T | Promise<T>;

export interface JobFilter {
  /** Only these jobs. */
  ids?: string[];
  status?: JobStatus | JobStatus[];
  kind?: string;
  ownerPlatform?: string;
  ownerUserId?: string;
  originPlatform?: string;
  originChatId?: string;
  workflowId?: string;
  /** Jobs whose next run is exactly this instant (duplicate checks: "the same time"). */
  nextRunAt?: Date;
  /** Jobs whose schedule repeats (true) or fires at most once (false), as core's isRecurring says. */
  recurring?: boolean;
  /**
   * Jobs whose name, reminder text or command contains this text, ignoring case (SQLite folds
   * ASCII letters only; PostgreSQL every letter).
   */
  text?: string;
  limit?: number;
  offset?: number;
}

/** What a page of jobs is sorted by; ties are broken by creation order. */
export type JobSortKey = 'created' | 'id' | 'name' | 'next_run' | 'updated';

/**
 * The order of `pageJobs`. `next_run` counts a job with nothing due as later than any time
 * (last ascending, first descending); `name` ignores the case of ASCII letters.
 */
export interface JobOrder {
  key: JobSortKey;
  desc?: boolean;
}

/** Where one page of `pageJobs` starts and how many jobs it holds. */
export interface JobPageRequest {
  /** The `next` of the previous page (of the same filter and order); absent for the first page. */
  after?: string;
  size: number;
  /** Default: creation order, oldest first. */
  order?: JobOrder;
}

/** One page of jobs, and the cursor of the next one (absent after the last page). */
export interface JobPage {
  jobs: Job[];
  next?: string;
}

/**
 * How one claim splits between jobs that came due on time and an older backlog, so a timed job
 * never waits behind a burst of overdue ones (see claimDue).
 */
export interface ClaimLanes {
  /** The caller's previous claim: jobs due after it came due since, and are claimed first. */
  freshAfter: Date;
  /** Those on-time jobs claimed at most. */
  freshLimit: number;
  /** Jobs due at or before `freshAfter` (the backlog) claimed at most. */
  backlogLimit: number;
}

/** When the due loop must look again: each absent when there is none. */
export interface DueTimes {
  /** Earliest next run of an active unleased job (in the past when a backlog waits). */
  due?: Date;
  /** Earliest next run after the instant asked about (the due loop's last claim). */
  dueAfter?: Date;
  /** Earliest lease expiry: a crashed run becomes claimable then. */
  leaseExpiry?: Date;
}

export interface RunFilter {
  jobId?: string;
  status?: RunStatus;
  /** Runs started at or after this instant. */
  startedFrom?: Date;
  /** Runs started before this instant. */
  startedBefore?: Date;
  /** Runs after this run id in the listing (older ones): the last run id of the previous page. */
  afterRunId?: string;
  /** Newest first. Default 50. */
  limit?: number;
}

/** A chat the platform gave a new id: a Telegram group upgraded to a supergroup. */
export interface ChatMove {
  platform: Platform;
  from: string;
  to: string;
}

/** What moving a chat changed: the jobs moved, and how many unsent messages were readdressed. */
export interface ChatMoveResult {
  jobs: string[];
  outbox: number;
}

export type JobPatch = Partial<Omit<Job, 'id' | 'createdAt'>>;

/**
 * A write's condition (optimistic concurrency, the API's If-Match): it applies only while the
 * job is still the edit version its author read (core/job-version.ts editVersion). The store
 * compares it on the row the write locks, in the write's transaction, so a change committed in
 * between by anyone (another process, another instance) is never overwritten: the write then
 * throws JobChangedError with the job as it is, and changes nothing.
 */
export interface JobPrecondition {
  expectVersion: string;
}

/**
 * What `createJob` stores: a NewJob plus, optionally, its first run time as computed by the
 * scheduler. Without `nextRunAt` a `once` job is due at its `at` and any other schedule has
 * nothing due (null) until the scheduler sets it: the store never evaluates schedules.
 */
export type NewJobRecord = NewJob & { nextRunAt?: Date | null };

export interface StoreStats {
  jobsByStatus: Record<JobStatus, number>;
  /** Jobs by status and kind (the metrics' labels). */
  jobsByKind: Array<{ status: JobStatus; kind: string; n: number }>;
  runsByStatus: Partial<Record<RunStatus, number>>;
  outboxPending: number;
  outboxDead: number;
  /** Outbox rows by platform and status, their failed send attempts, and when the oldest was written. */
  outboxByPlatform: Array<{ platform: string; status: OutboxStatus; n: number; failedAttempts: number; oldestCreatedAt: Date | null }>;
}

/** Options every prune takes: `dryRun` counts what would be deleted and deletes nothing. */
export interface PruneOptions {
  dryRun?: boolean;
}

/**
 * Everything Chime persists. The contract test suite (test/store/contract.ts) runs against
 * every implementation. Every method that changes state is one transaction.
 *
 * Claims: a due job is claimed by setting a lease (owner + expiry) and inserting a `running`
 * run row. A job with an unexpired lease is never claimed again, so no job runs twice at once;
 * when a process dies its lease expires and another claim takes the occurrence over (the old
 * run row becomes `abandoned`). PostgreSQL will do the same with FOR UPDATE SKIP LOCKED.
 */
/** A run claimed by claimDueSettlingInstant: `settled` is set when it was also settled there. */
export interface InstantClaim {
  run: ClaimedRun;
  settled?: boolean;
}

export interface JobStore {
  /** Creates a job with every optional field defaulted (src/store/job-defaults.ts); a generated 6-character id unless `input.id` is given (a taken id throws). */
  createJob(input: NewJobRecord, now: Date): MaybePromise<Job>;
  getJob(id: string): MaybePromise<Job | undefined>;
  /**
   * Applies a patch; returns the updated job, or undefined if it does not exist. With
   * `precondition`, a job of another version is left as it is (JobChangedError, no event).
   */
  updateJob(id: string, patch: JobPatch, now: Date, precondition?: JobPrecondition): MaybePromise<Job | undefined>;
  /** Updates many jobs at once (pause all, cancel a workflow); returns the ids changed. */
  updateJobs(filter: JobFilter, patch: JobPatch, now: Date): MaybePromise<string[]>;
  /**
   * Deletes a job; a run still in progress becomes `abandoned` at `now` (optional for
   * compatibility). With `precondition`, a job of another version is kept (JobChangedError).
   */
  deleteJob(id: string, now?: Date, precondition?: JobPrecondition): MaybePromise<boolean>;
  listJobs(filter?: JobFilter): MaybePromise<Job[]>;
  /**
   * Jobs matching `filter` (its limit/offset ignored) in `page.order` (default creation order),
   * one page at a time: keyset pagination on the sort value and the creation sequence, so a
   * page never repeats or skips a job when others are added between pages, and a caller
   * printing as it goes holds one page in memory however many jobs there are. `next` is set
   * only when another page holds jobs.
   */
  pageJobs(filter: JobFilter, page: JobPageRequest): MaybePromise<JobPage>;
  /**
   * Jobs matching `filter` (limit/offset ignored), counted in SQL. With `atMost`, counting
   * stops there: enough for a quota check, which then reads at most that many index entries.
   */
  countJobs(filter?: JobFilter, atMost?: number): MaybePromise<number>;

  /** Earliest next_run_at of an active, unleased job (or lease expiry of a leased one). */
  nextDueAt(): MaybePromise<Date | undefined>;
  /** The due loop's view of the same, with the earliest due time after `after` too, in one read. */
  dueTimes(after: Date): MaybePromise<DueTimes>;
  /**
   * Claims up to `limit` jobs due at `now`, oldest first (ties in creation order). Expired leases
   * are taken over first, for the same occurrence; an occurrence abandoned 3 times fails its
   * job instead. A claim never changes `attempts`: `attempt` is `job.attempts + 1` and the
   * trigger is `retry` when `job.attempts > 0`; settle writes the new count.
   *
   * With `lanes`, jobs due after `lanes.freshAfter` are claimed before older ones (each lane
   * oldest first, within its own limit) and come first in the result, after any takeovers.
   */
  claimDue(now: Date, limit: number, lease: Lease, lanes?: ClaimLanes): MaybePromise<ClaimedRun[]>;
  /**
   * Optional: claimDue, and in the same transaction settles (as settleAll would) each claimed
   * run that `decide` gives a settlement for: an instant run (core/instant-run.ts). `decide`
   * is called inside the transaction, once per claimed run, in claim order. Returns every
   * claimed run in claim order; `settled` is set on those settled here (false: its lease was
   * lost). If anything throws, nothing is claimed or settled, and it throws.
   */
  claimDueSettlingInstant?(
    now: Date,
    limit: number,
    lease: Lease,
    lanes: ClaimLanes | undefined,
    decide: (run: ClaimedRun) => Settlement | undefined,
  ): MaybePromise<InstantClaim[]>;
  /** Claims one job now regardless of its schedule (run now); undefined if it is leased or missing. */
  claimJob(id: string, now: Date, lease: Lease): MaybePromise<ClaimedRun | undefined>;
  /** Heartbeat: pushes the lease of runs still in progress. */
  extendLeases(runIds: string[], now: Date, lease: Lease): MaybePromise<void>;
  /** Every owner holding a lease on a job or an outbox message (live or expired). */
  leaseOwners(): MaybePromise<string[]>;
  /**
   * Ends the leases `owners` hold, on jobs and outbox messages, at `now`: the next claim takes
   * them over as it takes over any expired lease (a run in progress becomes `abandoned`). For
   * a restarted process recovering what its dead predecessor had claimed; returns leases ended.
   */
  expireLeases(owners: string[], now: Date): MaybePromise<number>;
  /** Gives a claim back unrun (shutdown): the job becomes claimable again, the run row is dropped. */
  releaseClaim(run: ClaimedRun): MaybePromise<void>;
  /**
   * Records the outcome, updates the job and adds outbox rows, in one transaction. A settle for
   * a lost lease (taken over after expiry, or job deleted) is ignored and returns false; an
   * expired lease nobody took over still settles. If the job was paused or cancelled while the
   * run was in progress, that status and its next run are kept (the rest is written).
   */
  settle(run: ClaimedRun, settlement: Settlement, now: Date): MaybePromise<boolean>;
  /**
   * Optional: several settles in one transaction, for bursts where a commit per run would
   * dominate. All or nothing: if any settle throws, none is written and it throws (the caller
   * then settles them one by one). Results are in input order.
   */
  settleAll?(items: Array<{ run: ClaimedRun; settlement: Settlement }>, now: Date): MaybePromise<boolean[]>;

  listRuns(filter?: RunFilter): MaybePromise<RunRecord[]>;
  /** One run of the history, or the run in progress with that id. */
  getRun(runId: string): MaybePromise<RunRecord | undefined>;
  /**
   * Deletes finished runs older than `olderThan` and beyond `keepPerJob` newest per job. Returns
   * rows deleted. With `dryRun`, the same deletes run in a transaction that is rolled back: the
   * count of what would go, by the very statements that would delete it.
   */
  pruneRuns(opts: PruneOptions & { olderThan?: Date; keepPerJob?: number }): MaybePromise<number>;

  /**
   * A chat got a new id on its platform (a Telegram group upgraded to a supergroup), in one
   * transaction: every job whose origin is the old chat, of any status, is rewritten as
   * `movedJobPatch` says (with its update event); and every unsent message (pending or being
   * sent) to the old chat is readdressed to the new one, without the old chat's thread, reply
   * and quoted message id. Then those messages keep one order with the new chat's own, and a
   * restart does not send each to the old id first to be refused. Sent and dead messages stay
   * as they were. Safe to repeat: once moved, nothing is left under the old id.
   */
  moveChat(move: ChatMove, now: Date): MaybePromise<ChatMoveResult>;

  /** Adds messages outside a run (e.g. a failure notice); duplicates by key are ignored. */
  enqueueOutbox(messages: OutboxMessage[], now: Date): MaybePromise<void>;
  /**
   * Claims messages available at `now` (lease like jobs, so two dispatchers never send one
   * twice), in id order and keeping each chat's order: a message is never handed out while an
   * earlier one of its chat waits for a later time or is held under another owner's live lease.
   */
  claimOutbox(now: Date, limit: number, lease: Lease): MaybePromise<OutboxRow[]>;
  nextOutboxAt(): MaybePromise<Date | undefined>;
  markSent(id: number, sentRef: string, now: Date): MaybePromise<void>;
  /**
   * A send failed (network error, 5xx): schedules another attempt at `availableAt` and counts
   * the failure in `attempts`, which decides when the message is given up.
   */
  markRetry(id: number, error: string, availableAt: Date): MaybePromise<void>;
  /**
   * Hands a message back, pending at `availableAt`, without counting a failure: the platform
   * asked to wait (rate limit), or the message was not tried at all (waiting behind an earlier
   * message to its chat, released at shutdown, no sender yet). `attempts` is left alone.
   */
  markPostponed(id: number, reason: string, availableAt: Date): MaybePromise<void>;
  /** Gives up on a message (permanent failure). */
  markDead(id: number, error: string, now: Date): MaybePromise<void>;
  /**
   * Deletes sent and dead messages created before `before`; returns rows deleted. Optional for
   * compatibility. Keep the cut-off well behind any run that could still be repeated: a deleted
   * key no longer deduplicates.
   */
  pruneOutbox?(opts: PruneOptions & { before: Date }): MaybePromise<number>;
  getOutbox(id: number): MaybePromise<OutboxRow | undefined>;
  listOutbox(filter?: { status?: OutboxRow['status']; jobId?: string; limit?: number }): MaybePromise<OutboxRow[]>;

  stats(): MaybePromise<StoreStats>;
  /**
   * Optional: calls `listener` soon after another process changed the store (a job created by
   * the CLI), so timers re-arm at once. Returns the unsubscribe function. Best effort: callers
   * keep their periodic re-arm. (PostgreSQL: LISTEN/NOTIFY.)
   */
  onExternalChange?(listener: () => void): () => void;
  close(): MaybePromise<void>;
}
