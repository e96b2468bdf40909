import type { JobStatus } from '../../core/job.js';
import type { RunTrigger } from '../../core/run.js';
import type { JobFilter, JobOrder, RunFilter } from '../../core/ports/job-store.js';
import type { JobKeyset } from './job-list-sql.js';
import type { DueJobRow, JobParams, JobRow, OutboxDbRow, PageJobRow, RunRow, SeqJobRow } from './rows.js';
import type { EventQueries } from './event-log.js';
import type { OutboxParams, SettleRecord } from './write-params.js';

/** A filter of `listOutbox`. */
export interface OutboxFilter {
  status?: OutboxDbRow['status'];
  jobId?: string;
  limit?: number;
}

/** Counts behind `stats()`. */
export interface StoreCounts {
  /** Jobs by status and kind. */
  jobs: Array<{ status: string; kind: string; n: number }>;
  runs: Array<{ status: string; n: number }>;
  outbox: { pending: number; dead: number };
  /** Outbox rows by platform and status: how many, their failed send attempts, the oldest's creation. */
  outboxByPlatform: Array<{ platform: string; status: string; n: number; failed_attempts: number; oldest: number | null }>;
}

/**
 * The queries the job store engine asks of a dialect: one named query per operation, each
 * written in the dialect's SQL in its query module (`sqlite/`, `postgres/`). Times are epoch
 * ms. Shown here in their synchronous form (SQLite); PostgreSQL's take a connection first and
 * return promises (`AsyncQueries`).
 */
export interface JobStoreQueries extends EventQueries {
  /** Inserts a new job (no lease); false when its id is taken. */
  insertJob(p: JobParams): boolean;
  getJob(id: string): JobRow | undefined;
  /** The job, locked for a read-modify-write in this transaction (PostgreSQL: FOR UPDATE). */
  getJobForUpdate(id: string): JobRow | undefined;
  /** Rewrites every field of a job except id, creation time and the lease. */
  rewriteJob(p: JobParams): void;
  /** Locks these jobs in one fixed order, the order of every transaction locking several jobs (no deadlock). */
  lockJobs(ids: string[]): void;
  deleteJob(id: string): boolean;
  /** Ids of the jobs matching `filter` (its limit and offset applied), in list order. */
  jobIds(filter: JobFilter): string[];
  listJobs(filter: JobFilter): JobRow[];
  /** Up to `size` jobs matching `filter` in `order` after the keyset `after` (job-list-sql.ts: jobPageSql). */
  pageJobs(filter: JobFilter, order: JobOrder, after: JobKeyset | undefined, size: number): PageJobRow[];
  countJobs(filter: JobFilter, atMost?: number): number;

  /** Earliest next_run_at of an active unleased job, the earliest after `after`, and earliest lease expiry. */
  nextDue(after: number): { due: number | null; fresh: number | null; lease: number | null };
  /** Leases at `now` up to `limit` unleased active jobs due in (`after`, `dueBy`], each with a fresh run id; any order. */
  claimDueBatch(after: number, dueBy: number, now: number, limit: number, owner: string, expires: number): SeqJobRow[];
  /**
   * Up to `limit` unleased active jobs due in (`after`, `dueBy`], read without a lease (on
   * PostgreSQL locked, skipping rows locked elsewhere), for a claim that settles them in the
   * same transaction; any order.
   */
  selectDueBatch(after: number, dueBy: number, limit: number): DueJobRow[];
  /** Jobs whose lease ran out, oldest expiry first (PostgreSQL: locked, skipping rows locked elsewhere). */
  expiredLeases(now: number, limit: number): JobRow[];
  /** A fresh lease with a new run id on one job, for the given occurrence; the leased row. */
  leaseJob(id: string, now: number, owner: string, expires: number, scheduledFor: number, trigger: RunTrigger): JobRow;
  /** Drops the lease of that run; the number of jobs changed (0: the lease is no longer that run's). */
  clearLease(id: string, runId: string): number;
  /** The job's run in progress, written to the history as abandoned; nothing if it holds no lease. */
  abandonLeasedRun(id: string, now: number, error: string, ghostSessionId: string): void;
  /** How often this occurrence of the job was abandoned already. */
  countAbandoned(jobId: string, scheduledFor: number): number;
  /** Fails a job whose runs keep killing their process: nothing due, no lease. */
  failPoisonJob(id: string, now: number, error: string): void;
  /** Heartbeat: pushes the lease expiry of these runs held by `owner`. */
  extendLeases(runIds: string[], owner: string, expires: number): void;
  /** Owners of leases on jobs and on outbox messages. */
  leaseOwners(): string[];
  /** Ends the leases (jobs and messages) of `owners` at `now`; how many. */
  expireLeases(owners: string[], now: number): number;
  /**
   * Per record, while its run still holds its job's lease: writes the job (keeping a pause or
   * cancel made after the claim) and drops the lease, adds the history row and the messages.
   * Per record in input order: the job's status after the settle, or null when the run had
   * lost its lease and nothing was written.
   */
  settleRuns(records: SettleRecord[], now: number): Array<JobStatus | null>;

  /** Runs in progress (on the leases), newest first; `jobId` null for all jobs. */
  runningRuns(jobId: string | null, limit: number): Array<Omit<RunRow, 'ghost_session_id'>>;
  /** Finished runs matching `filter`, newest first. */
  listRuns(filter: RunFilter): RunRow[];
  /** One finished run. */
  getRun(runId: string): RunRow | undefined;
  /** The run in progress with this id (on its job's lease). */
  runningRun(runId: string): Omit<RunRow, 'ghost_session_id'> | undefined;
  pruneRunsOlderThan(before: number): number;
  pruneRunsBeyondCount(keep: number): number;

  /** Adds pending messages in order; a key already present is dropped (effectively-once). */
  insertOutbox(messages: OutboxParams[], now: number): void;
  /** Serialises outbox claims across processes where the database does not already. */
  lockOutboxClaims(): void;
  /** Leases messages that may be sent now, keeping each chat's order; any order. */
  claimOutbox(now: number, limit: number, owner: string, expires: number): OutboxDbRow[];
  /** When the first unfinished message of some chat becomes available or its send lease expires. */
  nextOutboxAt(): number | null;
  /**
   * Readdresses the unsent (pending or sending) messages of `platform` to chat `from` to chat
   * `to`, dropping their thread, reply and `meta.quote.messageId`; how many.
   */
  moveUnsentOutbox(platform: string, from: string, to: string): number;
  markSent(id: number, sentRef: string, now: number): number;
  markRetry(id: number, error: string, availableAt: number): number;
  markPostponed(id: number, reason: string, availableAt: number): number;
  markDead(id: number, error: string): number;
  pruneOutbox(before: number): number;
  getOutbox(id: number): OutboxDbRow | undefined;
  listOutbox(filter: OutboxFilter): OutboxDbRow[];

  counts(): StoreCounts;
}
