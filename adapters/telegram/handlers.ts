import type { Api } from 'grammy';
import type { CallbackQuery, Message, MessageEntity } from 'grammy/types';
import { GENERIC_FAILURE } from '../../src/core/errors.js';
import type { Address } from '../../src/core/job.js';
import { type ActionAnswer, type ChatContext, type ChatService, type Reply, replyMessage } from '../../src/chat/message.js';
import type { Sender } from '../../src/core/ports/sender.js';
import type { AdminCache } from './admin-cache.js';
import { isNotModified } from './delivery-errors.js';
import type { AdapterLogger } from './logger.js';
import { clip } from '../../src/core/text-limit.js';
import { MAX_TEXT_LENGTH, inlineKeyboard } from './sender.js';
import { type BotIdentity, TELEGRAM, isAnonymousAdmin, isForUs, toIncomingAction, toIncomingMessage } from './to-incoming.js';

/** Said when the chat layer itself fails; the details go to the log, not the chat. */

/** What the update handlers need; built once by the adapter. */
export interface HandlerDeps {
  api: Api;
  sender: Sender;
  chat: ChatService;
  admins: AdminCache;
  bot: BotIdentity;
  logger: AdapterLogger;
}

/** Private chats have one person in them, who may manage everything there. */
async function adminFor(
  deps: HandlerDeps,
  chat: { id: number; type: string },
  userId: number,
  message?: Pick<Message, 'from' | 'sender_chat' | 'chat'>,
): Promise<boolean> {
  if (chat.type === 'private') return true;
  if (message && isAnonymousAdmin(message)) return true;
  return deps.admins.isAdmin(String(chat.id), String(userId));
}

function addressOf(ctx: ChatContext, replyTo?: string): Address {
  const to: Address = { platform: TELEGRAM, chatId: ctx.chatId };
  if (ctx.threadId !== undefined) to.threadId = ctx.threadId;
  if (replyTo !== undefined) to.replyTo = replyTo;
  return to;
}

async function sendAll(deps: HandlerDeps, to: Address, messages: Reply[]): Promise<void> {
  for (const msg of messages) {
    try {
      await deps.sender.send(to, replyMessage(msg));
    } catch (err) {
      deps.logger.warn({ err, chatId: to.chatId }, 'telegram: could not send a reply');
    }
  }
}

/**
 * Telegram's notice that a group became a supergroup (a new chat id): `migrate_to_chat_id` in
 * the old chat and `migrate_from_chat_id` in the new one. Either moves the group's reminders
 * and settings to the new id; the second finds nothing left to move.
 */
async function handleChatMove(deps: HandlerDeps, message: Message): Promise<void> {
  const from = message.migrate_from_chat_id ?? message.chat.id;
  const to = message.migrate_to_chat_id ?? message.chat.id;
  try {
    await deps.chat.moveChat?.({ platform: TELEGRAM, from: String(from), to: String(to) });
  } catch (err) {
    deps.logger.error({ err, chatId: String(from), newChatId: String(to) }, 'telegram: could not move the group’s reminders');
  }
}

/** A text message: ask the chat layer, post its answers in the same chat and topic, replying to the request. */
export async function handleMessage(deps: HandlerDeps, message: Message): Promise<void> {
  if (message.migrate_to_chat_id !== undefined || message.migrate_from_chat_id !== undefined) return handleChatMove(deps, message);
  if (!isForUs(message, deps.bot) || !message.from) return;
  const isAdmin = await adminFor(deps, message.chat, message.from.id, message);
  const incoming = toIncomingMessage(message, deps.bot, isAdmin);
  if (!incoming) return;
  let replies: Reply[];
  try {
    replies = await deps.chat.handleMessage(incoming);
  } catch (err) {
    deps.logger.error({ err, chatId: incoming.chatId }, 'telegram: chat layer failed on a message');
    replies = [{ text: GENERIC_FAILURE }];
  }
  await sendAll(deps, addressOf(incoming, incoming.messageId), replies);
}

/**
 * A message edited after it was sent: acted on already (or not at all), so it is not acted on
 * again; the chat layer says so when the edit was for us (a command, or a message that set a
 * reminder), replying to the edited message.
 */
export async function handleEditedMessage(deps: HandlerDeps, message: Message): Promise<void> {
  if (!deps.chat.handleEditedMessage || !isForUs(message, deps.bot) || !message.from) return;
  // Rights play no part: nothing is changed, and only the sender's own reminders are named.
  const incoming = toIncomingMessage(message, deps.bot, false);
  if (!incoming) return;
  let replies: Reply[];
  try {
    replies = await deps.chat.handleEditedMessage(incoming);
  } catch (err) {
    deps.logger.error({ err, chatId: incoming.chatId }, 'telegram: chat layer failed on an edited message');
    return;
  }
  await sendAll(deps, addressOf(incoming, incoming.messageId), replies);
}

/**
 * A button press: the chat layer acts, the toast answers the query (Telegram shows a spinner
 * until it does), and the pressed message is edited in place.
 */
export async function handleCallback(deps: HandlerDeps, query: CallbackQuery): Promise<void> {
  const message = query.message;
  const isAdmin = message ? await adminFor(deps, message.chat, query.from.id) : false;
  const action = toIncomingAction(query, isAdmin);
  let answer: ActionAnswer = {};
  if (action) {
    try {
      answer = await deps.chat.handleAction(action);
    } catch (err) {
      deps.logger.error({ err, chatId: action.chatId }, 'telegram: chat layer failed on a button');
      answer = { toast: GENERIC_FAILURE };
    }
  }
  try {
    await deps.api.answerCallbackQuery(query.id, answer.toast !== undefined ? { text: clip(answer.toast, 200) } : {});
  } catch (err) {
    deps.logger.warn({ err }, 'telegram: answerCallbackQuery failed');
  }
  if (!action || !message) return;
  if (answer.edit) await editInPlace(deps, message, answer.edit);
  if (answer.replies?.length) await sendAll(deps, addressOf(action), answer.replies);
}

/**
 * The pressed message's mentions that the new text still shows at the same place (an edit
 * such as "⏰ Sam: stretch" + "💤 Snoozed until …" keeps the addressee): Telegram drops
 * entities not sent with the new text, which would turn the owner's ping into plain text.
 */
function keptMentions(message: NonNullable<CallbackQuery['message']>, text: string): MessageEntity[] {
  if (!('text' in message) || !message.text || !message.entities) return [];
  const old = message.text;
  return message.entities.filter(
    (e) =>
      e.type === 'text_mention' &&
      e.offset + e.length <= text.length &&
      text.slice(e.offset, e.offset + e.length) === old.slice(e.offset, e.offset + e.length),
  );
}

/** Replaces the pressed message's text and buttons; only the buttons when the text is unchanged. */
async function editInPlace(deps: HandlerDeps, message: NonNullable<CallbackQuery['message']>, edit: Reply): Promise<void> {
  const markup = inlineKeyboard(edit.actions) ?? { inline_keyboard: [] };
  const current = 'text' in message ? message.text : undefined;
  try {
    if (current !== undefined && current === edit.text) {
      await deps.api.editMessageReplyMarkup(message.chat.id, message.message_id, { reply_markup: markup });
    } else {
      const text = clip(edit.text, MAX_TEXT_LENGTH);
      const entities = keptMentions(message, text);
      await deps.api.editMessageText(message.chat.id, message.message_id, text, {
        reply_markup: markup,
        ...(entities.length ? { entities } : {}),
      });
    }
  } catch (err) {
    if (!isNotModified(err)) deps.logger.warn({ err, chatId: message.chat.id }, 'telegram: could not edit the message');
  }
}
