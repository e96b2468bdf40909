import { clip } from '../core/text-limit.js';

/**
 * How times look in chat: "Mon 23 Nov 09:00 (in 23 hours)" in the reader's zone. The
 * weekday is always shown because "which Monday?" is the usual misunderstanding.
 */
import { pad } from '../core/time/civil.js';
import { toWallTime } from '../core/time/zoned.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `Mon 23 Nov 09:00` in `timeZone`; the year is added when it is not `now`'s year. The wall
 * time comes from the core time layer; the names are ours, so the text does not change with
 * the runtime's locale data (which spells September "Sept" in some versions).
 */
export function formatLocalTime(at: Date, timeZone: string, now: Date): string {
  const w = toWallTime(at, timeZone);
  const year = w.year !== toWallTime(now, timeZone).year ? ` ${w.year}` : '';
  return `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]}${year} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** `Sun 14 Mar 2027` (always with its year) and `03:30`: the day and clock time of `at` in `timeZone`. */
export function formatLocalDayAndClock(at: Date, timeZone: string): { day: string; clock: string } {
  const w = toWallTime(at, timeZone);
  return { day: `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]} ${w.year}`, clock: `${pad(w.hour)}:${pad(w.minute)}` };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A span in words at minute precision: "2 hours 30 minutes", "3 days", "1 day 4 hours". */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days === 0) return mins ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  if (days >= 7 || hours === 0) return plural(days, 'day');
  return `${plural(days, 'day')} ${plural(hours, 'hour')}`;
}

/** "in 23 hours" / "2 minutes ago". */
export function formatRelative(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  const span = formatSpan(diff);
  return diff >= 0 ? `in ${span}` : `${span} ago`;
}

/** `Mon 23 Nov 09:00 (in 23 hours)`. */
export function formatWhen(at: Date, timeZone: string, now: Date): string {
  return `${formatLocalTime(at, timeZone, now)} (${formatRelative(at, now)})`;
}

/** Shortens text for one-line listings, keeping it readable. */
export function truncate(text: string, max = 60): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max);
}
