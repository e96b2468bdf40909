import { UserError } from '../../core/errors.js';
import type { Job } from '../../core/job.js';
import { ghostSessionId } from '../../core/ghost.js';
import type { ClaimedRun, Lease, OutboxMessage, OutboxRow, RunRecord, Settlement } from '../../core/run.js';
import { applyPatch, jobFromNew } from '../job-defaults.js';
import { JOB_ID_ATTEMPTS, newJobId } from '../job-id.js';
import { earliest, leaseExpiredError, leasedOccurrence, poisonJobError } from '../lease-takeover.js';
import { mergeHistory, runInProgress, wantsRunsInProgress } from '../run-history.js';
import type { JobFilter, JobPage, JobPageRequest, JobPatch, JobStore, NewJobRecord, PruneOptions, RunFilter, StoreStats } from '../../core/ports/job-store.js';
import { pageCursor } from '../job-page.js';
import { JOB_LIST_ORDER, type JobQueries, StatementCache, countJobsSql, jobFilterSql, jobRowFromRaw, listRunsSql, pageJobsSql, prepareJobQueries } from './job-queries.js';
import { ChangeWatcher } from './change-watcher.js';
import type { Db } from './open-db.js';
import { type OutboxQueries, listOutboxSql, prepareOutboxQueries } from './outbox-queries.js';
import { type JobRow, type OutboxDbRow, type RunRow, claimedRunFromRow, jobFromRow, jobToParams, msOrNull, outboxFromRow, runFromRow } from './rows.js';

/** Thrown inside a dry-run prune to roll its transaction back. */
const DRY_RUN = Symbol('dry run');

export { MAX_ABANDONED_RUNS } from '../lease-takeover.js';

const isConstraint = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT');

/**
 * The JobStore on SQLite (better-sqlite3, synchronous). Every state change runs in one
 * transaction; claims are batched `UPDATE … RETURNING` over the partial index of due jobs.
 * Open it with `openSqliteStore`, which applies the migrations first.
 */
export class SqliteJobStore implements JobStore {
  private readonly q: JobQueries;
  private readonly o: OutboxQueries;
  private readonly statements: StatementCache;
  private readonly newId: () => string;

  private readonly changes: ChangeWatcher;

  constructor(
    private readonly db: Db,
    opts: { newJobId?: () => string } = {},
  ) {
    this.q = prepareJobQueries(db);
    this.o = prepareOutboxQueries(db);
    this.statements = new StatementCache(db);
    this.newId = opts.newJobId ?? newJobId;
    this.changes = new ChangeWatcher(db, db.name);
  }

  // ---- jobs ---------------------------------------------------------------------------

  /** A taken caller-chosen id throws UserError `job.id_taken`; a generated one is drawn again. */
  createJob(input: NewJobRecord, now: Date): Job {
    this.see(now);
    if (input.id !== undefined) {
      const job = jobFromNew(input, input.id, now);
      try {
        this.q.insertJob.run(jobToParams(job));
      } catch (err) {
        if (isConstraint(err) && this.q.getJob.get(job.id)) throw new UserError('job.id_taken', `A job with id "${job.id}" already exists.`);
        throw err;
      }
      return job;
    }
    for (let i = 1; ; i++) {
      const job = jobFromNew(input, this.newId(), now);
      try {
        this.q.insertJob.run(jobToParams(job));
        return job;
      } catch (err) {
        // A generated id collided: draw another. 31^6 ids make a streak of ten all but impossible.
        if (!isConstraint(err) || this.q.getJob.get(job.id) === undefined) throw err;
        if (i >= JOB_ID_ATTEMPTS) throw new Error(`store: no free job id after ${JOB_ID_ATTEMPTS} attempts`, { cause: err });
      }
    }
  }

  getJob(id: string): Job | undefined {
    const row = this.q.getJob.get(id);
    return row && jobFromRow(row);
  }

  updateJob(id: string, patch: JobPatch, now: Date): Job | undefined {
    return this.db.transaction(() => this.patchOne(id, patch, now))();
  }

  private patchOne(id: string, patch: JobPatch, now: Date): Job | undefined {
    const row = this.q.getJob.get(id);
    if (!row) return undefined;
    const job = { ...applyPatch(jobFromRow(row), patch), id: row.id, createdAt: new Date(row.created_at), updatedAt: now };
    this.q.rewriteJob.run(jobToParams(job));
    return job;
  }

  updateJobs(filter: JobFilter, patch: JobPatch, now: Date): string[] {
    return this.db.transaction(() => {
      const ids = this.selectIds(filter);
      for (const id of ids) this.patchOne(id, patch, now);
      return ids;
    })();
  }

  private selectIds(filter: JobFilter): string[] {
    const { where, params } = jobFilterSql(filter);
    const page = this.pageSql(filter, params);
    return this.statements.get<{ id: string }>(`SELECT id FROM jobs ${where} ${JOB_LIST_ORDER} ${page}`).all(params).map((r) => r.id);
  }

  private pageSql(filter: JobFilter, params: Record<string, unknown>): string {
    if (filter.limit === undefined && filter.offset === undefined) return '';
    params.limit = filter.limit ?? -1;
    params.offset = filter.offset ?? 0;
    return 'LIMIT @limit OFFSET @offset';
  }

  /** `now` (for closing a running run's history row) defaults to the newest time this store has seen. */
  deleteJob(id: string, now?: Date): boolean {
    const t = now ? this.see(now) : this.seenNow;
    return this.db.transaction(() => {
      // A run in progress for a deleted job can never settle: record it as abandoned.
      this.q.abandonLeasedRun.run({ id, now: t, error: 'job deleted', ghost_session_id: ghostSessionId(id) });
      return this.q.deleteJob.run(id).changes > 0;
    })();
  }

  /** Newest `now` passed to any method: the store has no clock of its own (rule 3). */
  private seenNow = 0;
  private see(now: Date): number {
    const t = now.getTime();
    if (t > this.seenNow) this.seenNow = t;
    return t;
  }

  listJobs(filter: JobFilter = {}): Job[] {
    const { where, params } = jobFilterSql(filter);
    const page = this.pageSql(filter, params);
    return this.statements.get<JobRow>(`SELECT * FROM jobs ${where} ${JOB_LIST_ORDER} ${page}`).all(params).map(jobFromRow);
  }

  pageJobs(filter: JobFilter, page: JobPageRequest): JobPage {
    const { sql, params } = pageJobsSql(filter, pageCursor(page.after), page.size);
    const rows = this.statements.get<JobRow & { page_seq: number }>(sql).all(params);
    const last = rows.at(-1);
    return { jobs: rows.map(jobFromRow), ...(last && rows.length === page.size ? { next: String(last.page_seq) } : {}) };
  }

  countJobs(filter: JobFilter = {}, atMost?: number): number {
    const { sql, params } = countJobsSql(filter, atMost);
    return this.statements.get<{ n: number }>(sql).get(params)?.n ?? 0;
  }

  // ---- claims -------------------------------------------------------------------------

  nextDueAt(): Date | undefined {
    const r = this.q.nextDue.get();
    return earliest(r?.due, r?.lease);
  }

  claimDue(now: Date, limit: number, lease: Lease): ClaimedRun[] {
    const t = this.see(now);
    if (limit <= 0) return [];
    return this.db.transaction(() => {
      const claimed = this.takeOverExpired(t, limit, lease);
      const room = limit - claimed.length;
      if (room <= 0) return claimed;
      const rows = this.q.claimDueBatch.all({ now: t, limit: room, owner: lease.owner, expires: t + lease.durationMs }).map(jobRowFromRaw);
      rows.sort((a, b) => a.next_run_at! - b.next_run_at! || a.seq - b.seq);
      for (const row of rows) claimed.push(claimedRunFromRow(row));
      return claimed;
    }).immediate();
  }

  /**
   * Expired leases: the old run goes to the history as `abandoned`; an active job is claimed
   * again for the same occurrence (same scheduledFor and trigger), any other job just loses the lease.
   * An occurrence abandoned {@link MAX_ABANDONED_RUNS} times is not retried: its run keeps
   * killing the process, so the job is marked failed instead of taking every restart down.
   */
  private takeOverExpired(t: number, limit: number, lease: Lease): ClaimedRun[] {
    const out: ClaimedRun[] = [];
    for (const row of this.q.expiredLeases.all({ now: t, limit })) {
      this.abandonLease(row, t);
      const { scheduledFor, trigger } = leasedOccurrence(row, t);
      if (row.status !== 'active') {
        this.q.clearLease.run({ id: row.id, run_id: row.lease_run_id! });
        continue;
      }
      const error = poisonJobError(this.q.countAbandoned.get({ job_id: row.id, scheduled_for: scheduledFor })?.n ?? 0);
      if (error) {
        this.q.failPoisonJob.run({ id: row.id, now: t, error });
        continue;
      }
      const leased = this.q.leaseJob.get({ id: row.id, now: t, owner: lease.owner, expires: t + lease.durationMs, scheduled_for: scheduledFor, trigger })!;
      out.push(claimedRunFromRow(leased));
    }
    return out;
  }

  private abandonLease(row: JobRow, t: number): void {
    this.q.abandonLeasedRun.run({ id: row.id, now: t, error: leaseExpiredError(row), ghost_session_id: ghostSessionId(row.id) });
  }

  claimJob(id: string, now: Date, lease: Lease): ClaimedRun | undefined {
    const t = this.see(now);
    return this.db.transaction(() => {
      const row = this.q.getJob.get(id);
      if (!row) return undefined;
      if (row.lease_owner !== null && (row.lease_expires_at ?? 0) > t) return undefined;
      if (row.lease_run_id) this.abandonLease(row, t);
      return claimedRunFromRow(this.q.leaseJob.get({ id, now: t, owner: lease.owner, expires: t + lease.durationMs, scheduled_for: t, trigger: 'manual' })!);
    }).immediate();
  }

  extendLeases(runIds: string[], now: Date, lease: Lease): void {
    if (runIds.length === 0) return;
    const t = this.see(now);
    this.q.extendLeases.run({ run_ids: JSON.stringify(runIds), owner: lease.owner, expires: t + lease.durationMs });
  }

  leaseOwners(): string[] {
    const owners = [...this.q.jobLeaseOwners.all(), ...this.o.outboxLeaseOwners.all()].map((r) => r.owner);
    return [...new Set(owners)];
  }

  expireLeases(owners: string[], now: Date): number {
    const t = this.see(now);
    return this.db.transaction(() => {
      let n = 0;
      for (const owner of owners) n += this.q.expireJobLeases.run({ owner, now: t }).changes + this.o.expireOutboxLeases.run({ owner, now: t }).changes;
      return n;
    }).immediate();
  }

  /** The run in progress lives only on the lease, so dropping the lease leaves no trace of it. */
  releaseClaim(run: ClaimedRun): void {
    this.q.clearLease.run({ id: run.job.id, run_id: run.runId });
  }

  /** One transaction and no savepoint per settle: savepoints cost a third of a burst's time. */
  settleAll(items: Array<{ run: ClaimedRun; settlement: Settlement }>, now: Date): boolean[] {
    const t = this.see(now);
    return this.db.transaction(() => items.map((i) => this.writeSettle(i.run, i.settlement, t))).immediate();
  }

  settle(run: ClaimedRun, settlement: Settlement, now: Date): boolean {
    const t = this.see(now);
    return this.db.transaction(() => this.writeSettle(run, settlement, t)).immediate();
  }

  /** A settle's writes, inside the caller's transaction: job first, as it checks the lease. */
  private writeSettle(run: ClaimedRun, settlement: Settlement, t: number): boolean {
    const j = settlement.job;
    const kept = this.q.settleJob.run({
      id: run.job.id,
      run_id: run.runId,
      claimed_at: run.claimedAt.getTime(),
      status: j.status,
      updated_at: t,
      set_next_run_at: j.nextRunAt !== undefined ? 1 : 0,
      next_run_at: msOrNull(j.nextRunAt),
      set_attempts: j.attempts !== undefined ? 1 : 0,
      attempts: j.attempts ?? null,
      set_run_count: j.runCount !== undefined ? 1 : 0,
      run_count: j.runCount ?? null,
      set_last_run_at: j.lastRunAt !== undefined ? 1 : 0,
      last_run_at: msOrNull(j.lastRunAt),
      set_completed_at: j.completedAt !== undefined ? 1 : 0,
      completed_at: msOrNull(j.completedAt),
      set_last_error: j.lastError !== undefined ? 1 : 0,
      last_error: j.lastError ?? null,
    });
    // Lost lease: another process took the occurrence over (or the job was deleted).
    if (kept.changes === 0) return false;
    const r = settlement.run;
    const scheduledFor = run.scheduledFor.getTime();
    const started = run.claimedAt.getTime();
    this.q.insertRun.run({
      run_id: run.runId,
      job_id: run.job.id,
      scheduled_for: scheduledFor,
      started_at: started,
      finished_at: r.finishedAt ? r.finishedAt.getTime() : t,
      status: r.status,
      trigger: run.trigger,
      attempt: run.attempt,
      late_ms: Math.max(0, started - scheduledFor),
      duration_ms: r.durationMs,
      result: r.result,
      error: r.error,
      ghost_session_id: ghostSessionId(run.job.id),
    });
    this.insertOutbox(settlement.outbox, t);
    return true;
  }

  // ---- history ------------------------------------------------------------------------

  /** Finished runs from `runs` merged with the runs in progress on the leases; newest first. */
  listRuns(filter: RunFilter = {}): RunRecord[] {
    const limit = filter.limit ?? 50;
    const running = wantsRunsInProgress(filter) ? this.q.runningRuns.all({ job_id: filter.jobId ?? null, limit }).map(runInProgress) : [];
    if (filter.status === 'running') return running;
    const { sql, params } = listRunsSql(filter);
    return mergeHistory(running, this.statements.get<RunRow>(sql).all(params).map(runFromRow), limit);
  }

  pruneRuns(opts: PruneOptions & { olderThan?: Date; keepPerJob?: number }): number {
    return this.pruning(opts, () => {
      let n = 0;
      if (opts.olderThan) n += this.q.pruneRunsOlderThan.run({ before: opts.olderThan.getTime() }).changes;
      if (opts.keepPerJob !== undefined) n += this.q.pruneRunsBeyondCount.run({ keep: Math.max(0, opts.keepPerJob) }).changes;
      return n;
    });
  }

  /** Runs `prune` in a transaction, rolled back for a dry run; returns what it counted. */
  private pruning(opts: PruneOptions, prune: () => number): number {
    let n = 0;
    try {
      return this.db.transaction(() => {
        n = prune();
        if (opts.dryRun) throw DRY_RUN;
        return n;
      })();
    } catch (err) {
      if (err === DRY_RUN) return n;
      throw err;
    }
  }

  // ---- outbox -------------------------------------------------------------------------

  private insertOutbox(messages: OutboxMessage[], t: number): void {
    for (const m of messages) {
      this.o.insertOutbox.run({
        key: m.key,
        job_id: m.jobId,
        platform: m.to.platform,
        chat_id: m.to.chatId,
        thread_id: m.to.threadId ?? null,
        reply_to: m.to.replyTo ?? null,
        text: m.text,
        actions: m.actions ? JSON.stringify(m.actions) : null,
        meta: m.meta ? JSON.stringify(m.meta) : null,
        now: t,
      });
    }
  }

  enqueueOutbox(messages: OutboxMessage[], now: Date): void {
    const t = this.see(now);
    this.db.transaction(() => this.insertOutbox(messages, t))();
  }

  claimOutbox(now: Date, limit: number, lease: Lease): OutboxRow[] {
    const t = this.see(now);
    if (limit <= 0) return [];
    const rows = this.db.transaction(() =>
      this.o.claimOutbox.all({ now: t, limit, owner: lease.owner, expires: t + lease.durationMs }),
    ).immediate();
    rows.sort((a: OutboxDbRow, b: OutboxDbRow) => a.id - b.id);
    return rows.map(outboxFromRow);
  }

  nextOutboxAt(): Date | undefined {
    return earliest(this.o.nextOutboxAt.get()?.t);
  }

  markSent(id: number, sentRef: string, now: Date): void {
    this.o.markSent.run({ id, sent_ref: sentRef, now: this.see(now) });
  }

  markRetry(id: number, error: string, availableAt: Date): void {
    this.o.markRetry.run({ id, error, available_at: availableAt.getTime() });
  }

  markPostponed(id: number, reason: string, availableAt: Date): void {
    this.o.markPostponed.run({ id, reason, available_at: availableAt.getTime() });
  }

  markDead(id: number, error: string, now: Date): void {
    this.see(now);
    this.o.markDead.run({ id, error });
  }

  pruneOutbox(opts: PruneOptions & { before: Date }): number {
    return this.pruning(opts, () => this.o.pruneOutbox.run({ before: opts.before.getTime() }).changes);
  }

  getOutbox(id: number): OutboxRow | undefined {
    const row = this.o.getOutbox.get(id);
    return row && outboxFromRow(row);
  }

  listOutbox(filter: { status?: OutboxRow['status']; jobId?: string; limit?: number } = {}): OutboxRow[] {
    const { sql, params } = listOutboxSql(filter);
    return this.statements.get<OutboxDbRow>(sql).all(params).map(outboxFromRow);
  }

  // ---- stats --------------------------------------------------------------------------

  stats(): StoreStats {
    const jobsByStatus: StoreStats['jobsByStatus'] = { active: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 };
    for (const r of this.q.jobCountsByStatus.all()) jobsByStatus[r.status as keyof typeof jobsByStatus] = r.n;
    const runsByStatus: StoreStats['runsByStatus'] = {};
    for (const r of this.q.runCountsByStatus.all()) if (r.n > 0) runsByStatus[r.status as keyof typeof runsByStatus] = r.n;
    const o = this.o.countOutbox.get() ?? { pending: 0, dead: 0 };
    return { jobsByStatus, runsByStatus, outboxPending: o.pending, outboxDead: o.dead };
  }

  onExternalChange(listener: () => void): () => void {
    return this.changes.subscribe(listener);
  }

  close(): void {
    this.changes.close();
    if (this.db.open) this.db.close();
  }
}
