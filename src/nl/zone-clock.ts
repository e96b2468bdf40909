/**
 * Instant <-> wall-clock conversion for the parser, delegating to src/core/zoned-time.ts (DST
 * rules: a missing wall time shifts forward by the gap, a repeated one takes its first
 * occurrence). The NL code works with the compact {@link Wall} shape.
 */
import type { Wall } from './calendar.js';
import { formatInZone, fromWallTime, isValidTimeZone, offsetMinutes, toWallTime } from '../core/zoned-time.js';

/** True when `zone` is an IANA zone this runtime knows. */
export function isValidZone(zone: string): boolean {
  return isValidTimeZone(zone);
}

/** Wall-clock time of `instant` in `zone` (seconds precision). */
export function toWall(instant: Date, zone: string): Wall {
  const w = toWallTime(instant, zone);
  return { y: w.year, m: w.month, d: w.day, h: w.hour, mi: w.minute, s: w.second };
}

/** The instant at which `zone` shows wall time `w`. */
export function fromWall(w: Wall, zone: string): Date {
  return fromWallTime({ year: w.y, month: w.m, day: w.d, hour: w.h, minute: w.mi, second: w.s }, zone);
}

/** Offset of `zone` at `instant`, in ms (local minus UTC). */
export function offsetMs(instant: Date, zone: string): number {
  return offsetMinutes(instant, zone) * 60_000;
}

/** ISO 8601 with the zone's offset, e.g. `2026-11-23T09:00:00+01:00`. */
export function formatInstant(instant: Date, zone: string): string {
  return formatInZone(instant, zone);
}
