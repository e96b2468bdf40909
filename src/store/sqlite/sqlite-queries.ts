import type { Statement } from 'better-sqlite3';
import type { JobFilter } from '../../core/ports/job-store.js';
import type { JobStoreQueries } from '../engine/job-queries.js';
import type { JobRow, OutboxDbRow, PageJobRow, RunRow } from '../engine/rows.js';
import type { OutboxParams, SettleRecord } from '../engine/write-params.js';
import type { JobStatus } from '../../core/job.js';
import {
  JOB_LIST_ORDER,
  countJobsSql,
  dueJobRowFromRaw,
  jobFilterSql,
  jobRowFromRaw,
  listRunsSql,
  pageJobsSql,
  prepareJobQueries,
  pushRunValues,
  pushSettleValues,
} from './job-queries.js';
import type { Db } from './open-db.js';
import { sqliteEventQueries } from './event-queries.js';
import { listOutboxSql, prepareOutboxQueries, pushOutboxValues } from './outbox-queries.js';

/** Prepared statements keyed by their SQL text, for filter-shaped queries. */
class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Db) {}
  get<R = unknown>(sql: string): Statement<unknown[], R> {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s as Statement<unknown[], R>;
  }
}

/** The filter's WHERE and, when it pages, LIMIT/OFFSET (negative limit: none). */
function filtered(select: string, filter: JobFilter): { sql: string; params: Record<string, unknown> } {
  const { where, params } = jobFilterSql(filter);
  let page = '';
  if (filter.limit !== undefined || filter.offset !== undefined) {
    params.limit = filter.limit ?? -1;
    params.offset = filter.offset ?? 0;
    page = 'LIMIT CAST(@limit AS INTEGER) OFFSET @offset';
  }
  return { sql: `SELECT ${select} FROM jobs ${where} ${JOB_LIST_ORDER} ${page}`, params };
}

type JobStatements = ReturnType<typeof prepareJobQueries>;
type OutboxStatements = ReturnType<typeof prepareOutboxQueries>;

/**
 * The job store engine's queries on SQLite: each one the prepared statements of job-queries.ts
 * and outbox-queries.ts (the SQL), run synchronously. The engine runs them inside a write
 * transaction that holds the database's one write lock (BEGIN IMMEDIATE), so the row locks
 * PostgreSQL needs (`lockJobs`, `lockOutboxClaims`, `getJobForUpdate`) are plain here.
 */
export function sqliteJobQueries(db: Db): JobStoreQueries {
  const q = prepareJobQueries(db);
  const o = prepareOutboxQueries(db);
  const statements = new StatementCache(db);
  return { ...jobQueries(q, statements), ...claimQueries(q, o), ...outboxQueries(o, statements), ...sqliteEventQueries(db) };
}

function jobQueries(q: JobStatements, statements: StatementCache) {
  return {
    insertJob: (p) => q.insertJob.run(p).changes > 0,
    getJob: (id) => q.getJob.get(id),
    getJobForUpdate: (id) => q.getJob.get(id),
    rewriteJob: (p) => void q.rewriteJob.run(p),
    lockJobs: () => undefined,
    deleteJob: (id) => q.deleteJob.run(id).changes > 0,
    jobIds(filter) {
      const { sql, params } = filtered('id', filter);
      return statements
        .get<{ id: string }>(sql)
        .all(params)
        .map((r) => r.id);
    },
    listJobs(filter) {
      const { sql, params } = filtered('*', filter);
      return statements.get<JobRow>(sql).all(params);
    },
    pageJobs(filter, order, after, size) {
      const { sql, params } = pageJobsSql(filter, order, after, size);
      return statements.get<PageJobRow>(sql).all(params);
    },
    countJobs(filter, atMost) {
      const { sql, params } = countJobsSql(filter, atMost);
      return statements.get<{ n: number }>(sql).get(params)?.n ?? 0;
    },
    runningRuns: (jobId, limit) => q.runningRuns.all({ job_id: jobId, limit }),
    listRuns(filter) {
      const { sql, params } = listRunsSql(filter);
      return statements.get<RunRow>(sql).all(params);
    },
    getRun: (runId) => q.getRun.get(runId),
    runningRun: (runId) => q.runningRun.get({ run_id: runId }),
    pruneRunsOlderThan: (before) => q.pruneRunsOlderThan.run({ before }).changes,
    pruneRunsBeyondCount: (keep) => q.pruneRunsBeyondCount.run({ keep }).changes,
  } satisfies Partial<JobStoreQueries>;
}

function claimQueries(q: JobStatements, o: OutboxStatements) {
  return {
    nextDue: (after) => q.nextDue.get({ after }) ?? { due: null, fresh: null, lease: null },
    claimDueBatch: (after, dueBy, now, limit, owner, expires) =>
      q.claimDueBatch.all(owner, expires, now, now, after, dueBy, limit).map(jobRowFromRaw),
    selectDueBatch: (after, dueBy, limit) => q.selectDueBatch.all(after, dueBy, limit).map(dueJobRowFromRaw),
    expiredLeases: (now, limit) => q.expiredLeases.all({ now, limit }),
    leaseJob: (id, now, owner, expires, scheduledFor, trigger) => q.leaseJob.get(owner, expires, now, scheduledFor, trigger, now, id)!,
    clearLease: (id, runId) => q.clearLease.run(id, runId).changes,
    abandonLeasedRun: (id, now, error, ghost) => void q.abandonLeasedRun.run({ id, now, error, ghost_session_id: ghost }),
    countAbandoned: (jobId, scheduledFor) => q.countAbandoned.get({ job_id: jobId, scheduled_for: scheduledFor })?.n ?? 0,
    failPoisonJob: (id, now, error) => void q.failPoisonJob.run({ id, now, error }),
    extendLeases(runIds, owner, expires) {
      const ids = JSON.stringify(runIds);
      q.extendLeases.run(expires, ids, ids, owner);
    },
    leaseOwners: () => [...new Set([...q.jobLeaseOwners.all(), ...o.outboxLeaseOwners.all()].map((r) => r.owner))],
    expireLeases(owners, now) {
      let n = 0;
      for (const owner of owners) n += q.expireJobLeases.run({ owner, now }).changes + o.expireOutboxLeases.run({ owner, now }).changes;
      return n;
    },
    /**
     * The jobs first, as their WHERE checks the leases; a job not returned had lost its lease.
     * Then the history rows and messages of the runs that held theirs, in record order. A batch
     * naming a job twice (a stale settle beside the current one) settles one record at a time.
     */
    settleRuns(records, now) {
      const statuses = new Map<string, JobStatus>();
      const settle = (batch: SettleRecord[]): void => {
        const values: unknown[] = [];
        for (const r of batch) pushSettleValues(values, r.job);
        const rows = q.settleJobs.all(values);
        for (const row of rows) statuses.set(row.id, row.status);
        if (rows.length < batch.length) settleRefused(batch.filter((r) => !statuses.has(r.job.id)));
      };
      // Rows settleJobs did not return lost their lease, or a constraint refused them: the
      // statement that aborts fails on the latter with SQLite's error and matches no other row.
      const settleRefused = (missing: SettleRecord[]): void => {
        const values: unknown[] = [];
        for (const r of missing) pushSettleValues(values, r.job);
        const rows = q.settleJobsOrAbort.all(values);
        if (rows.length > 0) throw new Error(`store: settling job ${rows[0]!.id} was refused, then went through`);
      };
      const out: Array<JobStatus | null> = [];
      const runs: unknown[] = [];
      const messages: unknown[] = [];
      const once = new Set(records.map((r) => r.job.id)).size === records.length;
      if (once) settle(records);
      for (const r of records) {
        if (!once) {
          statuses.clear();
          settle([r]);
        }
        const status = statuses.get(r.job.id);
        out.push(status ?? null);
        if (status === undefined) continue;
        pushRunValues(runs, r.run);
        for (const m of r.outbox) pushOutboxValues(messages, m, now);
      }
      q.insertRuns(runs);
      o.insertOutbox(messages);
      return out;
    },
    counts: () => ({
      jobs: q.jobCountsByStatus.all(),
      runs: q.runCountsByStatus.all(),
      outbox: o.countOutbox.get() ?? { pending: 0, dead: 0 },
      outboxByPlatform: o.outboxByPlatform.all(),
    }),
  } satisfies Partial<JobStoreQueries>;
}

function outboxQueries(o: OutboxStatements, statements: StatementCache) {
  return {
    insertOutbox: (messages: OutboxParams[], now: number): void => {
      const values: unknown[] = [];
      for (const m of messages) pushOutboxValues(values, m, now);
      o.insertOutbox(values);
    },
    lockOutboxClaims: () => undefined,
    claimOutbox: (now, limit, owner, expires) => o.claimOutbox.all(now, now, owner, owner, expires, now, now, limit),
    nextOutboxAt: () => o.nextOutboxAt.get()?.t ?? null,
    moveUnsentOutbox: (platform, from, to) => o.moveUnsentOutbox.run({ platform, from, to }).changes,
    markSent: (id, sentRef, now) => o.markSent.run(sentRef, now, id).changes,
    markRetry: (id, error, availableAt) => o.markRetry.run({ id, error, available_at: availableAt }).changes,
    markPostponed: (id, reason, availableAt) => o.markPostponed.run({ id, reason, available_at: availableAt }).changes,
    markDead: (id, error) => o.markDead.run({ id, error }).changes,
    pruneOutbox: (before) => o.pruneOutbox.run({ before }).changes,
    getOutbox: (id) => o.getOutbox.get(id),
    listOutbox(filter) {
      const { sql, params } = listOutboxSql(filter);
      return statements.get<OutboxDbRow>(sql).all(params);
    },
  } satisfies Partial<JobStoreQueries>;
}
