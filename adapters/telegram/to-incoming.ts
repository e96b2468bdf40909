import type { CallbackQuery, Chat, Message, MessageEntity, User } from 'grammy/types';
import type { ChatContext, IncomingAction, IncomingMessage } from '../../src/chat/message.js';

/** Platform name Chime uses for Telegram in addresses and owners. */
export const TELEGRAM = 'telegram';

/** Telegram's user for "anonymous admin" posts: the sender is an admin of the group by definition. */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;

/** Who the bot is (from getMe), to recognise `/cmd@ThisBot`, mentions and replies to it. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** What an incoming text asks of us, once `@BotName` forms are resolved. */
export interface AddressedText {
  /** The text handed to the chat layer: `/remind@Bot x` becomes `/remind x`, a leading `@Bot` is dropped. */
  text: string;
  isCommand: boolean;
  /** A command addressed to another bot (`/start@OtherBot`): not ours to answer. */
  forOtherBot: boolean;
  mentionsBot: boolean;
}

const COMMAND_RE = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{3,64}))?(?=\s|$)/;

/** Resolves `/cmd@Bot` and `@Bot` forms. Entities are optional: emulators often omit them. */
export function addressedText(raw: string, entities: MessageEntity[] | undefined, bot: BotIdentity): AddressedText {
  const botName = bot.username.toLowerCase();
  let text = raw;
  let isCommand = false;
  let forOtherBot = false;
  const cmd = COMMAND_RE.exec(raw);
  const firstEntity = entities?.[0];
  const entitySaysCommand = firstEntity?.type === 'bot_command' && firstEntity.offset === 0;
  if (cmd && (entitySaysCommand || entities === undefined || entities.length === 0 || firstEntity?.offset !== 0)) {
    isCommand = true;
    const target = cmd[2];
    if (target !== undefined) {
      if (target.toLowerCase() === botName) text = `/${cmd[1]}${raw.slice(cmd[0].length)}`;
      else forOtherBot = true;
    }
  }
  const mention = `@${botName}`;
  const mentionsBot =
    (entities ?? []).some((e) => e.type === 'mention' && raw.slice(e.offset, e.offset + e.length).toLowerCase() === mention) ||
    raw.toLowerCase().split(/\s+/).includes(mention);
  if (!isCommand && text.toLowerCase().startsWith(mention)) text = text.slice(mention.length).trimStart();
  return { text, isCommand, forOtherBot, mentionsBot };
}

/** True when `message` is a real reply, not Telegram's implicit reply to a forum topic's root. */
function realReply(message: Message): Message | undefined {
  const reply = message.reply_to_message;
  if (!reply) return undefined;
  if (message.is_topic_message && reply.message_id === message.message_thread_id) return undefined;
  if (reply.forum_topic_created) return undefined;
  return reply;
}

/** A t.me link to a message, where Telegram has one (public chats and supergroups). */
export function messageLink(chat: Chat, messageId: number): string | undefined {
  if ('username' in chat && chat.username && chat.type !== 'private') return `https://t.me/${chat.username}/${messageId}`;
  const id = String(chat.id);
  if (chat.type === 'supergroup' && id.startsWith('-100')) return `https://t.me/c/${id.slice(4)}/${messageId}`;
  return undefined;
}

/** Display name: first and last name, else the @username, else the numeric id. */
export function displayName(user: User): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return full || (user.username ? `@${user.username}` : String(user.id));
}

/**
 * The forum topic a message belongs to. Only forum topics count: in ordinary groups
 * `message_thread_id` marks reply threads, and sending with it there is an error.
 */
function topicOf(message: Pick<Message, 'is_topic_message' | 'message_thread_id'>): string | undefined {
  return message.is_topic_message && message.message_thread_id !== undefined ? String(message.message_thread_id) : undefined;
}

/**
 * Who speaks: the person in `from`, or the chat a message was sent on behalf of. For those
 * Telegram puts one shared placeholder in `from`, GroupAnonymousBot for every anonymous admin of
 * every group and Channel_Bot for every member posting as a channel: taken as the owner, anyone
 * posting that way anywhere would own (and could cancel, and read the notes of) everything any
 * other did. `sender_chat` is the one that tells them apart.
 */
function speaker(from: User, senderChat: Chat | undefined): Pick<ChatContext, 'userId' | 'userName'> {
  if (!senderChat) return { userId: String(from.id), userName: displayName(from) };
  const title = 'title' in senderChat ? senderChat.title : undefined;
  const username = 'username' in senderChat && senderChat.username ? `@${senderChat.username}` : undefined;
  return { userId: String(senderChat.id), userName: title || username || String(senderChat.id) };
}

function context(
  chat: Chat,
  who: Pick<ChatContext, 'userId' | 'userName'>,
  threadId: string | undefined,
  isAdmin: boolean,
): ChatContext | undefined {
  if (chat.type === 'channel') return undefined;
  const ctx: ChatContext = {
    platform: TELEGRAM,
    chatId: String(chat.id),
    chatType: chat.type === 'private' ? 'private' : 'group',
    ...who,
    isAdmin,
  };
  if (threadId !== undefined) ctx.threadId = threadId;
  return ctx;
}

/**
 * Whether the bot should answer `message` at all. Private chats: every text. Groups: commands
 * for us, replies to our messages and mentions — exactly what Telegram delivers with privacy
 * mode on, so behaviour is the same with privacy mode off.
 */
export function isForUs(message: Message, bot: BotIdentity): boolean {
  const raw = message.text ?? message.caption;
  if (raw === undefined || !message.from || message.chat.type === 'channel') return false;
  if (message.from.id === bot.id) return false;
  const addressed = addressedText(raw, message.entities ?? message.caption_entities, bot);
  if (addressed.forOtherBot) return false;
  if (message.chat.type === 'private') return true;
  return addressed.isCommand || addressed.mentionsBot || realReply(message)?.from?.id === bot.id;
}

/**
 * Whether the person forwarded `message` rather than wrote it: `forward_origin` since Bot API
 * 7.0, `forward_date` (with forward_from, forward_from_chat or forward_sender_name) before.
 * The old fields are not in grammY's current types, so they are read off the raw update.
 */
export function isForwarded(message: Message): boolean {
  const legacy = message as Message & {
    forward_date?: number;
    forward_from?: User;
    forward_from_chat?: Chat;
    forward_sender_name?: string;
  };
  return (
    message.forward_origin !== undefined ||
    legacy.forward_date !== undefined ||
    legacy.forward_from !== undefined ||
    legacy.forward_from_chat !== undefined ||
    legacy.forward_sender_name !== undefined
  );
}

/** Translates a text message for the chat layer, or undefined when it is not for us. */
export function toIncomingMessage(message: Message, bot: BotIdentity, isAdmin: boolean): IncomingMessage | undefined {
  if (!isForUs(message, bot) || !message.from) return undefined;
  const raw = message.text ?? message.caption ?? '';
  const ctx = context(message.chat, speaker(message.from, message.sender_chat), topicOf(message), isAdmin);
  if (!ctx) return undefined;
  const addressed = addressedText(raw, message.entities ?? message.caption_entities, bot);
  const reply = realReply(message);
  const incoming: IncomingMessage = { ...ctx, messageId: String(message.message_id), text: addressed.text };
  if (isForwarded(message)) incoming.forwarded = true;
  // In a group, plain text reaches the chat layer only when it mentions or replies to the bot (isForUs).
  if (ctx.chatType === 'group' && !addressed.isCommand) incoming.addressed = addressed.mentionsBot || reply?.from?.id === bot.id;
  if (reply) {
    const replyTo: NonNullable<IncomingMessage['replyTo']> = { messageId: String(reply.message_id) };
    const replyText = reply.text ?? reply.caption;
    if (replyText !== undefined) replyTo.text = replyText;
    const link = messageLink(message.chat, reply.message_id);
    if (link !== undefined) replyTo.link = link;
    incoming.replyTo = replyTo;
  }
  return incoming;
}

/** Translates a button press, or undefined when the pressed message is unknown (inline mode). */
export function toIncomingAction(query: CallbackQuery, isAdmin: boolean): IncomingAction | undefined {
  const message = query.message;
  if (!message || query.data === undefined) return undefined;
  const thread = 'is_topic_message' in message ? topicOf(message) : undefined;
  // A press always comes from the person: callback queries have no sender_chat.
  const ctx = context(message.chat, speaker(query.from, undefined), thread, isAdmin);
  if (!ctx) return undefined;
  return { ...ctx, messageId: String(message.message_id), actionId: query.data };
}

/** Whether `from` posts as the group itself (anonymous admin), which makes them an admin. */
export function isAnonymousAdmin(message: Pick<Message, 'from' | 'sender_chat' | 'chat'>): boolean {
  return message.from?.id === GROUP_ANONYMOUS_BOT_ID && message.sender_chat?.id === message.chat.id;
}
