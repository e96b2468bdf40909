import type { MaybePromise } from './job-store.js';

/**
 * Tokens each prompt job used per calendar month (migration 0010), for its monthly budget
 * (CHIME_AGENT_MONTHLY_TOKEN_BUDGET). Kept apart from the run history, which housekeeping
 * prunes: a budget must not forget what was spent.
 */
export interface AgentUsageStore {
  /** Adds `tokens` to the job's month ('YYYY-MM', UTC); returns the month's new total. */
  addTokens(jobId: string, month: string, tokens: number, now: Date): MaybePromise<number>;
  /** Tokens the job used in that month so far (0 when none). */
  tokensUsed(jobId: string, month: string): MaybePromise<number>;
}

/** The budget month of an instant: 'YYYY-MM' in UTC. */
export function usageMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}
