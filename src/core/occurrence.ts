import { doublingDelay } from './backoff.js';
import type { Job } from './job.js';
import type { ClaimedRun } from './run.js';
import { type DueOccurrence, dueOccurrence, nextFireAfterOccurrence } from './schedule.js';

/**
 * Where a job goes after an occurrence: its schedule's next fire by the engine's rule
 * (repeating triggers after both the occurrence and `now`, one-off times never dropped; see
 * nextFireAfterOccurrence). Null when the schedule (or its bounds: until, maxRuns) has no
 * further fire.
 */
export function followingFire(job: Job, occurrence: Date, now: Date, runCount: number): Date | null {
  return nextFireAfterOccurrence(job.schedule, job.timeZone, occurrence, now, job.bounds, runCount);
}

/** Delay before retry `attempt` (1-based): retryDelayMs doubled each time, capped at 1 hour. */
export function retryDelay(job: Job, attempt: number): number {
  return doublingDelay(job.retryDelayMs, attempt, 3_600_000);
}

/**
 * The occurrence a claimed run stands for when it starts at `now`, and whether it is so late
 * that running it would be wrong ("your daily 9:00 standup" at 17:00: skipped, the next one
 * scheduled). Missed occurrences of a repeating job coalesce into the most recent one, judged
 * from that one; one-off times are never skipped (see dueOccurrence). Manual runs and retries
 * stand for themselves and always run.
 */
export function claimedOccurrence(run: ClaimedRun, now: Date, graceMs: number): DueOccurrence {
  if (run.trigger !== 'schedule') return { at: run.scheduledFor, skip: false };
  const job = run.job;
  return dueOccurrence(job.schedule, job.timeZone, run.scheduledFor, now, graceMs, job.bounds, job.runCount);
}

/** Session id prefixes per platform; other platforms use their own name (`console_<chat>`). */
const SESSION_PREFIX: Readonly<Record<string, string>> = { telegram: 'tg', discord: 'dc' };

/**
 * The human session of a chat: `tg_<chat>`, `dc_<chat>`, `<platform>_<chat>`. The chat layer
 * runs each person's messages in it, and a scheduled run logs it as its parent.
 */
export function humanSessionId(platform: string, chatId: string): string {
  return `${SESSION_PREFIX[platform] ?? platform}_${chatId}`;
}

/** The human session a job came from, logged with each run. */
export function parentSessionId(job: Job): string {
  return humanSessionId(job.origin.platform, job.origin.chatId);
}
