/**
 * Fire-time computation for every schedule kind (re-exported from schedule.ts).
 * All functions are pure: the caller passes `after` (from its Clock), never "now".
 */
import { nextCronFire } from './cron-fire.js';
import { LATEST_INSTANT_MS } from './instant-range.js';
import type { CalendarSchedule, IntervalSchedule, Schedule, ScheduleBounds } from './schedule-kinds.js';
import { addCalendar, compareWallTime, parseWallTime, type WallTime } from './time/civil.js';
import { fromWallTime, toWallTime } from './time/zoned.js';

function nextInterval(s: IntervalSchedule, after: number): number {
  const anchor = s.anchor.getTime();
  if (anchor > after) return anchor;
  // anchor + k*everyMs, smallest k with a time strictly after `after`: no drift however late
  // the previous run was.
  const k = Math.floor((after - anchor) / s.everyMs) + 1;
  return anchor + k * s.everyMs;
}

function calendarAnchor(s: CalendarSchedule): WallTime {
  const w = parseWallTime(s.anchor);
  if (!w) throw new RangeError(`calendar anchor is not a wall time: ${s.anchor}`);
  return w;
}

/** The k-th occurrence (k >= 0) of a calendar schedule, always computed from the anchor so month-end clamping never accumulates (Jan 31, Feb 28, Mar 31 …). */
function calendarOccurrence(s: CalendarSchedule, anchor: WallTime, k: number, timeZone: string): number {
  return fromWallTime(addCalendar(anchor, s.unit, k * s.step), timeZone).getTime();
}

function nextCalendar(s: CalendarSchedule, timeZone: string, after: number): number {
  const anchor = calendarAnchor(s);
  const wallAfter = toWallTime(new Date(after), timeZone);
  let k = 0;
  if (compareWallTime(wallAfter, anchor) > 0) {
    // Jump close to the answer, then step: the estimate undershoots by at most a couple of steps.
    const months = (wallAfter.year - anchor.year) * 12 + (wallAfter.month - anchor.month);
    const days = Math.floor(
      (Date.UTC(wallAfter.year, wallAfter.month - 1, wallAfter.day) - Date.UTC(anchor.year, anchor.month - 1, anchor.day)) / 86_400_000,
    );
    const units =
      s.unit === 'day' ? days : s.unit === 'week' ? Math.floor(days / 7) : s.unit === 'month' ? months : Math.floor(months / 12);
    k = Math.max(0, Math.floor(units / s.step) - 2);
  }
  // A 24-hour gap (Pacific/Apia 2011) can map two occurrences to one instant; the loop skips
  // anything not strictly after `after`, so it fires once.
  for (; ; k++) {
    const t = calendarOccurrence(s, anchor, k, timeZone);
    if (t > after) return t;
  }
}

/**
 * The first fire strictly after `after`, or null if the schedule never fires again.
 * `timeZone` is the job's IANA zone (used by calendar and cron). Ignores bounds; see
 * {@link nextFireWithin}.
 * - once: `at` if later than `after`.
 * - interval: `anchor + k*everyMs` (real elapsed time; the anchor itself is the first fire).
 * - calendar: the anchor's wall time stepped in the zone (wall clock kept across DST).
 * - cron: croner's matches with Chime's DST rules (see cron-fire.ts).
 * - multi: the earliest trigger. manual: null.
 */
export function nextFire(schedule: Schedule, timeZone: string, after: Date): Date | null {
  const next = uncheckedNextFire(schedule, timeZone, after);
  // Nothing fires past the supported range (year 9999): such a schedule has ended.
  return next && next.getTime() <= LATEST_INSTANT_MS ? next : null;
}

function uncheckedNextFire(schedule: Schedule, timeZone: string, after: Date): Date | null {
  const a = after.getTime();
  switch (schedule.kind) {
    case 'once':
      return schedule.at.getTime() > a ? new Date(schedule.at.getTime()) : null;
    case 'interval':
      return new Date(nextInterval(schedule, a));
    case 'calendar':
      return new Date(nextCalendar(schedule, timeZone, a));
    case 'cron':
      return nextCronFire(schedule.pattern, timeZone, after);
    case 'multi': {
      let best: Date | null = null;
      for (const t of schedule.triggers) {
        const n = nextFire(t, timeZone, after);
        if (n && (!best || n < best)) best = n;
      }
      return best;
    }
    case 'manual':
      return null;
  }
}

/**
 * Applies bounds to a computed fire: null when the job has used up `maxRuns` (given how many
 * scheduled runs it has had, `runCount`) or the fire lies after `endAt` (inclusive bound).
 * `startAt` is applied to the search instead, by {@link boundedAfter}.
 */
export function applyBounds(fire: Date | null, bounds: ScheduleBounds | undefined, runCount = 0): Date | null {
  if (!fire || !bounds) return fire;
  if (bounds.maxRuns !== undefined && runCount >= bounds.maxRuns) return null;
  if (bounds.endAt && fire.getTime() > bounds.endAt.getTime()) return null;
  return fire;
}

/** The instant to search after so that no fire lands before `startAt` (a fire exactly at `startAt` counts). */
export function boundedAfter(after: Date, bounds: ScheduleBounds | undefined): Date {
  if (!bounds?.startAt) return after;
  const start = bounds.startAt.getTime() - 1;
  return start > after.getTime() ? new Date(start) : after;
}

/**
 * {@link nextFire} within bounds: the first fire strictly after `after`, not before `startAt`,
 * not after `endAt`, and null once `runCount` scheduled runs reached `maxRuns`.
 */
export function nextFireWithin(schedule: Schedule, timeZone: string, after: Date, bounds?: ScheduleBounds, runCount = 0): Date | null {
  if (bounds?.maxRuns !== undefined && runCount >= bounds.maxRuns) return null;
  return applyBounds(nextFire(schedule, timeZone, boundedAfter(after, bounds)), bounds, runCount);
}

/**
 * Up to `count` successive fires strictly after `after`, within `bounds` (each listed fire
 * counts as a run towards `maxRuns`, starting from `runCount`). Fewer when the schedule ends.
 */
export function nextFires(schedule: Schedule, timeZone: string, after: Date, count: number, bounds?: ScheduleBounds, runCount = 0): Date[] {
  const out: Date[] = [];
  let cursor = after;
  for (let i = 0; i < count; i++) {
    const next = nextFireWithin(schedule, timeZone, cursor, bounds, runCount + i);
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}

/**
 * True when the schedule repeats by a rule (interval, calendar, cron, or a multi holding one):
 * another occurrence always follows, so one missed by more than the grace window may be
 * skipped. One-off times are never skipped, alone or in a multi.
 */
export function isRecurring(schedule: Schedule): boolean {
  switch (schedule.kind) {
    case 'once':
    case 'manual':
      return false;
    case 'multi':
      return schedule.triggers.some((t) => isRecurring(t));
    default:
      return true;
  }
}

/**
 * True when the schedule can fire more than once: it repeats, or it is a multi of several
 * one-off times ("on wednesday at 3 pm and on saturday at 10 am"). One run does not finish
 * such a job: it stays active until its last fire, and stopping it means something.
 */
export function firesMoreThanOnce(schedule: Schedule): boolean {
  return isRecurring(schedule) || (schedule.kind === 'multi' && schedule.triggers.length > 1);
}

function earlier(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

type Trigger = Exclude<Schedule, { kind: 'multi' } | { kind: 'manual' }>;

function triggersOf(schedule: Schedule): Trigger[] {
  if (schedule.kind === 'multi') return schedule.triggers;
  return schedule.kind === 'manual' ? [] : [schedule];
}

/**
 * Where a schedule goes after its occurrence at `occurrence` ran (or was skipped) at `now`:
 * the job's next fire, or null when nothing follows (bounds included; `runCount` counts the
 * runs so far, this one included).
 * - Repeating triggers continue at their first fire after both `occurrence` and `now`:
 *   counting from the schedule keeps them on their grid with no drift, and occurrences missed
 *   during downtime or a long run coalesce into the one that just ran.
 * - One-off triggers are each a promise to someone and are never dropped: the next one after
 *   `occurrence` comes next even when it is already past (it then runs late).
 * - A plain one-off (and a manual schedule) has no following fire: its run, on time, late or
 *   snoozed, was its only one.
 */
export function nextFireAfterOccurrence(
  schedule: Schedule,
  timeZone: string,
  occurrence: Date,
  now: Date,
  bounds: ScheduleBounds | undefined,
  runCount: number,
): Date | null {
  if (schedule.kind === 'once' || schedule.kind === 'manual') return null;
  const resume = occurrence.getTime() > now.getTime() ? occurrence : now;
  const oneOffs = triggersOf(schedule).filter((t) => t.kind === 'once');
  const repeating = triggersOf(schedule).filter((t) => t.kind !== 'once');
  const nextOneOff = oneOffs.length ? nextFireWithin({ kind: 'multi', triggers: oneOffs }, timeZone, occurrence, bounds, runCount) : null;
  const nextRepeat = repeating.length ? nextFireWithin({ kind: 'multi', triggers: repeating }, timeZone, resume, bounds, runCount) : null;
  return earlier(nextOneOff, nextRepeat);
}

/** No schedule fires twice within this (cron's resolution is a second; intervals are longer). */
const FINEST_GAP_MS = 1000;
/** First look-back window of {@link latestFireUpTo}; each next one is 8 times longer. */
const LOOKBACK_FIRST_MS = 60_000;

/**
 * The most recent fire of `schedule` at or before `now`, where `due` (at or before `now`) is
 * the oldest occurrence not yet run; `due` itself when no fire has come since. Looks back from
 * `now` in growing windows, so two hours of a missed every-minute job cost two or three fire
 * computations, not a hundred and twenty.
 */
export function latestFireUpTo(
  schedule: Schedule,
  timeZone: string,
  due: Date,
  now: Date,
  bounds: ScheduleBounds | undefined,
  runCount: number,
): Date {
  const first = nextFireWithin(schedule, timeZone, due, bounds, runCount);
  if (!first || first.getTime() > now.getTime()) return due;
  for (let span = LOOKBACK_FIRST_MS; ; span *= 8) {
    const start = Math.max(first.getTime(), now.getTime() - span);
    // Strictly after start - 1 ms: a fire exactly at the window's start counts. The window
    // that starts at `first` always holds `first`, so the loop ends.
    let fire = nextFireWithin(schedule, timeZone, new Date(start - 1), bounds, runCount);
    if (fire && fire.getTime() <= now.getTime()) {
      for (
        let next = nextFireWithin(schedule, timeZone, fire, bounds, runCount);
        next && next.getTime() <= now.getTime();
        next = nextFireWithin(schedule, timeZone, fire, bounds, runCount)
      ) {
        fire = next;
      }
      return fire;
    }
  }
}

/** Which occurrence a scheduled run stands for, and whether it is too late to run at all. */
export interface DueOccurrence {
  at: Date;
  skip: boolean;
}

/**
 * The occurrence a scheduled run that fell due at `due` stands for when it starts at `now`:
 * - a one-off time is never skipped: a missed reminder is still delivered, late; in a
 *   schedule mixing both kinds, a one-off time missed while Chime was down runs first;
 * - a repeating schedule's missed occurrences coalesce into the MOST RECENT one, and lateness
 *   is judged from that one against `graceMs`: after two hours down, an every-minute job runs
 *   once (its latest minute is seconds old) while a daily 09:00 job found at 17:00 is skipped.
 */
export function dueOccurrence(
  schedule: Schedule,
  timeZone: string,
  due: Date,
  now: Date,
  graceMs: number,
  bounds: ScheduleBounds | undefined,
  runCount: number,
): DueOccurrence {
  if (!isRecurring(schedule)) return { at: due, skip: false };
  const lateMs = now.getTime() - due.getTime();
  if (lateMs < FINEST_GAP_MS) return { at: due, skip: lateMs > graceMs };
  const missedOneOff = triggersOf(schedule)
    .filter((t): t is Extract<Trigger, { kind: 'once' }> => t.kind === 'once')
    .map((t) => t.at.getTime())
    .filter((t) => t >= due.getTime() && t <= now.getTime())
    .sort((a, b) => a - b)[0];
  if (missedOneOff !== undefined) return { at: new Date(missedOneOff), skip: false };
  const latest = latestFireUpTo(schedule, timeZone, due, now, bounds, runCount);
  return { at: latest, skip: now.getTime() - latest.getTime() > graceMs };
}
