import type { Job } from '../core/job.js';
import { firesMoreThanOnce, nextFireWithin } from '../core/schedule.js';
import { formatWhen } from './format.js';

/** `/snooze` asks for a span ("30m": counted from the due time) or an instant ("tomorrow at 10"). */
export type SnoozeRequest = { by: number } | { at: Date };

/**
 * What a snooze does:
 * - `move`: the job's own pending run goes to `at` (a one-off, or the next occurrence of a series);
 * - `refire`: a recurring job's occurrence that already fired comes once more at `at`, as a
 *   separate one-off, and the series goes on untouched;
 * - `ask`: both readings make sense; the person chooses;
 * - `refuse`: nothing changes, for `reason`.
 * Never earlier than the due time, and never past the following occurrence (it would be lost).
 */
export type SnoozePlan =
  | { kind: 'move'; at: Date; from: Date | null }
  | { kind: 'refire'; at: Date }
  | { kind: 'ask'; refireAt: Date; moveTo: Date; pending: Date }
  | { kind: 'refuse'; reason: string };

function finishedReason(job: Job): string | undefined {
  return job.status === 'cancelled' || job.status === 'failed'
    ? `Reminder ${job.id} is ${job.status}; set a new one with /remind.`
    : undefined;
}

/** The job's run still to come, or null when it has none in the future (fired, or due this moment). */
export function pendingRun(job: Job, now: Date): Date | null {
  const live = job.status === 'active' || job.status === 'paused';
  return live && job.nextRunAt && job.nextRunAt.getTime() > now.getTime() ? job.nextRunAt : null;
}

/** A move of the series' pending occurrence to `at`, unless it would reach the one after it. */
function moveOccurrence(job: Job, pending: Date, at: Date, timeZone: string, now: Date): SnoozePlan {
  if (firesMoreThanOnce(job.schedule)) {
    const following = nextFireWithin(job.schedule, job.timeZone, pending, job.bounds, job.runCount + 1);
    if (following && at.getTime() >= following.getTime()) {
      return {
        kind: 'refuse',
        reason: `That is at or after its following occurrence (${formatWhen(following, timeZone, now)}), which would be lost. Snooze it by less, or /pause ${job.id}.`,
      };
    }
  }
  return { kind: 'move', at, from: pending };
}

/** A copy due less than this from the next regular fire would come with it (shown the same minute). */
const SAME_MOMENT_MS = 60_000;

/**
 * The occurrence that fired, once more at `at`; but not as a copy due at the very instant of
 * the series' next regular fire: that one reminds then anyway, and two pings would come.
 */
function refireUnlessRegular(job: Job, at: Date, now: Date, timeZone: string): SnoozePlan {
  const pending = pendingRun(job, now);
  if (pending && job.status === 'active' && Math.abs(pending.getTime() - at.getTime()) < SAME_MOMENT_MS) {
    return {
      kind: 'refuse',
      reason: `Its next regular reminder comes then anyway (${formatWhen(pending, timeZone, now)}), so no extra one was added.`,
    };
  }
  return { kind: 'refire', at };
}

/**
 * A snooze button under a delivered reminder: the occurrence that fired comes again at `at`
 * (now + 10 minutes, …). It never pulls a later pending run earlier.
 */
export function planFiredSnooze(job: Job, at: Date, now: Date, timeZone: string): SnoozePlan {
  const finished = finishedReason(job);
  if (finished) return { kind: 'refuse', reason: finished };
  if (firesMoreThanOnce(job.schedule)) return refireUnlessRegular(job, at, now, timeZone);
  const pending = pendingRun(job, now);
  if (pending && pending.getTime() > at.getTime()) {
    // A paused one keeps its time but will not come then: "already set for" would promise it.
    const set = formatWhen(pending, timeZone, now);
    const reason =
      job.status === 'paused'
        ? `It is paused: it will not come ${set} unless you /resume ${job.id}.`
        : `It is already set for ${set}, later than that.`;
    return { kind: 'refuse', reason };
  }
  return { kind: 'move', at, from: pending };
}

/**
 * `/snooze <id> <span or time>`. A span counts from the due time of a reminder still to come
 * (never from now: that would bring it earlier), and from now for one that has fired. For a
 * series that has fired before, a span could mean "that one again later" or "the next one
 * later": the person is asked.
 */
export function planSnooze(job: Job, req: SnoozeRequest, now: Date, timeZone: string): SnoozePlan {
  const finished = finishedReason(job);
  if (finished) return { kind: 'refuse', reason: finished };
  const pending = pendingRun(job, now);
  if ('at' in req && req.at.getTime() <= now.getTime()) return { kind: 'refuse', reason: 'That time has passed.' };
  if (!pending) {
    const at = 'at' in req ? req.at : new Date(now.getTime() + req.by);
    return firesMoreThanOnce(job.schedule) ? refireUnlessRegular(job, at, now, timeZone) : { kind: 'move', at, from: null };
  }
  const moveTo = 'at' in req ? req.at : new Date(pending.getTime() + req.by);
  const firedBefore = firesMoreThanOnce(job.schedule) && job.lastRunAt !== null;
  if ('at' in req && req.at.getTime() < pending.getTime()) {
    // Earlier than the pending run: only the occurrence that fired can mean this.
    if (firedBefore) return refireUnlessRegular(job, req.at, now, timeZone);
    return {
      kind: 'refuse',
      reason: `That is earlier than its due time (${formatWhen(pending, timeZone, now)}); snooze only moves a reminder later. To move it earlier: /edit ${job.id} <new time>`,
    };
  }
  if (firedBefore && 'by' in req) {
    const move = moveOccurrence(job, pending, moveTo, timeZone, now);
    const refireAt = new Date(now.getTime() + req.by);
    return move.kind === 'move' ? { kind: 'ask', refireAt, moveTo, pending } : refireUnlessRegular(job, refireAt, now, timeZone);
  }
  return moveOccurrence(job, pending, moveTo, timeZone, now);
}
