import type { JobStoreQueries, StoreCounts } from '../engine/job-queries.js';
import type { JobRow, OutboxDbRow, PageJobRow, RunRow, SeqJobRow } from '../engine/rows.js';
import type { AsyncQueries } from '../engine/work.js';
import type { JobFilter } from '../../core/ports/job-store.js';
import { type Sql, exec, query } from './db.js';
import {
  JOB_LIST_ORDER,
  JOB_SQL,
  countJobsSql,
  jobFilterSql,
  jobRewriteValues,
  jobValues,
  listRunsSql,
  pageJobsSql,
  pageSql,
} from './job-queries.js';
import { OUTBOX_SQL, listOutboxSql, outboxInsertValues } from './outbox-queries.js';
import { pgEventQueries } from './event-queries.js';
import { settleStatement, settleValues } from './settle-queries.js';
import type { JobStatus } from '../../core/job.js';

/** Rows changed by a statement. */
const changed = async (r: Promise<{ rowCount: number | null }>): Promise<number> => (await r).rowCount ?? 0;

const rows = async <R extends object>(r: Promise<{ rows: R[] }>): Promise<R[]> => (await r).rows;

/**
 * Plans the rest of the transaction's named statements once per connection (generic plans),
 * for the claims' and settles' statements, whose plans do not depend on their parameters (the
 * arrays' lengths are hidden from the planner on purpose: settle-queries.ts, job-queries.ts).
 * By default PostgreSQL plans a prepared statement afresh for its first five executions on a
 * connection, and the pool opens fresh connections after 10 s idle: a burst's claims were
 * nearly all such first executions, each statement with 40-odd array parameters planned again
 * each time (~4% of the backends' CPU in a burst). SET LOCAL ends with the transaction, and
 * the claims and settles run no SQL built at call time after it.
 */
const planOnce = async (c: Sql): Promise<void> => void (await c.query('SET LOCAL plan_cache_mode = force_generic_plan'));

/** A job filter as SQL, with its LIMIT/OFFSET when it pages. */
function filtered(select: string, filter: JobFilter): { sql: string; params: unknown[] } {
  const { where, params } = jobFilterSql(filter);
  const page = pageSql(filter, params);
  return { sql: `SELECT ${select} FROM jobs ${where} ${JOB_LIST_ORDER} ${page}`, params };
}

/**
 * The job store engine's queries on PostgreSQL: each one a named statement of job-queries.ts,
 * outbox-queries.ts or settle-queries.ts (the SQL), on the connection the runner passes (a
 * client inside a transaction, or the pool). Jobs are locked with FOR UPDATE where the engine
 * reads to write, claims skip rows other processes hold locked, and outbox claims take an
 * advisory lock: several processes share one database.
 */
export const pgJobQueries: AsyncQueries<JobStoreQueries, Sql> = {
  insertJob: async (c, p) => (await changed(exec(c, JOB_SQL.insertJob, jobValues(p)))) === 1,
  getJob: async (c, id) => (await rows(exec<JobRow>(c, JOB_SQL.getJob, [id])))[0],
  getJobForUpdate: async (c, id) => (await rows(exec<JobRow>(c, JOB_SQL.getJobForUpdate, [id])))[0],
  rewriteJob: async (c, p) => void (await exec(c, JOB_SQL.rewriteJob, jobRewriteValues(p))),
  lockJobs: async (c, ids) => void (await exec(c, JOB_SQL.lockJobs, [ids])),
  deleteJob: async (c, id) => (await changed(exec(c, JOB_SQL.deleteJob, [id]))) === 1,
  async jobIds(c, filter) {
    const { sql, params } = filtered('id', filter);
    return (await rows(query<{ id: string }>(c, sql, params))).map((r) => r.id);
  },
  async listJobs(c, filter) {
    const { sql, params } = filtered('*', filter);
    return rows(query<JobRow>(c, sql, params));
  },
  async pageJobs(c, filter, order, after, size) {
    const { sql, params } = pageJobsSql(filter, order, after, size);
    return rows(query<PageJobRow>(c, sql, params));
  },
  async countJobs(c, filter, atMost) {
    const { sql, params } = countJobsSql(filter, atMost);
    return Number((await rows(query<{ n: number }>(c, sql, params)))[0]?.n ?? 0);
  },

  nextDue: async (c, after) =>
    (await rows(exec<{ due: number | null; fresh: number | null; lease: number | null }>(c, JOB_SQL.nextDue, [after])))[0] ?? {
      due: null,
      fresh: null,
      lease: null,
    },
  claimDueBatch: (c, after, dueBy, now, limit, owner, expires) =>
    rows(exec<SeqJobRow>(c, JOB_SQL.claimDueBatch, [now, limit, owner, expires, after, dueBy])),
  selectDueBatch: (c, after, dueBy, limit) => rows(exec<SeqJobRow>(c, JOB_SQL.selectDueBatch, [after, dueBy, limit])),
  // The first statement of every claim (claim-work.ts: takeOverExpired).
  async expiredLeases(c, now, limit) {
    await planOnce(c);
    return rows(exec<JobRow>(c, JOB_SQL.expiredLeases, [now, limit]));
  },
  leaseJob: async (c, id, now, owner, expires, scheduledFor, trigger) =>
    (await rows(exec<JobRow>(c, JOB_SQL.leaseJob, [id, now, owner, expires, scheduledFor, trigger])))[0]!,
  clearLease: (c, id, runId) => changed(exec(c, JOB_SQL.clearLease, [id, runId])),
  abandonLeasedRun: async (c, id, now, error, ghost) => void (await exec(c, JOB_SQL.abandonLeasedRun, [id, now, error, ghost])),
  countAbandoned: async (c, jobId, scheduledFor) =>
    (await rows(exec<{ n: number }>(c, JOB_SQL.countAbandoned, [jobId, scheduledFor])))[0]?.n ?? 0,
  failPoisonJob: async (c, id, now, error) => void (await exec(c, JOB_SQL.failPoisonJob, [id, now, error])),
  /** A run id carries its job id between the 13-character time prefix and the 5-character suffix: jobs by primary key. */
  extendLeases: async (c, runIds, owner, expires) =>
    void (await exec(c, JOB_SQL.extendLeases, [runIds.map((r) => r.slice(13, -5)), runIds, owner, expires])),
  async leaseOwners(c) {
    const [jobs, outbox] = await Promise.all([
      rows(exec<{ owner: string }>(c, JOB_SQL.jobLeaseOwners)),
      rows(exec<{ owner: string }>(c, OUTBOX_SQL.outboxLeaseOwners)),
    ]);
    return [...new Set([...jobs, ...outbox].map((r) => r.owner))];
  },
  expireLeases: async (c, owners, now) =>
    (await changed(exec(c, JOB_SQL.expireJobLeases, [owners, now]))) +
    (await changed(exec(c, OUTBOX_SQL.expireOutboxLeases, [owners, now]))),
  /** One statement for any number of settles (one round trip for a burst). */
  async settleRuns(c, records, now) {
    await planOnce(c);
    const stored = new Array<JobStatus | null>(records.length).fill(null);
    for (const r of await rows(exec<{ ord: number; status: JobStatus }>(c, settleStatement(records), settleValues(records, now)))) {
      stored[r.ord - 1] = r.status;
    }
    return stored;
  },

  runningRuns: (c, jobId, limit) => rows(exec<Omit<RunRow, 'ghost_session_id'>>(c, JOB_SQL.runningRuns, [jobId, limit])),
  async listRuns(c, filter) {
    const { sql, params } = listRunsSql(filter);
    return rows(query<RunRow>(c, sql, params));
  },
  getRun: async (c, runId) => (await rows(exec<RunRow>(c, JOB_SQL.getRun, [runId])))[0],
  runningRun: async (c, runId) => (await rows(exec<Omit<RunRow, 'ghost_session_id'>>(c, JOB_SQL.runningRun, [runId])))[0],
  pruneRunsOlderThan: (c, before) => changed(exec(c, JOB_SQL.pruneRunsOlderThan, [before])),
  pruneRunsBeyondCount: (c, keep) => changed(exec(c, JOB_SQL.pruneRunsBeyondCount, [keep])),

  insertOutbox: async (c, messages, now) => void (await exec(c, OUTBOX_SQL.insertOutbox, outboxInsertValues(messages, now))),
  lockOutboxClaims: async (c) => void (await exec(c, OUTBOX_SQL.lockClaims)),
  claimOutbox: (c, now, limit, owner, expires) => rows(exec<OutboxDbRow>(c, OUTBOX_SQL.claimOutbox, [now, limit, owner, expires])),
  nextOutboxAt: async (c) => (await rows(exec<{ t: number | null }>(c, OUTBOX_SQL.nextOutbox)))[0]?.t ?? null,
  moveUnsentOutbox: (c, platform, from, to) => changed(exec(c, OUTBOX_SQL.moveUnsentOutbox, [platform, from, to])),
  markSent: (c, id, sentRef, now) => changed(exec(c, OUTBOX_SQL.markSent, [id, sentRef, now])),
  markRetry: (c, id, error, availableAt) => changed(exec(c, OUTBOX_SQL.markRetry, [id, error, availableAt])),
  markPostponed: (c, id, reason, availableAt) => changed(exec(c, OUTBOX_SQL.markPostponed, [id, reason, availableAt])),
  markDead: (c, id, error) => changed(exec(c, OUTBOX_SQL.markDead, [id, error])),
  pruneOutbox: (c, before) => changed(exec(c, OUTBOX_SQL.pruneOutbox, [before])),
  getOutbox: async (c, id) => (await rows(exec<OutboxDbRow>(c, OUTBOX_SQL.getOutbox, [id])))[0],
  async listOutbox(c, filter) {
    const { sql, params } = listOutboxSql(filter);
    return rows(query<OutboxDbRow>(c, sql, params));
  },

  ...pgEventQueries,

  async counts(c): Promise<StoreCounts> {
    const [jobs, runs, outbox, outboxByPlatform] = await Promise.all([
      rows(exec<{ status: string; kind: string; n: number }>(c, JOB_SQL.jobCountsByStatus)),
      rows(exec<{ status: string; n: number }>(c, JOB_SQL.runCountsByStatus)),
      rows(exec<{ pending: number; dead: number }>(c, OUTBOX_SQL.countOutbox)),
      rows(exec<StoreCounts['outboxByPlatform'][number]>(c, OUTBOX_SQL.outboxByPlatform)),
    ]);
    return { jobs, runs, outbox: outbox[0] ?? { pending: 0, dead: 0 }, outboxByPlatform };
  },
};
