/**
 * A zone's UTC offset at an instant, and where it next changes, asked of the runtime's `Intl`.
 *
 * Why Intl and not a Temporal polyfill: offsets here are cached per zone and UTC hour, so most
 * conversions are arithmetic; bench/next-fire.ts measured `temporal-polyfill` 1.0.8 30 to 100
 * times slower per conversion (about 50 µs against 0.5 µs), and the scheduler computes one
 * fire per recurring run. The polyfill is the reference the property tests check these
 * answers against (test/core/time).
 */
import { wallToUtcMs, weekdayOf, type WallTime } from './civil.js';
import { zoneFormatter } from './zone-id.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;

/** Wall time straight from Intl (slow path, ~4 µs). */
function intlWallTime(instant: Date, timeZone: string): WallTime {
  const parts = zoneFormatter(timeZone).formatToParts(instant);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
      default:
        break;
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
export function offsetMsAt(secMs: number, timeZone: string): number {
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

/** UTC offset of `timeZone` at `instant`, in minutes east of UTC (Berlin in winter: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round(offsetMsAt(ms, timeZone) / MS_PER_MINUTE);
}

/**
 * Offsets are probed this far apart when looking for the next change: narrower than the
 * time between two changes in any zone, wider than any gap or overlap.
 */
export const OFFSET_PROBE_MS = 24 * MS_PER_HOUR;

/** {@link offsetMinutes} in milliseconds, at epoch milliseconds `ms`. */
export function offsetMinuteMs(ms: number, timeZone: string): number {
  return offsetMinutes(new Date(ms), timeZone) * MS_PER_MINUTE;
}

/**
 * The first whole second in (`from`, `until`] at which `timeZone`'s offset differs from its
 * offset at `from`, or null if it stays the same. Probes a day apart, then bisects to the
 * second.
 */
export function nextOffsetChange(from: number, until: number, timeZone: string): number | null {
  const offset = offsetMinuteMs(from, timeZone);
  let lo = from;
  for (;;) {
    const hi = Math.min(lo + OFFSET_PROBE_MS, until);
    if (hi <= lo) return null;
    if (offsetMinuteMs(hi, timeZone) !== offset) {
      let a = lo;
      let b = hi;
      while (b - a > 1000) {
        const mid = a + Math.floor((b - a) / 2 / 1000) * 1000;
        if (offsetMinuteMs(mid, timeZone) === offset) a = mid;
        else b = mid;
      }
      return b;
    }
    if (hi === until) return null;
    lo = hi;
  }
}
