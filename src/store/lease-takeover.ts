import type { RunTrigger } from '../core/run.js';
import type { JobRow } from './sqlite/rows.js';

/**
 * What both stores do with an expired lease (the JobStore contract), kept in one place so the
 * SQLite and PostgreSQL stores cannot drift apart; each runs it inside its own transaction.
 */

/** Takeovers of one occurrence after which its job is failed instead of run again. */
export const MAX_ABANDONED_RUNS = 3;

/** The error recorded on the abandoned run of a lease that ran out. */
export const leaseExpiredError = (row: Pick<JobRow, 'lease_owner'>): string => `lease of ${row.lease_owner ?? '?'} expired`;

/** The occurrence an expired lease was running: it is claimed again for the same one. */
export function leasedOccurrence(row: Pick<JobRow, 'lease_scheduled_for' | 'lease_trigger' | 'next_run_at'>, now: number): { scheduledFor: number; trigger: RunTrigger } {
  return { scheduledFor: row.lease_scheduled_for ?? row.next_run_at ?? now, trigger: row.lease_trigger ?? 'schedule' };
}

/**
 * The `last_error` of a job whose occurrence was abandoned `abandoned` times already (its run
 * keeps killing the process), or undefined while it may be tried again.
 */
export function poisonJobError(abandoned: number): string | undefined {
  return abandoned >= MAX_ABANDONED_RUNS ? `run abandoned ${abandoned} times: the process died while running it each time` : undefined;
}

/** The earlier of optional epoch-ms instants (nextDueAt, nextOutboxAt), as a Date. */
export function earliest(...ts: Array<number | null | undefined>): Date | undefined {
  const vals = ts.filter((t): t is number => typeof t === 'number');
  return vals.length ? new Date(Math.min(...vals)) : undefined;
}
