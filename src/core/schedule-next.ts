/**
 * Fire-time computation for every schedule kind (re-exported from schedule.ts).
 * All functions are pure: the caller passes `after` (from its Clock), never "now".
 */
import { nextCronFire } from './cron-fire.js';
import type { CalendarSchedule, IntervalSchedule, Schedule, ScheduleBounds } from './schedule.js';
import { addCalendar, compareWallTime, fromWallTime, parseWallTime, toWallTime, type WallTime } from './zoned-time.js';

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
    const days = Math.floor((Date.UTC(wallAfter.year, wallAfter.month - 1, wallAfter.day) - Date.UTC(anchor.year, anchor.month - 1, anchor.day)) / 86_400_000);
    const units = s.unit === 'day' ? days : s.unit === 'week' ? Math.floor(days / 7) : s.unit === 'month' ? months : Math.floor(months / 12);
    k = Math.max(0, Math.floor(units / s.step) - 2);
  }
  // A 24-hour gap (Pacific/Apia 2011) can map two occurrences to one instant; the loop skips
  // anything not strictly after `after`, so it fires once.
  for (;; k++) {
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

/** True when the schedule can fire more than once (interval, calendar, cron, or a multi containing one). */
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
