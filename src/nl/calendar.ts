/**
 * Pure calendar arithmetic on local (wall-clock) dates, independent of any zone. Months are
 * 1-12, weekdays 0 (Sunday) to 6 (Saturday), as in cron.
 */

/** A calendar date in some zone. */
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

const DAY_MS = 86_400_000;

function toEpochDay(date: LocalDate): number {
  return Math.floor(Date.UTC(date.y, date.m - 1, date.d) / DAY_MS);
}

function fromEpochDay(day: number): LocalDate {
  const t = new Date(day * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Day of week, 0 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

/** `date` moved by `n` days (may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Number of days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `date` moved by `n` months; a day that does not exist becomes the month's last day. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const total = date.y * 12 + (date.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/** True when y-m-d names a real day (rejects feb 30, month 13). */
export function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareWall(a: Wall, b: Wall): number {
  return a.y - b.y || a.m - b.m || a.d - b.d || a.h - b.h || a.mi - b.mi || a.s - b.s;
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

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DDTHH:mm:ss` (the form CalendarSchedule anchors use). */
export function formatWall(w: Wall): string {
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}

/** A date at a time of day. */
export function at(date: LocalDate, h: number, mi = 0, s = 0): Wall {
  return { y: date.y, m: date.m, d: date.d, h, mi, s };
}
