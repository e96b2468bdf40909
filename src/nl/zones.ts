/**
 * Zones written in the text ("at 3pm London time", "9am EST", "17:00 CET", "Tokyo time").
 * A zone in the text wins over the user's zone. Abbreviations map to the zone that uses them
 * (EST -> America/New_York), so the offset follows that zone's DST rules.
 */
import { canonicalTimeZone } from '../core/time/zone-id.js';
import { abbreviationMeanings, placeMeanings, ZONE_ABBREVIATIONS } from './zone-names.js';

/** The zone a reminder's text means by an abbreviation: its usual meaning (the shared table's first). */
function abbreviationZone(abbreviation: string): string | undefined {
  return abbreviationMeanings(abbreviation)?.[0]?.zone;
}

/** The zone a place name before "time" or after "in" means: its usual meaning. */
function placeZone(name: string): string | undefined {
  return placeMeanings(name)?.[0]?.zone;
}

/** A zone found in the text, with the span it occupies. */
export interface ZoneMatch {
  zone: string;
  /** The abbreviation written ("ist"), when the zone came from one. */
  abbreviation?: string;
  start: number;
  end: number;
}

const TIMEISH = String.raw`(?:\d|am|pm|noon|midnight|midday|morning|evening|afternoon|tonight|night)`;
const ABBR_RE = new RegExp(String.raw`(?<=${TIMEISH}\s*\(?)\s*\(?\b(${Object.keys(ZONE_ABBREVIATIONS).join('|')})\b\)?`, 'g');
const OFFSET_RE = /(?<=\d|am|pm|noon|\s)\s*\(?\b(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\)?(?!\w)/g;
const PLACE_RE = /\b(?:in\s+)?((?:[a-z][a-z.'-]*\s+){0,2}[a-z][a-z.'-]*)\s+time\b/g;
const IN_PLACE_RE = new RegExp(String.raw`(?<=${TIMEISH})\s+in\s+([a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,2})`, 'g');
const IANA_RE = /\b((?:africa|america|antarctica|asia|atlantic|australia|europe|indian|pacific|etc)\/[a-z_+-]+(?:\/[a-z_]+)?)\b/g;

/**
 * Finds a zone in lower-case `text`. Only one zone per request makes sense; the first found
 * wins and all zone mentions are returned as spans to remove.
 */
export function findZones(text: string): ZoneMatch[] {
  const out: ZoneMatch[] = [];
  for (const m of text.matchAll(IANA_RE)) {
    const zone = canonicalTimeZone(m[1]!);
    if (zone) out.push({ zone, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(OFFSET_RE)) {
    const hours = Number(m[2]);
    if (m[3] && m[3] !== '00') continue; // Etc zones only cover whole hours
    if (hours > 14) continue;
    const zone = hours === 0 ? 'UTC' : `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`;
    out.push({ zone, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(ABBR_RE)) {
    const zone = abbreviationZone(m[1]!);
    if (zone) out.push({ zone, abbreviation: m[1]!, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(PLACE_RE)) {
    const words = m[1]!.split(/\s+/);
    for (let take = Math.min(3, words.length); take >= 1; take--) {
      const name = words.slice(words.length - take).join(' ');
      const zone = placeZone(name);
      if (zone) {
        const end = m.index + m[0].length;
        let start = end - (name.length + ' time'.length);
        // Keep a leading "in" with the zone ("at 3pm in London time").
        const before = text.slice(0, start);
        const inMatch = /\bin\s+$/.exec(before);
        if (inMatch) start = inMatch.index;
        out.push({ zone, start, end });
        break;
      }
    }
  }
  // "at 5pm in London": a place right after a time
  for (const m of text.matchAll(IN_PLACE_RE)) {
    const words = m[1]!.split(/\s+/);
    for (let take = Math.min(3, words.length); take >= 1; take--) {
      const name = words.slice(0, take).join(' ');
      const zone = placeZone(name);
      if (zone) {
        const start = m.index + m[0].indexOf('in');
        out.push({ zone, start, end: start + m[0].slice(m[0].indexOf('in')).indexOf(name) + name.length });
        break;
      }
    }
  }
  return out.filter((z, i) => !out.some((o, j) => j < i && o.start < z.end && z.start < o.end));
}
