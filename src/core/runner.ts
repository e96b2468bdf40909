import type { Logger } from './ports/logger.js';
import type { Clock } from './ports/clock.js';
import type { JobStore } from './ports/job-store.js';
import type { DeliveryFormatter, Executor, RunResult } from './executor.js';
import { UserError } from './errors.js';
import { fillTemplate } from './executors/template.js';
import type { Job } from './job.js';
import { toOutboxContent } from './outbox-message.js';
import { claimedOccurrence, followingFire, parentSessionId, retryDelay } from './occurrence.js';
import type { ClaimedRun, OutboxMessage, RunStatus, Settlement } from './run.js';
import { runWithContext, schedulerContext } from './runtime-context.js';
import { firesMoreThanOnce } from './schedule.js';

export interface RunnerDeps {
  store: JobStore;
  /** Writes a settlement; the scheduler batches these into shared transactions. */
  settle: (run: ClaimedRun, settlement: Settlement, now: Date) => Promise<boolean>;
  clock: Clock;
  logger: Logger;
  executors: ReadonlyMap<string, Executor>;
  formatter: DeliveryFormatter;
  /** Recurring occurrences later than this are skipped (ms). */
  misfireGraceMs: number;
}

/** What happened, for events and `runNow({ wait })`. */
export interface RunOutcome {
  status: RunStatus;
  /** `completed`: the job's goal was reached this run; `failed`: it finally failed. */
  event: 'completed' | 'failed' | null;
  settled: boolean;
  /** The job as the settle left it (for events, without reading it back). */
  job: Job;
  result: string | null;
  error: string | null;
}

/** Marker for a shutdown abort: the claim is released, not settled. */
export class ShutdownAbort extends Error {
  override name = 'ShutdownAbort';
}

/** Abort reason once a run is over (a constant: no DOMException and stack trace per run). */
const RUN_FINISHED = new Error('run finished');

/** What the fast path of runWithTimeout races the executor against: "not finished yet". */
const NOT_YET_VALUE = { notYet: true } as unknown as RunResult;
const NOT_YET = Promise.resolve(NOT_YET_VALUE);

class RunTimeout extends Error {
  override name = 'RunTimeout';
}

/**
 * Executes one claimed run inside its ghost session and settles it: run record, job state
 * and outbox messages in one store transaction. Logs one line per run (job_id, ghost session,
 * entity type, parent session, status, execution time), so an operator can trace every run.
 */
export async function executeRun(run: ClaimedRun, deps: RunnerDeps, shutdown: AbortSignal): Promise<RunOutcome> {
  const { clock, logger } = deps;
  const job = run.job;
  const ghost = schedulerContext(job.id, parentSessionId(job));
  const started = clock.now();

  let status: RunStatus;
  let result: RunResult;
  const occurrence = claimedOccurrence(run, started, deps.misfireGraceMs);
  if (occurrence.skip) {
    status = 'skipped';
    result = { status: 'failed', error: `skipped: ${Math.round((started.getTime() - occurrence.at.getTime()) / 1000)} s late, beyond the misfire grace window` };
  } else {
    try {
      result = await runWithContext(ghost, () => runWithTimeout(run, occurrence.at, deps, shutdown, ghost));
      status = result.status === 'failed' ? 'failure' : 'success';
    } catch (err) {
      if (err instanceof ShutdownAbort) {
        await deps.store.releaseClaim(run);
        return { status: 'abandoned', event: null, settled: false, job, result: null, error: 'released at shutdown' };
      }
      status = err instanceof RunTimeout ? 'timeout' : 'failure';
      result = { status: 'failed', error: err instanceof Error ? err.message : String(err), retryable: !(err instanceof UserError) };
    }
  }

  const finished = clock.now();
  const plan = planSettlement(run, occurrence.at, result, status, finished, deps);
  const settled = await deps.settle(run, plan.settlement, finished);
  const seconds = (finished.getTime() - started.getTime()) / 1000;
  logger.info(
    {
      job_id: job.id,
      ghost_session_id: ghost.sessionId,
      entity_type: 'scheduler',
      is_automated: true,
      parent_session_id: ghost.parentSessionId,
      status,
      execution_time_seconds: seconds,
      late_ms: Math.max(0, started.getTime() - run.scheduledFor.getTime()),
      trigger: run.trigger,
      attempt: run.attempt,
      ...(settled ? {} : { lease_lost: true }),
    },
    'scheduled run',
  );
  const r = plan.settlement.run;
  return { status, event: plan.event, settled, job: { ...job, ...plan.settlement.job } as Job, result: r.result, error: r.error };
}

async function runWithTimeout(
  run: ClaimedRun,
  occurrence: Date,
  deps: RunnerDeps,
  shutdown: AbortSignal,
  ghost: ReturnType<typeof schedulerContext>,
): Promise<RunResult> {
  const executor = deps.executors.get(run.job.kind);
  if (!executor) return { status: 'failed', error: `Unknown job kind "${run.job.kind}".`, retryable: false };
  const payload = executor.parsePayload(run.job.payload);
  // The run's controller is made when first needed: by an executor that reads ctx.signal, or
  // by the slow path below. A reminder never needs one, and a burst makes thousands of runs.
  let controller: AbortController | undefined;
  const control = (): AbortController => (controller ??= new AbortController());
  const startedAt = deps.clock.now().getTime();
  const ctx = {
    clock: deps.clock,
    get signal(): AbortSignal {
      return control().signal;
    },
    ghost,
    attempt: run.attempt,
    scheduledFor: occurrence,
  };
  const work = executor.run({ ...run.job, payload }, ctx);
  // Fast path: most runs (a reminder) are done by the time their promise is first looked at,
  // and need no timeout timer or shutdown listener. A burst starts thousands of runs; arming
  // and disarming those for each was a fifth of its time.
  const first = await Promise.race([work, NOT_YET]);
  if (first !== NOT_YET_VALUE) return first;
  return untilDoneOrStopped(work, control(), { shutdown, deadline: new Date(startedAt + run.job.timeoutMs), timeoutMs: run.job.timeoutMs, clock: deps.clock });
}

/**
 * The slow path of a run: its result, unless the timeout or shutdown comes first. One
 * controller per run tells the executor to stop (timeout, shutdown) and, aborted with
 * RUN_FINISHED once the run is over, also cancels the timeout's wait.
 */
async function untilDoneOrStopped(
  work: Promise<RunResult>,
  abort: AbortController,
  limits: { shutdown: AbortSignal; deadline: Date; timeoutMs: number; clock: Clock },
): Promise<RunResult> {
  const { shutdown } = limits;
  const onShutdown = (): void => abort.abort(new ShutdownAbort('shutdown'));
  if (shutdown.aborted) onShutdown();
  shutdown.addEventListener('abort', onShutdown, { once: true });
  const timeout = limits.clock.sleepUntil(limits.deadline, abort.signal).then(
    () => {
      abort.abort(new RunTimeout(`timed out after ${limits.timeoutMs} ms`));
      throw abort.signal.reason;
    },
    // Woken by an abort: by shutdown (reported through `aborted`) or by the end of the run.
    () => new Promise<never>(() => {}),
  );
  const aborted = new Promise<never>((_, reject) => {
    if (abort.signal.aborted) reject(abort.signal.reason);
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true });
  });
  try {
    return await Promise.race([work, timeout, aborted]);
  } finally {
    abort.abort(RUN_FINISHED);
    shutdown.removeEventListener('abort', onShutdown);
  }
}

interface Plan {
  settlement: Settlement;
  event: RunOutcome['event'];
}

/** What every branch of planSettlement builds on. */
interface PlanBase {
  run: ClaimedRun;
  job: Job;
  occurrence: Date;
  now: Date;
  deps: RunnerDeps;
  /** The job fields every settle writes. */
  counted: { runCount: number; lastRunAt: Date };
  /** The run record with this result and error. */
  record: (res: string | null, error: string | null) => Settlement['run'];
  /** The job once this occurrence is behind it: its next fire, or completed. */
  afterOccurrence: () => Settlement['job'];
}

function planBase(run: ClaimedRun, occurrence: Date, status: RunStatus, now: Date, deps: RunnerDeps): PlanBase {
  const job = run.job;
  const runCount = job.runCount + 1;
  const counted = { runCount, lastRunAt: now };
  const record = (res: string | null, error: string | null): Settlement['run'] => ({ status, finishedAt: now, durationMs: now.getTime() - run.claimedAt.getTime(), result: res, error });
  // A manual run is an extra delivery: it leaves alone a job with more fires to come, a paused
  // one, and a one-off whose time is still ahead (it still comes then). Only a one-off already
  // due is used up by it, so it does not come twice.
  const stillAhead = job.nextRunAt !== null && job.nextRunAt.getTime() > run.claimedAt.getTime();
  const keepSchedule = run.trigger === 'manual' && (firesMoreThanOnce(job.schedule) || job.status !== 'active' || stillAhead);
  const afterOccurrence = (): Settlement['job'] => {
    if (keepSchedule) return { ...counted, status: job.status, nextRunAt: job.nextRunAt, attempts: 0 };
    const next = followingFire(job, occurrence, now, runCount);
    return next ? { ...counted, status: 'active', nextRunAt: next, attempts: 0 } : { ...counted, status: 'completed', nextRunAt: null, attempts: 0, completedAt: now };
  };
  return { run, job, occurrence, now, deps, counted, record, afterOccurrence };
}

/**
 * Decides the job's next state and the messages to deliver. Pure.
 * `occurrence` is what the run stood for (the most recent of several missed, see
 * claimedOccurrence).
 */
function planSettlement(run: ClaimedRun, occurrence: Date, result: RunResult, status: RunStatus, now: Date, deps: RunnerDeps): Plan {
  const p = planBase(run, occurrence, status, now, deps);
  if (status === 'skipped') {
    // A skipped occurrence moves the schedule on without counting as a run.
    const job = { ...p.afterOccurrence(), runCount: run.job.runCount };
    return { settlement: { run: p.record(null, 'error' in result ? result.error : null), job, outbox: [] }, event: null };
  }
  if (result.status === 'pending') return planPending(p, result);
  if (result.status === 'done') return planDone(p, result);
  return planFailed(p, result);
}

/** A check that has not seen its condition yet: check again later, or give up after maxAttempts. */
function planPending(p: PlanBase, result: Extract<RunResult, { status: 'pending' }>): Plan {
  const { job, now } = p;
  const attempts = job.attempts + 1;
  if (attempts < job.maxAttempts) {
    const at = new Date(now.getTime() + (result.nextCheckMs ?? job.retryDelayMs));
    return { settlement: { run: p.record(result.result, null), job: { ...p.counted, status: job.status === 'paused' ? 'paused' : 'active', nextRunAt: at, attempts }, outbox: [] }, event: null };
  }
  const error = `gave up after ${attempts} checks: ${result.result}`;
  const next = p.afterOccurrence();
  // Fires still to come keep the job active; with none left it ends as failed, never as
  // an active job with nothing due.
  const ended = next.status === 'completed';
  return {
    settlement: { run: p.record(result.result, null), job: { ...next, status: ended ? 'failed' : 'active', completedAt: ended ? now : null, lastError: error }, outbox: [message(job, p.run, p.occurrence, p.deps, 'failure', failureText(job, error))] },
    event: 'failed',
  };
}

function planDone(p: PlanBase, result: Extract<RunResult, { status: 'done' }>): Plan {
  const { job } = p;
  const text = job.successMessage !== null ? fillTemplate(job.successMessage, result.result) : result.result;
  return { settlement: { run: p.record(result.result, null), job: { ...p.afterOccurrence(), lastError: null }, outbox: [message(job, p.run, p.occurrence, p.deps, 'success', text)] }, event: 'completed' };
}

/** Failed (or timed out): retry with backoff while retries remain (never for a manual run). */
function planFailed(p: PlanBase, result: Extract<RunResult, { status: 'failed' }>): Plan {
  const { job, now } = p;
  const attempts = job.attempts + 1;
  const retryable = result.retryable !== false;
  if (retryable && attempts <= job.retries && p.run.trigger !== 'manual') {
    const at = new Date(now.getTime() + retryDelay(job, attempts));
    return { settlement: { run: p.record(null, result.error), job: { ...p.counted, status: 'active', nextRunAt: at, attempts, lastError: result.error }, outbox: [] }, event: null };
  }
  const next = p.afterOccurrence();
  return {
    settlement: {
      run: p.record(null, result.error),
      job: { ...next, status: next.status === 'completed' ? 'failed' : next.status, completedAt: next.status === 'completed' ? now : null, lastError: result.error },
      outbox: [message(job, p.run, p.occurrence, p.deps, 'failure', failureText(job, result.error))],
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
function message(job: Job, run: ClaimedRun, occurrence: Date, deps: RunnerDeps, type: 'success' | 'failure', text: string): OutboxMessage {
  const lateMs = Math.max(0, run.claimedAt.getTime() - occurrence.getTime());
  const shaped = deps.formatter(job, { type, text, scheduledFor: occurrence, lateMs });
  // Keyed by the claimed occurrence, which a run taken over after a crash keeps, so the
  // retaken run adds no second copy.
  const claimed = run.trigger === 'manual' ? `manual-${run.runId}` : run.scheduledFor.toISOString();
  return {
    key: `${claimed}:${job.id}:${type}`,
    jobId: job.id,
    to: {
      platform: job.origin.platform,
      chatId: job.origin.chatId,
      ...(job.origin.threadId !== undefined ? { threadId: job.origin.threadId } : {}),
      ...(job.origin.messageId !== undefined ? { replyTo: job.origin.messageId } : {}),
    },
    ...toOutboxContent(shaped),
  };
}
