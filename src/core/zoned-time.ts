/**
 * Wall-clock time in IANA zones, built on `Intl.DateTimeFormat` only (no tz database of our own).
 *
 * A "wall time" is what a clock on the wall in that zone shows. Converting wall time to an
 * instant is where daylight saving bites; Chime's rules (product decisions, tested in
 * test/core/zoned-time.test.ts):
 * - A wall time that does not exist (spring forward gap) is shifted forward by the length of the
 *   gap: 02:30 on 2027-03-14 in America/New_York becomes 03:30 EDT. In zones whose clocks jump at
 *   midnight (America/Santiago) 00:15 becomes 01:15; on Pacific/Apia's skipped 2011-12-30 a wall
 *   time lands on the same time of 2011-12-31.
 * - A wall time that happens twice (fall back overlap) means its FIRST occurrence (the one with
 *   the larger UTC offset, e.g. 01:30 EDT rather than 01:30 EST).
 *
 * Formatters are created once per zone and cached: constructing an `Intl.DateTimeFormat` costs
 * tens of microseconds, formatting with an existing one about one.
 */
import { UserError } from './errors.js';

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
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const validity = new Map<string, boolean>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for unknown zones; callers that take user input check isValidTimeZone first.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True if `timeZone` is an IANA zone (or alias such as `UTC`) known to this runtime's Intl. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  const known = validity.get(timeZone);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    formatterFor(timeZone);
    ok = true;
  } catch {
    ok = false;
  }
  // Bounded: garbage zone names from users must not grow the cache without limit.
  if (validity.size < 1000) validity.set(timeZone, ok);
  return ok;
}

/** Throws a UserError (`timezone.invalid`) unless `timeZone` is a known IANA zone. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new UserError(
      'timezone.invalid',
      `"${String(timeZone)}" is not a time zone I know. Use an IANA name.`,
      'Europe/Berlin, America/New_York, Asia/Tokyo or UTC',
    );
  }
}

/** Day of week (0 = Sunday) of a proleptic Gregorian date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return utcDate(year, month, day).getUTCDay();
}

/** Midnight UTC of a date; out-of-range months/days roll over (Dec 32 = Jan 1 next year). */
function utcDate(year: number, month: number, day: number): Date {
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999.
  if (year >= 0 && year < 100) d.setUTCFullYear(d.getUTCFullYear() - 1900);
  return d;
}

/** Milliseconds since the epoch of a wall time read as if it were UTC. */
function wallToUtcMs(w: WallTimeInput): number {
  const d = utcDate(w.year, w.month, w.day);
  return d.getTime() + w.hour * MS_PER_HOUR + w.minute * MS_PER_MINUTE + w.second * 1000;
}

function utcMsToWall(ms: number): WallTime {
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

/** Wall time straight from Intl (slow path, ~4 µs). */
function intlWallTime(instant: Date, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
      default: break;
    }
  }
  if (bc) year = 1 - year;
  return { year, month, day, hour, minute, second, weekday: weekdayOf(year, month, day) };
}

/**
 * Offsets per zone and UTC hour, cached when the offset is the same at both ends of the hour
 * (true for every hour but the few containing a DST change; zones never change twice within
 * an hour). Turns most conversions into arithmetic instead of an Intl call.
 */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_MAX = 20_000;

function rawOffsetMs(secMs: number, timeZone: string): number {
  return wallToUtcMs(intlWallTime(new Date(secMs), timeZone)) - secMs;
}

/**
 * The hours that contain an offset change, per zone: the offsets either side and the first
 * second of the new one, found once by bisection. Searches for the next fire of a schedule
 * read these hours second by second, and an Intl call costs microseconds each.
 */
const changeCache = new Map<string, Map<number, { before: number; after: number; changeAt: number }>>();

function changeInHour(hour: number, timeZone: string, before: number, after: number): { before: number; after: number; changeAt: number } {
  let zone = changeCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    changeCache.set(timeZone, zone);
  }
  // Offset `before` holds at lo, `after` at hi; zones never change twice within an hour.
  let lo = hour * MS_PER_HOUR;
  let hi = lo + MS_PER_HOUR - 1000;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (rawOffsetMs(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  const entry = { before, after, changeAt: hi };
  if (zone.size >= OFFSET_CACHE_MAX) zone.clear();
  zone.set(hour, entry);
  return entry;
}

/** Offset (wall minus UTC, ms, whole seconds) of `timeZone` at `secMs` (a whole second). */
function offsetMsAt(secMs: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const hour = Math.floor(secMs / MS_PER_HOUR);
  const hit = zone.get(hour);
  if (hit !== undefined) return hit;
  const known = changeCache.get(timeZone)?.get(hour);
  if (known) return secMs < known.changeAt ? known.before : known.after;
  const start = hour * MS_PER_HOUR;
  const a = rawOffsetMs(start, timeZone);
  const b = rawOffsetMs(start + MS_PER_HOUR - 1000, timeZone);
  if (a !== b) {
    const change = changeInHour(hour, timeZone, a, b);
    return secMs < change.changeAt ? change.before : change.after;
  }
  if (zone.size >= OFFSET_CACHE_MAX) zone.clear();
  zone.set(hour, a);
  return a;
}

/** The wall time shown in `timeZone` at `instant` (milliseconds are dropped). */
export function toWallTime(instant: Date, timeZone: string): WallTime {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return utcMsToWall(ms + offsetMsAt(ms, timeZone));
}

/** UTC offset of `timeZone` at `instant`, in minutes east of UTC (Berlin in winter: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round(offsetMsAt(ms, timeZone) / MS_PER_MINUTE);
}

function sameWall(a: WallTimeInput, b: WallTimeInput): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

/**
 * The instant at which `timeZone` shows `wall`, applying the DST rules above: a non-existent
 * time is shifted forward by the gap, an ambiguous one takes its first occurrence.
 * Out-of-range fields (day 32, hour 24) roll over like `Date.UTC` does.
 */
export function fromWallTime(wall: WallTimeInput, timeZone: string): Date {
  const local = wallToUtcMs(wall);
  if (!Number.isFinite(local)) throw new RangeError('Invalid wall time');
  const norm = utcMsToWall(local);
  // Offsets a day and a half either side cover every zone (-12h..+14h) and one transition.
  const before = offsetMsAt(local - 36 * MS_PER_HOUR, timeZone);
  const after = offsetMsAt(local + 36 * MS_PER_HOUR, timeZone);
  // Fast path: no offset change anywhere near, so the wall time exists exactly once.
  if (before === after) return new Date(local - before);
  const here = offsetMsAt(local, timeZone);
  let best: number | undefined;
  for (const off of new Set([before, here, after])) {
    const t = local - off;
    if (sameWall(toWallTime(new Date(t), timeZone), norm) && (best === undefined || t < best)) best = t;
  }
  if (best !== undefined) return new Date(best);
  // A gap: read the wall time with the offset in force before the jump, which lands exactly
  // "gap" later on the far side (02:30 EST = 03:30 EDT).
  return new Date(local - before);
}

function pad(n: number, width = 2): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** `YYYY-MM-DDTHH:mm:ss` (no zone). */
export function formatWallTime(w: WallTimeInput): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with the zone's offset, whole seconds: `2026-11-23T09:00:00+01:00` (UTC: `+00:00`). */
export function formatInZone(instant: Date, timeZone: string): string {
  const wall = toWallTime(instant, timeZone);
  return formatWallTime(wall) + formatOffset(offsetMinutes(instant, timeZone));
}

const WALL_RE = /^(-?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss` (no zone, no offset) as a
 * wall time, or returns undefined if the text is not one or names an impossible date (Feb 30).
 */
export function parseWallTime(text: string): WallTime | undefined {
  const m = WALL_RE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second, weekday: weekdayOf(year, month, day) };
}

/** Number of days in a month (1-12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
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

/** Midnight at the start of the wall time's day. */
export function startOfDay(wall: WallTimeInput): WallTime {
  return { year: wall.year, month: wall.month, day: wall.day, hour: 0, minute: 0, second: 0, weekday: weekdayOf(wall.year, wall.month, wall.day) };
}

/** The first instant of the local day containing `instant` in `timeZone` (DST rules apply). */
export function startOfDayInZone(instant: Date, timeZone: string): Date {
  return fromWallTime(startOfDay(toWallTime(instant, timeZone)), timeZone);
}

/** Compares wall times: negative if `a` is earlier, 0 if equal, positive if later. */
export function compareWallTime(a: WallTimeInput, b: WallTimeInput): number {
  return wallToUtcMs(a) - wallToUtcMs(b);
}

/** Whole calendar days from `a`'s date to `b`'s date (times ignored). */
export function daysBetween(a: WallTimeInput, b: WallTimeInput): number {
  return Math.round((utcDate(b.year, b.month, b.day).getTime() - utcDate(a.year, a.month, a.day).getTime()) / MS_PER_DAY);
}
