import type { DeliveryFormatter, DeliveryOutcome, RunResult } from './executor.js';
import { fillTemplate } from './executors/template.js';
import type { Job } from './job.js';
import { followingFire, retryDelay } from './occurrence.js';
import { toOutboxContent } from './outbox-message.js';
import type { ClaimedRun, OutboxMessage, RunStatus, Settlement } from './run.js';
import { firesMoreThanOnce } from './schedule.js';

/*
 * What a finished run leaves behind: the run record, the job's next state and the messages to
 * deliver, decided from the run's result alone (pure) and written by the runner in one
 * transaction.
 */

/** A settlement and the event it stands for. */
export interface Plan {
  settlement: Settlement;
  /** `completed`: the job's goal was reached this run; `failed`: it finally failed. */
  event: 'completed' | 'failed' | null;
}

/** What every branch of planSettlement builds on. */
interface PlanBase {
  run: ClaimedRun;
  job: Job;
  occurrence: Date;
  status: RunStatus;
  now: Date;
  /** Shapes the messages to deliver (buttons, wording) for the chat layer. */
  formatter: DeliveryFormatter;
  /** The run leaves the job's schedule as it was (see planBase). */
  keepSchedule: boolean;
  /** The job's run count once this occurrence is behind it. */
  runCount: number;
  /** The job fields a settle writes while its occurrence is not over (a retry or another check follows). */
  pendingOccurrence: { runCount: number; lastRunAt: Date };
}

// record and afterOccurrence are module functions of the base, not closures made per run: the
// build keeps function names (bin/build.js: keepNames), so each closure made per run cost an
// Object.defineProperty of its name (__name), 3.6% of a burst's main-thread CPU profile.
function planBase(run: ClaimedRun, occurrence: Date, status: RunStatus, now: Date, formatter: DeliveryFormatter): PlanBase {
  const job = run.job;
  // A manual run is an extra delivery: it leaves alone a job with more fires to come, a paused
  // one, and a one-off whose time is still ahead (it still comes then). Only a one-off already
  // due is used up by it, so it does not come twice.
  const stillAhead = job.nextRunAt !== null && job.nextRunAt.getTime() > run.claimedAt.getTime();
  const keepSchedule = run.trigger === 'manual' && (firesMoreThanOnce(job.schedule) || job.status !== 'active' || stillAhead);
  // runCount is what a count ("3 times", ;count:3) is measured against: an extra run leaves the
  // schedule as it was, so it is not one of them (counted, "3 times" lost its last fire).
  const runCount = keepSchedule ? job.runCount : job.runCount + 1;
  // An occurrence counts once, when it is over: an attempt that a retry or another check follows
  // is not (counted, one flaky failure of a "3 times" job used up a fire).
  const pendingOccurrence = { runCount: job.runCount, lastRunAt: now };
  return { run, job, occurrence, status, now, formatter, keepSchedule, runCount, pendingOccurrence };
}

/** The run record with this result and error. */
function record(p: PlanBase, res: string | null, error: string | null): Settlement['run'] {
  return { status: p.status, finishedAt: p.now, durationMs: p.now.getTime() - p.run.claimedAt.getTime(), result: res, error };
}

/** The job once this occurrence is behind it: its next fire, or completed. */
function afterOccurrence(p: PlanBase): Settlement['job'] {
  const { job, now, runCount } = p;
  // Literals rather than `{ ...pendingOccurrence, … }`: a spread followed by more properties missed its
  // inline cache on every run (V8 went to the runtime), a measurable part of each instant run.
  if (p.keepSchedule) return { runCount, lastRunAt: now, status: job.status, nextRunAt: job.nextRunAt, attempts: 0 };
  const next = followingFire(job, p.occurrence, now, runCount);
  return next
    ? { runCount, lastRunAt: now, status: 'active', nextRunAt: next, attempts: 0 }
    : { runCount, lastRunAt: now, status: 'completed', nextRunAt: null, attempts: 0, completedAt: now };
}

/**
 * Decides the job's next state and the messages to deliver. Pure.
 * `occurrence` is what the run stood for (the most recent of several missed, see
 * claimedOccurrence).
 */
export function planSettlement(
  run: ClaimedRun,
  occurrence: Date,
  result: RunResult,
  status: RunStatus,
  now: Date,
  formatter: DeliveryFormatter,
): Plan {
  const p = planBase(run, occurrence, status, now, formatter);
  if (status === 'skipped') {
    // A skipped occurrence moves the schedule on without counting as a run. The chat is told,
    // once for all the occurrences it stands for: a reminder that does not come is never silence.
    const job = { ...afterOccurrence(p), runCount: run.job.runCount };
    const error = 'error' in result ? result.error : null;
    const notice = message(run.job, run, occurrence, formatter, 'skipped', error ?? 'skipped', 'skipped', job.nextRunAt ?? null);
    return { settlement: { run: record(p, null, error), job, outbox: [notice] }, event: null };
  }
  if (result.status === 'pending') return planPending(p, result);
  const plan = result.status === 'done' ? planDone(p, result) : planFailed(p, result);
  if (result.agent) plan.settlement.run.agent = result.agent;
  return result.pauseJob !== undefined ? withPause(p, plan, result.pauseJob, result.status === 'failed') : plan;
}

/**
 * The executor asked for its job to pause (a spent token budget): an active job is paused at
 * its next fire, and its owner is told why, once per occurrence. A job with nothing left to
 * run has nothing to pause. A failed run that asks for the pause (it could not start) says
 * so in the notice alone, not in a second failure message.
 */
function withPause(p: PlanBase, plan: Plan, notice: string, failed: boolean): Plan {
  const { settlement } = plan;
  if (settlement.job.status !== 'active') return plan;
  const kept = failed ? [] : settlement.outbox;
  return {
    ...plan,
    settlement: {
      ...settlement,
      job: { ...settlement.job, status: 'paused' },
      outbox: [...kept, message(p.job, p.run, p.occurrence, p.formatter, 'failure', notice, 'paused')],
    },
  };
}

/** A check that has not seen its condition yet: check again later, or give up after maxAttempts. */
function planPending(p: PlanBase, result: Extract<RunResult, { status: 'pending' }>): Plan {
  const { job, now } = p;
  const attempts = job.attempts + 1;
  if (attempts < job.maxAttempts) {
    const at = new Date(now.getTime() + (result.nextCheckMs ?? job.retryDelayMs));
    return {
      settlement: {
        run: record(p, result.result, null),
        job: { ...p.pendingOccurrence, status: job.status === 'paused' ? 'paused' : 'active', nextRunAt: at, attempts },
        outbox: [],
      },
      event: null,
    };
  }
  const error = `gave up after ${attempts} checks: ${result.result}`;
  const next = afterOccurrence(p);
  // Fires still to come keep the job active; with none left it ends as failed, never as
  // an active job with nothing due.
  const ended = next.status === 'completed';
  return {
    settlement: {
      run: record(p, result.result, null),
      job: { ...next, status: ended ? 'failed' : 'active', completedAt: ended ? now : null, lastError: error },
      outbox: [message(job, p.run, p.occurrence, p.formatter, 'failure', failureText(job, error))],
    },
    event: 'failed',
  };
}

function planDone(p: PlanBase, result: Extract<RunResult, { status: 'done' }>): Plan {
  const { job } = p;
  const text = job.successMessage !== null ? fillTemplate(job.successMessage, result.result) : result.result;
  const next = afterOccurrence(p);
  next.lastError = null;
  return {
    settlement: {
      run: record(p, result.result, null),
      job: next,
      outbox: result.deliver === false ? [] : [message(job, p.run, p.occurrence, p.formatter, 'success', text)],
    },
    event: 'completed',
  };
}

/** Failed (or timed out): retry with backoff while retries remain (never for a manual run). */
function planFailed(p: PlanBase, result: Extract<RunResult, { status: 'failed' }>): Plan {
  const { job, now } = p;
  const attempts = job.attempts + 1;
  const retryable = result.retryable !== false;
  if (retryable && attempts <= job.retries && p.run.trigger !== 'manual') {
    const at = new Date(now.getTime() + retryDelay(job, attempts));
    return {
      settlement: {
        run: record(p, null, result.error),
        job: { ...p.pendingOccurrence, status: 'active', nextRunAt: at, attempts, lastError: result.error },
        outbox: [],
      },
      event: null,
    };
  }
  const next = afterOccurrence(p);
  return {
    settlement: {
      run: record(p, null, result.error),
      job: {
        ...next,
        status: next.status === 'completed' ? 'failed' : next.status,
        completedAt: next.status === 'completed' ? now : null,
        lastError: result.error,
      },
      outbox: [message(job, p.run, p.occurrence, p.formatter, 'failure', failureText(job, result.error))],
    },
    event: 'failed',
  };
}

function failureText(job: Job, error: string): string {
  return job.failureMessage !== null ? fillTemplate(job.failureMessage, error) : `⚠️ "${job.name}" failed: ${error}`;
}

/**
 * The outbox row for an outcome, keyed by occurrence + job + purpose (effectively once). The
 * occurrence comes first so keys of new messages sort together at the end of the key index:
 * job-first keys land all over it, and with a few hundred thousand retained messages each
 * insert missed the page cache (3x slower, measured).
 */
function message(
  job: Job,
  run: ClaimedRun,
  occurrence: Date,
  formatter: DeliveryFormatter,
  type: DeliveryOutcome['type'],
  text: string,
  /** The key's purpose; default the type. */
  purpose: string = type,
  /** For a skipped occurrence: when the job fires next (null: never). */
  next: Date | null = null,
): OutboxMessage {
  const lateMs = Math.max(0, run.claimedAt.getTime() - occurrence.getTime());
  const shaped = formatter(
    job,
    type === 'skipped' ? { type, text, scheduledFor: occurrence, lateMs, next } : { type, text, scheduledFor: occurrence, lateMs },
  );
  // Keyed by the claimed occurrence, which a run taken over after a crash keeps, so the
  // retaken run adds no second copy.
  const claimed = run.trigger === 'manual' ? `manual-${run.runId}` : run.scheduledFor.toISOString();
  // Optional fields assigned, not spread from conditional literals (a clone each, per message).
  const to: OutboxMessage['to'] = { platform: job.origin.platform, chatId: job.origin.chatId };
  if (job.origin.threadId !== undefined) to.threadId = job.origin.threadId;
  if (job.origin.messageId !== undefined) to.replyTo = job.origin.messageId;
  const content = toOutboxContent(shaped);
  const out: OutboxMessage = { key: `${claimed}:${job.id}:${purpose}`, jobId: job.id, to, text: content.text };
  if (content.actions !== undefined) out.actions = content.actions;
  if (content.meta !== undefined) out.meta = content.meta;
  return out;
}
