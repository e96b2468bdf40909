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
/** canonicalTimeZone's answers, by the spelling asked. */
const canonicalIds = new Map<string, string>();

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

/**
 * Current IANA ids for zones that ICU (Node 20's Intl) still calls by their old names: Intl
 * answers "Asia/Kolkata" with "Asia/Calcutta", yet IANA, the place tables of the chat and every
 * person use the new one. Newer runtimes answer the new id themselves and never hit this table.
 */
const MODERN_IDS: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The one spelling a zone is stored and answered in, however it was typed: Intl's canonical id
 * (`europe/london` -> `Europe/London`, `US/Eastern` -> `America/New_York`, `utc` -> `UTC`), with
 * the modern IANA id where the runtime keeps an old one (MODERN_IDS); undefined if it is not a
 * zone. Two spellings of one zone must not look like two zones (lists, filters, "zone changed").
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!isValidTimeZone(timeZone)) return undefined;
  let canonical = canonicalIds.get(timeZone);
  if (canonical === undefined) {
    // resolvedOptions() builds its object anew each call: a twentieth of every parse before the cache.
    const runtime = zoneFormatter(timeZone).resolvedOptions().timeZone;
    const modern = MODERN_IDS[runtime];
    canonical = modern !== undefined && isValidTimeZone(modern) ? modern : runtime;
    // Bounded as the formatters are: only valid zones get here, in each spelling typed.
    if (canonicalIds.size < 2000) canonicalIds.set(timeZone, canonical);
  }
  return canonical;
}

/**
 * A zone id given by a person where an id is expected (API, CLI): its canonical spelling, or
 * why it is refused (not a zone, or an abbreviation read without summer time) with an id to use.
 */
export function zoneIdFromUser(
  timeZone: string,
): { ok: true; zone: string } | { ok: false; code: 'timezone.seasonless' | 'timezone.invalid'; reason: string; example: string } {
  const seasonless = typeof timeZone === 'string' ? seasonlessAbbreviation(timeZone) : undefined;
  if (seasonless) return { ok: false, code: 'timezone.seasonless', reason: seasonless, example: 'America/New_York' };
  const zone = canonicalTimeZone(timeZone);
  if (zone === undefined)
    return { ok: false, code: 'timezone.invalid', reason: `"${String(timeZone)}" is not an IANA time zone.`, example: 'Europe/Berlin' };
  return { ok: true, zone };
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

/** The zone of the machine Chime runs on (the TZ environment variable, else the system's), UTC if unknown. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}
