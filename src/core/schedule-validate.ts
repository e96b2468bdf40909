/**
 * Checks a schedule (and its zone) before it is stored, so nothing later trips over it.
 * Every failure is a UserError with code `schedule.invalid` (or `timezone.invalid`) saying what
 * is wrong and an example that would work (re-exported from schedule.ts).
 */
import { cronMatcher } from './cron-cache.js';
import { nextCronFire } from './cron-fire.js';
import { UserError } from './errors.js';
import type { Schedule } from './schedule.js';
import { assertTimeZone, parseWallTime } from './zoned-time.js';

/** Shortest interval: below one second the scheduler loop would only spin. */
export const MIN_INTERVAL_MS = 1000;
/** Longest interval (100 years); beyond that a `once` schedule is what is meant. */
export const MAX_INTERVAL_MS = 100 * 365 * 86_400_000;
/** Largest calendar step ("every 1000 days" is the most anyone sensibly means). */
export const MAX_CALENDAR_STEP = 1000;

function invalid(message: string, example: string): UserError {
  return new UserError('schedule.invalid', message, example);
}

function isGoodDate(d: unknown): d is Date {
  return d instanceof Date && Number.isFinite(d.getTime());
}

function validateTrigger(s: Schedule, timeZone: string, nested: boolean): void {
  switch (s.kind) {
    case 'once':
      if (!isGoodDate(s.at)) throw invalid('A one-off schedule needs a valid date and time.', 'at:2026-12-01T14:30:00 or in:1h');
      return;
    case 'interval':
      if (typeof s.everyMs !== 'number' || !Number.isInteger(s.everyMs)) {
        throw invalid('An interval must be a whole number of milliseconds.', 'every:30m, 5m, 2h');
      }
      if (s.everyMs < MIN_INTERVAL_MS) throw invalid(`An interval must be at least 1 second (got ${s.everyMs} ms).`, 'every:30s, every:5m');
      if (s.everyMs > MAX_INTERVAL_MS) throw invalid('An interval can be at most 100 years; for a single run use a date.', 'at:2030-01-01T09:00:00');
      if (!isGoodDate(s.anchor)) throw invalid('An interval needs a valid start (anchor) time.', 'every:30m');
      return;
    case 'calendar':
      if (!['day', 'week', 'month', 'year'].includes(s.unit)) {
        throw invalid(`A calendar unit must be day, week, month or year (got "${String(s.unit)}").`, 'calendar:2w@2026-11-24T09:00:00');
      }
      if (!Number.isInteger(s.step) || s.step < 1 || s.step > MAX_CALENDAR_STEP) {
        throw invalid(`A calendar step must be a whole number from 1 to ${MAX_CALENDAR_STEP} (got ${String(s.step)}).`, 'calendar:2w@2026-11-24T09:00:00');
      }
      if (typeof s.anchor !== 'string' || !parseWallTime(s.anchor) || s.anchor.length !== 19) {
        throw invalid(`A calendar anchor must be a local date and time YYYY-MM-DDTHH:mm:ss (got "${String(s.anchor)}").`, 'calendar:1d@2026-11-24T08:00:00');
      }
      return;
    case 'cron':
      if (typeof s.pattern !== 'string' || s.pattern.trim() === '') throw invalid('A cron schedule needs a pattern.', 'cron:0 9 * * 1-5');
      cronMatcher(s.pattern);
      return;
    case 'multi':
      if (nested) throw invalid('A combined schedule cannot contain another combined schedule.', 'cron:0 9 * * * | cron:0 10 * * 6');
      if (!Array.isArray(s.triggers) || s.triggers.length === 0) throw invalid('A combined schedule needs at least one trigger.', 'cron:0 9 * * * | cron:0 10 * * 6');
      for (const t of s.triggers) {
        if ((t.kind as string) === 'manual' || (t.kind as string) === 'multi') {
          throw invalid(`A combined schedule can hold one-off, interval, calendar and cron triggers, not "${t.kind}".`, 'cron:0 9 * * * | cron:0 10 * * 6');
        }
        validateTrigger(t, timeZone, true);
      }
      return;
    case 'manual':
      return;
    default:
      throw invalid(`Unknown schedule kind "${String((s as { kind?: unknown }).kind)}".`, 'every:30m, cron:0 9 * * *, at:2026-12-01T14:30:00');
  }
}

/**
 * Throws UserError unless `schedule` is well-formed and `timeZone` a known IANA zone. A cron
 * pattern that can never fire (`0 0 30 2 *`, February 30th) is rejected too, checked from
 * `from` (default: the Unix epoch, so validation needs no clock).
 */
export function validateSchedule(schedule: Schedule, timeZone: string, from: Date = new Date(0)): void {
  assertTimeZone(timeZone);
  if (!schedule || typeof schedule !== 'object') throw invalid('A schedule is missing.', 'every:30m');
  validateTrigger(schedule, timeZone, false);
  const crons = schedule.kind === 'cron' ? [schedule] : schedule.kind === 'multi' ? schedule.triggers.filter((t) => t.kind === 'cron') : [];
  for (const c of crons) {
    if (c.kind === 'cron' && nextCronFire(c.pattern, timeZone, from) === null) {
      throw invalid(`The cron pattern "${c.pattern}" never matches a real date.`, '0 0 28 2 * (February 28th), 0 0 L * * (last day of the month)');
    }
  }
}
