import { UserError } from '../core/errors.js';
import { hasVisibleText } from '../core/text-limit.js';
import type { NewJob } from '../core/job.js';
import type { ParsedReminder } from '../nl/types.js';
import type { CommandContext } from './command.js';
import type { ReminderPayload } from './describe.js';
import { ASK_EXAMPLE, askFromParts, splitAsk } from './ask-request.js';
import { truncate } from './format.js';
import { asNag, splitUntilDone } from './nag.js';
import { parseOrThrow } from './parse-input.js';
import { checkCreateQuota, checkGroupInterval, checkTextLength } from './quotas.js';
import { ownerOf, originOf } from './who.js';

const EXAMPLE = '/remind tomorrow at 9 call mom';

/** Words a reminder made from a reply shows when the replied-to message has no text (a photo). */
const QUOTED_FALLBACK = 'the message you replied to';

/** A reminder (or scheduled command) as asked for, checked and ready to create. */
export interface ReminderRequest {
  input: NewJob;
  parsed: ParsedReminder;
  /** The reminder's text, or the command for a `command` job. */
  text: string;
  nag: boolean;
}

/**
 * Reads `ctx` as a request for a reminder and runs every check a new reminder passes (text
 * length, the group interval, quotas, "until done" only for reminders, a command that can be
 * scheduled), creating nothing. `/remind`, plain sentences and the agent's `schedule_task` all
 * come through here. Typed options (`ctx.msg.parts`: Discord's when:/what:, the agent's `when`
 * and `text`) keep the text out of the time parser: "call mom at 5" as the what must not move
 * the time. Text starting with '/' makes a `command` job, run later as the owner's ghost.
 */
export async function readReminderRequest(ctx: CommandContext): Promise<ReminderRequest> {
  const { msg } = ctx;
  const reply = msg.replyTo;
  if (!ctx.args && !reply) {
    throw new UserError('remind.empty', 'Tell me when and what, e.g. "/remind in 2 hours stretch".', EXAMPLE);
  }
  checkTextLength(ctx, ctx.args);
  const ask = msg.parts ? askFromParts(msg.parts) : splitAsk(ctx.args);
  if (ask) return readAskRequest(ctx, ask);
  // "… until done" asks for a nag: it repeats until Done is pressed (read here, not by the parser).
  const request = splitUntilDone(msg.parts?.when?.trim() || ctx.args || 'in 1 hour');
  const typedWhat = msg.parts?.what ? splitUntilDone(msg.parts.what.trim()) : undefined;
  const nag = request.nag || typedWhat?.nag === true;
  const when = msg.parts?.when?.trim() ? request.text : undefined;
  const what = typedWhat?.text;
  const read = await parseOrThrow(ctx, request.text || 'in 1 hour', EXAMPLE);
  const parsed = nag ? asNag(read, ctx.now) : read;
  let text = when && what ? what : parsed.text.trim();
  // Zero-width or control characters alone would arrive as an empty-looking message: no text.
  if (!hasVisibleText(text)) text = '';
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
  if (isCommand && nag)
    throw new UserError(
      'remind.nag_command',
      '"Until done" is for reminders: a scheduled command has no Done button.',
      '/remind every 10 minutes until done take the pills',
    );
  // A command that could never run is refused now, with the reason, not at every run.
  if (isCommand) ctx.checkScheduledCommand(text);
  const payload: ReminderPayload | { command: string } = isCommand
    ? { command: text }
    : { text, ...(quote ? { quote } : {}), ...(nag ? { nag: true as const } : {}) };
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
  return { input, parsed, text, nag };
}

/**
 * "<when> ask: <prompt>": a prompt job, asked of the agent at each fire as the job's ghost. The
 * time goes through the same parser and checks as a reminder's; the agent being off is refused
 * by the prompt job kind itself when the job is created.
 */
async function readAskRequest(ctx: CommandContext, ask: { when: string; prompt: string }): Promise<ReminderRequest> {
  if (!ask.when) throw new UserError('ask.when', 'When should I ask? Put the time before "ask:".', ASK_EXAMPLE);
  const parsed = await parseOrThrow(ctx, ask.when, ASK_EXAMPLE);
  if (parsed.text.trim()) {
    throw new UserError(
      'ask.when',
      `I could not read "${parsed.text.trim()}" as part of the time. Put only the time before "ask:".`,
      ASK_EXAMPLE,
    );
  }
  checkTextLength(ctx, ask.prompt);
  checkGroupInterval(ctx, parsed);
  await checkCreateQuota(ctx);
  const input: NewJob = {
    kind: 'prompt',
    name: truncate(`ask: ${ask.prompt}`, 80),
    payload: { prompt: ask.prompt, use_react_loop: true, include_previous_output: false },
    owner: ownerOf(ctx.msg),
    origin: originOf(ctx.msg),
    schedule: parsed.schedule,
    bounds: parsed.bounds,
    timeZone: parsed.timeZone,
  };
  return { input, parsed, text: ask.prompt, nag: false };
}
