import { EventEmitter, setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { type Clock, MAX_SINGLE_WAIT_MS } from '../clock.js';
import type { JobFilter, JobPage, JobPageRequest, JobPatch, JobStore, RunFilter, StoreStats } from '../store/job-store.js';
import { NotFoundError, UserError } from './errors.js';
import type { SchedulerEvents } from './events.js';
import { leaseIdentity } from './lease-owner.js';
import type { DeliveryFormatter, Executor } from './executor.js';
import { isOperator, type Job, type NewJob } from './job.js';
import type { ClaimedRun, Lease, RunRecord } from './run.js';
import { type ResumeConversation, type RunOutcome, executeRun } from './runner.js';
import { assertSupportedInstant } from './instant-range.js';
import { firesMoreThanOnce, isRecurring, MIN_INTERVAL_MS, nextFireWithin, nextFires, OPERATOR_MIN_INTERVAL_MS, validateBounds, validateSchedule } from './schedule.js';
import type { SchedulerApi } from './scheduler-api.js';
import { SettleBatcher } from './settle-batcher.js';

export interface SchedulerOptions {
  /** Runs in progress at once. Default 100. */
  maxConcurrent?: number;
  /** Jobs claimed per store round trip. Default 500. */
  claimBatchSize?: number;
  /** Lease length (ms), extended by a heartbeat every third of it. Default 60 s. */
  leaseMs?: number;
  /** A recurring occurrence started later than this is skipped (ms). Default 1 hour. */
  misfireGraceMs?: number;
  /** Retries for jobs created without their own. Default 3. */
  defaultRetries?: number;
  /** Base retry delay for jobs created without their own (ms). Default 5 s. */
  retryDelayMs?: number;
  /** Run timeout for jobs created without their own (ms). Default 1 hour. */
  taskTimeoutMs?: number;
  /** How long `stop()` lets running jobs finish before aborting and releasing them (ms). Default 10 s. */
  shutdownGraceMs?: number;
}

export interface SchedulerDeps {
  store: JobStore;
  clock: Clock;
  logger: Logger;
  executors: Executor[];
  deliveryFormatter?: DeliveryFormatter;
  resumeConversation?: ResumeConversation;
  /** Identifies this process in leases (see lease-owner.ts). Default host:pid:random. */
  instanceId?: string;
  options?: SchedulerOptions;
}

/**
 * A schedule (other than manual) with no fire left, its bounds considered ("every day until
 * yesterday"), would make a job that looks active and never runs: refused instead.
 */
function assertFiresAtAll(schedule: Job['schedule']): void {
  if (schedule.kind === 'manual') return;
  throw new UserError('schedule.invalid', 'That schedule never fires from now on: check its start, end and count.', 'every:1h ;until:2030-12-31T23:59:59Z');
}

/** The shortest gap between fires a job of `owner` may have: a minute, unless it is the operator's. */
function minIntervalFor(owner: Job['owner']): number {
  return isOperator(owner) ? OPERATOR_MIN_INTERVAL_MS : MIN_INTERVAL_MS;
}

/** Abort reason of the loop's wait when something changed. */
const WAKE_UP = new Error('scheduler woken');

const plainText: DeliveryFormatter = (_job, outcome) => ({ text: outcome.text });

/**
 * The scheduler: job operations (SchedulerApi), events, and the loop that claims due jobs
 * and runs them. One timer for all jobs: it sleeps until the earliest due time, at most
 * MAX_SINGLE_WAIT_MS at once, and is woken early whenever jobs change.
 */
export class Scheduler extends EventEmitter<SchedulerEvents> implements SchedulerApi {
  private readonly store: JobStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly executors: Map<string, Executor>;
  private readonly opts: Required<SchedulerOptions>;
  private readonly lease: Lease;
  private readonly running = new Map<string, { run: ClaimedRun; done: Promise<RunOutcome> }>();
  private readonly shutdown = new AbortController();
  /** Ends the heartbeat's wait once stop() has drained the running jobs. */
  private readonly heartbeatStop = new AbortController();
  private wakeUp = new AbortController();
  private loopDone: Promise<void> | null = null;
  private heartbeatDone: Promise<void> | null = null;
  private active = false;
  private readonly settler: SettleBatcher;
  private unwatch: (() => void) | undefined;

  constructor(private readonly deps: SchedulerDeps) {
    super();
    this.store = deps.store;
    this.clock = deps.clock;
    this.logger = deps.logger.child({ component: 'scheduler' });
    this.executors = new Map(deps.executors.map((e) => [e.kind, e]));
    const o = deps.options ?? {};
    this.opts = {
      maxConcurrent: o.maxConcurrent ?? 100,
      claimBatchSize: o.claimBatchSize ?? 500,
      leaseMs: o.leaseMs ?? 60_000,
      misfireGraceMs: o.misfireGraceMs ?? 3_600_000,
      defaultRetries: o.defaultRetries ?? 3,
      retryDelayMs: o.retryDelayMs ?? 5_000,
      taskTimeoutMs: o.taskTimeoutMs ?? 3_600_000,
      shutdownGraceMs: o.shutdownGraceMs ?? 10_000,
    };
    this.settler = new SettleBatcher(this.store);
    // Every run in progress listens for shutdown; hundreds at once are expected, not a leak.
    setMaxListeners(0, this.shutdown.signal);
    this.lease = { owner: deps.instanceId ?? leaseIdentity().owner, durationMs: this.opts.leaseMs };
  }

  // ---- lifecycle ----------------------------------------------------------------------

  /** Starts claiming. Jobs missed while down run now: one-offs once (late), recurring coalesced. */
  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    // A job written by another process (the CLI) re-arms the timer now, not at the next re-arm.
    this.unwatch = this.store.onExternalChange?.(() => this.wake());
    this.loopDone = this.loop();
    this.heartbeatDone = this.heartbeat();
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
    this.wake();
    await this.loopDone;
    const pending = [...this.running.values()].map((r) => r.done);
    if (pending.length > 0) {
      const grace = new AbortController();
      const timedOut = this.clock.sleepUntil(new Date(this.clock.now().getTime() + this.opts.shutdownGraceMs), grace.signal).then(
        () => true,
        () => false,
      );
      const allDone = Promise.allSettled(pending).then(() => false);
      if (await Promise.race([allDone, timedOut])) this.shutdown.abort();
      grace.abort();
      await Promise.allSettled(pending);
    }
    this.heartbeatStop.abort();
    await this.heartbeatDone;
  }

  /** Re-arms the timer now (a job changed). */
  wake(): void {
    // A constant reason: every finished run wakes the loop, and abort() without one builds a
    // DOMException with a stack trace each time.
    this.wakeUp.abort(WAKE_UP);
  }

  /** Runs in progress in this process. */
  get runningCount(): number {
    return this.running.size;
  }

  private async loop(): Promise<void> {
    while (this.active) {
      this.wakeUp = new AbortController();
      const signal = this.wakeUp.signal;
      try {
        const free = this.opts.maxConcurrent - this.running.size;
        // Under load, claim in real batches: a claim per finished run would cost a store round
        // trip each. Runs finishing wake the loop; it claims once enough slots are free.
        const worthClaiming = free >= Math.min(this.opts.claimBatchSize, Math.ceil(this.opts.maxConcurrent / 2)) || this.running.size === 0;
        if (free > 0 && worthClaiming) {
          const limit = Math.min(free, this.opts.claimBatchSize);
          const claimed = await this.store.claimDue(this.clock.now(), limit, this.lease);
          for (const run of claimed) this.launch(run);
          if (claimed.length === limit) {
            await new Promise<void>((r) => setImmediate(r)); // let runs progress; more are due
            continue;
          }
        }
        if (!this.active) break;
        if (!worthClaiming || this.running.size >= this.opts.maxConcurrent) {
          await this.sleep(new Date(this.clock.now().getTime() + MAX_SINGLE_WAIT_MS), signal);
          continue;
        }
        const now = this.clock.now();
        const due = await this.store.nextDueAt();
        const cap = now.getTime() + MAX_SINGLE_WAIT_MS;
        // Waking late or early is fine: every round re-reads the clock and the store.
        await this.sleep(new Date(Math.min(due ? Math.max(due.getTime(), now.getTime()) : cap, cap)), signal);
      } catch (err) {
        this.logger.error({ err }, 'scheduler loop error; retrying in 1 s');
        await this.sleep(new Date(this.clock.now().getTime() + 1000), signal);
      }
    }
  }

  private async sleep(until: Date, signal: AbortSignal): Promise<void> {
    if (until.getTime() <= this.clock.now().getTime()) {
      await new Promise<void>((r) => setImmediate(r));
      return;
    }
    await this.clock.sleepUntil(until, signal).catch(() => undefined);
  }

  private async heartbeat(): Promise<void> {
    const every = Math.max(1000, Math.floor(this.opts.leaseMs / 3));
    const signal = this.heartbeatStop.signal;
    while (!signal.aborted) {
      await this.clock.sleepUntil(new Date(this.clock.now().getTime() + every), signal).catch(() => undefined);
      const ids = [...this.running.keys()];
      if (ids.length === 0 || signal.aborted) continue;
      try {
        await this.store.extendLeases(ids, this.clock.now(), this.lease);
      } catch (err) {
        this.logger.error({ err }, 'lease heartbeat failed');
      }
    }
  }

  private launch(run: ClaimedRun): Promise<RunOutcome> {
    this.emit('task-event', { type: 'executed', job: run.job, run: { runId: run.runId, scheduledFor: run.scheduledFor, status: 'running', trigger: run.trigger, attempt: run.attempt, lateMs: Math.max(0, run.claimedAt.getTime() - run.scheduledFor.getTime()), result: null, error: null } });
    const done = executeRun(
      run,
      {
        store: this.store,
        settle: this.settler.settle,
        clock: this.clock,
        logger: this.logger,
        executors: this.executors,
        formatter: this.deps.deliveryFormatter ?? plainText,
        ...(this.deps.resumeConversation ? { resumeConversation: this.deps.resumeConversation } : {}),
        misfireGraceMs: this.opts.misfireGraceMs,
      },
      this.shutdown.signal,
    )
      .catch((err: unknown): RunOutcome => {
        this.logger.error({ err, job_id: run.job.id }, 'run could not be settled; its lease will expire and it will be retried');
        return { status: 'failure', event: null, settled: false, job: run.job, result: null, error: String(err) };
      })
      .then((outcome) => {
        this.running.delete(run.runId);
        if (outcome.event && outcome.settled) {
          this.emit('task-event', {
            type: outcome.event,
            job: outcome.job,
            run: { runId: run.runId, scheduledFor: run.scheduledFor, status: outcome.status, trigger: run.trigger, attempt: run.attempt, lateMs: Math.max(0, run.claimedAt.getTime() - run.scheduledFor.getTime()), result: outcome.result, error: outcome.error },
          });
        }
        this.wake();
        return outcome;
      });
    this.running.set(run.runId, { run, done });
    return done;
  }

  // ---- operations ---------------------------------------------------------------------

  async createJob(input: NewJob): Promise<Job> {
    validateSchedule(input.schedule, input.timeZone, { minIntervalMs: minIntervalFor(input.owner), from: this.clock.now() });
    validateBounds(input.bounds);
    const executor = this.executors.get(input.kind);
    if (!executor) throw new UserError('job.kind', `Unknown job kind "${input.kind}".`, `one of: ${[...this.executors.keys()].join(', ')}`);
    executor.parsePayload(input.payload);
    const now = this.clock.now();
    const status = input.status ?? 'active';
    const nextRunAt = this.firstFire(input.schedule, input.timeZone, input.bounds ?? {}, now);
    if (nextRunAt === null) assertFiresAtAll(input.schedule);
    const job = await this.store.createJob(
      {
        ...input,
        retries: input.retries ?? this.opts.defaultRetries,
        retryDelayMs: input.retryDelayMs ?? this.opts.retryDelayMs,
        timeoutMs: input.timeoutMs ?? this.opts.taskTimeoutMs,
        nextRunAt,
        status,
      },
      now,
    );
    this.emit('task-created', job);
    this.wake();
    return job;
  }

  /** First run of a new or rescheduled job: a one-off's instant (even if past: it runs late), else the next fire. */
  private firstFire(schedule: Job['schedule'], timeZone: string, bounds: Job['bounds'], now: Date, runCount = 0): Date | null {
    if (schedule.kind === 'once') return schedule.at;
    if (schedule.kind === 'manual') return null;
    return nextFireWithin(schedule, timeZone, now, bounds, runCount);
  }

  async getJob(id: string): Promise<Job | undefined> {
    return this.store.getJob(id);
  }

  private async mustGet(id: string): Promise<Job> {
    const job = await this.store.getJob(id);
    if (!job) throw new NotFoundError('job', id);
    return job;
  }

  private async patch(id: string, patch: JobPatch): Promise<Job> {
    const job = await this.store.updateJob(id, patch, this.clock.now());
    if (!job) throw new NotFoundError('job', id);
    this.wake();
    return job;
  }

  async updateJob(id: string, patch: JobPatch): Promise<Job> {
    const current = await this.mustGet(id);
    const next: JobPatch = { ...patch };
    if (patch.schedule !== undefined || patch.timeZone !== undefined || patch.bounds !== undefined) {
      const schedule = patch.schedule ?? current.schedule;
      const timeZone = patch.timeZone ?? current.timeZone;
      validateSchedule(schedule, timeZone, { minIntervalMs: minIntervalFor(current.owner), from: this.clock.now() });
      validateBounds(patch.bounds ?? current.bounds);
      if (patch.nextRunAt === undefined) {
        next.nextRunAt = this.firstFire(schedule, timeZone, patch.bounds ?? current.bounds, this.clock.now(), current.runCount);
        if (next.nextRunAt === null) assertFiresAtAll(schedule);
      }
      if (current.status === 'completed' && next.nextRunAt) next.status = 'active';
    }
    if (patch.payload !== undefined) this.executors.get(patch.kind ?? current.kind)?.parsePayload(patch.payload);
    const job = await this.patch(id, next);
    this.emit('task-updated', job);
    return job;
  }

  async deleteJob(id: string): Promise<boolean> {
    const deleted = await this.store.deleteJob(id);
    if (deleted) this.emit('task-deleted', id);
    return deleted;
  }

  async pauseJob(id: string): Promise<Job> {
    const current = await this.mustGet(id);
    if (current.status !== 'active' && current.status !== 'paused') throw new UserError('job.state', `Job ${id} is ${current.status}; only active jobs can be paused.`);
    const job = await this.patch(id, { status: 'paused' });
    this.emit('task-paused', job);
    return job;
  }

  async resumeJob(id: string): Promise<Job> {
    const current = await this.mustGet(id);
    if (current.status !== 'paused' && current.status !== 'active') throw new UserError('job.state', `Job ${id} is ${current.status}; only paused jobs can be resumed.`);
    const now = this.clock.now();
    // Occurrences missed while paused are not run: a recurring job resumes at its next fire.
    const stale = current.nextRunAt === null || current.nextRunAt.getTime() < now.getTime();
    const nextRunAt = isRecurring(current.schedule) && stale ? nextFireWithin(current.schedule, current.timeZone, now, current.bounds, current.runCount) : current.nextRunAt;
    const job = await this.patch(id, { status: nextRunAt === null && current.schedule.kind !== 'manual' ? 'completed' : 'active', nextRunAt });
    this.emit('task-resumed', job);
    return job;
  }

  async pauseAll(filter: JobFilter = {}): Promise<string[]> {
    const ids = await this.store.updateJobs({ ...filter, status: 'active' }, { status: 'paused' }, this.clock.now());
    for (const id of ids) {
      const job = await this.store.getJob(id);
      if (job) this.emit('task-paused', job);
    }
    return ids;
  }

  async resumeAll(filter: JobFilter = {}): Promise<string[]> {
    const paused = await this.store.listJobs({ ...filter, status: 'paused' });
    for (const job of paused) await this.resumeJob(job.id);
    return paused.map((j) => j.id);
  }

  async cancelJob(id: string): Promise<Job> {
    const current = await this.mustGet(id);
    if (current.status === 'cancelled') return current;
    const job = await this.patch(id, { status: 'cancelled', nextRunAt: null, completedAt: this.clock.now() });
    this.emit('task-updated', job);
    return job;
  }

  async cancelWorkflow(workflowId: string): Promise<string[]> {
    const ids = await this.store.updateJobs({ workflowId, status: ['active', 'paused'] }, { status: 'cancelled', nextRunAt: null, completedAt: this.clock.now() }, this.clock.now());
    for (const id of ids) {
      const job = await this.store.getJob(id);
      if (job) this.emit('task-updated', job);
    }
    this.wake();
    return ids;
  }

  async runNow(id: string, opts: { wait?: boolean } = {}): Promise<RunRecord | undefined> {
    await this.mustGet(id);
    const run = await this.store.claimJob(id, this.clock.now(), this.lease);
    if (!run) throw new UserError('job.busy', `Job ${id} is running right now; try again when it has finished.`);
    const done = this.launch(run);
    if (opts.wait) await done;
    const runs = await this.store.listRuns({ jobId: id, limit: 20 });
    return runs.find((r) => r.runId === run.runId);
  }

  async snoozeJob(id: string, at: Date): Promise<Job> {
    assertSupportedInstant(at, 'That snooze');
    const current = await this.mustGet(id);
    if (current.status === 'cancelled' || current.status === 'failed') {
      if (isRecurring(current.schedule)) throw new UserError('job.state', `Job ${id} is ${current.status}; it cannot be snoozed.`);
    }
    const job = await this.patch(id, { status: 'active', nextRunAt: at, completedAt: null, attempts: 0 });
    this.emit('task-updated', job);
    return job;
  }

  async listJobs(filter: JobFilter = {}): Promise<Job[]> {
    return this.store.listJobs(filter);
  }

  async pageJobs(filter: JobFilter, page: JobPageRequest): Promise<JobPage> {
    return this.store.pageJobs(filter, page);
  }

  async countJobs(filter: JobFilter = {}, atMost?: number): Promise<number> {
    return this.store.countJobs(filter, atMost);
  }

  async history(filter: RunFilter = {}): Promise<RunRecord[]> {
    return this.store.listRuns(filter);
  }

  async nextRuns(opts: { count?: number; jobId?: string } = {}): Promise<Array<{ job: Job; at: Date }>> {
    const count = opts.count ?? 5;
    if (opts.jobId) {
      const job = await this.mustGet(opts.jobId);
      if (job.status !== 'active' || job.nextRunAt === null) return [];
      const later = firesMoreThanOnce(job.schedule) ? nextFires(job.schedule, job.timeZone, job.nextRunAt, count - 1, job.bounds, job.runCount + 1) : [];
      return [job.nextRunAt, ...later].slice(0, count).map((at) => ({ job, at }));
    }
    // The store lists soonest first (nothing due last), so the limit is applied there: a
    // million active jobs are never read to show five.
    const soonest = await this.store.listJobs({ status: 'active', limit: count });
    return soonest.filter((j): j is Job & { nextRunAt: Date } => j.nextRunAt !== null).map((job) => ({ job, at: job.nextRunAt }));
  }

  async stats(): Promise<StoreStats & { running: number }> {
    return { ...(await this.store.stats()), running: this.running.size };
  }
}
