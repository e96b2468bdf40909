import { ghostSessionId } from '../../core/ghost.js';
import type { ClaimedRun, OutboxMessage, Settlement } from '../../core/run.js';
import { type OutboxDbRow, type RunRow, agentColumns, msOrNull } from './rows.js';

/** The columns of one outbox insert (the message; status, attempts and times are the query's). */
export type OutboxParams = Pick<
  OutboxDbRow,
  'key' | 'job_id' | 'platform' | 'chat_id' | 'thread_id' | 'reply_to' | 'text' | 'actions' | 'meta'
>;

/**
 * The insert columns of a message. Reading `m.to.platform` of a malformed message throws here,
 * inside the caller's transaction, which then writes nothing.
 */
export function outboxParams(m: OutboxMessage): OutboxParams {
  return {
    key: m.key,
    job_id: m.jobId,
    platform: m.to.platform,
    chat_id: m.to.chatId,
    thread_id: m.to.threadId ?? null,
    reply_to: m.to.replyTo ?? null,
    text: m.text,
    actions: m.actions ? JSON.stringify(m.actions) : null,
    meta: m.meta ? JSON.stringify(m.meta) : null,
  };
}

/**
 * A settled run's job update: each optional field with its `set_` flag (1: write it, 0: keep
 * the stored value). Flags are numbers because SQLite binds no booleans.
 */
export interface SettleJobParams {
  id: string;
  /** The lease the job must still hold; null: it must hold none (an instant run read without one). */
  run_id: string | null;
  claimed_at: number;
  status: string;
  updated_at: number;
  set_next_run_at: number;
  next_run_at: number | null;
  set_attempts: number;
  attempts: number | null;
  set_run_count: number;
  run_count: number | null;
  set_last_run_at: number;
  last_run_at: number | null;
  set_completed_at: number;
  completed_at: number | null;
  set_last_error: number;
  last_error: string | null;
  /**
   * Where the job stood when the run was claimed. A stored status or next run that differs at
   * the settle was set by a person while the job ran (a snooze, a resume, an Undo): the settle
   * keeps it, as it keeps a pause or cancel (the SQL of settleJobs and SETTLE_RUNS).
   */
  claimed_status: string;
  claimed_next_run_at: number | null;
}

/** Everything one settle writes, if the run still holds its job's lease: job, history row, messages. */
export interface SettleRecord {
  job: SettleJobParams;
  run: RunRow;
  outbox: OutboxParams[];
}

const flag = (v: unknown): number => (v !== undefined ? 1 : 0);

/** The writes of settling `run` with `settlement` at `now` (epoch ms); `unleased`: see SettleJobParams.run_id. */
export function settleRecord(run: ClaimedRun, settlement: Settlement, now: number, unleased = false): SettleRecord {
  const j = settlement.job;
  const r = settlement.run;
  const scheduledFor = run.scheduledFor.getTime();
  const started = run.claimedAt.getTime();
  const agent = agentColumns(r.agent);
  return {
    job: {
      id: run.job.id,
      run_id: unleased ? null : run.runId,
      claimed_at: started,
      status: j.status,
      updated_at: now,
      set_next_run_at: flag(j.nextRunAt),
      next_run_at: msOrNull(j.nextRunAt),
      set_attempts: flag(j.attempts),
      attempts: j.attempts ?? null,
      set_run_count: flag(j.runCount),
      run_count: j.runCount ?? null,
      set_last_run_at: flag(j.lastRunAt),
      last_run_at: msOrNull(j.lastRunAt),
      set_completed_at: flag(j.completedAt),
      completed_at: msOrNull(j.completedAt),
      set_last_error: flag(j.lastError),
      last_error: j.lastError ?? null,
      claimed_status: run.job.status,
      claimed_next_run_at: msOrNull(run.job.nextRunAt),
    },
    run: {
      run_id: run.runId,
      job_id: run.job.id,
      scheduled_for: scheduledFor,
      started_at: started,
      finished_at: r.finishedAt ? r.finishedAt.getTime() : now,
      status: r.status,
      trigger: run.trigger,
      attempt: run.attempt,
      late_ms: Math.max(0, started - scheduledFor),
      duration_ms: r.durationMs,
      result: r.result,
      error: r.error,
      ghost_session_id: ghostSessionId(run.job.id),
      // Assigned, not spread (`...agentColumns(r.agent)`): a spread after literal properties
      // copies through the runtime on every run of a burst.
      transcript: agent.transcript,
      tokens_prompt: agent.tokens_prompt,
      tokens_completion: agent.tokens_completion,
    },
    outbox: settlement.outbox.map(outboxParams),
  };
}
