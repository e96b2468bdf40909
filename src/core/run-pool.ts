import { setMaxListeners } from 'node:events';
import type { Logger } from './ports/logger.js';
import type { Clock } from './ports/clock.js';
import type { TaskEvent } from './events.js';
import type { ClaimedRun } from './run.js';
import { type RunnerDeps, type RunOutcome, executeRun } from './runner.js';

export interface RunPoolDeps {
  runner: RunnerDeps;
  clock: Clock;
  logger: Logger;
  /** Told of each run as it starts (`executed`) and once it is settled (`completed`/`failed`). */
  emit: (event: TaskEvent) => void;
  /** Called after every run, settled or not: a slot is free and the job's next run may be due. */
  onFinished: () => void;
}

/** The `run` part of a task event: what the claim says plus how the run ended. */
export function runView(run: ClaimedRun, end: Pick<RunOutcome, 'status' | 'result' | 'error'>): TaskEvent['run'] {
  const lateMs = Math.max(0, run.claimedAt.getTime() - run.scheduledFor.getTime());
  return {
    runId: run.runId,
    scheduledFor: run.scheduledFor,
    status: end.status,
    trigger: run.trigger,
    attempt: run.attempt,
    lateMs,
    result: end.result,
    error: end.error,
  };
}

/**
 * The runs in progress in this process: launches claimed runs, tracks them until they are
 * settled, and on shutdown lets them finish for a grace period before aborting the rest
 * (an aborted run releases its claim instead of settling, so it runs again elsewhere).
 */
export class RunPool {
  private readonly running = new Map<string, Promise<RunOutcome>>();
  private readonly shutdown = new AbortController();

  constructor(private readonly deps: RunPoolDeps) {
    // Every run in progress listens for shutdown; hundreds at once are expected, not a leak.
    setMaxListeners(0, this.shutdown.signal);
  }

  get size(): number {
    return this.running.size;
  }

  ids(): string[] {
    return [...this.running.keys()];
  }

  launch(run: ClaimedRun): Promise<RunOutcome> {
    const { logger, emit } = this.deps;
    emit({ type: 'executed', job: run.job, run: runView(run, { status: 'running', result: null, error: null }) });
    const done = executeRun(run, this.deps.runner, this.shutdown.signal)
      .catch((err: unknown): RunOutcome => {
        logger.error({ err, job_id: run.job.id }, 'run could not be settled; its lease will expire and it will be retried');
        return { status: 'failure', event: null, settled: false, job: run.job, result: null, error: String(err) };
      })
      .then((outcome) => {
        this.running.delete(run.runId);
        if (outcome.event && outcome.settled) emit({ type: outcome.event, job: outcome.job, run: runView(run, outcome) });
        this.deps.onFinished();
        return outcome;
      });
    this.running.set(run.runId, done);
    return done;
  }

  /** Waits for the runs in progress; those still running after `graceMs` are aborted (and then awaited). */
  async drain(graceMs: number): Promise<void> {
    const pending = [...this.running.values()];
    if (pending.length === 0) return;
    const { clock } = this.deps;
    const grace = new AbortController();
    const timedOut = clock.sleepUntil(new Date(clock.now().getTime() + graceMs), grace.signal).then(
      () => true,
      () => false,
    );
    const allDone = Promise.allSettled(pending).then(() => false);
    if (await Promise.race([allDone, timedOut])) this.shutdown.abort();
    grace.abort();
    await Promise.allSettled(pending);
  }
}
