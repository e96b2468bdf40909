/**
 * A fast path for the fixed-time cron patterns the parser writes (`0 9 * * 1-5`,
 * `30 18 1,15 * *`, `0 9 * * 1#1`, `0 9 L * *`): walk the calendar day by day and place each
 * matching wall time with the zone rules (gap -> shifted forward, overlap -> first occurrence).
 * Same results as the core's cron evaluation for these patterns (tested against it), at a
 * fraction of the cost; anything else (steps, wildcards in time fields, seconds) goes to the core.
 */
import { addDays, daysInMonth, weekdayOf, type LocalDate } from './calendar.js';
import { fromWall, toWall } from './zone-clock.js';

/** A fixed-time pattern, field by field. */
export interface SimpleCron {
  minute: number;
  hours: number[];
  /** undefined = any day of month. */
  dom?: Set<number | 'L'>;
  months?: Set<number>;
  /** Plain weekdays (0-6). */
  dows?: Set<number>;
  /** "nth weekday of the month" (`1#2`, `5#L`, `2#2,2#4`). */
  nth?: Array<{ weekday: number; n: number | 'L' }>;
}

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

const cache = new Map<string, SimpleCron | null>();

/** The pattern as a SimpleCron, or null when it needs the general evaluator. */
export function simpleCron(pattern: string): SimpleCron | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const result = parseSimple(pattern);
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, result);
  return result;
}

function parseSimple(pattern: string): SimpleCron | null {
  const f = pattern.trim().split(/\s+/);
  if (f.length !== 5) return null;
  const [mi, h, dom, mon, dow] = f as [string, string, string, string, string];
  if (!/^\d+$/.test(mi) || Number(mi) > 59) return null;
  const hours = ints(h, 0, 23);
  if (!hours) return null;
  const out: SimpleCron = { minute: Number(mi), hours: [...new Set(hours)].sort((a, b) => a - b) };
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
  // croner ORs day-of-month and day-of-week when both are set: leave that to the core.
  if (out.dom && (out.dows || out.nth)) return null;
  return out;
}

function matchesDay(c: SimpleCron, date: LocalDate): boolean {
  if (c.months && !c.months.has(date.m)) return false;
  if (c.dom) {
    const last = daysInMonth(date.y, date.m);
    if (!c.dom.has(date.d) && !(c.dom.has('L') && date.d === last)) return false;
  }
  if (c.dows && !c.dows.has(weekdayOf(date))) return false;
  if (c.nth) {
    const wd = weekdayOf(date);
    return c.nth.some((x) => x.weekday === wd && (x.n === 'L' ? date.d + 7 > daysInMonth(date.y, date.m) : Math.ceil(date.d / 7) === x.n));
  }
  return true;
}

/**
 * Up to `n` fires strictly after `after` and not after `until`, each later than the one
 * before. Looks at most 40 years ahead (feb 29 comes every 4).
 */
export function simpleCronFires(c: SimpleCron, zone: string, after: Date, n: number, until = Infinity): Date[] {
  const out: Date[] = [];
  const a = after.getTime();
  const w = toWall(after, zone);
  let day: LocalDate = addDays({ y: w.y, m: w.m, d: w.d }, -1);
  const lastYear = day.y + 40;
  let last = -Infinity;
  while (out.length < n && day.y <= lastYear) {
    const current = day;
    // Months the pattern cannot match are skipped whole (yearly dates, feb 29).
    if (c.months && !c.months.has(current.m)) {
      day = current.m === 12 ? { y: current.y + 1, m: 1, d: 1 } : { y: current.y, m: current.m + 1, d: 1 };
      continue;
    }
    day = addDays(current, 1);
    if (!matchesDay(c, current)) continue;
    const date = current;
    for (const h of c.hours) {
      const t = fromWall({ y: date.y, m: date.m, d: date.d, h, mi: c.minute, s: 0 }, zone).getTime();
      if (t <= a || t <= last) continue;
      if (t > until) return out;
      out.push(new Date(t));
      last = t;
      if (out.length >= n) break;
    }
  }
  return out;
}
