import type { Logger } from './ports/logger.js';
import type { Clock } from './ports/clock.js';
import type { JobStore } from './ports/job-store.js';
import type { DeliveryFormatter, Executor, RunResult } from './executor.js';
import type { ConversationResumer } from './ports/conversation-resumer.js';
import { resumedPlan } from './resume-plan.js';
import { UserError } from './errors.js';
import type { Job } from './job.js';
import { claimedOccurrence, parentSessionId } from './occurrence.js';
import type { ClaimedRun, RunStatus, Settlement } from './run.js';
import { runWithContext, schedulerContext } from './runtime-context.js';
import type { GhostContext } from './ghost.js';
import { type Plan, planSettlement } from './settlement-plan.js';

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
  /** Continues the conversation of a `resume_conversation` job when it completes (the agent); none: plain messages. */
  resumer?: ConversationResumer;
}

/** What happened, for events and `runNow({ wait })`. */
export interface RunOutcome {
  status: RunStatus;
  /** `completed`: the job's goal was reached this run; `failed`: it finally failed. */
  event: Plan['event'];
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
 * entity type, parent session, status, execution time; for an agent run also its outcome and
 * tokens), so an operator can trace every run and what it cost.
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
    result = skippedRun(started, occurrence.at);
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
      result = failedRun(err);
    }
  }

  const finished = clock.now();
  const plan =
    job.completionMode === 'resume_conversation' && deps.resumer
      ? await runWithContext(ghost, () =>
          resumedPlan({ run, occurrence: occurrence.at, result, status, now: finished, formatter: deps.formatter }, deps, shutdown),
        )
      : planSettlement(run, occurrence.at, result, status, finished, deps.formatter);
  const settled = await deps.settle(run, plan.settlement, finished);
  logRun(logger, { run, ghost, status, started, finished, result, settled });
  const r = plan.settlement.run;
  return { status, event: plan.event, settled, job: { ...job, ...plan.settlement.job } as Job, result: r.result, error: r.error };
}

/** The result of an occurrence too late to run (see claimedOccurrence). */
export function skippedRun(started: Date, occurrence: Date): Extract<RunResult, { status: 'failed' }> {
  return {
    status: 'failed',
    error: `skipped: ${Math.round((started.getTime() - occurrence.getTime()) / 1000)} s late, beyond the misfire grace window`,
  };
}

/** The result of a run that threw: a person's mistake (a UserError, e.g. a bad payload) is not retried. */
export function failedRun(err: unknown): Extract<RunResult, { status: 'failed' }> {
  return { status: 'failed', error: err instanceof Error ? err.message : String(err), retryable: !(err instanceof UserError) };
}

/** What one run's log line says. */
export interface RunLogLine {
  run: ClaimedRun;
  ghost: GhostContext;
  status: RunStatus;
  started: Date;
  finished: Date;
  result: RunResult;
  settled: boolean;
}

/** The one log line per run (see executeRun). */
export function logRun(logger: Logger, { run, ghost, status, started, finished, result, settled }: RunLogLine): void {
  const agent = result.status === 'pending' ? undefined : result.agent;
  // The optional fields are assigned, not spread from conditional literals (a clone each, on
  // every run of a burst); same fields, same order.
  const line: Record<string, unknown> = {
    job_id: run.job.id,
    ghost_session_id: ghost.sessionId,
    entity_type: 'scheduler',
    is_automated: true,
    parent_session_id: ghost.parentSessionId,
    status,
    execution_time_seconds: (finished.getTime() - started.getTime()) / 1000,
    late_ms: Math.max(0, started.getTime() - run.scheduledFor.getTime()),
    trigger: run.trigger,
    attempt: run.attempt,
  };
  if (agent) {
    line.agent_outcome = agent.outcome;
    line.tokens_prompt = agent.usage.prompt;
    line.tokens_completion = agent.usage.completion;
    line.tokens_total = agent.usage.total;
    line.model_time_seconds = agent.modelMs / 1000;
  }
  if (!settled) line.lease_lost = true;
  logger.info(line, 'scheduled run');
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
  return untilDoneOrStopped(work, control(), {
    shutdown,
    deadline: new Date(startedAt + run.job.timeoutMs),
    timeoutMs: run.job.timeoutMs,
    clock: deps.clock,
  });
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
