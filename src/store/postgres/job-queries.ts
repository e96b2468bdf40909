import type { JobFilter, JobOrder, RunFilter } from '../../core/ports/job-store.js';
import { type JobKeyset, type JobSqlDialect, jobPageSql, jobWhere } from '../engine/job-list-sql.js';
import { runIdPrefix } from '../engine/run-history.js';
import type { Statement } from './db.js';
import { type JobParams, JOB_WRITE_COLUMNS } from '../engine/rows.js';

/** The SET clause that drops a job's lease (and with it the run in progress). */
const NO_LEASE = `lease_owner = NULL, lease_expires_at = NULL, lease_run_id = NULL,
  lease_scheduled_for = NULL, lease_trigger = NULL, lease_claimed_at = NULL`;

/** A fresh run id from the claim time in `nowParam`: `<ms, 12 hex>-<job id>-<4 hex>`, as in SQLite. */
const newRunId = (nowParam: string): string =>
  `lpad(to_hex(${nowParam}::bigint), 12, '0') || '-' || id || '-' || lpad(to_hex(floor(random() * 65536)::int), 4, '0')`;

const st = (name: string, text: string): Statement => ({ name: `chime_${name}`, text });

/** The columns a rewrite changes: all but the id and the creation time. */
const JOB_REWRITE_COLUMNS = JOB_WRITE_COLUMNS.filter((c) => c !== 'id' && c !== 'created_at');

/** Positional parameters ($1…$30) of `insertJob`. */
export const jobValues = (p: JobParams): unknown[] => JOB_WRITE_COLUMNS.map((c) => p[c]);

/** Positional parameters of `rewriteJob`: $1 id, then the rewritten columns from $2. */
export const jobRewriteValues = (p: JobParams): unknown[] => [p.id, ...JOB_REWRITE_COLUMNS.map((c) => p[c])];

const placeholders = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

/**
 * Every fixed SQL statement on `jobs` and `runs`, one named statement each (prepared once per
 * connection). Parameters are positional; the comment on each names them. Times are epoch ms.
 * Claims lock with `FOR UPDATE SKIP LOCKED`: two processes never claim one job and never
 * wait for each other.
 */
export const JOB_SQL = {
  /** $1…$30 = JOB_WRITE_COLUMNS. No row (rowCount 0) when the id is taken. */
  insertJob: st(
    'insert_job',
    `
    INSERT INTO jobs (${JOB_WRITE_COLUMNS.join(', ')})
    VALUES (${placeholders(JOB_WRITE_COLUMNS.length)})
    ON CONFLICT (id) DO NOTHING`,
  ),

  /** $1 id, then JOB_REWRITE_COLUMNS: rewrites every field of a job except creation time and the lease. */
  rewriteJob: st(
    'rewrite_job',
    `
    UPDATE jobs SET ${JOB_REWRITE_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}
    WHERE id = $1`,
  ),

  /** $1 id. */
  getJob: st('get_job', 'SELECT * FROM jobs WHERE id = $1'),

  /** $1 run id: one finished run. */
  getRun: st('get_run', 'SELECT * FROM runs WHERE run_id = $1'),

  /** $1 run id: the run in progress with that id; its job id is inside the run id (primary key lookup). */
  runningRun: st(
    'running_run',
    `
    SELECT lease_run_id AS run_id, id AS job_id, lease_scheduled_for AS scheduled_for,
      lease_claimed_at AS started_at, NULL::bigint AS finished_at, 'running' AS status,
      lease_trigger AS trigger, attempts + 1 AS attempt,
      GREATEST(0, lease_claimed_at - lease_scheduled_for) AS late_ms, NULL::bigint AS duration_ms,
      NULL::text AS result, NULL::text AS error
    FROM jobs WHERE id = substr($1::text, 14, length($1::text) - 18) AND lease_run_id = $1::text`,
  ),

  /** $1 id; locks the row for a read-modify-write. */
  getJobForUpdate: st('get_job_for_update', 'SELECT * FROM jobs WHERE id = $1 FOR UPDATE'),

  /**
   * $1 ids: locks those jobs in byte order of their ids, the one order of every multi-job lock.
   * The ids go through `ARRAY(SELECT …)` so the planner, not knowing how many there are, looks
   * each up on the primary key: with the array's length known it scans the whole table (plus
   * every dead version of the burst's rows) for a few hundred ids.
   */
  lockJobs: st('lock_jobs', 'SELECT id FROM jobs WHERE id = ANY(ARRAY(SELECT unnest($1::text[]))) ORDER BY id COLLATE "C" FOR UPDATE'),

  /** $1 id. */
  deleteJob: st('delete_job', 'DELETE FROM jobs WHERE id = $1'),

  /**
   * $1 after. Over the index `jobs_due`: the earliest due time (`due`) and the earliest after $1
   * (`fresh`: the due loop's last claim); over `jobs_leased`: the earliest lease expiry.
   */
  nextDue: st(
    'next_due',
    `
    SELECT
      (SELECT MIN(next_run_at) FROM jobs WHERE status = 'active' AND lease_owner IS NULL) AS due,
      (SELECT MIN(next_run_at) FROM jobs WHERE status = 'active' AND lease_owner IS NULL AND next_run_at > $1) AS fresh,
      (SELECT MIN(lease_expires_at) FROM jobs WHERE lease_owner IS NOT NULL) AS lease`,
  ),

  /**
   * $1 now, $2 limit, $3 owner, $4 lease expiry, $5 after, $6 due by. Claims at $1 unleased
   * active jobs due in ($5, $6], oldest occurrence first (ties: creation order), skipping rows another claim holds
   * locked. Each gets a fresh run id and its run in progress on the lease. RETURNING order is
   * unspecified. The claimed ids are looked up on the primary key (`= ANY(ARRAY(…))`), not
   * hash-joined against a scan of the whole table.
   */
  claimDueBatch: st(
    'claim_due_batch',
    `
    WITH due AS (
      SELECT id FROM jobs
      WHERE status = 'active' AND lease_owner IS NULL AND next_run_at > $5 AND next_run_at <= $6
      ORDER BY next_run_at, seq
      LIMIT $2
      FOR UPDATE SKIP LOCKED)
    UPDATE jobs SET lease_owner = $3, lease_expires_at = $4, lease_run_id = ${newRunId('$1')},
      lease_scheduled_for = next_run_at, lease_claimed_at = $1,
      lease_trigger = CASE WHEN attempts > 0 THEN 'retry' ELSE 'schedule' END
    WHERE id = ANY(ARRAY(SELECT id FROM due))
    RETURNING *`,
  ),

  /** $1 after, $2 due by, $3 limit. claimDueBatch's rows locked without a lease (instant runs: settled in the same transaction). */
  selectDueBatch: st(
    'select_due_batch',
    `
    SELECT * FROM jobs
    WHERE status = 'active' AND lease_owner IS NULL AND next_run_at > $1 AND next_run_at <= $2
    ORDER BY next_run_at, seq
    LIMIT $3
    FOR UPDATE SKIP LOCKED`,
  ),

  /** $1 now, $2 limit. Jobs whose lease ran out (their process died or hung), oldest expiry first, locked. */
  expiredLeases: st(
    'expired_leases',
    `
    SELECT * FROM jobs
    WHERE lease_owner IS NOT NULL AND lease_expires_at <= $1
    ORDER BY lease_expires_at, seq
    LIMIT $2
    FOR UPDATE SKIP LOCKED`,
  ),

  /** Owners of the jobs' leases. */
  jobLeaseOwners: st('job_lease_owners', `SELECT DISTINCT lease_owner AS owner FROM jobs WHERE lease_owner IS NOT NULL`),

  /** $1 owners, $2 now: ends their run leases at $2; the next claim takes the runs over (as abandoned). */
  expireJobLeases: st(
    'expire_job_leases',
    `
    UPDATE jobs SET lease_expires_at = $2
    WHERE lease_owner = ANY($1::text[]) AND lease_expires_at > $2`,
  ),

  /** $1 id, $2 now, $3 owner, $4 expiry, $5 occurrence, $6 trigger: a fresh lease on one job. */
  leaseJob: st(
    'lease_job',
    `
    UPDATE jobs
    SET lease_owner = $3, lease_expires_at = $4, lease_run_id = ${newRunId('$2')},
      lease_scheduled_for = $5, lease_trigger = $6, lease_claimed_at = $2
    WHERE id = $1
    RETURNING *`,
  ),

  /** $1 id, $2 run id: drops that claim's lease (release, or an expired lease of an inactive job). */
  clearLease: st('clear_lease', `UPDATE jobs SET ${NO_LEASE} WHERE id = $1 AND lease_run_id = $2`),

  /** $1 job ids, $2 run ids, $3 owner, $4 new expiry: heartbeat, by primary key. */
  extendLeases: st(
    'extend_leases',
    `
    UPDATE jobs SET lease_expires_at = $4
    WHERE id = ANY($1::text[]) AND lease_run_id = ANY($2::text[]) AND lease_owner = $3`,
  ),

  /** $1 id, $2 now, $3 error, $4 ghost session: the job's run in progress, written as abandoned. */
  abandonLeasedRun: st(
    'abandon_leased_run',
    `
    INSERT INTO runs (run_id, job_id, scheduled_for, started_at, finished_at, status, trigger,
      attempt, late_ms, duration_ms, result, error, ghost_session_id)
    SELECT lease_run_id, id, lease_scheduled_for, lease_claimed_at, $2::bigint, 'abandoned', lease_trigger,
      attempts + 1, GREATEST(0, lease_claimed_at - lease_scheduled_for), NULL, NULL, $3::text, $4::text
    FROM jobs WHERE id = $1 AND lease_run_id IS NOT NULL
    ON CONFLICT (run_id) DO NOTHING`,
  ),

  /** $1 job id or NULL for all, $2 limit: runs in progress, from the leases, newest first. */
  runningRuns: st(
    'running_runs',
    `
    SELECT lease_run_id AS run_id, id AS job_id, lease_scheduled_for AS scheduled_for,
      lease_claimed_at AS started_at, NULL::bigint AS finished_at, 'running' AS status,
      lease_trigger AS trigger, attempts + 1 AS attempt,
      GREATEST(0, lease_claimed_at - lease_scheduled_for) AS late_ms, NULL::bigint AS duration_ms,
      NULL::text AS result, NULL::text AS error
    FROM jobs
    WHERE lease_owner IS NOT NULL AND ($1::text IS NULL OR id = $1::text)
    ORDER BY lease_claimed_at DESC, seq DESC
    LIMIT $2`,
  ),

  /** $1 job id, $2 occurrence: how often it was abandoned already. */
  countAbandoned: st(
    'count_abandoned',
    `
    SELECT COUNT(*) AS n FROM runs WHERE job_id = $1 AND scheduled_for = $2 AND status = 'abandoned'`,
  ),

  /** $1 id, $2 now, $3 error: gives up on a job whose runs keep killing their process. */
  failPoisonJob: st(
    'fail_poison_job',
    `
    UPDATE jobs SET status = 'failed', next_run_at = NULL, last_error = $3, updated_at = $2, ${NO_LEASE}
    WHERE id = $1`,
  ),

  /** $1 cut-off: runs that finished before it. */
  pruneRunsOlderThan: st('prune_runs_older', 'DELETE FROM runs WHERE COALESCE(finished_at, started_at) < $1'),

  /** $1 keep: finished runs beyond the newest $1 of their job. */
  pruneRunsBeyondCount: st(
    'prune_runs_beyond',
    `
    DELETE FROM runs WHERE run_id IN (
      SELECT run_id FROM (
        SELECT run_id, ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY run_id DESC) AS rn FROM runs) ranked
      WHERE rn > $1)`,
  ),

  jobCountsByStatus: st('job_counts', 'SELECT status, kind, COUNT(*)::int AS n FROM jobs GROUP BY status, kind'),

  /** History counts; runs in progress are the leased jobs. */
  runCountsByStatus: st(
    'run_counts',
    `
    SELECT status, COUNT(*) AS n FROM runs GROUP BY status
    UNION ALL
    SELECT 'running', COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL`,
  ),
} as const;

/** The PostgreSQL side of the shared job SQL (engine/job-list-sql.ts): positional parameters in `params`. */
function pgDialect(params: unknown[]): JobSqlDialect {
  return {
    seq: 'seq',
    bind(value) {
      params.push(value);
      return `$${params.length}`;
    },
    payloadField: (field) => `(payload::json ->> '${field}')`,
    containsIgnoringCase: (expr, p) => `${expr} ILIKE ${p}`,
    // "C" compares bytes, as SQLite's BINARY does: both stores list names and ids in one order.
    bytewise: (expr) => `${expr} COLLATE "C"`,
  };
}

/**
 * The WHERE clause of a job filter with its positional parameters (engine/job-list-sql.ts).
 * Statuses are literals, so `status = 'paused'` can use the partial index `jobs_paused`.
 */
export function jobFilterSql(f: JobFilter = {}): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  return { where: jobWhere(f, pgDialect(params)), params };
}

/**
 * COUNT of a job filter. With `atMost` the count stops there, so a quota check reads at most
 * that many rows of the owner or chat index however many jobs (finished ones included) it holds.
 */
export function countJobsSql(f: JobFilter, atMost?: number): { sql: string; params: unknown[] } {
  const { where, params } = jobFilterSql(f);
  if (atMost === undefined) return { sql: `SELECT COUNT(*)::int AS n FROM jobs ${where}`, params };
  params.push(atMost);
  return { sql: `SELECT COUNT(*)::int AS n FROM (SELECT 1 FROM jobs ${where} LIMIT $${params.length}) AS capped`, params };
}

/** One page of a job filter in `order` after the keyset `after`: in creation order `jobs_seq` serves it. */
export function pageJobsSql(f: JobFilter, order: JobOrder, after: JobKeyset | undefined, size: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  return { sql: jobPageSql(f, order, after, size, pgDialect(params)), params };
}

/** Soonest first; jobs with nothing due last; ties in creation order. */
export const JOB_LIST_ORDER = 'ORDER BY next_run_at ASC NULLS LAST, seq';

/** LIMIT/OFFSET of a job filter, appending its parameters; '' when the filter pages nothing. */
export function pageSql(f: JobFilter, params: unknown[]): string {
  if (f.limit === undefined && f.offset === undefined) return '';
  params.push(f.limit ?? null, f.offset ?? 0);
  return `LIMIT $${params.length - 1} OFFSET $${params.length}`;
}

/**
 * History rows matching `f`, newest first: run ids start with their start time (primary key
 * order), so a range of start times is a range of run ids.
 */
export function listRunsSql(f: RunFilter = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (cond: (p: string) => string, value: unknown): void => {
    params.push(value);
    parts.push(cond(`$${params.length}`));
  };
  if (f.jobId !== undefined) add((p) => `job_id = ${p}`, f.jobId);
  if (f.status !== undefined) add((p) => `status = ${p}`, f.status);
  if (f.startedFrom !== undefined) add((p) => `run_id >= ${p}`, runIdPrefix(f.startedFrom));
  if (f.startedBefore !== undefined) add((p) => `run_id < ${p}`, runIdPrefix(f.startedBefore));
  if (f.afterRunId !== undefined) add((p) => `run_id < ${p}`, f.afterRunId);
  params.push(f.limit ?? 50);
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  return { sql: `SELECT * FROM runs ${where} ORDER BY run_id DESC LIMIT $${params.length}`, params };
}
