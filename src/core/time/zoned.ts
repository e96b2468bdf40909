/**
 * Wall time <-> instant in an IANA zone, with Chime's daylight-saving rule. This is the one
 * place that rule lives; the parser, the schedule engine and the chat all convert through here.
 *
 * The rule is Temporal's `disambiguation: 'compatible'` (and RFC 5545's):
 * - A wall time that does not exist (spring forward gap) is shifted forward by the length of the
 *   gap: 02:30 on 2027-03-14 in America/New_York becomes 03:30 EDT. In zones whose clocks jump at
 *   midnight (America/Santiago) 00:15 becomes 01:15; on Pacific/Apia's skipped 2011-12-30 a wall
 *   time lands on the same time of 2011-12-31.
 * - A wall time that happens twice (fall back overlap) means its FIRST occurrence (the one with
 *   the larger UTC offset, e.g. 01:30 EDT rather than 01:30 EST).
 */
import { formatWallTime, pad, utcMsToWall, wallToUtcMs, type WallTime, type WallTimeInput } from './civil.js';
import { offsetMinutes, offsetMsAt } from './zone-offset.js';

const MS_PER_HOUR = 3_600_000;

/** The wall time shown in `timeZone` at `instant` (milliseconds are dropped). */
export function toWallTime(instant: Date, timeZone: string): WallTime {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return utcMsToWall(ms + offsetMsAt(ms, timeZone));
}

function sameWall(a: WallTimeInput, b: WallTimeInput): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

/**
 * The instant at which `timeZone` shows `wall`, applying the DST rule above: a non-existent
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
