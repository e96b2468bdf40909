import type { ChatMove, ChatMoveResult } from './ports/job-store.js';
import type { Job, NewJob } from './job.js';
import type { JobFilter, JobPage, JobPageRequest, JobPatch, JobPrecondition, RunFilter, StoreStats } from './ports/job-store.js';
import type { RunRecord } from './run.js';

/**
 * What the chat layer, CLI and (later) the HTTP API may do with jobs. Implemented by
 * `Scheduler` in scheduler.ts. Every change emits its event (`task-created`, …).
 */
export interface SchedulerApi {
  createJob(input: NewJob): Promise<Job>;
  getJob(id: string): Promise<Job | undefined>;
  /**
   * Changes fields; a schedule change recomputes the next run. The job changing operations
   * take an optional `precondition` (the API's If-Match): applied only while the job is still
   * that version, checked in the store's write transaction; else JobChangedError, nothing changed.
   */
  updateJob(id: string, patch: JobPatch, precondition?: JobPrecondition): Promise<Job>;
  deleteJob(id: string, precondition?: JobPrecondition): Promise<boolean>;
  /**
   * A chat got a new id (a Telegram group upgraded to a supergroup): its jobs and its unsent
   * messages move there in one go (JobStore.moveChat). Safe to repeat.
   */
  moveChat(move: ChatMove): Promise<ChatMoveResult>;
  pauseJob(id: string, precondition?: JobPrecondition): Promise<Job>;
  resumeJob(id: string, precondition?: JobPrecondition): Promise<Job>;
  /** Pauses/resumes every active/paused job (optionally filtered); returns ids changed. */
  pauseAll(filter?: JobFilter): Promise<string[]>;
  resumeAll(filter?: JobFilter): Promise<string[]>;
  cancelJob(id: string, precondition?: JobPrecondition): Promise<Job>;
  cancelWorkflow(workflowId: string): Promise<string[]>;
  /** Runs a job now, outside its schedule; resolves with the run record when `wait`, else once claimed. */
  runNow(id: string, opts?: { wait?: boolean }): Promise<RunRecord | undefined>;
  /** Moves the next run of an active (or completed one-off) job to `at` and makes it active (snooze). */
  snoozeJob(id: string, at: Date): Promise<Job>;
  listJobs(filter?: JobFilter): Promise<Job[]>;
  /** All jobs matching `filter` in creation order, a page at a time (flat memory for any number). */
  pageJobs(filter: JobFilter, page: JobPageRequest): Promise<JobPage>;
  /** How many jobs match, counted in the store; with `atMost`, counting stops there (quotas). */
  countJobs(filter?: JobFilter, atMost?: number): Promise<number>;
  history(filter?: RunFilter): Promise<RunRecord[]>;
  /** One run, finished or in progress. */
  getRun(runId: string): Promise<RunRecord | undefined>;
  /** Next `count` fire times of one job, or the soonest across jobs. */
  nextRuns(opts: { count?: number; jobId?: string }): Promise<Array<{ job: Job; at: Date }>>;
  stats(): Promise<StoreStats & { running: number }>;
}
