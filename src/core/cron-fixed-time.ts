/**
 * The fast path of cron evaluation, for fixed-time patterns: one minute, listed hours, and day
 * fields made of numbers, ranges, `L` and `n#k` (`0 9 * * 1-5`, `30 18 1,15 * *`,
 * `0 9 * * 1#1`, `0 9 L * *`, `@daily`) — the patterns the parser writes and most people type.
 *
 * It walks the calendar day by day and places each matching wall time with fromWallTime, whose
 * DST rules are the fixed-time rules of cron-fire.ts (gap: shifted forward; overlap: the first
 * occurrence). Same answers as the general evaluator (a property test compares them, DST days
 * included), several times faster: a scheduler computes one fire per recurring run, and a
 * preview several. Anything else (steps, wildcards in time fields, seconds, names, a day of
 * month together with a weekday, which croner ORs) returns null and takes the general path.
 */
import { expandNickname } from './cron-cache.js';
import { daysInMonth } from './time/civil.js';
import { fromWallTime, toWallTime } from './time/zoned.js';

/** A fixed-time pattern, field by field. */
export interface FixedTimeCron {
  minute: number;
  /** Sorted, distinct. */
  hours: number[];
  /** undefined = any day of month. */
  dom?: Set<number | 'L'>;
  months?: Set<number>;
  /** Plain weekdays (0-6). */
  dows?: Set<number>;
  /** "nth weekday of the month" (`1#2`, `5#L`, `2#2,2#4`). */
  nth?: Array<{ weekday: number; n: number | 'L' }>;
}

const DAY_MS = 86_400_000;
/** How far ahead a walk looks: every date pattern recurs within 8 years (Feb 29 across 2100). */
const MAX_YEARS_AHEAD = 40;
const CACHE_MAX = 4096;

function ints(field: string, min: number, max: number): number[] | undefined {
  const out: number[] = [];
  for (const part of field.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) return undefined;
    const a = Number(range[1]);
    const b = range[2] === undefined ? a : Number(range[2]);
    if (a < min || b > max || a > b) return undefined;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

function parseFixedTime(pattern: string): FixedTimeCron | null {
  const f = expandNickname(pattern).split(' ');
  if (f.length !== 5) return null;
  const [mi, h, dom, mon, dow] = f as [string, string, string, string, string];
  if (!/^\d+$/.test(mi) || Number(mi) > 59) return null;
  const hours = ints(h, 0, 23);
  if (!hours) return null;
  const out: FixedTimeCron = { minute: Number(mi), hours: [...new Set(hours)].sort((a, b) => a - b) };
  if (dom !== '*') {
    if (dom === 'L') out.dom = new Set(['L']);
    else {
      const days = ints(dom, 1, 31);
      if (!days) return null;
      out.dom = new Set(days);
    }
  }
  if (mon !== '*') {
    const months = ints(mon, 1, 12);
    if (!months) return null;
    out.months = new Set(months);
  }
  if (dow !== '*') {
    if (dow.includes('#')) {
      const items = dow.split(',').map((part) => /^([0-7])#([1-5]|L)$/.exec(part));
      if (items.some((x) => !x)) return null;
      out.nth = items.map((x) => ({ weekday: Number(x![1]) % 7, n: x![2] === 'L' ? ('L' as const) : Number(x![2]) }));
    } else {
      const days = ints(dow, 0, 7);
      if (!days) return null;
      out.dows = new Set(days.map((d) => d % 7));
    }
  }
  // croner ORs day-of-month and day-of-week when both are set: the general path knows how.
  if (out.dom && (out.dows || out.nth)) return null;
  return out;
}

const cache = new Map<string, FixedTimeCron | null>();

/** The pattern as a FixedTimeCron, or null when it needs the general evaluator. Cached. */
export function fixedTimeCron(pattern: string): FixedTimeCron | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const result = parseFixedTime(pattern);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(pattern, result);
  return result;
}

function matchesDay(c: FixedTimeCron, y: number, m: number, d: number, weekday: number): boolean {
  if (c.months && !c.months.has(m)) return false;
  if (c.dom && !c.dom.has(d) && !(c.dom.has('L') && d === daysInMonth(y, m))) return false;
  if (c.dows && !c.dows.has(weekday)) return false;
  if (c.nth) {
    return c.nth.some((x) => x.weekday === weekday && (x.n === 'L' ? d + 7 > daysInMonth(y, m) : Math.ceil(d / 7) === x.n));
  }
  return true;
}

/**
 * The first fire strictly after `after` (epoch ms), or null if none within
 * {@link MAX_YEARS_AHEAD} years. Starts a day early: a gap-shifted or repeated wall time of the
 * previous local day can still lie after `after`.
 */
export function nextFixedTimeFire(c: FixedTimeCron, timeZone: string, after: number): number | null {
  const w = toWallTime(new Date(after), timeZone);
  let day = Date.UTC(w.year, w.month - 1, w.day) - DAY_MS;
  const lastYear = w.year + MAX_YEARS_AHEAD;
  for (;;) {
    const date = new Date(day);
    const y = date.getUTCFullYear();
    if (y > lastYear) return null;
    const m = date.getUTCMonth() + 1;
    // Months the pattern cannot match are skipped whole (yearly dates, Feb 29).
    if (c.months && !c.months.has(m)) {
      day = Date.UTC(y, m, 1);
      continue;
    }
    const d = date.getUTCDate();
    if (matchesDay(c, y, m, d, date.getUTCDay())) {
      for (const hour of c.hours) {
        const t = fromWallTime({ year: y, month: m, day: d, hour, minute: c.minute, second: 0 }, timeZone).getTime();
        if (t > after) return t;
      }
    }
    day += DAY_MS;
  }
}
