/** Send limits a fake Bot API enforces (Telegram's figures by default in the callers). */
export interface FakeLimits {
  /** Sends accepted in any 1000 ms window, across all chats. */
  globalPerSecond: number;
  /** Minimum gap between sends to one chat (ms); undefined: unlimited. */
  perChatIntervalMs?: number;
  /** Sends accepted in any 60 s window into one group; undefined: unlimited. */
  groupPerMinute?: number;
  /**
   * Tolerance for arrival jitter (ms) on the per-chat gap and the overall window: a client
   * that spaces its sends correctly can still see two of them arrive closer together when
   * the machine is busy and the first one is delayed on its way. Default 100.
   */
  slackMs?: number;
  /**
   * How the overall limit is counted. `window` (default): at most globalPerSecond sends in
   * any 1000 ms. `bucket`: a token bucket holding globalPerSecond tokens, refilled at
   * globalPerSecond per second — the same sustained rate, tolerating a send that arrives a
   * few ms early after one that arrived late.
   */
  globalMode?: 'window' | 'bucket';
}

/**
 * Telegram-like limits as sliding windows over accepted sends (refused ones do not count).
 * `admit` answers undefined when the send is accepted, else the retry_after in seconds.
 */
export class SlidingWindow {
  private readonly global: number[] = [];
  private tokens: number;
  private refilledAt: number;
  private readonly lastPerChat = new Map<number, number>();
  private readonly perGroup = new Map<number, number[]>();
  private readonly slack: number;

  constructor(
    private readonly limits: FakeLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.globalPerSecond;
    this.refilledAt = now();
    this.slack = limits.slackMs ?? 100;
  }

  /** Undefined when a token is there (not yet taken), else the retry_after in seconds. */
  private bucket(t: number): number | undefined {
    const rate = this.limits.globalPerSecond / 1000;
    this.tokens = Math.min(this.limits.globalPerSecond, this.tokens + (t - this.refilledAt) * rate);
    this.refilledAt = t;
    // The epsilon keeps a send exactly on the refill schedule from failing on float rounding.
    return this.tokens >= 1 - 1e-9 ? undefined : retryAfter((1 - this.tokens) / rate);
  }

  admit(chatId: number, isGroup: boolean): number | undefined {
    const t = this.now();
    if (this.limits.globalMode === 'bucket') {
      const wait = this.bucket(t);
      if (wait !== undefined) return wait;
    } else {
      prune(this.global, t - 1000 + this.slack);
      if (this.global.length >= this.limits.globalPerSecond) return retryAfter(this.global[0]! + 1000 - t);
    }
    const gap = this.limits.perChatIntervalMs;
    const last = this.lastPerChat.get(chatId);
    if (gap !== undefined && last !== undefined && t - last < gap - this.slack) {
      return retryAfter(last + gap - t);
    }
    const perMinute = this.limits.groupPerMinute;
    let groupLog: number[] | undefined;
    if (isGroup && perMinute !== undefined) {
      groupLog = this.perGroup.get(chatId) ?? [];
      prune(groupLog, t - 60_000);
      if (groupLog.length >= perMinute) return retryAfter(groupLog[0]! + 60_000 - t);
    }
    if (this.limits.globalMode === 'bucket') this.tokens -= 1;
    else this.global.push(t);
    this.lastPerChat.set(chatId, t);
    if (groupLog) {
      groupLog.push(t);
      this.perGroup.set(chatId, groupLog);
    }
    return undefined;
  }
}

function prune(log: number[], before: number): void {
  let i = 0;
  while (i < log.length && log[i]! <= before) i++;
  if (i > 0) log.splice(0, i);
}

/** Telegram gives whole seconds, at least 1. */
function retryAfter(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
