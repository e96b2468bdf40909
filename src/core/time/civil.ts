/**
 * Civil (wall-clock) dates and times, independent of any zone: proleptic Gregorian arithmetic,
 * comparison, and the zone-less ISO form `YYYY-MM-DDTHH:mm:ss`. Months are 1-12, weekdays
 * 0 (Sunday) to 6 (Saturday), as in cron. The zone-aware half is zoned.ts.
 */

/** A local date and time in some zone. `month` is 1-12, `weekday` 0 = Sunday … 6 = Saturday. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A wall time to convert; the weekday is implied by the date and ignored if given. */
export type WallTimeInput = Omit<WallTime, 'weekday'> & { weekday?: number };

/** Calendar units for {@link addCalendar}. */
export type CalendarUnit = 'day' | 'week' | 'month' | 'year';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/** Midnight UTC of a date; out-of-range months/days roll over (Dec 32 = Jan 1 next year). */
function utcDate(year: number, month: number, day: number): Date {
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999.
  if (year >= 0 && year < 100) d.setUTCFullYear(d.getUTCFullYear() - 1900);
  return d;
}

/** Day of week (0 = Sunday) of a proleptic Gregorian date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return utcDate(year, month, day).getUTCDay();
}

/** Number of days in a month (1-12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

/** True when year-month-day names a real day (rejects Feb 30, month 13, fractions). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Milliseconds since the epoch of a wall time read as if it were UTC. */
export function wallToUtcMs(w: WallTimeInput): number {
  const d = utcDate(w.year, w.month, w.day);
  return d.getTime() + w.hour * MS_PER_HOUR + w.minute * MS_PER_MINUTE + w.second * 1000;
}

/** The wall time a UTC clock shows at `ms` (the inverse of {@link wallToUtcMs}). */
export function utcMsToWall(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * Adds `n` calendar units to a wall time; the time of day is kept. Months and years clamp the
 * day to the target month's length (Jan 31 + 1 month = Feb 28 or 29; Feb 29 + 1 year = Feb 28).
 * Clamping does not accumulate only if callers always add to the original anchor
 * (anchor + k months), never step from the previous result: the schedule code does that.
 */
export function addCalendar(wall: WallTimeInput, unit: CalendarUnit, n: number): WallTime {
  if (unit === 'day' || unit === 'week') {
    const days = unit === 'week' ? 7 * n : n;
    const d = utcDate(wall.year, wall.month, wall.day);
    d.setUTCDate(d.getUTCDate() + days);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    return { year, month, day, hour: wall.hour, minute: wall.minute, second: wall.second, weekday: d.getUTCDay() };
  }
  const months = unit === 'year' ? 12 * n : n;
  const total = wall.year * 12 + (wall.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(wall.day, daysInMonth(year, month));
  return { year, month, day, hour: wall.hour, minute: wall.minute, second: wall.second, weekday: weekdayOf(year, month, day) };
}

/** Compares wall times: negative if `a` is earlier, 0 if equal, positive if later. */
export function compareWallTime(a: WallTimeInput, b: WallTimeInput): number {
  return wallToUtcMs(a) - wallToUtcMs(b);
}

export function pad(n: number, width = 2): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** `YYYY-MM-DDTHH:mm:ss` (no zone): the form calendar schedule anchors are stored in. */
export function formatWallTime(w: WallTimeInput): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const WALL_RE = /^(-?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss` (no zone, no offset) as a
 * wall time, or returns undefined if the text is not one or names an impossible date (Feb 30).
 */
export function parseWallTime(text: string): WallTime | undefined {
  const m = WALL_RE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isValidDate(year, month, day)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second, weekday: weekdayOf(year, month, day) };
}
