import type { JobStatus } from '../../core/job.js';
import type { JobFilter, JobOrder, RunFilter } from '../../core/ports/job-store.js';
import { type JobKeyset, type JobSqlDialect, jobPageSql, jobWhere } from '../engine/job-list-sql.js';
import { runIdPrefix } from '../engine/run-history.js';
import { multiRowInsertAll, multiRowStatement } from './multi-row.js';
import type { Db } from './open-db.js';
import { type DueJobRow, JOB_WRITE_COLUMNS, type JobParams, type JobRow, type RunRow, type SeqJobRow } from '../engine/rows.js';
import type { SettleJobParams } from '../engine/write-params.js';

/** Every column of `jobs`, in the order of raw claim rows: the written ones, then the lease. */
export const JOB_COLUMNS = [
  ...JOB_WRITE_COLUMNS,
  'lease_owner',
  'lease_expires_at',
  'lease_run_id',
  'lease_scheduled_for',
  'lease_trigger',
  'lease_claimed_at',
] as const satisfies ReadonlyArray<keyof JobRow>;

/** Columns derived from others, for filters and indexes: in `origin`, and the schedule's. */
const DERIVED_JOB_COLUMNS: ReadonlySet<string> = new Set(['origin_platform', 'origin_chat_id', 'recurring']);

/**
 * The columns of a due job read without a lease (selectDueBatch, then rowid): what jobFromRow
 * reads. The lease columns are all NULL on such a row and the derived ones are not needed, so
 * they are not converted to JavaScript values for each of a burst's jobs.
 */
export const DUE_JOB_COLUMNS = JOB_COLUMNS.filter((c) => !c.startsWith('lease_') && !DERIVED_JOB_COLUMNS.has(c)) as ReadonlyArray<
  keyof DueJobRow
>;

/** The columns of a `runs` insert, in the order of its positional parameters. */
export const RUN_COLUMNS = [
  'run_id',
  'job_id',
  'scheduled_for',
  'started_at',
  'finished_at',
  'status',
  'trigger',
  'attempt',
  'late_ms',
  'duration_ms',
  'result',
  'error',
  'ghost_session_id',
  'transcript',
  'tokens_prompt',
  'tokens_completion',
] as const satisfies ReadonlyArray<keyof RunRow>;

/** The columns of one row of settleJobs' VALUES (SettleJobParams), in order. */
const SETTLE_COLUMNS = [
  'id',
  'run_id',
  'claimed_at',
  'status',
  'updated_at',
  'set_next_run_at',
  'next_run_at',
  'set_attempts',
  'attempts',
  'set_run_count',
  'run_count',
  'set_last_run_at',
  'last_run_at',
  'set_completed_at',
  'completed_at',
  'set_last_error',
  'last_error',
  'claimed_status',
  'claimed_next_run_at',
] as const satisfies ReadonlyArray<keyof SettleJobParams>;

/** Appends a settled job's values in SETTLE_COLUMNS order to `out` (settleJobs). */
export function pushSettleValues(out: unknown[], p: SettleJobParams): void {
  out.push(
    p.id,
    p.run_id,
    p.claimed_at,
    p.status,
    p.updated_at,
    p.set_next_run_at,
    p.next_run_at,
    p.set_attempts,
    p.attempts,
    p.set_run_count,
    p.run_count,
    p.set_last_run_at,
    p.last_run_at,
    p.set_completed_at,
    p.completed_at,
    p.set_last_error,
    p.last_error,
    p.claimed_status,
    p.claimed_next_run_at,
  );
}

/** Appends a history row's values in RUN_COLUMNS order to `out` (insertRuns; the agent columns are null when absent). */
export function pushRunValues(out: unknown[], r: RunRow): void {
  out.push(
    r.run_id,
    r.job_id,
    r.scheduled_for,
    r.started_at,
    r.finished_at,
    r.status,
    r.trigger,
    r.attempt,
    r.late_ms,
    r.duration_ms,
    r.result,
    r.error,
    r.ghost_session_id,
    r.transcript ?? null,
    r.tokens_prompt ?? null,
    r.tokens_completion ?? null,
  );
}

/**
 * A raw claim row (JOB_COLUMNS then rowid) as a JobRow with its rowid as `seq`. One object
 * literal, so every row shares one hidden class: 38 properties added one by one under computed
 * keys turn the object into a dictionary (~2.5 µs a row to build, slower to read). A test
 * checks the literal against JOB_COLUMNS.
 */
// biome-ignore format: one column a line, in JOB_COLUMNS order
export function jobRowFromRaw(v: unknown[]): SeqJobRow {
  return {
    id: v[0],
    name: v[1],
    kind: v[2],
    payload: v[3],
    owner_platform: v[4],
    owner_user_id: v[5],
    owner_name: v[6],
    origin: v[7],
    origin_platform: v[8],
    origin_chat_id: v[9],
    schedule: v[10],
    bounds: v[11],
    time_zone: v[12],
    status: v[13],
    next_run_at: v[14],
    attempts: v[15],
    max_attempts: v[16],
    retries: v[17],
    retry_delay_ms: v[18],
    timeout_ms: v[19],
    workflow_id: v[20],
    success_message: v[21],
    failure_message: v[22],
    completion_mode: v[23],
    created_at: v[24],
    updated_at: v[25],
    last_run_at: v[26],
    completed_at: v[27],
    run_count: v[28],
    last_error: v[29],
    recurring: v[30],
    lease_owner: v[31],
    lease_expires_at: v[32],
    lease_run_id: v[33],
    lease_scheduled_for: v[34],
    lease_trigger: v[35],
    lease_claimed_at: v[36],
    seq: v[37],
  } as SeqJobRow;
}

/** A raw due row (DUE_JOB_COLUMNS then rowid) as a DueJobRow: one literal, as jobRowFromRaw. A test checks it against DUE_JOB_COLUMNS. */
// biome-ignore format: one column a line, in DUE_JOB_COLUMNS order
export function dueJobRowFromRaw(v: unknown[]): DueJobRow {
  return {
    id: v[0],
    name: v[1],
    kind: v[2],
    payload: v[3],
    owner_platform: v[4],
    owner_user_id: v[5],
    owner_name: v[6],
    origin: v[7],
    schedule: v[8],
    bounds: v[9],
    time_zone: v[10],
    status: v[11],
    next_run_at: v[12],
    attempts: v[13],
    max_attempts: v[14],
    retries: v[15],
    retry_delay_ms: v[16],
    timeout_ms: v[17],
    workflow_id: v[18],
    success_message: v[19],
    failure_message: v[20],
    completion_mode: v[21],
    created_at: v[22],
    updated_at: v[23],
    last_run_at: v[24],
    completed_at: v[25],
    run_count: v[26],
    last_error: v[27],
    seq: v[28],
  } as DueJobRow;
}

/** The SET clause that drops a job's lease (and with it the run in progress). */
const NO_LEASE = `lease_owner = NULL, lease_expires_at = NULL, lease_run_id = NULL,
  lease_scheduled_for = NULL, lease_trigger = NULL, lease_claimed_at = NULL`;

/**
 * Where the job stands (status, next run, attempts, completed at) was set by a person after the
 * claim, and the settle keeps it: a pause or cancel, or any status or next run other than the
 * claim read (a snooze, a resume, an Undo of a cancel). Without it a one-off snoozed while its
 * run was in progress settled as completed and never came at the snooze time. Schedule edits
 * are refused during a run (JobOperations.updateJob), so the claim's next run is still the
 * stored one unless such a change moved it.
 */
const KEPT_BY_PERSON = `((jobs.updated_at > s.claimed_at AND jobs.status IN ('paused', 'cancelled'))
  OR jobs.status IS NOT s.claimed_status OR jobs.next_run_at IS NOT s.claimed_next_run_at)`;

/** One VALUES row of settleJobs. */
const SETTLE_ROW = `(${SETTLE_COLUMNS.map(() => '?').join(', ')})`;

/** settleJobs' SQL over the VALUES rows `values`, with the conflict clause `conflict` (`OR IGNORE` or none). */
function settleJobsSql(values: string, conflict: 'OR IGNORE' | ''): string {
  return `
      WITH s (${SETTLE_COLUMNS.join(', ')}) AS (VALUES ${values})
      UPDATE ${conflict} jobs SET
        status = CASE WHEN ${KEPT_BY_PERSON} THEN jobs.status ELSE s.status END,
        next_run_at = CASE WHEN ${KEPT_BY_PERSON} THEN jobs.next_run_at
          WHEN s.set_next_run_at THEN s.next_run_at ELSE jobs.next_run_at END,
        attempts = CASE WHEN ${KEPT_BY_PERSON} THEN jobs.attempts WHEN s.set_attempts THEN s.attempts ELSE jobs.attempts END,
        run_count = iif(s.set_run_count, s.run_count, jobs.run_count),
        last_run_at = iif(s.set_last_run_at, s.last_run_at, jobs.last_run_at),
        completed_at = CASE WHEN ${KEPT_BY_PERSON} THEN jobs.completed_at
          WHEN s.set_completed_at THEN s.completed_at ELSE jobs.completed_at END,
        last_error = iif(s.set_last_error, s.last_error, jobs.last_error),
        updated_at = s.updated_at,
        ${NO_LEASE}
      FROM s
      WHERE jobs.id = s.id AND jobs.lease_run_id IS s.run_id
      RETURNING id, status`;
}

/** A fresh run id: `<claim ms, 12 hex>-<job id>-<4 hex>` (see migration 0001); `now` is bound there. */
const NEW_RUN_ID = `printf('%012x-%s-', ? /* now */, id) || lower(hex(randomblob(2)))`;

/**
 * Every SQL statement on `jobs` and `runs`, one named prepared statement each (graphile-worker
 * style: the SQL is visible and greppable). Parameters are named (`@now`, `@owner`), except in
 * the statements run per claimed or settled row: those bind positionally (`? /* now *\/`, the
 * comment names the value; their argument lists are in sqlite-queries.ts). better-sqlite3 looks
 * up each named parameter in the object through V8's C++ API, ~2.5 µs more per statement of 7
 * values than binding arguments by position. Times are epoch milliseconds. The hot queries name their partial index (`INDEXED BY`): without
 * ANALYZE statistics the planner may prefer another index, which walks every active job.
 *
 * A bound LIMIT goes through CAST (`LIMIT CAST(? AS INTEGER)`), in every statement of the
 * SQLite store: SQLite compiles a bare `LIMIT ?` with the value bound at the time and marks
 * the statement stale whenever that parameter is bound again, so each run prepared it anew
 * (~35 µs for a small SELECT, twice per claim). An expression is not folded into the plan.
 */
export function prepareJobQueries(db: Db) {
  return {
    /** Inserts a new job (no lease). No change when the id is taken. */
    insertJob: db.prepare<JobParams>(`
      INSERT INTO jobs (id, name, kind, payload, owner_platform, owner_user_id, owner_name, origin,
        origin_platform, origin_chat_id, schedule, bounds, time_zone, status, next_run_at, attempts,
        max_attempts, retries, retry_delay_ms, timeout_ms, workflow_id, success_message,
        failure_message, completion_mode, created_at, updated_at, last_run_at, completed_at,
        run_count, last_error, recurring)
      VALUES (@id, @name, @kind, @payload, @owner_platform, @owner_user_id, @owner_name, @origin,
        @origin_platform, @origin_chat_id, @schedule, @bounds, @time_zone, @status, @next_run_at,
        @attempts, @max_attempts, @retries, @retry_delay_ms, @timeout_ms, @workflow_id,
        @success_message, @failure_message, @completion_mode, @created_at, @updated_at,
        @last_run_at, @completed_at, @run_count, @last_error, @recurring)
      ON CONFLICT (id) DO NOTHING`),

    /** Rewrites every field of a job except id, creation time and the lease. */
    rewriteJob: db.prepare<JobParams>(`
      UPDATE jobs SET name = @name, kind = @kind, payload = @payload, owner_platform = @owner_platform,
        owner_user_id = @owner_user_id, owner_name = @owner_name, origin = @origin,
        origin_platform = @origin_platform, origin_chat_id = @origin_chat_id, schedule = @schedule,
        bounds = @bounds, time_zone = @time_zone, status = @status, next_run_at = @next_run_at,
        attempts = @attempts, max_attempts = @max_attempts, retries = @retries,
        retry_delay_ms = @retry_delay_ms, timeout_ms = @timeout_ms, workflow_id = @workflow_id,
        success_message = @success_message, failure_message = @failure_message,
        completion_mode = @completion_mode, updated_at = @updated_at, last_run_at = @last_run_at,
        completed_at = @completed_at, run_count = @run_count, last_error = @last_error,
        recurring = @recurring
      WHERE id = @id`),

    getJob: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),

    /** One finished run, by primary key. */
    getRun: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE run_id = ?'),

    /** The run in progress with this id: the job id is inside the run id (characters 14 to length-5). */
    runningRun: db.prepare<{ run_id: string }, Omit<RunRow, 'ghost_session_id'>>(`
      SELECT lease_run_id AS run_id, id AS job_id, lease_scheduled_for AS scheduled_for,
        lease_claimed_at AS started_at, NULL AS finished_at, 'running' AS status,
        lease_trigger AS trigger, attempts + 1 AS attempt,
        max(0, lease_claimed_at - lease_scheduled_for) AS late_ms, NULL AS duration_ms,
        NULL AS result, NULL AS error
      FROM jobs WHERE id = substr(@run_id, 14, length(@run_id) - 18) AND lease_run_id = @run_id`),

    deleteJob: db.prepare<[string]>('DELETE FROM jobs WHERE id = ?'),

    /**
     * When the scheduler must look again, in one statement: over the partial index `jobs_due`,
     * the earliest next_run_at of an active unleased job (`due`) and the earliest after @after
     * (`fresh`: the due loop's last claim), each one index seek; and the earliest lease expiry
     * (over `jobs_leased`: a crashed run becomes claimable then).
     */
    nextDue: db.prepare<{ after: number }, { due: number | null; fresh: number | null; lease: number | null }>(`
      SELECT
        (SELECT MIN(next_run_at) FROM jobs INDEXED BY jobs_due
          WHERE status = 'active' AND lease_owner IS NULL) AS due,
        (SELECT MIN(next_run_at) FROM jobs INDEXED BY jobs_due
          WHERE status = 'active' AND lease_owner IS NULL AND next_run_at > @after) AS fresh,
        (SELECT MIN(lease_expires_at) FROM jobs INDEXED BY jobs_leased
          WHERE lease_owner IS NOT NULL) AS lease`),

    /**
     * Claims at @now up to @limit unleased active jobs due in (@after, @due_by], oldest occurrence first
     * (ties: creation order, which is rowid: the index holds it, so no sort), in one statement.
     * Each claimed row gets a fresh run id (`0190f3a2c4e0-k7m2qd-9b1c`) and its run in progress
     * on the lease (occurrence, trigger, start). RETURNING order is unspecified (sort by
     * next_run_at, seq). Raw rows (arrays, see jobRowFromRaw): better-sqlite3 builds a 38-key
     * object per row in C++ at about twice the cost of the claim's SQL itself.
     */
    claimDueBatch: db
      .prepare<[owner: string, expires: number, now: number, now: number, after: number, dueBy: number, limit: number], unknown[]>(`
      UPDATE jobs
      SET lease_owner = ? /* owner */, lease_expires_at = ? /* expires */, lease_run_id = ${NEW_RUN_ID},
        lease_scheduled_for = next_run_at, lease_claimed_at = ? /* now */,
        lease_trigger = CASE WHEN attempts > 0 THEN 'retry' ELSE 'schedule' END
      WHERE rowid IN (
        SELECT rowid FROM jobs INDEXED BY jobs_due
        WHERE status = 'active' AND lease_owner IS NULL AND next_run_at > ? /* after */ AND next_run_at <= ? /* due_by */
        ORDER BY next_run_at, rowid
        LIMIT CAST(? /* limit */ AS INTEGER))
      RETURNING ${JOB_COLUMNS.join(', ')}, rowid`)
      .raw(true),

    /**
     * claimDueBatch's jobs read without a lease (instant runs: settled in the same transaction),
     * only the columns of their Job (DUE_JOB_COLUMNS, raw rows: see dueJobRowFromRaw).
     */
    selectDueBatch: db
      .prepare<[after: number, dueBy: number, limit: number], unknown[]>(`
      SELECT ${DUE_JOB_COLUMNS.join(', ')}, rowid FROM jobs INDEXED BY jobs_due
      WHERE status = 'active' AND lease_owner IS NULL AND next_run_at > ? /* after */ AND next_run_at <= ? /* due_by */
      ORDER BY next_run_at, rowid
      LIMIT CAST(? /* limit */ AS INTEGER)`)
      .raw(true),

    /** Jobs whose lease ran out (their process died or hung), oldest expiry first. */
    expiredLeases: db.prepare<{ now: number; limit: number }, JobRow>(`
      SELECT * FROM jobs INDEXED BY jobs_leased
      WHERE lease_owner IS NOT NULL AND lease_expires_at <= @now
      ORDER BY lease_expires_at, rowid
      LIMIT CAST(@limit AS INTEGER)`),

    /** Owners of the jobs' leases. */
    jobLeaseOwners: db.prepare<[], { owner: string }>(
      `SELECT DISTINCT lease_owner AS owner FROM jobs INDEXED BY jobs_leased WHERE lease_owner IS NOT NULL`,
    ),

    /** Ends @owner's run leases at @now: its runs are taken over (as abandoned) by the next claim. */
    expireJobLeases: db.prepare<{ owner: string; now: number }>(`
      UPDATE jobs SET lease_expires_at = @now
      WHERE lease_owner = @owner AND lease_expires_at > @now`),

    /** Puts a lease with a fresh run id on one job, for the given occurrence; returns the row. */
    leaseJob: db.prepare<
      [owner: string, expires: number, now: number, scheduledFor: number, trigger: string, now: number, id: string],
      JobRow
    >(`
      UPDATE jobs
      SET lease_owner = ? /* owner */, lease_expires_at = ? /* expires */, lease_run_id = ${NEW_RUN_ID},
        lease_scheduled_for = ? /* scheduled_for */, lease_trigger = ? /* trigger */, lease_claimed_at = ? /* now */
      WHERE id = ? /* id */
      RETURNING *`),

    /** Drops the lease of one claim (release, or an expired lease of a job no longer active). */
    clearLease: db.prepare<[id: string, runId: string]>(`
      UPDATE jobs SET ${NO_LEASE}
      WHERE id = ? /* id */ AND lease_run_id = ? /* run_id */`),

    /**
     * Heartbeat: pushes the expiry of the given runs' leases held by `owner`. `run_ids` is a JSON
     * array; each run id carries its job id between the 13-character time prefix and the
     * 5-character suffix, so jobs are found by primary key.
     */
    extendLeases: db.prepare<[expires: number, runIds: string, runIds: string, owner: string]>(`
      UPDATE jobs SET lease_expires_at = ? /* expires */
      WHERE id IN (SELECT substr(value, 14, length(value) - 18) FROM json_each(? /* run_ids */))
        AND lease_run_id IN (SELECT value FROM json_each(? /* run_ids */))
        AND lease_owner = ? /* owner */`),

    /**
     * Writes settled runs' job states and drops their leases, each only if the lease is still
     * that run's (no row returned: the lease was lost), or, for a run id of NULL (an instant run
     * read without a lease in this transaction), only if the job still holds no lease; the values flat, SETTLE_COLUMNS order
     * (pushSettleValues), row after row, one VALUES row per job. A field whose `set_` flag is 0
     * keeps its value. A person who paused, cancelled, snoozed or resumed the job after the
     * claim keeps that status and next run (KEPT_BY_PERSON): the run's outcome does not undo it. No read first: every right-hand
     * side sees the row as it was. Rows are matched to jobs by id: at most one row per job in
     * a call (UPDATE … FROM applies one of several matches). `OR IGNORE`: no statement journal
     * (multi-row.ts); a row a constraint refused is not returned either, so the rows not
     * returned go through settleJobsOrAbort, which finds the cause.
     */
    settleJobs: multiRowStatement<{ id: string; status: JobStatus }>(db, (values) => settleJobsSql(values, 'OR IGNORE'), SETTLE_ROW),

    /**
     * settleJobs as a statement that aborts on a refused row (a NOT NULL or CHECK failure),
     * for the rows settleJobs did not return: one whose job matched aborts here with SQLite's
     * own error; one whose lease was lost matches nothing again.
     */
    settleJobsOrAbort: multiRowStatement<{ id: string; status: JobStatus }>(db, (values) => settleJobsSql(values, ''), SETTLE_ROW),

    /**
     * Adds finished runs to the history: their values flat, in RUN_COLUMNS order (pushRunValues),
     * row after row. A row refused (a run id taken, a NOT NULL) throws: no statement journal
     * (multi-row.ts).
     */
    insertRuns: multiRowInsertAll(
      db,
      `INSERT OR IGNORE INTO runs (${RUN_COLUMNS.join(', ')})`,
      `(${RUN_COLUMNS.map(() => '?').join(', ')})`,
    ),

    /**
     * Writes a job's run in progress to the history as abandoned (its lease expired, or the
     * job was deleted under it). Nothing when the job holds no lease.
     */
    abandonLeasedRun: db.prepare<{ id: string; now: number; error: string; ghost_session_id: string }>(`
      INSERT INTO runs (run_id, job_id, scheduled_for, started_at, finished_at, status, trigger,
        attempt, late_ms, duration_ms, result, error, ghost_session_id)
      SELECT lease_run_id, id, lease_scheduled_for, lease_claimed_at, @now, 'abandoned', lease_trigger,
        attempts + 1, max(0, lease_claimed_at - lease_scheduled_for), NULL, NULL, @error, @ghost_session_id
      FROM jobs WHERE id = @id AND lease_run_id IS NOT NULL
      ON CONFLICT (run_id) DO NOTHING`),

    /**
     * Runs in progress, as history rows: they live on the leases of their jobs. Newest first;
     * @job_id NULL for all jobs.
     */
    runningRuns: db.prepare<{ job_id: string | null; limit: number }, Omit<RunRow, 'ghost_session_id'>>(`
      SELECT lease_run_id AS run_id, id AS job_id, lease_scheduled_for AS scheduled_for,
        lease_claimed_at AS started_at, NULL AS finished_at, 'running' AS status,
        lease_trigger AS trigger, attempts + 1 AS attempt,
        max(0, lease_claimed_at - lease_scheduled_for) AS late_ms, NULL AS duration_ms,
        NULL AS result, NULL AS error
      FROM jobs INDEXED BY jobs_leased
      WHERE lease_owner IS NOT NULL AND (@job_id IS NULL OR id = @job_id)
      ORDER BY lease_claimed_at DESC, rowid DESC
      LIMIT CAST(@limit AS INTEGER)`),

    /** How often an occurrence was abandoned already (its process died while running it). */
    countAbandoned: db.prepare<{ job_id: string; scheduled_for: number }, { n: number }>(`
      SELECT COUNT(*) AS n FROM runs
      WHERE job_id = @job_id AND scheduled_for = @scheduled_for AND status = 'abandoned'`),

    /** Gives up on a job whose runs keep killing their process: failed, nothing due, no lease. */
    failPoisonJob: db.prepare<{ id: string; now: number; error: string }>(`
      UPDATE jobs SET status = 'failed', next_run_at = NULL, last_error = @error, updated_at = @now,
        ${NO_LEASE}
      WHERE id = @id`),

    /** Deletes runs that finished before @before (runs in progress are on the jobs, not here). */
    pruneRunsOlderThan: db.prepare<{ before: number }>(`
      DELETE FROM runs WHERE COALESCE(finished_at, started_at) < @before`),

    /** Deletes finished runs beyond the @keep newest of their job. */
    pruneRunsBeyondCount: db.prepare<{ keep: number }>(`
      DELETE FROM runs WHERE run_id IN (
        SELECT run_id FROM (
          SELECT run_id,
            ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY run_id DESC) AS rn
          FROM runs)
        WHERE rn > @keep)`),

    jobCountsByStatus: db.prepare<[], { status: string; kind: string; n: number }>(
      'SELECT status, kind, COUNT(*) AS n FROM jobs GROUP BY status, kind',
    ),

    /** History counts; runs in progress are the leased jobs. */
    runCountsByStatus: db.prepare<[], { status: string; n: number }>(`
      SELECT status, COUNT(*) AS n FROM runs GROUP BY status
      UNION ALL
      SELECT 'running', COUNT(*) FROM jobs INDEXED BY jobs_leased WHERE lease_owner IS NOT NULL`),
  };
}

/** The SQLite side of the shared job SQL (engine/job-list-sql.ts): named parameters `@p0`… in `params`. */
function sqliteDialect(params: Record<string, unknown>): JobSqlDialect {
  let n = 0;
  return {
    seq: 'rowid',
    bind(value) {
      const name = `p${n++}`;
      params[name] = value;
      return `@${name}`;
    },
    payloadField: (field) => `json_extract(payload, '$.${field}')`,
    // LIKE ignores the case of ASCII letters (case_sensitive_like is off).
    containsIgnoringCase: (expr, p) => `${expr} LIKE ${p} ESCAPE '\\'`,
    // BINARY, SQLite's default collation, compares bytes.
    bytewise: (expr) => expr,
  };
}

/**
 * The WHERE clause of a job filter (engine/job-list-sql.ts), each filter shape one cacheable
 * statement that can use its index.
 */
export function jobFilterSql(f: JobFilter = {}): { where: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  return { where: jobWhere(f, sqliteDialect(params)), params };
}

/**
 * COUNT of a job filter. With `atMost` the count stops there, so a quota check reads at most
 * that many rows of the owner or chat index however many jobs (finished ones included) it holds.
 */
export function countJobsSql(f: JobFilter, atMost?: number): { sql: string; params: Record<string, unknown> } {
  const { where, params } = jobFilterSql(f);
  if (atMost === undefined) return { sql: `SELECT COUNT(*) AS n FROM jobs ${where}`, params };
  params.at_most = atMost;
  return { sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM jobs ${where} LIMIT CAST(@at_most AS INTEGER))`, params };
}

/**
 * One page of a job filter in `order` after the keyset `after` (engine/job-list-sql.ts): in
 * creation order the table's own key (rowid) serves it, by id the primary key's index.
 */
export function pageJobsSql(
  f: JobFilter,
  order: JobOrder,
  after: JobKeyset | undefined,
  size: number,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  return { sql: jobPageSql(f, order, after, size, sqliteDialect(params)), params };
}

/**
 * History rows matching `f`, newest first. A run id starts with its start time (12 hex digits
 * of epoch ms), so run id order is start order and the primary key (or `runs_job`) gives it;
 * a range of start times is a range of run ids.
 */
export function listRunsSql(f: RunFilter = {}): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit ?? 50 };
  const add = (cond: string, name: string, value: unknown): void => {
    parts.push(cond);
    params[name] = value;
  };
  if (f.jobId !== undefined) add('job_id = @job_id', 'job_id', f.jobId);
  if (f.status !== undefined) add('status = @status', 'status', f.status);
  if (f.startedFrom !== undefined) add('run_id >= @from_id', 'from_id', runIdPrefix(f.startedFrom));
  if (f.startedBefore !== undefined) add('run_id < @before_id', 'before_id', runIdPrefix(f.startedBefore));
  if (f.afterRunId !== undefined) add('run_id < @after_run', 'after_run', f.afterRunId);
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  return { sql: `SELECT * FROM runs ${where} ORDER BY run_id DESC LIMIT CAST(@limit AS INTEGER)`, params };
}

/** Soonest first; jobs with nothing due last; ties in creation order (rowid). */
export const JOB_LIST_ORDER = 'ORDER BY next_run_at IS NULL, next_run_at, rowid';
