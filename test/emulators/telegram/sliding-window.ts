/** Send limits a fake Bot API enforces (Telegram's figures by default in the callers). */
export interface FakeLimits {
  /** Sends accepted in any 1000 ms window, across all chats. */
  globalPerSecond: number;
  /** Minimum gap between sends to one chat (ms); undefined: unlimited. */
  perChatIntervalMs?: number;
  /** Sends accepted in any 60 s window into one group; undefined: unlimited. */
  groupPerMinute?: number;
  /** Tolerance for arrival jitter on the per-chat gap (ms). Default 20. */
  slackMs?: number;
}

/**
 * Telegram-like limits as sliding windows over accepted sends (refused ones do not count).
 * `admit` answers undefined when the send is accepted, else the retry_after in seconds.
 */
export class SlidingWindow {
  private readonly global: number[] = [];
  private readonly lastPerChat = new Map<number, number>();
  private readonly perGroup = new Map<number, number[]>();

  constructor(
    private readonly limits: FakeLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  admit(chatId: number, isGroup: boolean): number | undefined {
    const t = this.now();
    prune(this.global, t - 1000);
    if (this.global.length >= this.limits.globalPerSecond) return retryAfter(this.global[0]! + 1000 - t);
    const gap = this.limits.perChatIntervalMs;
    const last = this.lastPerChat.get(chatId);
    if (gap !== undefined && last !== undefined && t - last < gap - (this.limits.slackMs ?? 20)) {
      return retryAfter(last + gap - t);
    }
    const perMinute = this.limits.groupPerMinute;
    let groupLog: number[] | undefined;
    if (isGroup && perMinute !== undefined) {
      groupLog = this.perGroup.get(chatId) ?? [];
      prune(groupLog, t - 60_000);
      if (groupLog.length >= perMinute) return retryAfter(groupLog[0]! + 60_000 - t);
    }
    this.global.push(t);
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
