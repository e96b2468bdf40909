import type { Clock } from './core/ports/clock.js';
import { abortError } from './core/system-clock.js';

interface Sleeper {
  at: number;
  resolve: () => void;
}

/**
 * A clock that only moves when told to. `advance`/`set` wake every sleeper whose time has
 * come, in time order, and yield to the event loop so woken code can run before returning.
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start: Date | string | number = '2026-11-22T10:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  sleepUntil(at: Date, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (at.getTime() <= this.current) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(abortError());
      };
      // Long-lived signals (a scheduler's stop signal) see many sleeps: never leak listeners.
      const sleeper: Sleeper = {
        at: at.getTime(),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Number of pending sleepers (lets tests wait until the code under test is idle). */
  get pendingSleepers(): number {
    return this.sleepers.length;
  }

  /**
   * Jumps straight to `to` and then wakes every sleeper that is due, all seeing the new time
   * (like a machine resuming from suspend). Use for long spans that capped waits would
   * otherwise walk through 30 s at a time.
   */
  async jump(to: Date | string | number): Promise<void> {
    const target = new Date(to).getTime();
    if (target < this.current) throw new Error('ManualClock: time cannot go backwards');
    this.current = target;
    const due = this.sleepers.filter((s) => s.at <= target);
    this.sleepers = this.sleepers.filter((s) => s.at > target);
    for (const s of due) s.resolve();
    await flushMicrotasks();
  }

  /** Moves time forward by `ms`, waking sleepers step by step. */
  async advance(ms: number): Promise<void> {
    await this.set(this.current + ms);
  }

  /** Moves time to `to` (never backwards unless `allowBackwards`, for clock-step tests). */
  async set(to: Date | string | number, allowBackwards = false): Promise<void> {
    const target = new Date(to).getTime();
    if (target < this.current && !allowBackwards) throw new Error('ManualClock: time cannot go backwards');
    for (;;) {
      const next = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.current = Math.max(this.current, next.at);
      this.sleepers = this.sleepers.filter((s) => s !== next);
      next.resolve();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }
}

/** Lets promise chains and I/O callbacks started by woken code settle. */
export async function flushMicrotasks(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}
