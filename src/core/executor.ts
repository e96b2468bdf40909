import type { Job } from './job.js';
import type { RunAgentRecord } from './run.js';
import type { Clock } from './ports/clock.js';
import type { GhostContext } from './ghost.js';
import type { OutgoingMessage } from './ports/sender.js';

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
 * - `done`: the job's goal is reached (success message goes out, unless `deliver` is false:
 *   an agent answering NO_REPLY succeeds with nothing to say).
 * - `pending`: poll again later (poll_url/poll_command not yet satisfied); no message.
 * - `failed`: this attempt failed; retries follow the job's policy.
 * `agent`: an agent run's transcript and tokens, stored with the run. `pauseJob`: the job
 * pauses after this run (an active job only) and its owner is told this text, e.g. a spent
 * monthly token budget.
 */
export type RunResult =
  | { status: 'done'; result: string; messages?: string[]; deliver?: boolean; agent?: RunAgentRecord; pauseJob?: string }
  | { status: 'pending'; result: string /** Delay before the next check (ms); default the job's retry delay. */; nextCheckMs?: number }
  | { status: 'failed'; error: string; retryable?: boolean; agent?: RunAgentRecord; pauseJob?: string };

/** What an instant run may use: no signal, since it cannot wait for anything. */
export type InstantRunContext = Omit<RunContext, 'signal'>;

/**
 * One job kind. `parsePayload` validates stored/user JSON and throws a UserError when bad.
 *
 * `runInstant`, where a kind has one, is the same run as `run` done synchronously with no I/O
 * (a reminder: its result is its text). The scheduler then runs it inside the transaction
 * that claims the job and settles it there too (core/instant-run.ts): a burst of reminders
 * costs one store transaction per batch instead of a claim, a run and a settle each.
 */
export interface Executor<P = unknown> {
  kind: string;
  parsePayload(raw: unknown): P;
  run(job: Job<P>, ctx: RunContext): Promise<RunResult>;
  runInstant?(job: Job<P>, ctx: InstantRunContext): RunResult;
}

/**
 * Runs a chat command (e.g. `/recall`) as the ghost of a `command` job and returns the reply
 * text. The chat layer provides it; the core only calls it, inside the SCHEDULER context.
 */
export type CommandHandler = (commandText: string, job: Job) => Promise<string>;

/**
 * What a formatter is asked to shape. `skipped`: an occurrence missed during downtime by more
 * than the misfire grace window, not run (see claimedOccurrence); the chat is told so, with
 * `next`, when the job fires again (null: it does not).
 */
export type DeliveryOutcome =
  | { type: 'success' | 'failure'; text: string; scheduledFor: Date; lateMs: number }
  | { type: 'skipped'; text: string; scheduledFor: Date; lateMs: number; next: Date | null };

/**
 * Turns a run's outcome into the message delivered to the job's origin. The chat layer
 * provides one that adds action buttons (Snooze, Done, …) and, in groups, mentions the owner;
 * the default is plain text.
 */
export type DeliveryFormatter = (job: Job, outcome: DeliveryOutcome) => OutgoingMessage;
