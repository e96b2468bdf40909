import type { Job } from './job.js';
import type { ClaimedRun } from './run.js';
import { isRecurring, nextFireWithin } from './schedule.js';

/**
 * Where a recurring job goes after an occurrence: the first fire of its schedule after both
 * the occurrence and `now`. Counting from the schedule (not from "now + interval") keeps
 * recurring jobs on their grid with no drift; skipping past `now` coalesces occurrences
 * missed during downtime or a long run into the one that just ran.
 *
 * Returns null when the schedule (or its bounds: until, maxRuns) has no further fire.
 */
export function followingFire(job: Job, scheduledFor: Date, now: Date, runCount: number): Date | null {
  if (!isRecurring(job.schedule)) return null;
  const after = scheduledFor.getTime() > now.getTime() ? scheduledFor : now;
  return nextFireWithin(job.schedule, job.timeZone, after, job.bounds, runCount);
}

/** Delay before retry `attempt` (1-based): retryDelayMs doubled each time, capped at 1 hour. */
export function retryDelay(job: Job, attempt: number): number {
  return Math.min(job.retryDelayMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/**
 * True when a scheduled occurrence of a recurring job is so late that running it would be
 * wrong ("your daily 9:00 standup" at 17:00): it is skipped and the next one scheduled.
 * One-off jobs are never skipped: a missed reminder is still delivered, marked late.
 */
export function isMisfire(run: ClaimedRun, now: Date, graceMs: number): boolean {
  return run.trigger === 'schedule' && isRecurring(run.job.schedule) && now.getTime() - run.scheduledFor.getTime() > graceMs;
}

/** `tg_<chat>` / `dc_<chat>` / `<platform>_<chat>`: the human session a job came from (seed 000). */
export function parentSessionId(job: Job): string {
  const prefix: Record<string, string> = { telegram: 'tg', discord: 'dc' };
  return `${prefix[job.origin.platform] ?? job.origin.platform}_${job.origin.chatId}`;
}
