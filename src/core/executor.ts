import type { Job } from './job.js';
import type { Clock } from '../clock.js';
import type { GhostContext } from './ghost.js';

/** What a run may use. Executors never talk to a platform: they return text for the outbox. */
export interface RunContext {
  clock: Clock;
  /** Aborted on timeout or shutdown; executors must pass it to any I/O. */
  signal: AbortSignal;
  ghost: GhostContext;
  /** Attempt number for this occurrence, from 1. */
  attempt: number;
  scheduledFor: Date;
}

/**
 * The result of one run.
 * - `done`: the job's goal is reached (success message goes out).
 * - `pending`: poll again later (poll_url/poll_command not yet satisfied); no message.
 * - `failed`: this attempt failed; retries follow the job's policy.
 */
export type RunResult =
  | { status: 'done'; result: string; messages?: string[] }
  | { status: 'pending'; result: string }
  | { status: 'failed'; error: string; retryable?: boolean };

/** One job kind. `parsePayload` validates stored/user JSON and throws a UserError when bad. */
export interface Executor<P = unknown> {
  kind: string;
  parsePayload(raw: unknown): P;
  run(job: Job<P>, ctx: RunContext): Promise<RunResult>;
}
