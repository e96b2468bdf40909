import type { Api } from 'grammy';
import type { InlineKeyboardMarkup, MessageEntity } from 'grammy/types';
import type { Address } from '../../src/core/job.js';
import type { Action, OutgoingMessage, Part, Sender, SentRef } from '../../src/core/ports/sender.js';
import { isThreadNotFound, migratedTo, refusedDressing, toDeliveryError } from './delivery-errors.js';
import type { AdapterLogger } from './logger.js';
import { TELEGRAM } from './to-incoming.js';
import { clip } from '../../src/core/text-limit.js';

/** Telegram's cap on a message's text (characters). */
export const MAX_TEXT_LENGTH = 4096;

/** Longest quoted text added under a reminder about another message (characters). */
const MAX_QUOTE_LENGTH = 300;

/** The sendMessage parameters Chime uses (a subset of Bot API `sendMessage`). */
export interface SendMessagePayload {
  chat_id: number | string;
  text: string;
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
  reply_markup?: InlineKeyboardMarkup;
  entities?: MessageEntity[];
  disable_notification?: true;
}

/** Buttons as an inline keyboard; each button's callback_data is the action id. */
export function inlineKeyboard(actions: Action[][] | undefined): InlineKeyboardMarkup | undefined {
  const rows = (actions ?? []).filter((row) => row.length > 0);
  if (rows.length === 0) return undefined;
  return { inline_keyboard: rows.map((row) => row.map((a) => ({ text: a.label, callback_data: a.id }))) };
}

/** Text with entities, as sendMessage takes them (offsets in UTF-16 code units, like JS strings). */
export interface RenderedText {
  text: string;
  entities: MessageEntity[];
}

/**
 * The body as Telegram text: text parts verbatim (no parse mode, so markdown characters are just
 * characters), each mention of a person a text_mention entity over their name, which pings them.
 */
export function renderParts(parts: Part[]): RenderedText {
  let text = '';
  const entities: MessageEntity[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      text += part.text;
      continue;
    }
    const userId = asInt(part.userId);
    // Only people can be mentioned: a reminder set on behalf of a group or channel is owned by
    // that chat (a negative id), and a text_mention of it would fail the whole message.
    if (userId !== undefined && userId > 0 && part.name) {
      entities.push({
        type: 'text_mention',
        offset: text.length,
        length: part.name.length,
        user: { id: userId, is_bot: false, first_name: part.name },
      });
    }
    text += part.name;
  }
  return { text, entities };
}

/** The message as sent: its body plus what it quotes (unless the body already carries it), within Telegram's limit. */
export function renderMessage(msg: OutgoingMessage): RenderedText {
  const body = renderParts(msg.parts);
  let text = body.text;
  const quote = msg.quote;
  if (quote?.text && !text.includes(quote.text)) text += `\n\n“${clip(quote.text, MAX_QUOTE_LENGTH)}”`;
  if (quote?.link && !text.includes(quote.link)) text += `\n${quote.link}`;
  const clipped = clip(text, MAX_TEXT_LENGTH);
  // A cut keeps the first `kept` characters and adds "…": entities stop there.
  const kept = clipped === text ? text.length : clipped.length - 1;
  const entities = body.entities
    .filter((e) => e.offset < kept)
    .map((e) => (e.offset + e.length <= kept ? e : { ...e, length: kept - e.offset }));
  return { text: clipped, entities };
}

function asInt(id: string | undefined): number | undefined {
  if (id === undefined) return undefined;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Bot API parameters for `msg` sent to `to`: same chat and forum topic, replying to the quoted
 * message (or the request) with allow_sending_without_reply so a deleted request does not
 * fail the delivery.
 */
export function toSendPayload(to: Address, msg: OutgoingMessage): SendMessagePayload {
  const { text, entities } = renderMessage(msg);
  const payload: SendMessagePayload = { chat_id: asInt(to.chatId) ?? to.chatId, text };
  const thread = asInt(to.threadId);
  if (thread !== undefined) payload.message_thread_id = thread;
  const replyTo = asInt(msg.quote?.messageId) ?? asInt(to.replyTo);
  if (replyTo !== undefined) payload.reply_parameters = { message_id: replyTo, allow_sending_without_reply: true };
  const keyboard = inlineKeyboard(msg.actions);
  if (keyboard) payload.reply_markup = keyboard;
  if (entities.length) payload.entities = entities;
  if (msg.silent) payload.disable_notification = true;
  return payload;
}

/**
 * The message for the supergroup a group became: message ids and topics of the old chat mean
 * nothing there (replying to the same number would quote someone else's message).
 */
function inMovedChat(payload: SendMessagePayload, newChat: number): SendMessagePayload {
  const { message_thread_id: _t, reply_parameters: _r, ...rest } = payload;
  return { ...rest, chat_id: newChat };
}

/** Told when Telegram says a group became a supergroup, so the group's reminders and settings follow. */
export type ChatMovedHook = (move: { platform: typeof TELEGRAM; from: string; to: string }) => Promise<void> | undefined;

/**
 * The same message in a form that may get through after `err`, or undefined when none can:
 * - a deleted forum topic: to the chat's General topic, instead of losing the reminder;
 * - an entity or a button Telegram refuses (a 400 for the whole message, though only its
 *   dressing is wrong): without the entities, or without the buttons. The words of a reminder
 *   matter more than its ping or its buttons, and a 400 is otherwise given up for good.
 */
function repaired(payload: SendMessagePayload, err: unknown, to: Address, logger: AdapterLogger): SendMessagePayload | undefined {
  const where = { chatId: to.chatId, threadId: to.threadId };
  if (isThreadNotFound(err) && payload.message_thread_id !== undefined) {
    logger.warn(where, 'telegram: topic gone, sending to the chat instead');
    const { message_thread_id: _gone, ...rest } = payload;
    return rest;
  }
  const refused = refusedDressing(err);
  if (refused === 'entities' && payload.entities) {
    logger.warn({ ...where, err }, 'telegram: entities refused, sending the message without them');
    const { entities: _e, ...rest } = payload;
    return rest;
  }
  if (refused === 'buttons' && payload.reply_markup) {
    logger.warn({ ...where, err }, 'telegram: buttons refused, sending the message without them');
    const { reply_markup: _m, ...rest } = payload;
    return rest;
  }
  return undefined;
}

/** Repairs tried for one message at most: topic, migration, entities, buttons. */
const MAX_REPAIRS = 4;

/**
 * The Telegram Sender: replies and due reminders both go through it, so both share the
 * throttle installed on `api`. Failures are thrown as delivery errors (see toDeliveryError),
 * after the repairs `repaired` knows were tried.
 *
 * A group upgraded to a supergroup refuses every send (400, naming the new id in
 * migrate_to_chat_id): the message goes to the new id, `chatMoved` moves the group's
 * reminders there, and messages already queued for the old id (outbox rows) go straight to
 * the new one from then on, in this process.
 */
export function createTelegramSender(api: Api, logger: AdapterLogger, chatMoved?: ChatMovedHook): Sender {
  const movedChats = new Map<string, number>();

  async function post(payload: SendMessagePayload): Promise<SentRef> {
    const sent = await api.raw.sendMessage(payload);
    return { messageId: String(sent.message_id) };
  }

  async function learnMove(from: string, to: number): Promise<void> {
    logger.warn({ chatId: from, newChatId: to }, 'telegram: group migrated to a supergroup');
    movedChats.set(from, to);
    try {
      await chatMoved?.({ platform: TELEGRAM, from, to: String(to) });
    } catch (err) {
      // The message itself still goes; the move is tried again by the next send or update.
      movedChats.delete(from);
      logger.error({ err, chatId: from, newChatId: to }, 'telegram: could not move the group’s reminders');
    }
  }

  return {
    platform: TELEGRAM,
    async send(to: Address, msg: OutgoingMessage): Promise<SentRef> {
      const known = movedChats.get(to.chatId);
      let payload = known === undefined ? toSendPayload(to, msg) : inMovedChat(toSendPayload(to, msg), known);
      for (let repairs = 0; ; repairs++) {
        try {
          return await post(payload);
        } catch (err) {
          if (repairs >= MAX_REPAIRS) throw toDeliveryError(err);
          const newChat = migratedTo(err);
          if (newChat !== undefined && newChat !== payload.chat_id) {
            await learnMove(String(payload.chat_id), newChat);
            payload = inMovedChat(payload, newChat);
            continue;
          }
          const next = repaired(payload, err, to, logger);
          if (!next) throw toDeliveryError(err);
          payload = next;
        }
      }
    },
  };
}
