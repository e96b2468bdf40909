import type { Clock } from '../core/ports/clock.js';
import type { Job } from '../core/job.js';
import type { OutboxMessage, OutboxRow } from '../core/run.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import type { Logger } from '../core/ports/logger.js';
import type { JobStore } from '../core/ports/job-store.js';

/** Builds the message telling a job's creator that its delivery failed, or undefined when they cannot be reached elsewhere. */
export type UndeliverableNotice = (job: Job, error: Error, failedChatId: string) => OutboxMessage | undefined;

/**
 * Builds the dispatcher's `onDead` hook: a message that cannot be delivered (chat gone, bot
 * blocked) marks its job failed, never dropped silently, and queues a notice for the creator
 * (the chat layer's `undeliverableNotice`) when they can be reached in another chat.
 */
export function deadLetterHandler(deps: {
  scheduler: Pick<SchedulerApi, 'getJob' | 'updateJob'>;
  store: Pick<JobStore, 'enqueueOutbox'>;
  clock: Clock;
  logger: Logger;
  notice?: UndeliverableNotice;
  /** Called after a notice is queued (the app wakes the dispatcher). */
  onQueued?: () => void;
}): (row: OutboxRow, error: Error) => Promise<void> {
  return async (row, error) => {
    if (row.jobId === null) return;
    const job = await deps.scheduler.getJob(row.jobId);
    if (!job) return;
    let notice = deps.notice?.(job, error, row.to.chatId);
    // The creator's private chat is the one that failed (a notice that could not be
    // delivered, say): telling them there would only fail again.
    if (notice && notice.to.platform === row.to.platform && notice.to.chatId === row.to.chatId) notice = undefined;
    const reason = `Delivery to ${row.to.platform} chat ${row.to.chatId} failed: ${error.message}`;
    // A completed one-off whose message never arrived did not do its job either; only a
    // job someone cancelled (or one already failed) keeps its status.
    const fail = job.status === 'active' || job.status === 'paused' || job.status === 'completed';
    await deps.scheduler.updateJob(job.id, fail ? { status: 'failed', lastError: reason, nextRunAt: null } : { lastError: reason });
    deps.logger.warn({ job_id: job.id, outbox_id: row.id, error: error.message }, 'job marked failed: its message cannot be delivered');
    if (!notice) return;
    await deps.store.enqueueOutbox([notice], deps.clock.now());
    deps.onQueued?.();
  };
}
