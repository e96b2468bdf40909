import { GrammyError, HttpError } from 'grammy';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../../src/core/ports/sender.js';

/** Fallback wait when Telegram answers 429 without `retry_after` (ms). */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * Sorts a failed Bot API call into the delivery error classes the outbox dispatcher acts on:
 * - 429 → RateLimitedError after `retry_after` seconds;
 * - 403 (bot blocked, kicked, user deactivated) and 400 (chat not found, bad request: sending
 *   the same request again cannot succeed) → PermanentDeliveryError;
 * - network failures, 5xx and anything unexpected (401/404 mean a wrong token or API root, a
 *   configuration problem that must not fail every job) → TransientDeliveryError.
 */
export function toDeliveryError(err: unknown, method = 'sendMessage'): Error {
  if (err instanceof RateLimitedError || err instanceof PermanentDeliveryError || err instanceof TransientDeliveryError) {
    return err;
  }
  if (err instanceof GrammyError) {
    const what = `telegram ${method} ${err.error_code}: ${err.description}`;
    if (err.error_code === 429) {
      const seconds = err.parameters.retry_after;
      return new RateLimitedError(seconds !== undefined ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS, what);
    }
    if (err.error_code === 403 || err.error_code === 400) return new PermanentDeliveryError(what, { cause: err });
    return new TransientDeliveryError(what, { cause: err });
  }
  if (err instanceof HttpError) {
    return new TransientDeliveryError(`telegram ${method} network error: ${err.message}`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new TransientDeliveryError(`telegram ${method} failed: ${message}`, { cause: err });
}

/** Telegram says the topic is gone: the message can still go to the chat's General topic. */
export function isThreadNotFound(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && /thread not found/i.test(err.description);
}

/** A basic group became a supergroup: Telegram names the new chat id. */
export function migratedTo(err: unknown): number | undefined {
  return err instanceof GrammyError ? err.parameters.migrate_to_chat_id : undefined;
}

/**
 * A 400 that blames the message's entities or its buttons, not the chat or the text: the same
 * text can still go without them. Telegram's wordings: "can't parse entities: …",
 * "BUTTON_DATA_INVALID", "can't parse inline keyboard button: …", "BUTTON_URL_INVALID".
 */
export function refusedDressing(err: unknown): 'entities' | 'buttons' | undefined {
  if (!(err instanceof GrammyError) || err.error_code !== 400) return undefined;
  if (/entit/i.test(err.description)) return 'entities';
  if (/button|reply markup|keyboard/i.test(err.description)) return 'buttons';
  return undefined;
}

/** Editing a message to exactly what it already shows: harmless, nothing to do. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && /message is not modified/i.test(err.description);
}
