import { EventEmitter } from 'node:events';
import type { Logger } from './ports/logger.js';
import type { Clock } from './ports/clock.js';
import type { JobStore } from './ports/job-store.js';
import { DueLoop } from './due-loop.js';
import { InstantRuns } from './instant-run.js';
import type { SchedulerEvents } from './events.js';
import type { DeliveryFormatter, Executor } from './executor.js';
import type { ConversationResumer } from './ports/conversation-resumer.js';
import { JobOperations } from './job-operations.js';
import { runLeaseHeartbeat } from './lease-heartbeat.js';
import { leaseIdentity } from './lease-owner.js';
import type { Lease } from './run.js';
import { RunPool } from './run-pool.js';
import type { SchedulerApi } from './scheduler-api.js';
import { type ResolvedSchedulerOptions, resolveSchedulerOptions, type SchedulerOptions } from './scheduler-options.js';
import { SettleBatcher } from './settle-batcher.js';
import { textMessage } from './outgoing-message.js';

export type { SchedulerOptions } from './scheduler-options.js';

export interface SchedulerDeps {
  store: JobStore;
  clock: Clock;
  logger: Logger;
  executors: Executor[];
  deliveryFormatter?: DeliveryFormatter;
  /** Continues the conversation of `resume_conversation` jobs when they complete (the agent). */
  resumer?: ConversationResumer;
  /** Identifies this process in leases (see lease-owner.ts). Default host:pid:random. */
  instanceId?: string;
  /** Renewed on the lease heartbeat: this process's hold on its instance id (core/instance-claim.ts). */
  presence?: { renew(): Promise<void> };
  options?: SchedulerOptions;
}

const plainText: DeliveryFormatter = (_job, outcome) => textMessage(outcome.text);

/**
 * The scheduler: job operations (SchedulerApi, in JobOperations), events, and the lifecycle of
 * the parts that run jobs: the due loop that claims them, the pool that runs them and the
 * heartbeat that keeps their leases.
 */
export class Scheduler extends EventEmitter<SchedulerEvents> implements SchedulerApi {
  private readonly store: JobStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly opts: ResolvedSchedulerOptions;
  private readonly lease: Lease;
  private readonly pool: RunPool;
  private readonly dueLoop: DueLoop;
  private readonly ops: JobOperations;
  private readonly presence: SchedulerDeps['presence'];
  /** Ends the heartbeat's wait once stop() has drained the running jobs. */
  private readonly heartbeatStop = new AbortController();
  private heartbeatDone: Promise<void> | null = null;
  private active = false;
  private unwatch: (() => void) | undefined;

  constructor(deps: SchedulerDeps) {
    super();
    this.store = deps.store;
    this.clock = deps.clock;
    this.logger = deps.logger.child({ component: 'scheduler' });
    this.opts = resolveSchedulerOptions(deps.options);
    this.lease = { owner: deps.instanceId ?? leaseIdentity().owner, durationMs: this.opts.leaseMs };
    this.presence = deps.presence;
    const executors = new Map(deps.executors.map((e) => [e.kind, e]));
    this.pool = this.createPool(deps, executors);
    const instant = new InstantRuns({
      clock: this.clock,
      logger: this.logger,
      executors,
      formatter: deps.deliveryFormatter ?? plainText,
      misfireGraceMs: this.opts.misfireGraceMs,
      resumes: deps.resumer !== undefined,
      emit: (event) => this.emit('task-event', event),
    });
    this.dueLoop = new DueLoop({
      store: this.store,
      clock: this.clock,
      logger: this.logger,
      lease: this.lease,
      maxConcurrent: this.opts.maxConcurrent,
      claimBatchSize: this.opts.claimBatchSize,
      runningCount: () => this.pool.size,
      launch: (run) => this.pool.launch(run),
      instant,
      instantBudgetMs: this.opts.instantBudgetMs,
      claimsInFlight: this.opts.claimsInFlight,
    });
    this.ops = new JobOperations({
      store: this.store,
      clock: this.clock,
      executors,
      defaults: this.opts,
      lease: this.lease,
      events: this,
      wake: () => this.wake(),
      launch: (run) => this.pool.launch(run),
      runningCount: () => this.pool.size,
    });
  }

  private createPool(deps: SchedulerDeps, executors: ReadonlyMap<string, Executor>): RunPool {
    const settler = new SettleBatcher(this.store);
    return new RunPool({
      runner: {
        store: this.store,
        settle: settler.settle,
        clock: this.clock,
        logger: this.logger,
        executors,
        formatter: deps.deliveryFormatter ?? plainText,
        misfireGraceMs: this.opts.misfireGraceMs,
        ...(deps.resumer ? { resumer: deps.resumer } : {}),
      },
      clock: this.clock,
      logger: this.logger,
      emit: (event) => this.emit('task-event', event),
      onFinished: () => this.wake(),
    });
  }

  // ---- lifecycle ----------------------------------------------------------------------

  /** Starts claiming. Jobs missed while down run now: one-offs once (late), recurring coalesced. */
  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    // A job written by another process (the CLI) re-arms the timer now, not at the next re-arm.
    // It also tells the due loop that another process (maybe another scheduler) shares the store.
    this.unwatch = this.store.onExternalChange?.(() => {
      this.dueLoop.othersWrote();
      this.wake();
    });
    this.dueLoop.start();
    const heartbeat = {
      store: this.store,
      clock: this.clock,
      logger: this.logger,
      lease: this.lease,
      runningIds: () => this.pool.ids(),
      ...(this.presence ? { presence: this.presence } : {}),
    };
    this.heartbeatDone = runLeaseHeartbeat(heartbeat, this.heartbeatStop.signal);
  }

  /**
   * Stops claiming, lets running jobs finish for up to `shutdownGraceMs`, then aborts the rest
   * and releases their claims so another process (or the next start) runs them.
   */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.unwatch?.();
    this.unwatch = undefined;
    await this.dueLoop.stop();
    await this.pool.drain(this.opts.shutdownGraceMs);
    this.heartbeatStop.abort();
    await this.heartbeatDone;
  }

  /** Re-arms the timer now (a job changed). */
  wake(): void {
    this.dueLoop.wake();
  }

  /** Runs in progress in this process. */
  get runningCount(): number {
    return this.pool.size;
  }

  // ---- operations (SchedulerApi) ------------------------------------------------------

  createJob: SchedulerApi['createJob'] = (input) => this.ops.createJob(input);
  getJob: SchedulerApi['getJob'] = (id) => this.ops.getJob(id);
  updateJob: SchedulerApi['updateJob'] = (id, patch, precondition) => this.ops.updateJob(id, patch, precondition);
  deleteJob: SchedulerApi['deleteJob'] = (id, precondition) => this.ops.deleteJob(id, precondition);
  moveChat: SchedulerApi['moveChat'] = (move) => this.ops.moveChat(move);
  pauseJob: SchedulerApi['pauseJob'] = (id, precondition) => this.ops.pauseJob(id, precondition);
  resumeJob: SchedulerApi['resumeJob'] = (id, precondition) => this.ops.resumeJob(id, precondition);
  pauseAll: SchedulerApi['pauseAll'] = (filter) => this.ops.pauseAll(filter);
  resumeAll: SchedulerApi['resumeAll'] = (filter) => this.ops.resumeAll(filter);
  cancelJob: SchedulerApi['cancelJob'] = (id, precondition) => this.ops.cancelJob(id, precondition);
  cancelWorkflow: SchedulerApi['cancelWorkflow'] = (workflowId) => this.ops.cancelWorkflow(workflowId);
  runNow: SchedulerApi['runNow'] = (id, opts) => this.ops.runNow(id, opts);
  snoozeJob: SchedulerApi['snoozeJob'] = (id, at) => this.ops.snoozeJob(id, at);
  listJobs: SchedulerApi['listJobs'] = (filter) => this.ops.listJobs(filter);
  pageJobs: SchedulerApi['pageJobs'] = (filter, page) => this.ops.pageJobs(filter, page);
  countJobs: SchedulerApi['countJobs'] = (filter, atMost) => this.ops.countJobs(filter, atMost);
  history: SchedulerApi['history'] = (filter) => this.ops.history(filter);
  getRun: SchedulerApi['getRun'] = (runId) => this.ops.getRun(runId);
  nextRuns: SchedulerApi['nextRuns'] = (opts) => this.ops.nextRuns(opts);
  stats: SchedulerApi['stats'] = () => this.ops.stats();
}
