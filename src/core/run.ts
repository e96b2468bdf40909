import type { Address, Job, JobStatus } from './job.js';
import type { AgentOutcome, TokenUsage, TranscriptEntry } from './ports/agent.js';

/** Why a run started. */
export type RunTrigger = 'schedule' | 'manual' | 'retry';

/** A lease on claimed work: who holds it and until when. Expired leases are taken over. */
export interface Lease {
  /** Scheduler instance id (host:pid:random). */
  owner: string;
  /** Lease length (ms); extended by a heartbeat while the run is in progress. Default 60 s. */
  durationMs: number;
}

/** A job occurrence claimed for running. */
export interface ClaimedRun {
  runId: string;
  job: Job;
  /** The occurrence this run is for (the job's next_run_at at claim time). */
  scheduledFor: Date;
  claimedAt: Date;
  leaseOwner: string;
  leaseExpiresAt: Date;
  trigger: RunTrigger;
  /** 1 for the first attempt of an occurrence. */
  attempt: number;
}

export type RunStatus = 'running' | 'success' | 'failure' | 'timeout' | 'skipped' | 'abandoned';

/** One line of execution history. */
export interface RunRecord {
  runId: string;
  jobId: string;
  scheduledFor: Date;
  startedAt: Date;
  finishedAt: Date | null;
  status: RunStatus;
  trigger: RunTrigger;
  attempt: number;
  /** How late the run started relative to `scheduledFor` (ms). */
  lateMs: number;
  durationMs: number | null;
  result: string | null;
  error: string | null;
  ghostSessionId: string;
  /** An agent run (prompt job): how it ended, its tokens and transcript. */
  agent?: RunAgentRecord;
}

/** What an agent run leaves in its run record. */
export interface RunAgentRecord {
  outcome: AgentOutcome;
  usage: TokenUsage;
  /** Of the run's duration, the time spent waiting for the model (ms). */
  modelMs: number;
  transcript: TranscriptEntry[];
}

/** A message for a chat, durable until sent. */
export interface OutboxMessage {
  /** Idempotency key: scheduled instant + job id (+ purpose), so a repeated run adds no second copy. */
  key: string;
  jobId: string | null;
  to: Address;
  text: string;
  /** Action buttons as rows of {id,label}; ids are opaque to the transport. */
  actions?: Array<Array<{ id: string; label: string }>>;
  /** Extra data for the sender (quoted message, mentions). */
  meta?: Record<string, unknown>;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface OutboxRow extends OutboxMessage {
  id: number;
  status: OutboxStatus;
  attempts: number;
  availableAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
  /** Platform message id once sent. */
  sentRef: string | null;
}

/** What settling a run writes, all in one transaction. */
export interface Settlement {
  run: Pick<RunRecord, 'status' | 'finishedAt' | 'durationMs' | 'result' | 'error' | 'agent'>;
  /** New job state (next run, status, attempts, counters). */
  job: Partial<Pick<Job, 'status' | 'nextRunAt' | 'attempts' | 'runCount' | 'lastRunAt' | 'completedAt' | 'lastError'>> & {
    status: JobStatus;
  };
  outbox: OutboxMessage[];
}
