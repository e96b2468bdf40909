import type pg from 'pg';
import { UserError } from '../../core/errors.js';
import { ghostSessionId } from '../../core/ghost.js';
import type { Job } from '../../core/job.js';
import type { ClaimedRun, Lease, OutboxMessage, OutboxRow, RunRecord, Settlement } from '../../core/run.js';
import { applyPatch, jobFromNew } from '../job-defaults.js';
import { JOB_ID_ATTEMPTS, newJobId } from '../job-id.js';
import { earliest, leaseExpiredError, leasedOccurrence, poisonJobError } from '../lease-takeover.js';
import { mergeHistory, runInProgress, wantsRunsInProgress } from '../run-history.js';
import type { JobFilter, JobPage, JobPageRequest, JobPatch, JobStore, NewJobRecord, PruneOptions, RunFilter, StoreStats } from '../../core/ports/job-store.js';
import { pageCursor } from '../job-page.js';
import type { ChangeListener } from './change-listener.js';
import { type Sql, exec, query, transaction } from './db.js';
import { JOB_LIST_ORDER, JOB_SQL, countJobsSql, jobFilterSql, listRunsSql, pageJobsSql, pageSql } from './job-queries.js';
import { OUTBOX_SQL, listOutboxSql, outboxInsertValues } from './outbox-queries.js';
import { SETTLE_RUNS, settleValues } from './settle-queries.js';
import {
  type OutboxDbRow, type PgJobRow, type RunRow, claimedRunFromRow, jobFromRow, jobRewriteValues, jobToParams, jobValues, outboxFromRow, runFromRow,
} from './rows.js';

export { MAX_ABANDONED_RUNS } from '../lease-takeover.js';

/**
 * The JobStore on PostgreSQL, for several Chime processes sharing one database. Every state
 * change is one transaction that ends by notifying the other stores on the schema (see
 * ChangeListener); claims use `FOR UPDATE SKIP LOCKED`. Open it with `openPostgresStore`,
 * which applies the migrations first. Same semantics as the SQLite store, asynchronously.
 */
export class PostgresJobStore implements JobStore {
  private readonly newId: () => string;
  private readonly closeAll: () => Promise<void>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly changes: ChangeListener,
    opts: { newJobId?: () => string; close?: () => Promise<void> } = {},
  ) {
    this.newId = opts.newJobId ?? newJobId;
    this.closeAll = opts.close ?? (() => this.changes.close());
  }

  /** A write transaction: commits with a NOTIFY unless `quiet(result)` says nothing changed. */
  private write<T>(fn: (c: pg.PoolClient) => Promise<T>, quiet: (result: T) => boolean = () => false): Promise<T> {
    this.changes.revive();
    return transaction(this.pool, fn, (r) => (quiet(r) ? 'COMMIT' : this.changes.notifySql()));
  }

  // ---- jobs ---------------------------------------------------------------------------

  /** A taken caller-chosen id throws UserError `job.id_taken`; a generated one is drawn again. */
  async createJob(input: NewJobRecord, now: Date): Promise<Job> {
    this.see(now);
    for (let i = 1; ; i++) {
      const job = jobFromNew(input, input.id ?? this.newId(), now);
      const inserted = await this.write(
        async (c) => (await exec(c, JOB_SQL.insertJob, jobValues(jobToParams(job)))).rowCount === 1,
        (ok) => !ok,
      );
      if (inserted) return job;
      if (input.id !== undefined) throw new UserError('job.id_taken', `A job with id "${job.id}" already exists.`);
      // A generated id collided: draw another. 31^6 ids make a streak of ten all but impossible.
      if (i >= JOB_ID_ATTEMPTS) throw new Error(`store: no free job id after ${JOB_ID_ATTEMPTS} attempts`);
    }
  }

  async getJob(id: string): Promise<Job | undefined> {
    const row = (await exec<PgJobRow>(this.pool, JOB_SQL.getJob, [id])).rows[0];
    return row && jobFromRow(row);
  }

  async updateJob(id: string, patch: JobPatch, now: Date): Promise<Job | undefined> {
    this.see(now);
    return this.write((c) => this.patchOne(c, id, patch, now), (job) => job === undefined);
  }

  private async patchOne(c: Sql, id: string, patch: JobPatch, now: Date): Promise<Job | undefined> {
    const row = (await exec<PgJobRow>(c, JOB_SQL.getJobForUpdate, [id])).rows[0];
    if (!row) return undefined;
    const job = { ...applyPatch(jobFromRow(row), patch), id: row.id, createdAt: new Date(row.created_at), updatedAt: now };
    await exec(c, JOB_SQL.rewriteJob, jobRewriteValues(jobToParams(job)));
    return job;
  }

  /**
   * Locks the matching jobs in id order before patching them: every transaction that locks
   * several jobs (this and settleAll) takes them in one order, so they never deadlock.
   */
  async updateJobs(filter: JobFilter, patch: JobPatch, now: Date): Promise<string[]> {
    this.see(now);
    return this.write(
      async (c) => {
        const { where, params } = jobFilterSql(filter);
        const page = pageSql(filter, params);
        const ids = (await query<{ id: string }>(c, `SELECT id FROM jobs ${where} ${JOB_LIST_ORDER} ${page}`, params)).rows.map((r) => r.id);
        if (ids.length === 0) return ids;
        await exec(c, JOB_SQL.lockJobs, [ids]);
        for (const id of ids) await this.patchOne(c, id, patch, now);
        return ids;
      },
      (ids) => ids.length === 0,
    );
  }

  /** `now` (for closing a running run's history row) defaults to the newest time this store has seen. */
  async deleteJob(id: string, now?: Date): Promise<boolean> {
    const t = now ? this.see(now) : this.seenNow;
    return this.write(
      async (c) => {
        // A run in progress for a deleted job can never settle: record it as abandoned.
        await exec(c, JOB_SQL.abandonLeasedRun, [id, t, 'job deleted', ghostSessionId(id)]);
        return (await exec(c, JOB_SQL.deleteJob, [id])).rowCount === 1;
      },
      (deleted) => !deleted,
    );
  }

  /** Newest `now` passed to any method: the store has no clock of its own (rule 3). */
  private seenNow = 0;
  private see(now: Date): number {
    const t = now.getTime();
    if (t > this.seenNow) this.seenNow = t;
    return t;
  }

  async listJobs(filter: JobFilter = {}): Promise<Job[]> {
    const { where, params } = jobFilterSql(filter);
    const page = pageSql(filter, params);
    return (await query<PgJobRow>(this.pool, `SELECT * FROM jobs ${where} ${JOB_LIST_ORDER} ${page}`, params)).rows.map(jobFromRow);
  }

  async pageJobs(filter: JobFilter, page: JobPageRequest): Promise<JobPage> {
    const { sql, params } = pageJobsSql(filter, pageCursor(page.after), page.size);
    const rows = (await query<PgJobRow>(this.pool, sql, params)).rows;
    const last = rows.at(-1);
    return { jobs: rows.map(jobFromRow), ...(last && rows.length === page.size ? { next: String(last.seq) } : {}) };
  }

  async countJobs(filter: JobFilter = {}, atMost?: number): Promise<number> {
    const { sql, params } = countJobsSql(filter, atMost);
    return Number((await query<{ n: number }>(this.pool, sql, params)).rows[0]?.n ?? 0);
  }

  // ---- claims -------------------------------------------------------------------------

  async nextDueAt(): Promise<Date | undefined> {
    this.changes.revive();
    const r = (await exec<{ due: number | null; lease: number | null }>(this.pool, JOB_SQL.nextDue)).rows[0];
    return earliest(r?.due, r?.lease);
  }

  async claimDue(now: Date, limit: number, lease: Lease): Promise<ClaimedRun[]> {
    const t = this.see(now);
    if (limit <= 0) return [];
    return this.write(
      async (c) => {
        const claimed = await this.takeOverExpired(c, t, limit, lease);
        const room = limit - claimed.length;
        if (room <= 0) return claimed;
        const rows = (await exec<PgJobRow>(c, JOB_SQL.claimDueBatch, [t, room, lease.owner, t + lease.durationMs])).rows;
        rows.sort((a, b) => a.lease_scheduled_for! - b.lease_scheduled_for! || a.seq - b.seq);
        for (const row of rows) claimed.push(claimedRunFromRow(row));
        return claimed;
      },
      (claimed) => claimed.length === 0,
    );
  }

  /**
   * Expired leases: the old run goes to the history as `abandoned`; an active job is claimed
   * again for the same occurrence (same scheduledFor and trigger), any other job just loses
   * the lease. An occurrence abandoned {@link MAX_ABANDONED_RUNS} times fails its job instead:
   * its run keeps killing the process. Rows another process is taking over are skipped.
   */
  private async takeOverExpired(c: Sql, t: number, limit: number, lease: Lease): Promise<ClaimedRun[]> {
    const out: ClaimedRun[] = [];
    for (const row of (await exec<PgJobRow>(c, JOB_SQL.expiredLeases, [t, limit])).rows) {
      await this.abandonLease(c, row, t);
      const { scheduledFor, trigger } = leasedOccurrence(row, t);
      if (row.status !== 'active') {
        await exec(c, JOB_SQL.clearLease, [row.id, row.lease_run_id]);
        continue;
      }
      const error = poisonJobError((await exec<{ n: number }>(c, JOB_SQL.countAbandoned, [row.id, scheduledFor])).rows[0]?.n ?? 0);
      if (error) {
        await exec(c, JOB_SQL.failPoisonJob, [row.id, t, error]);
        continue;
      }
      const leased = (await exec<PgJobRow>(c, JOB_SQL.leaseJob, [row.id, t, lease.owner, t + lease.durationMs, scheduledFor, trigger])).rows[0]!;
      out.push(claimedRunFromRow(leased));
    }
    return out;
  }

  private async abandonLease(c: Sql, row: PgJobRow, t: number): Promise<void> {
    await exec(c, JOB_SQL.abandonLeasedRun, [row.id, t, leaseExpiredError(row), ghostSessionId(row.id)]);
  }

  async leaseOwners(): Promise<string[]> {
    const [jobs, outbox] = await Promise.all([
      exec<{ owner: string }>(this.pool, JOB_SQL.jobLeaseOwners),
      exec<{ owner: string }>(this.pool, OUTBOX_SQL.outboxLeaseOwners),
    ]);
    return [...new Set([...jobs.rows, ...outbox.rows].map((r) => r.owner))];
  }

  async expireLeases(owners: string[], now: Date): Promise<number> {
    const t = this.see(now);
    if (owners.length === 0) return 0;
    return this.write(
      async (c) => ((await exec(c, JOB_SQL.expireJobLeases, [owners, t])).rowCount ?? 0) + ((await exec(c, OUTBOX_SQL.expireOutboxLeases, [owners, t])).rowCount ?? 0),
      (n) => n === 0,
    );
  }

  /** Waits for a lock another transaction holds on the job (a person's "run now" should not fail spuriously). */
  async claimJob(id: string, now: Date, lease: Lease): Promise<ClaimedRun | undefined> {
    const t = this.see(now);
    return this.write(
      async (c) => {
        const row = (await exec<PgJobRow>(c, JOB_SQL.getJobForUpdate, [id])).rows[0];
        if (!row) return undefined;
        if (row.lease_owner !== null && (row.lease_expires_at ?? 0) > t) return undefined;
        if (row.lease_run_id) await this.abandonLease(c, row, t);
        const leased = (await exec<PgJobRow>(c, JOB_SQL.leaseJob, [id, t, lease.owner, t + lease.durationMs, t, 'manual'])).rows[0]!;
        return claimedRunFromRow(leased);
      },
      (run) => run === undefined,
    );
  }

  /**
   * Heartbeat. The one write that notifies nobody: a later expiry never makes another process
   * act sooner, and heartbeats are frequent. A run id carries its job id between the
   * 13-character time prefix and the 5-character suffix, so jobs are found by primary key.
   */
  async extendLeases(runIds: string[], now: Date, lease: Lease): Promise<void> {
    if (runIds.length === 0) return;
    const t = this.see(now);
    await exec(this.pool, JOB_SQL.extendLeases, [runIds.map((r) => r.slice(13, -5)), runIds, lease.owner, t + lease.durationMs]);
  }

  /** The run in progress lives only on the lease, so dropping the lease leaves no trace of it. */
  async releaseClaim(run: ClaimedRun): Promise<void> {
    await this.write(async (c) => (await exec(c, JOB_SQL.clearLease, [run.job.id, run.runId])).rowCount ?? 0, (n) => n === 0);
  }

  /**
   * All or nothing in one transaction; results in input order. The jobs are locked in id order
   * first (the lock order of updateJobs), so a burst settle and a bulk pause never deadlock.
   */
  async settleAll(items: Array<{ run: ClaimedRun; settlement: Settlement }>, now: Date): Promise<boolean[]> {
    const t = this.see(now);
    if (items.length === 0) return [];
    const values = settleValues(items, t);
    return this.write(
      async (c) => {
        if (items.length > 1) await exec(c, JOB_SQL.lockJobs, [[...new Set(items.map((i) => i.run.job.id))]]);
        return this.writeSettles(c, items.length, values);
      },
      (kept) => !kept.includes(true),
    );
  }

  async settle(run: ClaimedRun, settlement: Settlement, now: Date): Promise<boolean> {
    const t = this.see(now);
    const values = settleValues([{ run, settlement }], t);
    return this.write(async (c) => (await this.writeSettles(c, 1, values))[0]!, (kept) => !kept);
  }

  /** One statement for any number of settles: job, run row and outbox of each whose lease still holds. */
  private async writeSettles(c: Sql, n: number, values: unknown[]): Promise<boolean[]> {
    const kept = new Array<boolean>(n).fill(false);
    // Absent: the lease was lost (another process took the occurrence over, or the job was deleted).
    for (const r of (await exec<{ ord: number }>(c, SETTLE_RUNS, values)).rows) kept[r.ord - 1] = true;
    return kept;
  }

  // ---- history ------------------------------------------------------------------------

  /** Finished runs from `runs` merged with the runs in progress on the leases; newest first. */
  async listRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    const limit = filter.limit ?? 50;
    const running = wantsRunsInProgress(filter)
      ? (await exec<Omit<RunRow, 'ghost_session_id'>>(this.pool, JOB_SQL.runningRuns, [filter.jobId ?? null, limit])).rows.map(runInProgress)
      : [];
    if (filter.status === 'running') return running;
    const { sql, params } = listRunsSql(filter);
    return mergeHistory(running, (await query<RunRow>(this.pool, sql, params)).rows.map(runFromRow), limit);
  }

  async pruneRuns(opts: PruneOptions & { olderThan?: Date; keepPerJob?: number }): Promise<number> {
    return this.pruning(opts, async (c) => {
      let n = 0;
      if (opts.olderThan) n += (await exec(c, JOB_SQL.pruneRunsOlderThan, [opts.olderThan.getTime()])).rowCount ?? 0;
      if (opts.keepPerJob !== undefined) n += (await exec(c, JOB_SQL.pruneRunsBeyondCount, [Math.max(0, opts.keepPerJob)])).rowCount ?? 0;
      return n;
    });
  }

  /** A prune in a write transaction; a dry run rolls it back and only reports the count. */
  private pruning(opts: PruneOptions, prune: (c: pg.PoolClient) => Promise<number>): Promise<number> {
    if (opts.dryRun) return transaction(this.pool, prune, () => 'ROLLBACK');
    return this.write(prune, (n) => n === 0);
  }

  // ---- outbox -------------------------------------------------------------------------

  async enqueueOutbox(messages: OutboxMessage[], now: Date): Promise<void> {
    const t = this.see(now);
    if (messages.length === 0) return;
    const values = outboxInsertValues(messages, t);
    await this.write(async (c) => (await exec(c, OUTBOX_SQL.insertOutbox, values)).rowCount ?? 0, (n) => n === 0);
  }

  async claimOutbox(now: Date, limit: number, lease: Lease): Promise<OutboxRow[]> {
    const t = this.see(now);
    if (limit <= 0) return [];
    const rows = await this.write(
      async (c) => {
        await exec(c, OUTBOX_SQL.lockClaims);
        return (await exec<OutboxDbRow>(c, OUTBOX_SQL.claimOutbox, [t, limit, lease.owner, t + lease.durationMs])).rows;
      },
      (claimed) => claimed.length === 0,
    );
    rows.sort((a, b) => a.id - b.id);
    return rows.map(outboxFromRow);
  }

  async nextOutboxAt(): Promise<Date | undefined> {
    return earliest((await exec<{ t: number | null }>(this.pool, OUTBOX_SQL.nextOutbox)).rows[0]?.t);
  }

  async markSent(id: number, sentRef: string, now: Date): Promise<void> {
    const t = this.see(now);
    await this.write((c) => exec(c, OUTBOX_SQL.markSent, [id, sentRef, t]), (r) => r.rowCount === 0);
  }

  async markRetry(id: number, error: string, availableAt: Date): Promise<void> {
    await this.write((c) => exec(c, OUTBOX_SQL.markRetry, [id, error, availableAt.getTime()]), (r) => r.rowCount === 0);
  }

  async markPostponed(id: number, reason: string, availableAt: Date): Promise<void> {
    await this.write((c) => exec(c, OUTBOX_SQL.markPostponed, [id, reason, availableAt.getTime()]), (r) => r.rowCount === 0);
  }

  async markDead(id: number, error: string, now: Date): Promise<void> {
    this.see(now);
    await this.write((c) => exec(c, OUTBOX_SQL.markDead, [id, error]), (r) => r.rowCount === 0);
  }

  async pruneOutbox(opts: PruneOptions & { before: Date }): Promise<number> {
    return this.pruning(opts, async (c) => (await exec(c, OUTBOX_SQL.pruneOutbox, [opts.before.getTime()])).rowCount ?? 0);
  }

  async getOutbox(id: number): Promise<OutboxRow | undefined> {
    const row = (await exec<OutboxDbRow>(this.pool, OUTBOX_SQL.getOutbox, [id])).rows[0];
    return row && outboxFromRow(row);
  }

  async listOutbox(filter: { status?: OutboxRow['status']; jobId?: string; limit?: number } = {}): Promise<OutboxRow[]> {
    const { sql, params } = listOutboxSql(filter);
    return (await query<OutboxDbRow>(this.pool, sql, params)).rows.map(outboxFromRow);
  }

  // ---- stats and changes --------------------------------------------------------------

  async stats(): Promise<StoreStats> {
    const [jobs, runs, outbox] = await Promise.all([
      exec<{ status: string; n: number }>(this.pool, JOB_SQL.jobCountsByStatus),
      exec<{ status: string; n: number }>(this.pool, JOB_SQL.runCountsByStatus),
      exec<{ pending: number; dead: number }>(this.pool, OUTBOX_SQL.countOutbox),
    ]);
    const jobsByStatus: StoreStats['jobsByStatus'] = { active: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 };
    for (const r of jobs.rows) jobsByStatus[r.status as keyof typeof jobsByStatus] = r.n;
    const runsByStatus: StoreStats['runsByStatus'] = {};
    for (const r of runs.rows) if (r.n > 0) runsByStatus[r.status as keyof typeof runsByStatus] = r.n;
    const o = outbox.rows[0] ?? { pending: 0, dead: 0 };
    return { jobsByStatus, runsByStatus, outboxPending: o.pending, outboxDead: o.dead };
  }

  /** Calls `listener` after writes of other stores on this schema (other processes): LISTEN/NOTIFY. */
  onExternalChange(listener: () => void): () => void {
    return this.changes.subscribe(listener);
  }

  /** Resolves once change notifications are being received (after the first `onExternalChange`). */
  changesReady(): Promise<void> {
    return this.changes.ready();
  }

  /** Closes the whole PostgresStore (pool and LISTEN connection), as SQLite's `jobs.close()` closes its file; safe twice. */
  async close(): Promise<void> {
    await this.closeAll();
  }
}
