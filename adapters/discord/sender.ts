import { ButtonStyle, ComponentType, MessageFlags, Routes, type REST } from 'discord.js';
import type { Address } from '../../src/core/job.js';
import type { Reply } from '../../src/chat/message.js';
import { mentionedUsers } from '../../src/core/outgoing-message.js';
import type { Action, OutgoingMessage, Part, Sender, SentRef } from '../../src/core/ports/sender.js';
import { isThreadUnusable, toDeliveryError } from './delivery-errors.js';
import type { AdapterLogger } from './logger.js';
import { DISCORD } from './to-incoming.js';
import { clip } from '../../src/core/text-limit.js';

/** Discord's cap on a message's content (characters). */
export const MAX_CONTENT_LENGTH = 2000;
/** Discord allows 5 action rows of 5 buttons. */
const MAX_ROWS = 5;
const MAX_BUTTONS_PER_ROW = 5;
/** Button labels are capped at 80 characters, custom ids at 100. */
const MAX_LABEL = 80;
const MAX_CUSTOM_ID = 100;
/** Longest quoted text added under a reminder about another message (characters). */
const MAX_QUOTE_LENGTH = 300;

/** The message body Chime sends (a subset of Discord's create/edit message JSON). */
export interface MessagePayload {
  content: string;
  components: Array<{ type: ComponentType.ActionRow; components: ButtonJson[] }>;
  allowed_mentions: { parse: never[]; users: string[]; roles: string[] };
  message_reference?: { message_id: string; fail_if_not_exists: false };
  flags?: MessageFlags.SuppressNotifications;
}

interface ButtonJson {
  type: ComponentType.Button;
  style: ButtonStyle;
  label: string;
  custom_id: string;
}

/**
 * Splits a long answer (a /list of 50 reminders) into messages Discord accepts, at line breaks
 * where possible; buttons stay on the last part. Delivered reminders are clipped instead: the
 * outbox sends one message per row.
 */
export function splitLong(msg: Reply, max = MAX_CONTENT_LENGTH): Reply[] {
  if (msg.text.length <= max) return [msg];
  const chunks: string[] = [];
  let current = '';
  for (const line of msg.text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (current) chunks.push(current);
      current = '';
      chunks.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    const joined = current ? `${current}\n${rest}` : rest;
    if (joined.length > max) {
      chunks.push(current);
      current = rest;
    } else {
      current = joined;
    }
  }
  if (current) chunks.push(current);
  const { actions, ...plain } = msg;
  return chunks.map((text, i) => (i === chunks.length - 1 && actions ? { ...plain, text, actions } : { ...plain, text }));
}

/** Done is the happy path, Stop and Undo remove something; the rest (snoozes, Edit) are neutral. */
function styleOf(action: Action): ButtonStyle {
  const verb = action.id.split(':', 1)[0];
  if (verb === 'done') return ButtonStyle.Success;
  if (verb === 'stop' || verb === 'undo') return ButtonStyle.Danger;
  return ButtonStyle.Secondary;
}

/**
 * The rows as given when Discord takes them (5 rows of at most 5 buttons); otherwise the same
 * buttons in their order, 5 to a row. The chat lays rows out for the narrowest platform (a
 * /cancel of 20 ids: 7 rows of 3 Undos), and Discord rejects a sixth row, so cutting rows
 * dropped the Undo of every id after the 15th without a word.
 */
function fitRows(actions: Action[][]): Action[][] {
  const rows = actions.filter((row) => row.length > 0);
  if (rows.length <= MAX_ROWS && rows.every((row) => row.length <= MAX_BUTTONS_PER_ROW)) return rows;
  const all = rows.flat();
  const fitted: Action[][] = [];
  for (let i = 0; i < all.length && fitted.length < MAX_ROWS; i += MAX_BUTTONS_PER_ROW) fitted.push(all.slice(i, i + MAX_BUTTONS_PER_ROW));
  return fitted;
}

/**
 * Rows of buttons; each button's custom_id is the action id. Empty rows are dropped. More than
 * 25 buttons cannot be shown on one message: no chat message has that many (/cancel takes 20).
 */
export function actionRows(actions: Action[][] | undefined): MessagePayload['components'] {
  return fitRows(actions ?? []).map((row) => ({
    type: ComponentType.ActionRow as const,
    components: row.map((a) => ({
      type: ComponentType.Button as const,
      style: styleOf(a),
      label: clip(a.label, MAX_LABEL),
      custom_id: a.id.slice(0, MAX_CUSTOM_ID),
    })),
  }));
}

/** A Discord user id (snowflake). */
const SNOWFLAKE = /^\d{1,20}$/;

/**
 * The body as Discord content: text parts verbatim, each mention as `<@id>` (Discord shows the
 * person's current name and pings them when allowed_mentions lists them).
 */
export function renderParts(parts: Part[]): string {
  return parts.map((p) => (p.type === 'text' ? p.text : SNOWFLAKE.test(p.userId) ? `<@${p.userId}>` : p.name)).join('');
}

/** The content plus what it quotes, unless the content already carries it. */
function contentWithQuote(msg: OutgoingMessage): string {
  let text = renderParts(msg.parts);
  const quote = msg.quote;
  if (quote?.text && !text.includes(quote.text)) text += `\n> ${clip(quote.text, MAX_QUOTE_LENGTH).replace(/\n/g, '\n> ')}`;
  if (quote?.link && !text.includes(quote.link)) text += `\n${quote.link}`;
  return text;
}

/**
 * Role ids pinged in the body (`<@&id>`): written by the person who created the reminder, which
 * needed Manage Channels, so the ping they typed is honoured. Never the quoted message's: someone
 * else wrote that, and quoting it must not ping their roles again.
 */
function rolesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/<@&(\d{1,20})>/g)].map((m) => m[1] as string))].slice(0, 100);
}

/**
 * Discord's message JSON for `msg`. Only the mentioned users and the roles written as `<@&id>` are
 * pinged; @everyone/@here never are (allowed_mentions.parse is empty), whatever the text says.
 */
export function toMessagePayload(msg: OutgoingMessage, replyTo?: string): MessagePayload {
  const users = mentionedUsers(msg)
    .filter((id) => SNOWFLAKE.test(id))
    .slice(0, 100);
  const content = clip(contentWithQuote(msg), MAX_CONTENT_LENGTH);
  const payload: MessagePayload = {
    content,
    components: actionRows(msg.actions),
    allowed_mentions: { parse: [], users, roles: rolesIn(renderParts(msg.parts)) },
  };
  const ref = msg.quote?.messageId ?? replyTo;
  if (ref !== undefined && SNOWFLAKE.test(ref)) payload.message_reference = { message_id: ref, fail_if_not_exists: false };
  if (msg.silent) payload.flags = MessageFlags.SuppressNotifications;
  return payload;
}

/**
 * The Discord Sender: due reminders (through the outbox dispatcher) and any message to a
 * channel. Posts to `threadId ?? chatId` (a thread is a channel); when the thread is gone or locked the
 * message goes to its parent channel instead of being lost. Uses discord.js' REST queue, which
 * respects Discord's per-route buckets and waits out short 429s by itself.
 */
export function createDiscordSender(rest: REST, logger: AdapterLogger): Sender {
  async function post(channelId: string, body: MessagePayload): Promise<SentRef> {
    const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
    return { messageId: sent.id };
  }

  return {
    platform: DISCORD,
    async send(to: Address, msg: OutgoingMessage): Promise<SentRef> {
      const body = toMessagePayload(msg, to.replyTo);
      const channelId = to.threadId ?? to.chatId;
      try {
        return await post(channelId, body);
      } catch (err) {
        if (to.threadId !== undefined && to.threadId !== to.chatId && isThreadUnusable(err)) {
          logger.warn({ chatId: to.chatId, threadId: to.threadId }, 'discord: thread gone or locked, sending to its channel instead');
          const { message_reference: _gone, ...rest } = body;
          try {
            return await post(to.chatId, rest);
          } catch (retryErr) {
            throw toDeliveryError(retryErr);
          }
        }
        throw toDeliveryError(err);
      }
    },
  };
}
