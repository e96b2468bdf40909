import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { Transformer } from 'grammy';

/**
 * Telegram's documented sending limits. Defaults are the Bot FAQ figures; tests shrink the
 * per-chat interval to stay fast.
 */
export interface TelegramRateLimits {
  /** Messages per second across all chats. Default 30. */
  globalPerSecond: number;
  /** Minimum gap between two messages to the same chat (ms). Default 1000. */
  perChatIntervalMs: number;
  /** Messages per minute into one group or supergroup. Default 20. */
  groupPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: TelegramRateLimits = {
  globalPerSecond: 30,
  perChatIntervalMs: 1000,
  groupPerMinute: 20,
};

/**
 * Methods that post a new message, which is what Telegram's limits count. Reads such as
 * getChatMember and edits of our own messages stay outside the throttle so a command in a
 * busy group is not queued behind the group's 20-a-minute budget just to check a role.
 */
const SENDING_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'copyMessage', 'forwardMessage']);

/**
 * Queues sends so they never exceed `limits` (Bottleneck via the grammY throttler). The global
 * limit is spread evenly (one send every 1000/globalPerSecond ms) rather than released as a
 * burst of 30 each second: a burst at the edge of one second and another at the start of the
 * next would break a sliding-window limit on Telegram's side.
 */
export function sendThrottle(limits: TelegramRateLimits): Transformer {
  const throttle = apiThrottler({
    global: { minTime: Math.ceil(1000 / limits.globalPerSecond) },
    group: {
      maxConcurrent: 1,
      minTime: limits.perChatIntervalMs,
      reservoir: limits.groupPerMinute,
      reservoirRefreshAmount: limits.groupPerMinute,
      reservoirRefreshInterval: 60_000,
    },
    out: { maxConcurrent: 1, minTime: limits.perChatIntervalMs },
  });
  return (prev, method, payload, signal) =>
    SENDING_METHODS.has(method) ? throttle(prev, method, payload, signal) : prev(method, payload, signal);
}

/**
 * Retries a 429 in place when Telegram asks for a short wait (at most `maxWaitSeconds`, three
 * times). Longer waits, 5xx and network errors are thrown so the outbox dispatcher can
 * reschedule durably instead of holding the message in memory.
 */
export function shortRetry(maxWaitSeconds: number): Transformer {
  return autoRetry({
    maxRetryAttempts: 3,
    maxDelaySeconds: maxWaitSeconds,
    rethrowInternalServerErrors: true,
    rethrowHttpErrors: true,
  });
}

/**
 * Waits `pauseMs` after an empty getUpdates answer. Telegram holds the request open for
 * `timeout` seconds itself; emulators that answer at once would otherwise make grammY spin.
 */
export function pauseOnEmptyPoll(pauseMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (method === 'getUpdates' && res.ok && Array.isArray(res.result) && res.result.length === 0) {
      // grammY types the signal with its abort-controller shim; at runtime it is Node's.
      await pause(pauseMs, signal as AbortSignal | undefined);
    }
    return res;
  };
}

/** Resolves after `ms`, or early (without error) when `signal` aborts: the poll loop then exits. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
