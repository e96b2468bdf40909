import { canonicalTimeZone } from '../core/time/zone-id.js';
import { abbreviationMeanings, placeMeanings, type ZoneMeaning } from '../nl/zone-names.js';

export type { ZoneMeaning };

/** What a zone the user typed means. */
export type ZoneLookup =
  | { kind: 'zone'; zone: string /** How a name was read, when it was not the zone id itself. */; note?: string }
  | { kind: 'choice'; name: string; choices: readonly ZoneMeaning[] }
  | { kind: 'unknown' };

/**
 * Reads a zone as a person types it: an abbreviation from the shared table ("EST", "IST"),
 * an IANA id ("europe/berlin", "Asia/Kolkata"), or a place ("berlin", "new york", "São
 * Paulo", "mumbai"). The table comes first so that "EST" is US Eastern time with its summer
 * time, as in a reminder's text, not the runtime's fixed-offset EST. Offsets like "+02:00"
 * are refused on purpose: they do not follow daylight saving. A name with several meanings
 * (IST, CST, Portland) is a choice, never a guess.
 */
export function lookupZone(raw: string): ZoneLookup {
  const name = raw
    .trim()
    .replace(/\s+time$/i, '')
    .trim();
  if (!name || /^[+-]?\d/.test(name) || name.length > 64) return { kind: 'unknown' };
  const abbreviation = abbreviationMeanings(name);
  if (abbreviation) return fromMeanings(name.toUpperCase(), abbreviation);
  if (name.includes('/')) {
    const zone = canonicalTimeZone(name);
    return zone ? { kind: 'zone', zone } : { kind: 'unknown' };
  }
  const place = placeMeanings(name);
  if (place) return fromMeanings(name, place);
  const zone = canonicalTimeZone(name);
  return zone ? { kind: 'zone', zone } : { kind: 'unknown' };
}

function fromMeanings(name: string, meanings: readonly ZoneMeaning[]): ZoneLookup {
  const [only] = meanings;
  if (!only) return { kind: 'unknown' };
  if (meanings.length > 1) return { kind: 'choice', name, choices: meanings };
  if (only.label === only.zone || only.zone === 'UTC') return { kind: 'zone', zone: only.zone };
  return {
    kind: 'zone',
    zone: only.zone,
    note: `${name} read as ${only.label}, the clock of ${only.zone} (summer time included where it has one).`,
  };
}
