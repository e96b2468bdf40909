import type { Job, JobStatus, Origin, Owner } from '../../core/job.js';
import type { ClaimedRun, OutboxRow, OutboxStatus, RunAgentRecord, RunRecord, RunStatus, RunTrigger } from '../../core/run.js';
import { isRecurring } from '../../core/schedule.js';
import { boundsFromJson, scheduleFromJson } from '../schedule-json.js';

/**
 * Row shapes and their mapping to core types, shared by both dialects: PostgreSQL returns rows
 * in exactly SQLite's shape (BIGINT parsed to number, JSON as text).
 */

/** A `jobs` row. */
export interface JobRow {
  id: string;
  name: string;
  kind: string;
  payload: string;
  owner_platform: string;
  owner_user_id: string;
  owner_name: string | null;
  origin: string;
  origin_platform: string;
  origin_chat_id: string;
  schedule: string;
  bounds: string;
  time_zone: string;
  status: JobStatus;
  next_run_at: number | null;
  attempts: number;
  max_attempts: number;
  retries: number;
  retry_delay_ms: number;
  timeout_ms: number;
  workflow_id: string | null;
  success_message: string | null;
  failure_message: string | null;
  completion_mode: Job['completionMode'];
  created_at: number;
  updated_at: number;
  last_run_at: number | null;
  completed_at: number | null;
  run_count: number;
  last_error: string | null;
  /** 1 when the schedule repeats (core's isRecurring, written with the schedule), else 0: a filter column. */
  recurring: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  lease_run_id: string | null;
  /** The run in progress under the lease: its occurrence, trigger and start. */
  lease_scheduled_for: number | null;
  lease_trigger: RunTrigger | null;
  lease_claimed_at: number | null;
}

/** A `jobs` row with its creation order (SQLite's rowid, PostgreSQL's identity column `seq`). */
export type SeqJobRow = JobRow & { seq: number };

/**
 * The columns a Job is made of (jobFromRow): a row without the lease, and without the columns
 * derived from others for filters and indexes (origin_platform and origin_chat_id are in
 * `origin`, `recurring` is the schedule's).
 */
export type JobFields = Omit<JobRow, 'origin_platform' | 'origin_chat_id' | 'recurring' | `lease_${string}`>;

/** A due job read without a lease (selectDueBatch): its Job's columns and its creation order. */
export type DueJobRow = JobFields & { seq: number };

/** A row of a sorted page of jobs: its sort value and creation order, the keyset of the next page. */
export type PageJobRow = JobRow & { sort_value: string | number; page_seq: number };

/** The values of a job insert or rewrite (no lease columns). */
export type JobParams = Omit<JobRow, `lease_${string}`>;

/** The columns a job insert writes, in the order of positional parameters. */
export const JOB_WRITE_COLUMNS = [
  'id',
  'name',
  'kind',
  'payload',
  'owner_platform',
  'owner_user_id',
  'owner_name',
  'origin',
  'origin_platform',
  'origin_chat_id',
  'schedule',
  'bounds',
  'time_zone',
  'status',
  'next_run_at',
  'attempts',
  'max_attempts',
  'retries',
  'retry_delay_ms',
  'timeout_ms',
  'workflow_id',
  'success_message',
  'failure_message',
  'completion_mode',
  'created_at',
  'updated_at',
  'last_run_at',
  'completed_at',
  'run_count',
  'last_error',
  'recurring',
] as const satisfies ReadonlyArray<keyof JobParams>;

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
/** Epoch ms of an optional Date (null for null or undefined). */
export const msOrNull = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

export function jobFromRow(r: JobFields): Job {
  const owner: Owner = { platform: r.owner_platform, userId: r.owner_user_id };
  if (r.owner_name !== null) owner.name = r.owner_name;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    payload: JSON.parse(r.payload) as unknown,
    owner,
    origin: JSON.parse(r.origin) as Origin,
    schedule: scheduleFromJson(r.schedule),
    bounds: boundsFromJson(r.bounds),
    timeZone: r.time_zone,
    status: r.status,
    nextRunAt: dateOrNull(r.next_run_at),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    retries: r.retries,
    retryDelayMs: r.retry_delay_ms,
    timeoutMs: r.timeout_ms,
    workflowId: r.workflow_id,
    successMessage: r.success_message,
    failureMessage: r.failure_message,
    completionMode: r.completion_mode,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    lastRunAt: dateOrNull(r.last_run_at),
    completedAt: dateOrNull(r.completed_at),
    runCount: r.run_count,
    lastError: r.last_error,
  };
}

/** The claim a leased row stands for: its run id, occurrence, trigger and attempt. */
export function claimedRunFromRow(row: JobRow): ClaimedRun {
  return {
    runId: row.lease_run_id!,
    job: jobFromRow(row),
    scheduledFor: new Date(row.lease_scheduled_for!),
    claimedAt: new Date(row.lease_claimed_at!),
    leaseOwner: row.lease_owner!,
    leaseExpiresAt: new Date(row.lease_expires_at!),
    trigger: row.lease_trigger!,
    attempt: row.attempts + 1,
  };
}

export function jobToParams(j: Job): JobParams {
  return {
    id: j.id,
    name: j.name,
    kind: j.kind,
    payload: JSON.stringify(j.payload ?? null),
    owner_platform: j.owner.platform,
    owner_user_id: j.owner.userId,
    owner_name: j.owner.name ?? null,
    origin: JSON.stringify(j.origin),
    origin_platform: j.origin.platform,
    origin_chat_id: j.origin.chatId,
    schedule: JSON.stringify(j.schedule),
    bounds: JSON.stringify(j.bounds),
    time_zone: j.timeZone,
    status: j.status,
    next_run_at: msOrNull(j.nextRunAt),
    attempts: j.attempts,
    max_attempts: j.maxAttempts,
    retries: j.retries,
    retry_delay_ms: j.retryDelayMs,
    timeout_ms: j.timeoutMs,
    workflow_id: j.workflowId,
    success_message: j.successMessage,
    failure_message: j.failureMessage,
    completion_mode: j.completionMode,
    created_at: j.createdAt.getTime(),
    updated_at: j.updatedAt.getTime(),
    last_run_at: msOrNull(j.lastRunAt),
    completed_at: msOrNull(j.completedAt),
    run_count: j.runCount,
    last_error: j.lastError,
    recurring: isRecurring(j.schedule) ? 1 : 0,
  };
}

/** A `runs` row. */
export interface RunRow {
  run_id: string;
  job_id: string;
  scheduled_for: number;
  started_at: number;
  finished_at: number | null;
  status: RunStatus;
  trigger: RunTrigger;
  attempt: number;
  late_ms: number;
  duration_ms: number | null;
  result: string | null;
  error: string | null;
  ghost_session_id: string;
  /** Agent runs only (migration 0010): the transcript JSON and the token counts. */
  transcript?: string | null;
  tokens_prompt?: number | null;
  tokens_completion?: number | null;
}

export function runFromRow(r: RunRow): RunRecord {
  const agent = agentFromRow(r);
  return {
    runId: r.run_id,
    jobId: r.job_id,
    scheduledFor: new Date(r.scheduled_for),
    startedAt: new Date(r.started_at),
    finishedAt: dateOrNull(r.finished_at),
    status: r.status,
    trigger: r.trigger,
    attempt: r.attempt,
    lateMs: r.late_ms,
    durationMs: r.duration_ms,
    result: r.result,
    error: r.error,
    ghostSessionId: r.ghost_session_id,
    ...(agent ? { agent } : {}),
  };
}

/** The stored transcript JSON of an agent run, with its token columns; undefined for other runs. */
function agentFromRow(r: RunRow): RunAgentRecord | undefined {
  if (r.transcript === undefined || r.transcript === null) return undefined;
  const stored = JSON.parse(r.transcript) as Omit<RunAgentRecord, 'usage'>;
  const prompt = r.tokens_prompt ?? 0;
  const completion = r.tokens_completion ?? 0;
  return {
    outcome: stored.outcome,
    modelMs: stored.modelMs,
    transcript: stored.transcript,
    usage: { prompt, completion, total: prompt + completion },
  };
}

/** The columns of an agent run (all null for other runs). */
export function agentColumns(
  agent: RunAgentRecord | undefined,
): Required<Pick<RunRow, 'transcript' | 'tokens_prompt' | 'tokens_completion'>> {
  if (!agent) return { transcript: null, tokens_prompt: null, tokens_completion: null };
  return {
    transcript: JSON.stringify({ outcome: agent.outcome, modelMs: agent.modelMs, transcript: agent.transcript }),
    tokens_prompt: agent.usage.prompt,
    tokens_completion: agent.usage.completion,
  };
}

/** An `outbox` row. */
export interface OutboxDbRow {
  id: number;
  key: string;
  job_id: string | null;
  platform: string;
  chat_id: string;
  thread_id: string | null;
  reply_to: string | null;
  text: string;
  actions: string | null;
  meta: string | null;
  status: OutboxStatus;
  attempts: number;
  available_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
  sent_ref: string | null;
}

export function outboxFromRow(r: OutboxDbRow): OutboxRow {
  const row: OutboxRow = {
    id: r.id,
    key: r.key,
    jobId: r.job_id,
    to: { platform: r.platform, chatId: r.chat_id },
    text: r.text,
    status: r.status,
    attempts: r.attempts,
    availableAt: new Date(r.available_at),
    createdAt: new Date(r.created_at),
    sentAt: dateOrNull(r.sent_at),
    lastError: r.last_error,
    sentRef: r.sent_ref,
  };
  if (r.thread_id !== null) row.to.threadId = r.thread_id;
  if (r.reply_to !== null) row.to.replyTo = r.reply_to;
  if (r.actions !== null) row.actions = JSON.parse(r.actions) as NonNullable<OutboxRow['actions']>;
  if (r.meta !== null) row.meta = JSON.parse(r.meta) as Record<string, unknown>;
  return row;
}
