import type { Schedule, ScheduleBounds } from './schedule.js';

/** A chat platform name. `console` is the local adapter; others may follow (`slack`, `api`). */
export type Platform = string;

export type JobStatus = 'active' | 'paused' | 'completed' | 'failed' | 'cancelled';

/** What happens with a finished job's message: a plain notification, or a ghost turn in the conversation. */
export type CompletionMode = 'notify' | 'resume_conversation';

/** Who created a job; only they (or a chat admin) may change it. */
export interface Owner {
  platform: Platform;
  userId: string;
  /** Display name at creation time, for messages like "@sam, …". */
  name?: string;
}

/**
 * The operator: whoever runs Chime's command line on its machine. Jobs they make are exempt
 * from the limits that protect Chime from its chat users (e.g. the one-minute minimum
 * interval): `chime jobs create --schedule "cron:* * * * * *"` is theirs to choose.
 */
export const OPERATOR: Owner = { platform: 'console', userId: 'cli', name: 'cli' };

/** True when `owner` is the {@link OPERATOR}. */
export function isOperator(owner: Pick<Owner, 'platform' | 'userId'>): boolean {
  return owner.platform === OPERATOR.platform && owner.userId === OPERATOR.userId;
}

/** Where a job was asked for; its messages go back here (same chat and thread). */
export interface Origin {
  platform: Platform;
  chatId: string;
  chatType?: 'private' | 'group';
  threadId?: string;
  /** The request message, so the reminder can reply to it while it exists. */
  messageId?: string;
}

/** A place a message is sent to. Copied from a job's origin. */
export interface Address {
  platform: Platform;
  chatId: string;
  threadId?: string;
  /** Message id to reply to, if it still exists. */
  replyTo?: string;
}

/** A durable scheduled job. Times are instants; wall-clock meaning comes from `timeZone`. */
export interface Job<P = unknown> {
  /** Short id that is easy to type in chat (e.g. `k7m2qd`). */
  id: string;
  name: string;
  /** Executor kind: `reminder`, `command`, `delay`, `poll_url`, `poll_command`. */
  kind: string;
  payload: P;
  owner: Owner;
  origin: Origin;
  schedule: Schedule;
  bounds: ScheduleBounds;
  /** IANA zone for calendar schedules and for showing times. */
  timeZone: string;
  status: JobStatus;
  /** Next time the scheduler should run the job; null when nothing is due (paused, finished, manual). */
  nextRunAt: Date | null;
  /** Attempts made for the current occurrence (poll checks, or retries of a failing run). */
  attempts: number;
  /** Cap on attempts for the current occurrence; poll jobs default to 120 checks. */
  maxAttempts: number;
  /** Retries after a failed run before the occurrence counts as failed. Default 3. */
  retries: number;
  /** Base delay before a retry, doubled each time (ms). Default 5000. */
  retryDelayMs: number;
  /** A run taking longer than this fails with a timeout (ms). Default 1 hour. */
  timeoutMs: number;
  /** Groups related jobs for display and bulk cancellation (a reminder and its snoozed or nagging copies). */
  workflowId: string | null;
  /** Sent when the job succeeds; `{result}` is replaced. Null means the executor's own text. */
  successMessage: string | null;
  /** Sent when the job finally fails; `{result}` is replaced. */
  failureMessage: string | null;
  completionMode: CompletionMode;
  createdAt: Date;
  updatedAt: Date;
  lastRunAt: Date | null;
  completedAt: Date | null;
  /**
   * Occurrences of its schedule that are over (any outcome, retries and checks included once):
   * what a count (`maxRuns`) is measured against. An extra manual run that leaves the schedule
   * as it was is not one of them.
   */
  runCount: number;
  /** Last error text, for `history` and failure notices. */
  lastError: string | null;
}

/** What a caller supplies to create a job; the rest has defaults. */
export type NewJob<P = unknown> = Pick<Job<P>, 'kind' | 'payload' | 'owner' | 'origin' | 'schedule' | 'timeZone'> &
  Partial<
    Pick<
      Job<P>,
      | 'id'
      | 'name'
      | 'bounds'
      | 'status'
      | 'maxAttempts'
      | 'retries'
      | 'retryDelayMs'
      | 'timeoutMs'
      | 'workflowId'
      | 'successMessage'
      | 'failureMessage'
      | 'completionMode'
    >
  >;
