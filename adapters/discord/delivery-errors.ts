import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../../src/core/ports/sender.js';

/** Discord JSON error codes meaning "this destination will not take the message". */
const GONE_CODES = new Set([
  10003, // Unknown Channel
  10004, // Unknown Guild
  10008, // Unknown Message (a reply target: we send with fail_if_not_exists false, but be safe)
  50001, // Missing Access
  50007, // Cannot send messages to this user
  50013, // Missing Permissions
  50083, // Operation on an archived thread
]);

/**
 * Sorts a failed REST call into the delivery error classes the outbox dispatcher acts on:
 * - a 429 discord.js gave up waiting on (its queue retries short ones itself; see the adapter's
 *   `maxInPlaceRetryMs`) → RateLimitedError after its retry-after;
 * - 403/404 and the codes above (unknown channel, missing access/permissions, DMs closed), and
 *   other 400s (the same request cannot succeed later) → PermanentDeliveryError;
 * - 5xx after discord.js' own retries, timeouts and network failures, 401 (a token problem that
 *   must not fail every job) and anything unexpected → TransientDeliveryError.
 */
export function toDeliveryError(err: unknown, what = 'send'): Error {
  if (err instanceof RateLimitedError || err instanceof PermanentDeliveryError || err instanceof TransientDeliveryError) return err;
  if (err instanceof RateLimitError) {
    return new RateLimitedError(Math.max(err.retryAfter, 0), `discord ${what}: rate limited on ${err.route} for ${err.retryAfter} ms`);
  }
  if (err instanceof DiscordAPIError) {
    const detail = `discord ${what} ${err.status} (code ${String(err.code)}): ${err.message}`;
    if (err.status === 429) return new RateLimitedError(1000, detail);
    if (err.status === 401) return new TransientDeliveryError(detail, { cause: err });
    if (err.status === 403 || err.status === 404 || err.status === 400 || GONE_CODES.has(Number(err.code))) {
      return new PermanentDeliveryError(detail, { cause: err });
    }
    return new TransientDeliveryError(detail, { cause: err });
  }
  if (err instanceof HTTPError) return new TransientDeliveryError(`discord ${what} ${err.status}: ${err.message}`, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new TransientDeliveryError(`discord ${what} failed: ${message}`, { cause: err });
}

/** The thread is gone or locked (archived and closed to the bot): its message can still go to the parent channel. */
export function isThreadUnusable(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.code === 10003 || err.code === 50083 || err.status === 404);
}
