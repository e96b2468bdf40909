import type { JobParams, JobRow } from '../sqlite/rows.js';

// Rows come back from PostgreSQL in exactly SQLite's shape (BIGINT parsed to number, JSON as
// text), so the mapping is shared with the SQLite store rather than written twice.
export { type JobRow, type OutboxDbRow, type RunRow, claimedRunFromRow, jobFromRow, jobToParams, msOrNull, outboxFromRow, runFromRow } from '../sqlite/rows.js';

/** A `jobs` row with its creation order (the identity column `seq`). */
export type PgJobRow = JobRow & { seq: number };

/** The columns a job insert or rewrite writes, in the order of {@link jobValues}. */
export const JOB_WRITE_COLUMNS = [
  'id', 'name', 'kind', 'payload', 'owner_platform', 'owner_user_id', 'owner_name', 'origin', 'origin_platform',
  'origin_chat_id', 'schedule', 'bounds', 'time_zone', 'status', 'next_run_at', 'attempts', 'max_attempts',
  'retries', 'retry_delay_ms', 'timeout_ms', 'workflow_id', 'success_message', 'failure_message',
  'completion_mode', 'created_at', 'updated_at', 'last_run_at', 'completed_at', 'run_count', 'last_error',
] as const satisfies ReadonlyArray<keyof JobParams>;

/** Positional parameters ($1…$30) of a job insert or rewrite. */
export function jobValues(p: JobParams): unknown[] {
  return JOB_WRITE_COLUMNS.map((c) => p[c]);
}

/** The columns a rewrite changes: all but the id and the creation time. */
export const JOB_REWRITE_COLUMNS = JOB_WRITE_COLUMNS.filter((c) => c !== 'id' && c !== 'created_at');

/** Positional parameters of a job rewrite: $1 id, then {@link JOB_REWRITE_COLUMNS} from $2. */
export function jobRewriteValues(p: JobParams): unknown[] {
  return [p.id, ...JOB_REWRITE_COLUMNS.map((c) => p[c])];
}
