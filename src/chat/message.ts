import type { Platform } from '../core/job.js';
import { textMessage } from '../core/outgoing-message.js';
import type { Action, OutgoingMessage, Quote } from '../core/ports/sender.js';

export type { Action } from '../core/ports/sender.js';

/**
 * An answer of the chat layer: text and buttons. Adapters send it as an OutgoingMessage
 * (`replyMessage`); a reply to a button press edits the pressed message with it.
 */
export interface Reply {
  text: string;
  /** Rows of buttons. */
  actions?: Action[][];
  /** Only the addressee sees it (Discord); `false` posts for everyone where answers are private by default. */
  ephemeral?: boolean;
  /** The message the answer is about, replied to and quoted. */
  quote?: Quote;
}

/** The outgoing message for a chat answer. */
export function replyMessage(reply: Reply): OutgoingMessage {
  return textMessage(reply.text, { actions: reply.actions, quote: reply.quote, ephemeral: reply.ephemeral });
}

/** Who is talking, where. Adapters translate platform updates into this and nothing else. */
export interface ChatContext {
  platform: Platform;
  chatId: string;
  chatType: 'private' | 'group';
  threadId?: string;
  userId: string;
  userName: string;
  /** The user may manage others' reminders in this chat (Telegram admin, Discord Manage Messages). */
  isAdmin: boolean;
}

/** A message a person sent. */
export interface IncomingMessage extends ChatContext {
  messageId?: string;
  text: string;
  /**
   * In a group: the message mentions the bot or replies to one of its messages (adapters set it),
   * so it is meant for the bot even without a command. Private chats are always meant for it.
   */
  addressed?: boolean;
  /** The message this one replies to ("/remind 2h" as a reply makes a reminder about it). */
  replyTo?: { messageId: string; text?: string; link?: string };
  /**
   * Optional, from platforms whose commands have typed options (Discord `/remind when: what:`,
   * `/reminders edit when: text:`): the time phrase and the text exactly as the person separated
   * them. When present, /remind and /edit should parse only `when` and take `what` verbatim
   * ("in 2 hours" + "call mom at 5" is 2 hours from now, not 5 o'clock); `text` still holds the
   * joined command, which is what a chat layer ignoring this field reads.
   */
  parts?: { when?: string; what?: string };
  /**
   * The person forwarded this message (Telegram forward_origin, or forward_from/forward_date
   * before Bot API 7): somebody else's words, which the chat layer never acts on.
   */
  forwarded?: boolean;
}

/** A button press. */
export interface IncomingAction extends ChatContext {
  /** The message carrying the button. */
  messageId: string;
  /** The button's `id`. */
  actionId: string;
  /** Text of the message carrying the button, when the platform provides it (kept when editing in place). */
  messageText?: string;
}

/** How to answer a button press: a short toast, and optionally a replacement for the pressed message. */
export interface ActionAnswer {
  toast?: string;
  /** Replace the pressed message's text/buttons in place. */
  edit?: Reply;
  /** Extra messages to post. */
  replies?: Reply[];
}

/** The platform-free conversation logic. */
export interface ChatService {
  handleMessage(msg: IncomingMessage): Promise<Reply[]>;
  handleAction(action: IncomingAction): Promise<ActionAnswer>;
  /**
   * Optional: jobs `ctx`'s user may act on whose id or text contains `partial` (case-insensitive;
   * empty matches all), soonest first, for id autocomplete (Discord). `label` is one short line
   * (e.g. the /list line without the id). Adapters must work when it is absent.
   */
  suggestJobs?(ctx: ChatContext, partial: string): Promise<Array<{ id: string; label: string }>>;
  /**
   * Optional: a message the person edited after sending (Telegram's edited_message). Nothing
   * is acted on again; the answer says what the original message set and how to change it
   * (edited-message.ts), or is empty.
   */
  handleEditedMessage?(msg: IncomingMessage): Promise<Reply[]>;
  /**
   * Optional: the platform gave a chat a new id (a Telegram group upgraded to a supergroup);
   * its reminders and settings move there (chat-move.ts). Safe to call more than once.
   */
  moveChat?(move: { platform: Platform; from: string; to: string }): Promise<void>;
}
