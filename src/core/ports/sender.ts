import type { Address, Platform } from '../job.js';

/** A button under a message. `id` is opaque callback data (at most 64 bytes for Telegram). */
export interface Action {
  id: string;
  label: string;
}

/** A run of plain text, shown as written (no markup is interpreted by Chime). */
export interface TextPart {
  type: 'text';
  text: string;
}

/**
 * A person named in the message so the platform notifies them: a Telegram text mention, a
 * Discord `<@id>` listed in allowed_mentions. `name` is what a reader sees where the platform
 * shows our text (Telegram, plain text); a mention without a name shows nothing there.
 */
export interface MentionPart {
  type: 'mention';
  /** The platform's user id. */
  userId: string;
  /** Display name, shown verbatim (colons, emoji and markdown characters are just text). */
  name: string;
}

/** One piece of a message's body, in reading order. */
export type Part = TextPart | MentionPart;

/** A message this one is about (a reminder of a replied-to message): replied to, quoted or linked. */
export interface Quote {
  /** Replied to where the platform can; otherwise the sender falls back to the address's replyTo. */
  messageId?: string;
  text?: string;
  link?: string;
}

/**
 * A message for a chat, platform-neutral and structured: each Sender renders the parts its own
 * way (entities, allowed_mentions, components, a terminal line) and never reads structure back
 * out of text. Due reminders, chat answers, agent answers and API-created messages all use it.
 */
export interface OutgoingMessage {
  /** The body, in order. */
  parts: Part[];
  /** Rows of buttons. */
  actions?: Action[][];
  /** Replied to and shown with the message. */
  quote?: Quote;
  /** Delivered without a notification sound where the platform supports it. */
  silent?: boolean;
  /**
   * Only the addressee sees it (Discord interaction replies); ignored where unsupported. `false`
   * asks a platform that answers privately by default to post for everyone.
   */
  ephemeral?: boolean;
}

/** What a platform returned for a sent message. */
export interface SentRef {
  messageId: string;
}

/**
 * Sends to one platform. Implementations throw the delivery errors below so the outbox
 * dispatcher can decide between waiting, retrying and giving up.
 */
export interface Sender {
  platform: Platform;
  send(to: Address, msg: OutgoingMessage): Promise<SentRef>;
}

/** The platform asked us to slow down; try again after `retryAfterMs`. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited, retry after ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/** Network trouble or a 5xx: worth retrying with backoff. */
export class TransientDeliveryError extends Error {
  override name = 'TransientDeliveryError';
}

/** The chat is gone, the bot was blocked or removed: retrying cannot help. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}
