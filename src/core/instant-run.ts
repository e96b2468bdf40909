import type { DeliveryFormatter, Executor, RunResult } from './executor.js';
import type { TaskEvent } from './events.js';
import type { GhostContext } from './ghost.js';
import type { Job } from './job.js';
import type { Clock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import { claimedOccurrence, parentSessionId } from './occurrence.js';
import type { ClaimedRun, RunStatus, Settlement } from './run.js';
import { runView } from './run-pool.js';
import { failedRun, logRun, skippedRun } from './runner.js';
import { runWithContext, schedulerContext } from './runtime-context.js';
import { type Plan, planSettlement } from './settlement-plan.js';

/*
 * Instant runs: a claimed run whose executor can run synchronously with no I/O (a reminder,
 * see Executor.runInstant) is run and settled inside the very store transaction that claims
 * it. It leaves exactly what a run through the pool leaves (the run record, the job's next
 * state, its messages and events), decided by the same rules (claimedOccurrence,
 * planSettlement), only without a second transaction, a lease held across event-loop turns or
 * a promise per run. A crash loses nothing: before the commit the job was never claimed.
 */

export interface InstantRunDeps {
  clock: Clock;
  logger: Logger;
  executors: ReadonlyMap<string, Executor>;
  formatter: DeliveryFormatter;
  misfireGraceMs: number;
  /** `resume_conversation` jobs are continued by the agent (never instant). */
  resumes: boolean;
  /** Told of each instant run after its transaction committed, as the pool tells of its runs. */
  emit: (event: TaskEvent) => void;
}

/** An instant run decided inside the claim's transaction, reported once it committed. */
interface Decided {
  ghost: GhostContext;
  status: RunStatus;
  result: RunResult;
  plan: Plan;
  started: Date;
  finished: Date;
}

/**
 * Decides instant runs for one claim transaction and reports them after it. `decide` is called
 * by the store inside the transaction; `report` after the commit with what the store settled.
 */
export class InstantRuns {
  private readonly decided = new Map<string, Decided>();

  constructor(private readonly deps: InstantRunDeps) {}

  /**
   * The settlement of `run` done now, or undefined when it must run the normal way (its kind has
   * no instant run, or it continues a conversation). Never throws: a run that throws fails the
   * way it would in the pool, and a planning error leaves the run to the pool.
   */
  decide = (run: ClaimedRun): Settlement | undefined => {
    const { deps } = this;
    const job = run.job;
    const executor = deps.executors.get(job.kind);
    if (!executor?.runInstant || (job.completionMode === 'resume_conversation' && deps.resumes)) return undefined;
    try {
      const ghost = schedulerContext(job.id, parentSessionId(job));
      const started = deps.clock.now();
      const occurrence = claimedOccurrence(run, started, deps.misfireGraceMs);
      let status: RunStatus;
      let result: RunResult;
      if (occurrence.skip) {
        status = 'skipped';
        result = skippedRun(started, occurrence.at);
      } else {
        result = runWithContext(ghost, () => runInstantly(executor, job, { run, at: occurrence.at, ghost, clock: deps.clock }));
        status = result.status === 'failed' ? 'failure' : 'success';
      }
      const finished = deps.clock.now();
      const plan = runWithContext(ghost, () => planSettlement(run, occurrence.at, result, status, finished, deps.formatter));
      this.decided.set(run.runId, { ghost, status, result, plan, started, finished });
      return plan.settlement;
    } catch (err) {
      deps.logger.warn({ err, job_id: job.id }, 'instant run could not be planned; it runs the normal way');
      return undefined;
    }
  };

  /** After the commit: each settled instant run's log line and task events, as executeRun and the pool give them. */
  report(fired: Array<{ run: ClaimedRun; settled: boolean }>): void {
    const { deps } = this;
    for (const { run, settled } of fired) {
      const d = this.decided.get(run.runId);
      if (!d) continue;
      this.decided.delete(run.runId);
      deps.emit({ type: 'executed', job: run.job, run: runView(run, { status: 'running', result: null, error: null }) });
      logRun(deps.logger, { run, ghost: d.ghost, status: d.status, started: d.started, finished: d.finished, result: d.result, settled });
      const r = d.plan.settlement.run;
      if (settled && d.plan.event) {
        const job = { ...run.job, ...d.plan.settlement.job } as Job;
        deps.emit({ type: d.plan.event, job, run: runView(run, { status: d.status, result: r.result, error: r.error }) });
      }
    }
  }

  /** Forgets what a rolled-back transaction decided for `runIds` (other claims' runs stay). */
  discard(runIds: readonly string[]): void {
    for (const id of runIds) this.decided.delete(id);
  }
}

/** Runs `executor.runInstant` as the pool runs `run`: the payload checked first; a throw is a failed run. */
function runInstantly(executor: Executor, job: Job, c: { run: ClaimedRun; at: Date; ghost: GhostContext; clock: Clock }): RunResult {
  try {
    const payload = executor.parsePayload(job.payload);
    return executor.runInstant!({ ...job, payload }, { clock: c.clock, ghost: c.ghost, attempt: c.run.attempt, scheduledFor: c.at });
  } catch (err) {
    return failedRun(err);
  }
}
