/**
 * The parser's compact date and wall-time shapes ({y, m, d} and {y, m, d, h, mi, s}) over the
 * core time layer, which owns every rule: calendar arithmetic and month-end clamping
 * (core/time/civil.ts), zone validity and offsets (core/time/zone.ts), and the DST rule for
 * wall time <-> instant (core/time/zoned.ts: a missing wall time shifts forward by the gap, a
 * repeated one takes its first occurrence). Only the shape is the parser's own.
 */
import {
  addCalendar,
  compareWallTime,
  daysInMonth,
  formatWallTime,
  isValidDate,
  wallToUtcMs,
  weekdayOf as civilWeekdayOf,
  type WallTimeInput,
} from '../core/time/civil.js';
import { fromWallTime, toWallTime } from '../core/time/zoned.js';
import { offsetMsAt } from '../core/time/zone-offset.js';

export { daysInMonth, isValidDate };

/** A calendar date in some zone. Months are 1-12. */
export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** A wall-clock time in some zone (no offset). */
export interface Wall extends LocalDate {
  h: number;
  mi: number;
  s: number;
}

function civil(date: LocalDate): WallTimeInput {
  const w = date as Partial<Wall>;
  return { year: date.y, month: date.m, day: date.d, hour: w.h ?? 0, minute: w.mi ?? 0, second: w.s ?? 0 };
}

function dateOf(w: WallTimeInput): LocalDate {
  return { y: w.year, m: w.month, d: w.day };
}

/** Day of week, 0 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return civilWeekdayOf(date.y, date.m, date.d);
}

/** `date` moved by `n` days (may be negative). */
const SHORT_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day as the parser's questions and notes name it: "Fri 4 Dec". */
export function dayName(d: LocalDate): string {
  return `${SHORT_WEEKDAYS[weekdayOf(d)]} ${d.d} ${SHORT_MONTHS[d.m - 1]}`;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return dateOf(addCalendar(civil(date), 'day', n));
}

/** `date` moved by `n` months; a day that does not exist becomes the month's last day. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  return dateOf(addCalendar(civil(date), 'month', n));
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareWall(a: Wall, b: Wall): number {
  return compareWallTime(civil(a), civil(b));
}

/** The next date after `from` (exclusive) falling on `weekday`. */
export function nextWeekday(from: LocalDate, weekday: number): LocalDate {
  const diff = (weekday - weekdayOf(from) + 7) % 7;
  return addDays(from, diff === 0 ? 7 : diff);
}

/** Monday of the ISO week containing `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** `YYYY-MM-DDTHH:mm:ss` (the form CalendarSchedule anchors use). */
export function formatWall(w: Wall): string {
  return formatWallTime(civil(w));
}

/** A date at a time of day. */
export function at(date: LocalDate, h: number, mi = 0, s = 0): Wall {
  return { y: date.y, m: date.m, d: date.d, h, mi, s };
}

/** Wall-clock time of `instant` in `zone` (seconds precision). */
export function toWall(instant: Date, zone: string): Wall {
  const w = toWallTime(instant, zone);
  return { y: w.year, m: w.month, d: w.day, h: w.hour, mi: w.minute, s: w.second };
}

/** The instant at which `zone` shows wall time `w`. */
export function fromWall(w: Wall, zone: string): Date {
  return fromWallTime(civil(w), zone);
}

/** Whether `zone` shows something other than `w` at `instant` (fields rolling over aside): `w` fell in a DST gap. */
export function shiftedByGap(w: Wall, instant: Date, zone: string): boolean {
  // The wall time `zone` shows, as "wall read as UTC" ms: toWall's arithmetic without building
  // its fields only to turn them back into ms (every placed one-off time passes here).
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return wallToUtcMs(civil(w)) !== ms + offsetMsAt(ms, zone);
}
