import { ghostSessionId } from '../../core/ghost.js';
import type { RunRecord } from '../../core/run.js';
import type { RunFilter } from '../../core/ports/job-store.js';
import { type RunRow, runFromRow } from './rows.js';

/**
 * History as both stores list it: finished runs from `runs`, merged with the runs in progress,
 * which live on the leases of their jobs (migration 0003) and are read separately.
 */

/** Whether a history query asks for runs in progress at all. */
export const wantsRunsInProgress = (filter: RunFilter): boolean => filter.status === undefined || filter.status === 'running';

/** A run in progress (a leased job's row, mapped to history columns) as a history record. */
export const runInProgress = (r: Omit<RunRow, 'ghost_session_id'>): RunRecord =>
  runFromRow({ ...r, ghost_session_id: ghostSessionId(r.job_id) });

/** Newest first, at most `limit`; a stable sort puts runs in progress first at equal start times. */
export function mergeHistory(running: RunRecord[], finished: RunRecord[], limit: number): RunRecord[] {
  if (running.length === 0) return finished;
  return [...running, ...finished].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, limit);
}

/**
 * The run id prefix of a start time: run ids begin with the start's epoch ms as 12 lower-case
 * hex digits (both stores), so "started at or after t" is `run_id >= runIdPrefix(t)` on the
 * primary key, and "started before t" is `run_id < runIdPrefix(t)`.
 */
export const runIdPrefix = (t: Date): string => Math.max(0, t.getTime()).toString(16).padStart(12, '0');

/**
 * A fresh run id as the claim statements make them in SQL: `<claim ms, 12 hex>-<job id>-<4 hex
 * random>` (time first so run indexes grow at their end; the job id inside so a heartbeat finds
 * the job by primary key).
 */
export function newRunId(t: number, jobId: string): string {
  // The suffix only tells apart two runs of one job claimed in the same millisecond, as SQL's
  // random() does in the claim statements: Math.random, not crypto (randomBytes cost ~9 µs a
  // call, 5% of a burst).
  const suffix = Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${runIdPrefix(new Date(t))}-${jobId}-${suffix}`;
}

/** Whether a run in progress (read from the leases) falls in the filter's time range and page. */
export function runInRange(run: RunRecord, filter: RunFilter): boolean {
  if (filter.startedFrom !== undefined && run.runId < runIdPrefix(filter.startedFrom)) return false;
  if (filter.startedBefore !== undefined && run.runId >= runIdPrefix(filter.startedBefore)) return false;
  if (filter.afterRunId !== undefined && run.runId >= filter.afterRunId) return false;
  return true;
}
