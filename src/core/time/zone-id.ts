/**
 * Which names are IANA zones, asked of the runtime's `Intl` (no tz database of our own): the
 * one validity check for zones from users, configuration and stored jobs, and the runtime's
 * spelling of a zone name. Offsets: zone-offset.ts.
 *
 * Formatters are created once per zone and cached: constructing an `Intl.DateTimeFormat` costs
 * tens of microseconds, formatting with an existing one about one.
 */
import { UserError } from '../errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const validity = new Map<string, boolean>();

/** The cached formatter that reads wall times in `timeZone` (also the validity probe). */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
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
    // Bounded: every spelling of a zone a user types (utc, UTC, Utc) is a key.
    if (formatters.size < 2000) formatters.set(timeZone, f);
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
    zoneFormatter(timeZone);
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

/**
 * Zone ids a person types meaning a place with summer time, that the runtime reads as a place
 * without: Intl takes "EST" as America/Panama and "MST" as America/Phoenix (UTC-5 and UTC-7 all
 * year), so a reminder of a New Yorker would fire an hour off all summer. The chat reads these
 * abbreviations as the places (src/chat/zones.ts); where a zone id is given (API, CLI) they are
 * refused with the place to say.
 */
const SEASONLESS_ABBREVIATIONS: Record<string, { place: string; allYear: string }> = {
  EST: { place: 'America/New_York', allYear: 'America/Panama' },
  MST: { place: 'America/Denver', allYear: 'America/Phoenix' },
};

/** Why `timeZone` is refused as a zone id (see SEASONLESS_ABBREVIATIONS), or undefined. */
export function seasonlessAbbreviation(timeZone: string): string | undefined {
  const hit = SEASONLESS_ABBREVIATIONS[timeZone.trim().toUpperCase()];
  if (!hit) return undefined;
  return `"${timeZone}" is read as ${hit.allYear}, the same offset all year with no summer time. Say the place: ${hit.place} (with summer time), or ${hit.allYear} for the fixed offset.`;
}

/** The runtime's spelling of a zone name (`US/Eastern`, `utc` -> `UTC`), or undefined if it is not a zone. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!isValidTimeZone(timeZone)) return undefined;
  return zoneFormatter(timeZone).resolvedOptions().timeZone;
}

let zoneList: readonly string[] | undefined;

/** IANA zones the runtime knows (Intl.supportedValuesOf), plus UTC, which some runtimes list only as an alias. */
export function knownTimeZones(): readonly string[] {
  if (!zoneList) {
    const zones = Intl.supportedValuesOf('timeZone');
    zoneList = zones.includes('UTC') ? zones : ['UTC', ...zones];
  }
  return zoneList;
}

/** The IANA id for lower-case `lower` ("asia/kolkata" → "Asia/Kolkata"), or undefined when the runtime knows none. */
export function zoneIdIgnoringCase(lower: string): string | undefined {
  const found = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === lower);
  if (found) return found;
  const guess = lower
    .split('/')
    .map((p) =>
      p
        .split('_')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('_'),
    )
    .join('/');
  return isValidTimeZone(guess) ? guess : undefined;
}

/** The zone of the machine Chime runs on (the TZ environment variable, else the system's), UTC if unknown. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}
