import { UserError } from '../../core/errors.js';
import type { NewJob } from '../../core/job.js';
import type { CommandContext, CommandModule } from '../command.js';
import type { ReminderPayload } from '../describe.js';
import { newReminderConfirmation } from '../new-reminder-confirmation.js';
import { truncate } from '../format.js';
import { parseOrThrow } from '../parse-input.js';
import { checkCreateQuota, checkGroupInterval, checkTextLength } from '../quotas.js';
import { ownerOf, originOf } from '../who.js';

const EXAMPLE = '/remind tomorrow at 9 call mom';

/** Words a reminder made from a reply shows when the replied-to message has no text (a photo). */
const QUOTED_FALLBACK = 'the message you replied to';

/**
 * `/remind <when> <what>`, plain "remind me …" in private chats, and "/remind 2h" as a reply.
 * Text starting with '/' makes a `command` job run later as the ghost.
 */
export const remind: CommandModule = {
  name: 'remind',
  description: 'Set a reminder: /remind tomorrow at 9 call mom',
  usage: '/remind <when> <what>',
  async run(ctx: CommandContext) {
    const { msg } = ctx;
    const reply = msg.replyTo;
    if (!ctx.args && !reply) {
      throw new UserError('remind.empty', 'Tell me when and what, e.g. "/remind in 2 hours stretch".', EXAMPLE);
    }
    checkTextLength(ctx, ctx.args);
    // Typed options (Discord's when:/what:) keep the text out of the time parser: "call mom at 5"
    // as the what must not move the time.
    const when = msg.parts?.when?.trim();
    const what = msg.parts?.what?.trim();
    const parsed = await parseOrThrow(ctx, when || ctx.args || 'in 1 hour', EXAMPLE);
    let text = when && what ? what : parsed.text.trim();
    const quote = reply
      ? { messageId: reply.messageId, ...(reply.text ? { text: reply.text } : {}), ...(reply.link ? { link: reply.link } : {}) }
      : undefined;
    if (!text && quote) text = quote.text ? truncate(quote.text, 200) : QUOTED_FALLBACK;
    if (!text) {
      throw new UserError('remind.no_text', 'What should I remind you about? Add it after the time.', EXAMPLE);
    }
    checkTextLength(ctx, text);
    checkGroupInterval(ctx, parsed);
    await checkCreateQuota(ctx);

    const isCommand = text.startsWith('/');
    // A command that could never run is refused now, with the reason, not at every run.
    if (isCommand) ctx.checkScheduledCommand(text);
    const payload: ReminderPayload | { command: string } = isCommand
      ? { command: text }
      : { text, ...(quote ? { quote } : {}) };
    const input: NewJob = {
      kind: isCommand ? 'command' : 'reminder',
      name: truncate(text, 80),
      payload,
      owner: ownerOf(msg),
      origin: originOf(msg),
      schedule: parsed.schedule,
      bounds: parsed.bounds,
      timeZone: parsed.timeZone,
    };
    const job = await ctx.deps.scheduler.createJob(input);
    return [await newReminderConfirmation(ctx, job, parsed)];
  },
};
