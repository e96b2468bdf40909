import type { Job, Platform } from '../core/job.js';
import type { ResolvedChatDeps } from './command.js';
import type { ReminderPayload } from './describe.js';

const PAGE = 200;

/** A chat the platform gave a new id: a Telegram group upgraded to a supergroup. */
export interface ChatMove {
  platform: Platform;
  from: string;
  to: string;
}

/**
 * Where a job of the old chat belongs now. The request's message id is dropped, and the
 * replied-to message's id of a reminder about one: message ids of the old chat mean nothing in
 * the new one, and replying to that number there would quote someone else's message. A job the group itself owns (set by an anonymous admin) moves owner too.
 */
function moved(job: Job, move: ChatMove): Pick<Job, 'origin'> & Partial<Pick<Job, 'owner' | 'payload'>> {
  const { messageId: _oldMessage, ...origin } = job.origin;
  const ownedByChat = job.owner.platform === move.platform && job.owner.userId === move.from;
  return {
    origin: { ...origin, chatId: move.to },
    ...(ownedByChat ? { owner: { ...job.owner, userId: move.to } } : {}),
    ...withoutOldReply(job),
  };
}

/** A reminder about a replied-to message keeps its quoted text, not the old chat's message id. */
function withoutOldReply(job: Job): Partial<Pick<Job, 'payload'>> {
  const payload = job.payload as ReminderPayload | undefined;
  if (job.kind !== 'reminder' || payload?.quote?.messageId === undefined) return {};
  const { messageId: _oldMessage, ...quote } = payload.quote;
  return { payload: { ...payload, quote } };
}

/**
 * Moves a chat's reminders (every status: /list all and /history follow them) and its settings
 * to the chat's new id. Otherwise the group's reminders stay addressed to a chat that no longer
 * takes messages, and in the new chat nobody sees or manages them. Safe to repeat: once moved,
 * nothing is left under the old id. Returns how many jobs moved.
 */
export async function moveChat(deps: ResolvedChatDeps, move: ChatMove): Promise<number> {
  if (move.from === move.to) return 0;
  // A list is one page (50 by default): read again until the old chat has none left.
  const done = new Set<string>();
  for (;;) {
    const page = await deps.scheduler.listJobs({ originPlatform: move.platform, originChatId: move.from, limit: PAGE });
    const left = page.filter((job) => !done.has(job.id));
    if (left.length === 0) break;
    for (const job of left) {
      await deps.scheduler.updateJob(job.id, moved(job, move));
      done.add(job.id);
    }
  }
  // The chat's zone and settings, unless the new chat already has its own.
  const prefs = await deps.prefs.get(move.platform, 'chat', move.from);
  if (prefs && !(await deps.prefs.get(move.platform, 'chat', move.to))) await deps.prefs.set(move.platform, 'chat', move.to, prefs);
  if (done.size > 0) deps.logger.info({ ...move, jobs: done.size }, 'chat moved to a new id; its reminders follow');
  return done.size;
}
