import { clip } from '../core/text-limit.js';

/**
 * How times look in chat: "Mon 23 Nov 09:00 (in 23 hours)" in the reader's zone. The
 * weekday is always shown because "which Monday?" is the usual misunderstanding.
 */
import { pad } from '../core/time/civil.js';
import { toWallTime } from '../core/time/zoned.js';
import { relativeSpan } from '../shared/span-words.js';

// Spans in words are one rule shared with the dashboard's browser code.
export { formatSpan } from '../shared/span-words.js';

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

/** "in 23 hours" / "2 minutes ago" (the rule is src/shared/span-words.ts, which the dashboard shares). */
export function formatRelative(at: Date, now: Date): string {
  return relativeSpan(at.getTime(), now.getTime());
}

/** `Mon 23 Nov 09:00 (in 23 hours)`. */
export function formatWhen(at: Date, timeZone: string, now: Date): string {
  return `${formatLocalTime(at, timeZone, now)} (${formatRelative(at, now)})`;
}

/** Shortens text for one-line listings, keeping it readable. */
export function truncate(text: string, max = 60): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max);
}
