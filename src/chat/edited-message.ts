/**
 * A person edits a message Chime already acted on ("/remind at 5pm call mom" changed to 6pm).
 * Chime acts on a message once, when it comes: an edit changes nothing, and saying nothing let
 * the person believe the reminder moved. The answer names what that message set and the
 * /edit that changes it.
 */
import type { ResolvedChatDeps } from './command.js';
import { jobSubject } from './describe.js';
import { formatWhen, truncate } from './format.js';
import type { IncomingMessage, Reply } from './message.js';
import { resolvePrefs } from './prefs.js';

/** The sender's newest reminders in the chat searched for the edited message's (edits come soon after). */
const RECENT = 50;

export async function answerEditedMessage(deps: ResolvedChatDeps, msg: IncomingMessage, now: Date): Promise<Reply[]> {
  const page = await deps.scheduler.pageJobs(
    {
      ownerPlatform: msg.platform,
      ownerUserId: msg.userId,
      originPlatform: msg.platform,
      originChatId: msg.chatId,
      status: ['active', 'paused'],
    },
    { size: RECENT, order: { key: 'created', desc: true } },
  );
  const made = page.jobs.filter((j) => j.origin.messageId === msg.messageId);
  if (made.length === 0) {
    // Only a command is worth an answer: a chat's other edits were never meant for Chime.
    return msg.text.trim().startsWith('/')
      ? [{ text: '✏️ I act on a message when it comes, not on edits: that edit changed nothing. Send it again as a new message.' }]
      : [];
  }
  const { timeZone } = await resolvePrefs(deps, msg);
  const lines = made.map((j) => {
    const when = j.status === 'paused' ? 'paused' : j.nextRunAt ? `next ${formatWhen(j.nextRunAt, timeZone, now)}` : j.status;
    return `• [${j.id}] ${truncate(jobSubject(j), 60)}: ${when}`;
  });
  const id = made[0]!.id;
  return [
    {
      text: [
        '✏️ Editing your message does not change what I set from it; it stays as it was:',
        ...lines,
        `To change it: /edit ${id} <new time or text>, e.g. /edit ${id} tomorrow at 10`,
      ].join('\n'),
    },
  ];
}
