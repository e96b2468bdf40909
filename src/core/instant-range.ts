/**
 * The instants Chime keeps: from 0001-01-01 to 9999-12-31 (UTC), the four-digit years that
 * ISO 8601 text, both stores and every platform read back as written. A date computed past
 * them ("in 1.5h" at 9999-12-31 23:59) is refused with a reason, never stored or shown as
 * "10000-01-01"; a repeating schedule simply has no fire beyond them.
 */
import { UserError } from './errors.js';

export const EARLIEST_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');
export const LATEST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** True for a valid Date within the supported range. */
export function isSupportedInstant(d: Date): boolean {
  const t = d.getTime();
  return Number.isFinite(t) && t >= EARLIEST_INSTANT_MS && t <= LATEST_INSTANT_MS;
}

/** The refusal for a date outside the supported range (`what`: "That time", "The end date"). */
export function outOfRange(what = 'That time'): UserError {
  return new UserError('schedule.range', `${what} is beyond the dates I can keep (years 1 to 9999).`, 'in:1h, at:2026-12-01T14:30:00');
}

/** Throws {@link outOfRange} unless `d` is a supported instant. */
export function assertSupportedInstant(d: Date, what?: string): void {
  if (!isSupportedInstant(d)) throw outOfRange(what);
}
