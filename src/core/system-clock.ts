import type { Clock } from './ports/clock.js';

/** One shared instance: waits are aborted constantly (every re-arm) and a stack trace per abort is waste. */
const ABORTED = Object.assign(new Error('The wait was aborted'), { name: 'AbortError' });

/** The rejection of an aborted wait, the same for every clock. */
export function abortError(): Error {
  return ABORTED;
}

/**
 * Real time: the Clock the application runs on (a test or benchmark passes the manual clock of
 * src/clock.ts instead). It lives in core so that every layer can default to it without
 * importing the application; it is the one place in core that reads the system time.
 */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  sleepUntil(at: Date, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      // Clamp: a delay above 2^31-1 ms would fire immediately.
      const delay = Math.min(Math.max(0, at.getTime() - Date.now()), 2 ** 31 - 1);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, delay);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
