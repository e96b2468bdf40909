/**
 * Checks a schedule (and its zone) before it is stored, so nothing later trips over it.
 * Every failure is a UserError with code `schedule.invalid` (or `timezone.invalid`) saying what
 * is wrong and an example that would work (re-exported from schedule.ts).
 */
import { cronMatcher, expandNickname } from './cron-cache.js';
import { nextCronFire } from './cron-fire.js';
import { UserError } from './errors.js';
import { assertSupportedInstant, outOfRange } from './instant-range.js';
import type { Schedule, ScheduleBounds } from './schedule-kinds.js';
import { nextFires } from './schedule-next.js';
import { formatDuration } from './duration.js';
import { parseWallTime } from './time/civil.js';
import { assertTimeZone } from './time/zone-id.js';

/**
 * Shortest gap between two fires of a job, for every schedule form (interval, cron, a
 * combined schedule): one a minute at most, so nobody can make Chime message a chat every
 * second. Only the operator's own jobs may go below (see OPERATOR_MIN_INTERVAL_MS).
 */
export const MIN_INTERVAL_MS = 60_000;
/** The operator's floor: below one second the scheduler loop would only spin. */
export const OPERATOR_MIN_INTERVAL_MS = 1000;
/** Fires of a combined schedule checked for the minimum gap between its triggers. */
const MULTI_GAP_SAMPLE = 60;

/** What validateSchedule checks beyond the schedule's form. */
export interface ValidateOptions {
  /** No two fires closer than this (ms). Default {@link MIN_INTERVAL_MS}. */
  minIntervalMs?: number;
  /** Where the "can it ever fire" and combined-gap checks start. Default: the Unix epoch (no clock needed). */
  from?: Date;
}
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

const EVERY_MINUTE_EXAMPLE = 'every:1m, cron:* * * * * (every minute), cron:0 */5 * * * * (every 5 minutes)';

function tooOften(what: string, minIntervalMs: number): UserError {
  return invalid(`${what}; a job may fire at most once every ${formatDuration(minIntervalMs)}.`, EVERY_MINUTE_EXAMPLE);
}

/**
 * The shortest gap between fires of a cron pattern's wall times, as far as it can fall below
 * a minute: croner lists matches second by second, and two of three consecutive matches lie
 * within one minute exactly when the seconds field holds more than one value (`* * * * * *`,
 * `*\/1`, `0,30`). Otherwise matches are whole minutes apart, and so are their instants (a DST
 * change moves wall times by whole minutes).
 */
function cronGapBelowMinute(pattern: string): number | undefined {
  const fields = expandNickname(pattern).split(' ');
  // No seconds field, or a single second: whole minutes apart, no need to ask croner.
  if (fields.length !== 6 || /^\d+$/.test(fields[0]!)) return undefined;
  const matcher = cronMatcher(pattern);
  let prev = matcher.nextWall(0);
  let shortest: number | undefined;
  for (let i = 0; i < 2 && prev !== null; i++) {
    const next = matcher.nextWall(prev);
    if (next === null) break;
    if (next - prev < 60_000) shortest = Math.min(shortest ?? Infinity, next - prev);
    prev = next;
  }
  return shortest;
}

function validateTrigger(s: Schedule, timeZone: string, nested: boolean, minIntervalMs: number): void {
  switch (s.kind) {
    case 'once':
      if (!isGoodDate(s.at)) throw invalid('A one-off schedule needs a valid date and time.', 'at:2026-12-01T14:30:00 or in:1h');
      assertSupportedInstant(s.at);
      return;
    case 'interval':
      if (typeof s.everyMs !== 'number' || !Number.isInteger(s.everyMs)) {
        throw invalid('An interval must be a whole number of milliseconds.', 'every:30m, 5m, 2h');
      }
      if (s.everyMs < minIntervalMs) throw tooOften(`Every ${formatDuration(s.everyMs)} is too often`, minIntervalMs);
      if (s.everyMs > MAX_INTERVAL_MS)
        throw invalid('An interval can be at most 100 years; for a single run use a date.', 'at:2030-01-01T09:00:00');
      if (!isGoodDate(s.anchor)) throw invalid('An interval needs a valid start (anchor) time.', 'every:30m');
      assertSupportedInstant(s.anchor, 'The start of that interval');
      return;
    case 'calendar':
      if (!['day', 'week', 'month', 'year'].includes(s.unit)) {
        throw invalid(`A calendar unit must be day, week, month or year (got "${String(s.unit)}").`, 'calendar:2w@2026-11-24T09:00:00');
      }
      if (!Number.isInteger(s.step) || s.step < 1 || s.step > MAX_CALENDAR_STEP) {
        throw invalid(
          `A calendar step must be a whole number from 1 to ${MAX_CALENDAR_STEP} (got ${String(s.step)}).`,
          'calendar:2w@2026-11-24T09:00:00',
        );
      }
      if (typeof s.anchor !== 'string' || !parseWallTime(s.anchor) || s.anchor.length !== 19) {
        throw invalid(
          `A calendar anchor must be a local date and time YYYY-MM-DDTHH:mm:ss (got "${String(s.anchor)}").`,
          'calendar:1d@2026-11-24T08:00:00',
        );
      }
      if ((parseWallTime(s.anchor)?.year ?? 0) < 1) throw outOfRange('The start of that repeat');
      return;
    case 'cron':
      if (typeof s.pattern !== 'string' || s.pattern.trim() === '') throw invalid('A cron schedule needs a pattern.', 'cron:0 9 * * 1-5');
      cronMatcher(s.pattern);
      if (minIntervalMs > OPERATOR_MIN_INTERVAL_MS) {
        const gap = cronGapBelowMinute(s.pattern);
        if (gap !== undefined && gap < minIntervalMs)
          throw tooOften(`The cron pattern "${s.pattern}" fires ${formatDuration(gap)} apart`, minIntervalMs);
      }
      return;
    case 'multi':
      if (nested) throw invalid('A combined schedule cannot contain another combined schedule.', 'cron:0 9 * * * | cron:0 10 * * 6');
      if (!Array.isArray(s.triggers) || s.triggers.length === 0)
        throw invalid('A combined schedule needs at least one trigger.', 'cron:0 9 * * * | cron:0 10 * * 6');
      for (const t of s.triggers) {
        if ((t.kind as string) === 'manual' || (t.kind as string) === 'multi') {
          throw invalid(
            `A combined schedule can hold one-off, interval, calendar and cron triggers, not "${t.kind}".`,
            'cron:0 9 * * * | cron:0 10 * * 6',
          );
        }
        validateTrigger(t, timeZone, true, minIntervalMs);
      }
      return;
    case 'manual':
      return;
    default:
      throw invalid(
        `Unknown schedule kind "${String((s as { kind?: unknown }).kind)}".`,
        'every:30m, cron:0 9 * * *, at:2026-12-01T14:30:00',
      );
  }
}

/** Throws UserError unless the bounds' dates are valid and within the supported range, and a run count is a whole number from 1. */
export function validateBounds(bounds: ScheduleBounds | undefined): void {
  if (!bounds) return;
  for (const [d, what] of [
    [bounds.startAt, 'That start'],
    [bounds.endAt, 'That end'],
  ] as const) {
    if (d === undefined) continue;
    if (!isGoodDate(d)) throw invalid(`${what} is not a valid date and time.`, ';until:2026-12-31T23:59:59');
    assertSupportedInstant(d, what);
  }
  if (bounds.maxRuns !== undefined && (!Number.isInteger(bounds.maxRuns) || bounds.maxRuns < 1)) {
    throw invalid(`A run count must be a whole number, 1 or more (got ${String(bounds.maxRuns)}).`, ';count:5');
  }
}

/**
 * Throws UserError unless `schedule` is well-formed, `timeZone` a known IANA zone, and no two
 * fires come closer than `minIntervalMs` (default a minute; for a combined schedule checked
 * over its first fires). A cron pattern that can never fire (`0 0 30 2 *`, February 30th) is
 * rejected too, checked from `from` (default: the Unix epoch, so validation needs no clock).
 */
export function validateSchedule(schedule: Schedule, timeZone: string, opts: ValidateOptions = {}): void {
  const minIntervalMs = Math.max(OPERATOR_MIN_INTERVAL_MS, opts.minIntervalMs ?? MIN_INTERVAL_MS);
  const from = opts.from ?? new Date(0);
  assertTimeZone(timeZone);
  if (!schedule || typeof schedule !== 'object') throw invalid('A schedule is missing.', 'every:30m');
  validateTrigger(schedule, timeZone, false, minIntervalMs);
  const crons = schedule.kind === 'cron' ? [schedule] : schedule.kind === 'multi' ? schedule.triggers.filter((t) => t.kind === 'cron') : [];
  for (const c of crons) {
    if (c.kind === 'cron' && nextCronFire(c.pattern, timeZone, from) === null) {
      throw invalid(
        `The cron pattern "${c.pattern}" never matches a real date.`,
        '0 0 28 2 * (February 28th), 0 0 L * * (last day of the month)',
      );
    }
  }
  if (schedule.kind === 'multi' && minIntervalMs > OPERATOR_MIN_INTERVAL_MS) assertMultiGap(schedule, timeZone, from, minIntervalMs);
}

/**
 * Triggers that are each slow enough can still fire close together ("every 1m" anchored at
 * :00 and another at :30): their merged fires must keep the minimum gap too. Checked over the
 * first fires from `from`, which shows any such pairing of minute-scale triggers.
 */
function assertMultiGap(schedule: Extract<Schedule, { kind: 'multi' }>, timeZone: string, from: Date, minIntervalMs: number): void {
  const fires = nextFires(schedule, timeZone, from, MULTI_GAP_SAMPLE);
  for (let i = 1; i < fires.length; i++) {
    const gap = fires[i]!.getTime() - fires[i - 1]!.getTime();
    if (gap < minIntervalMs) throw tooOften(`Its times come ${formatDuration(gap)} apart`, minIntervalMs);
  }
}
