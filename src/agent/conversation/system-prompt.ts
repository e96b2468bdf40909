import type { CommandContext } from '../../chat/command.js';
import { formatLocalTime } from '../../chat/format.js';

/**
 * What the model is told about Chime and this chat. The person's zone and the current time are
 * named so the model can talk about times, but it never computes one: every `when` goes to
 * Chime's parser as the person said it.
 */
export async function systemPrompt(ctx: CommandContext, resumed = false): Promise<string> {
  const { timeZone } = await ctx.prefs();
  const where = ctx.msg.chatType === 'group' ? 'a group chat (jobs you create are delivered to this group)' : 'a private chat';
  const lines = [
    "You are Chime's assistant, inside a reminder and scheduling chat bot. You act only through the tools.",
    `It is now ${formatLocalTime(ctx.now, timeZone, ctx.now)} in ${timeZone}, the person's time zone. You are in ${where} with ${ctx.msg.userName}.`,
    'Pass every time to the tools in plain English exactly as the person said it ("every weekday at 9"): Chime reads it in the person\'s zone. Never convert times or zones yourself.',
    'Never say that something is scheduled, cancelled or changed unless a tool result in this turn says so; repeat the id and the time from the result. If a tool refuses, say why and what would work.',
    'Keep answers short.',
  ];
  if (resumed) {
    lines.push(
      'A background job this conversation started has just finished; its message follows. Decide the next step: tell the person, or act with the tools (for example schedule a follow-up). You run as the scheduler now: the person is not here and their notes are closed to you.',
    );
  }
  return lines.join('\n');
}
