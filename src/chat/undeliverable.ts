import type { Job } from '../core/job.js';
import type { OutboxMessage } from '../core/run.js';
import { jobSubject } from './describe.js';
import { truncate } from './format.js';

/**
 * Platforms where a user's private chat id equals their user id, so the creator can be told
 * directly when a group delivery fails. (Discord DMs need a channel created first.)
 */
const PRIVATE_CHAT_IS_USER_ID = new Set(['telegram', 'console']);

/**
 * The notice for a reminder that could not be delivered (chat gone, bot blocked), addressed
 * to its creator's private chat; undefined when there is no other way to reach them (the
 * failed chat was already their private chat, or the platform has no such address).
 * For the app's outbox `onDead` hook, after it marks the job failed.
 */
export function undeliverableNotice(job: Job, error: Error, failedChatId: string): OutboxMessage | undefined {
  const { platform, userId } = job.owner;
  if (!PRIVATE_CHAT_IS_USER_ID.has(platform) || failedChatId === userId || job.origin.chatType !== 'group') return undefined;
  // An owner that is a chat (a reminder set on behalf of a group or a channel: a negative
  // Telegram id) has no private chat to be told in.
  if (userId.startsWith('-')) return undefined;
  return {
    key: `undeliverable:${job.id}:${failedChatId}`,
    jobId: job.id,
    to: { platform, chatId: userId },
    text:
      `⚠️ I couldn't deliver your reminder [${job.id}] "${truncate(jobSubject(job))}" to its chat (${truncate(error.message, 120)}). ` +
      `It is marked failed; set it again here with /remind.`,
  };
}
