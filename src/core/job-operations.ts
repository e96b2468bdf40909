import type { EventEmitter } from 'node:events';
import type { ChatMove, ChatMoveResult } from './ports/job-store.js';
import type { Clock } from './ports/clock.js';
import type { JobFilter, JobPage, JobPageRequest, JobPatch, JobPrecondition, JobStore, RunFilter, StoreStats } from './ports/job-store.js';
import { NotFoundError, UserError } from './errors.js';
import type { SchedulerEvents } from './events.js';
import type { Executor } from './executor.js';
import { assertSupportedInstant } from './instant-range.js';
import { isOperator, type Job, type NewJob } from './job.js';
import { assertEditVersion } from './job-version.js';
import type { ClaimedRun, Lease, RunRecord } from './run.js';
import type { RunOutcome } from './runner.js';
import {
  firesMoreThanOnce,
  isRecurring,
  MIN_INTERVAL_MS,
  nextFireWithin,
  nextFires,
  OPERATOR_MIN_INTERVAL_MS,
  validateBounds,
  validateSchedule,
} from './schedule.js';
import type { SchedulerApi } from './scheduler-api.js';

/** Values a new job gets when its creator leaves them out. */
export interface JobDefaults {
  defaultRetries: number;
  retryDelayMs: number;
  taskTimeoutMs: number;
}

export interface JobOperationsDeps {
  store: JobStore;
  clock: Clock;
  executors: ReadonlyMap<string, Executor>;
  defaults: JobDefaults;
  /** The claim `runNow` takes, the same as the due loop's. */
  lease: Lease;
  /** Tells listeners of each change, after the store has it. */
  events: Pick<EventEmitter<SchedulerEvents>, 'emit'>;
  /** Re-arms the due loop: a job's next run may have moved. */
  wake: () => void;
  /** Runs a claimed run now (runNow). */
  launch: (run: ClaimedRun) => Promise<RunOutcome>;
  runningCount: () => number;
}

/**
 * A schedule (other than manual) with no fire left, its bounds considered ("every day until
 * yesterday"), would make a job that looks active and never runs: refused instead.
 */
function assertFiresAtAll(schedule: Job['schedule']): void {
  if (schedule.kind === 'manual') return;
  throw new UserError(
    'schedule.invalid',
    'That schedule never fires from now on: check its start, end and count.',
    'every:1h ;until:2030-12-31T23:59:59Z',
  );
}

/** The shortest gap between fires a job of `owner` may have: a minute, unless it is the operator's. */
function minIntervalFor(owner: Job['owner']): number {
  return isOperator(owner) ? OPERATOR_MIN_INTERVAL_MS : MIN_INTERVAL_MS;
}

/** First run of a new or rescheduled job: a one-off's instant (even if past: it runs late), else the next fire. */
function firstFire(schedule: Job['schedule'], timeZone: string, bounds: Job['bounds'], now: Date, runCount = 0): Date | null {
  if (schedule.kind === 'once') return schedule.at;
  if (schedule.kind === 'manual') return null;
  return nextFireWithin(schedule, timeZone, now, bounds, runCount);
}

/**
 * What the chat layer, CLI and API do with jobs (SchedulerApi): validates, writes through the
 * store, emits the change and wakes the due loop. Runs themselves are the RunPool's.
 */
export class JobOperations implements SchedulerApi {
  constructor(private readonly deps: JobOperationsDeps) {}

  async createJob(input: NewJob): Promise<Job> {
    const { clock, executors, defaults } = this.deps;
    validateSchedule(input.schedule, input.timeZone, { minIntervalMs: minIntervalFor(input.owner), from: clock.now() });
    validateBounds(input.bounds);
    const executor = executors.get(input.kind);
    if (!executor) throw new UserError('job.kind', `Unknown job kind "${input.kind}".`, `one of: ${[...executors.keys()].join(', ')}`);
    executor.parsePayload(input.payload);
    const now = clock.now();
    const nextRunAt = firstFire(input.schedule, input.timeZone, input.bounds ?? {}, now);
    if (nextRunAt === null) assertFiresAtAll(input.schedule);
    const job = await this.deps.store.createJob(
      {
        ...input,
        retries: input.retries ?? defaults.defaultRetries,
        retryDelayMs: input.retryDelayMs ?? defaults.retryDelayMs,
        timeoutMs: input.timeoutMs ?? defaults.taskTimeoutMs,
        nextRunAt,
        status: input.status ?? 'active',
      },
      now,
    );
    this.deps.events.emit('task-created', job);
    this.deps.wake();
    return job;
  }

  async getJob(id: string): Promise<Job | undefined> {
    return this.deps.store.getJob(id);
  }

  async updateJob(id: string, patch: JobPatch, precondition?: JobPrecondition): Promise<Job> {
    const current = await this.mustGet(id, precondition);
    const next: JobPatch = { ...patch };
    if (patch.schedule !== undefined || patch.timeZone !== undefined || patch.bounds !== undefined) {
      // A run in progress settles with the next time of the schedule it was claimed with, over
      // the one computed here: the job would fire once at the old time under the new schedule.
      const running = await this.deps.store.listRuns({ jobId: id, status: 'running', limit: 1 });
      if (running.length > 0) {
        throw new UserError(
          'job.busy',
          `Job ${id} is running right now; change its schedule when this run has finished, so its next time comes from the new schedule.`,
        );
      }
      const now = this.deps.clock.now();
      const schedule = patch.schedule ?? current.schedule;
      const timeZone = patch.timeZone ?? current.timeZone;
      validateSchedule(schedule, timeZone, { minIntervalMs: minIntervalFor(current.owner), from: now });
      validateBounds(patch.bounds ?? current.bounds);
      if (patch.nextRunAt === undefined) {
        next.nextRunAt = firstFire(schedule, timeZone, patch.bounds ?? current.bounds, now, current.runCount);
        if (next.nextRunAt === null) assertFiresAtAll(schedule);
      }
      if (current.status === 'completed' && next.nextRunAt) next.status = 'active';
      // A cancelled or failed job never runs again: a new schedule is kept, but no next time is
      // shown for it (before, the list said "in 12 hours" for a job that would never come).
      const stays = next.status ?? current.status;
      if ((stays === 'cancelled' || stays === 'failed') && patch.nextRunAt === undefined) next.nextRunAt = null;
    }
    if (patch.payload !== undefined) this.deps.executors.get(patch.kind ?? current.kind)?.parsePayload(patch.payload);
    const job = await this.patch(id, next, precondition);
    this.deps.events.emit('task-updated', job);
    return job;
  }

  async moveChat(move: ChatMove): Promise<ChatMoveResult> {
    const moved = await this.deps.store.moveChat(move, this.deps.clock.now());
    for (const id of moved.jobs) {
      const job = await this.deps.store.getJob(id);
      if (job) this.deps.events.emit('task-updated', job);
    }
    return moved;
  }

  async deleteJob(id: string, precondition?: JobPrecondition): Promise<boolean> {
    const deleted = await this.deps.store.deleteJob(id, undefined, precondition);
    if (deleted) this.deps.events.emit('task-deleted', id);
    return deleted;
  }

  async pauseJob(id: string, precondition?: JobPrecondition): Promise<Job> {
    const current = await this.mustGet(id, precondition);
    if (current.status !== 'active' && current.status !== 'paused')
      throw new UserError('job.state', `Job ${id} is ${current.status}; only active jobs can be paused.`);
    const job = await this.patch(id, { status: 'paused' }, precondition);
    this.deps.events.emit('task-paused', job);
    return job;
  }

  async resumeJob(id: string, precondition?: JobPrecondition): Promise<Job> {
    const current = await this.mustGet(id, precondition);
    if (current.status !== 'paused' && current.status !== 'active')
      throw new UserError('job.state', `Job ${id} is ${current.status}; only paused jobs can be resumed.`);
    const now = this.deps.clock.now();
    // Occurrences missed while paused are not run: a recurring job resumes at its next fire.
    // A paused one-off whose time passed is due now, when the person resumed it: left at its
    // old time it would run marked late, as if Chime had been offline, which it was not.
    const stale = current.nextRunAt === null || current.nextRunAt.getTime() < now.getTime();
    const nextRunAt = !stale
      ? current.nextRunAt
      : isRecurring(current.schedule)
        ? nextFireWithin(current.schedule, current.timeZone, now, current.bounds, current.runCount)
        : current.status === 'paused' && current.nextRunAt
          ? now
          : current.nextRunAt;
    const job = await this.patch(
      id,
      { status: nextRunAt === null && current.schedule.kind !== 'manual' ? 'completed' : 'active', nextRunAt },
      precondition,
    );
    this.deps.events.emit('task-resumed', job);
    return job;
  }

  async pauseAll(filter: JobFilter = {}): Promise<string[]> {
    const ids = await this.deps.store.updateJobs({ ...filter, status: 'active' }, { status: 'paused' }, this.deps.clock.now());
    await this.emitEach('task-paused', ids);
    return ids;
  }

  async resumeAll(filter: JobFilter = {}): Promise<string[]> {
    const paused = await this.deps.store.listJobs({ ...filter, status: 'paused' });
    for (const job of paused) await this.resumeJob(job.id);
    return paused.map((j) => j.id);
  }

  async cancelJob(id: string, precondition?: JobPrecondition): Promise<Job> {
    const current = await this.mustGet(id, precondition);
    if (current.status === 'cancelled') return current;
    const job = await this.patch(id, { status: 'cancelled', nextRunAt: null, completedAt: this.deps.clock.now() }, precondition);
    this.deps.events.emit('task-updated', job);
    return job;
  }

  async cancelWorkflow(workflowId: string): Promise<string[]> {
    const { store, clock } = this.deps;
    const ids = await store.updateJobs(
      { workflowId, status: ['active', 'paused'] },
      { status: 'cancelled', nextRunAt: null, completedAt: clock.now() },
      clock.now(),
    );
    await this.emitEach('task-updated', ids);
    this.deps.wake();
    return ids;
  }

  async runNow(id: string, opts: { wait?: boolean } = {}): Promise<RunRecord | undefined> {
    const job = await this.mustGet(id);
    // A cancel is for good: running it would deliver a reminder the person ended (the chat's
    // /run refused this; the API, the CLI and the agent's run tool come through here).
    if (job.status === 'cancelled') {
      throw new UserError('job.state', `Job ${id} is cancelled; a cancelled job does not run. Create it again to run it.`);
    }
    const run = await this.deps.store.claimJob(id, this.deps.clock.now(), this.deps.lease);
    if (!run) throw new UserError('job.busy', `Job ${id} is running right now; try again when it has finished.`);
    const done = this.deps.launch(run);
    if (opts.wait) await done;
    const runs = await this.deps.store.listRuns({ jobId: id, limit: 20 });
    return runs.find((r) => r.runId === run.runId);
  }

  async snoozeJob(id: string, at: Date): Promise<Job> {
    assertSupportedInstant(at, 'That snooze');
    const current = await this.mustGet(id);
    if (current.status === 'cancelled' || current.status === 'failed') {
      if (isRecurring(current.schedule)) throw new UserError('job.state', `Job ${id} is ${current.status}; it cannot be snoozed.`);
    }
    const job = await this.patch(id, { status: 'active', nextRunAt: at, completedAt: null, attempts: 0 });
    this.deps.events.emit('task-updated', job);
    return job;
  }

  async listJobs(filter: JobFilter = {}): Promise<Job[]> {
    return this.deps.store.listJobs(filter);
  }

  async pageJobs(filter: JobFilter, page: JobPageRequest): Promise<JobPage> {
    return this.deps.store.pageJobs(filter, page);
  }

  async countJobs(filter: JobFilter = {}, atMost?: number): Promise<number> {
    return this.deps.store.countJobs(filter, atMost);
  }

  async history(filter: RunFilter = {}): Promise<RunRecord[]> {
    return this.deps.store.listRuns(filter);
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.deps.store.getRun(runId);
  }

  async nextRuns(opts: { count?: number; jobId?: string } = {}): Promise<Array<{ job: Job; at: Date }>> {
    const count = opts.count ?? 5;
    if (opts.jobId) {
      const job = await this.mustGet(opts.jobId);
      if (job.status !== 'active' || job.nextRunAt === null) return [];
      const later = firesMoreThanOnce(job.schedule)
        ? nextFires(job.schedule, job.timeZone, job.nextRunAt, count - 1, job.bounds, job.runCount + 1)
        : [];
      return [job.nextRunAt, ...later].slice(0, count).map((at) => ({ job, at }));
    }
    // The store lists soonest first (nothing due last), so the limit is applied there: a
    // million active jobs are never read to show five.
    const soonest = await this.deps.store.listJobs({ status: 'active', limit: count });
    return soonest.filter((j): j is Job & { nextRunAt: Date } => j.nextRunAt !== null).map((job) => ({ job, at: job.nextRunAt }));
  }

  async stats(): Promise<StoreStats & { running: number }> {
    return { ...(await this.deps.store.stats()), running: this.deps.runningCount() };
  }

  /**
   * The job, refused at once (JobChangedError) when `precondition` names another version: a
   * fast answer; the store checks it again in the write (patch), which is what makes it hold.
   */
  private async mustGet(id: string, precondition?: JobPrecondition): Promise<Job> {
    const job = await this.deps.store.getJob(id);
    if (!job) throw new NotFoundError('job', id);
    assertEditVersion(job, precondition);
    return job;
  }

  private async patch(id: string, patch: JobPatch, precondition?: JobPrecondition): Promise<Job> {
    const job = await this.deps.store.updateJob(id, patch, this.deps.clock.now(), precondition);
    if (!job) throw new NotFoundError('job', id);
    this.deps.wake();
    return job;
  }

  /** Emits `event` with each job, read back after a bulk change (a job deleted meanwhile is skipped). */
  private async emitEach(event: 'task-paused' | 'task-updated', ids: string[]): Promise<void> {
    for (const id of ids) {
      const job = await this.deps.store.getJob(id);
      if (job) this.deps.events.emit(event, job);
    }
  }
}
