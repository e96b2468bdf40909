import type { Address, Platform } from '../core/job.js';

/** A button under a message. `id` is opaque callback data (at most 64 bytes for Telegram). */
export interface Action {
  id: string;
  label: string;
}

/** A message for a chat, platform-neutral. */
export interface OutgoingMessage {
  text: string;
  /** Rows of buttons. */
  actions?: Action[][];
  /** Only the addressee sees it (Discord ephemeral replies); ignored where unsupported. */
  ephemeral?: boolean;
  /** Users to mention (platform user ids). */
  mentions?: string[];
  /** A message this one is about (reminder of a replied-to message): quoted or linked by the sender. */
  quote?: { messageId?: string; text?: string; link?: string };
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
