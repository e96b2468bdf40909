import type { Job } from './job.js';
import type { ReminderPayload } from './executors/reminder.js';
import type { ChatMove, JobPatch } from './ports/job-store.js';

/**
 * Where a job of the old chat belongs now. Message ids and topics of the old chat mean nothing
 * in the new one (replying to that number there would quote someone else's message): the
 * request's id, the topic, and the replied-to message's id of a reminder about one are
 * dropped (its quoted text stays). A job the group itself owns (set by an anonymous admin)
 * moves owner too. The store applies it to every job of the old chat (JobStore.moveChat).
 */
export function movedJobPatch(job: Job, move: ChatMove): Pick<JobPatch, 'origin'> & Pick<JobPatch, 'owner' | 'payload'> {
  const { messageId: _oldMessage, threadId: _oldTopic, ...origin } = job.origin;
  const ownedByChat = job.owner.platform === move.platform && job.owner.userId === move.from;
  return {
    origin: { ...origin, chatId: move.to },
    ...(ownedByChat ? { owner: { ...job.owner, userId: move.to } } : {}),
    ...withoutOldReply(job),
  };
}

function withoutOldReply(job: Job): Pick<JobPatch, 'payload'> {
  const payload = job.payload as ReminderPayload | undefined;
  if (job.kind !== 'reminder' || payload?.quote?.messageId === undefined) return {};
  const { messageId: _oldMessage, ...quote } = payload.quote;
  return { payload: { ...payload, quote } };
}
