/**
 * Zones written in the text ("at 3pm London time", "9am EST", "17:00 CET", "Tokyo time").
 * A zone in the text wins over the user's zone. Abbreviations map to the zone that uses them
 * (EST -> America/New_York), so the offset follows that zone's DST rules.
 */
import { isValidZone } from './zone-clock.js';

const ABBREVIATIONS: Record<string, string> = {
  utc: 'UTC', gmt: 'UTC', z: 'UTC',
  est: 'America/New_York', edt: 'America/New_York', et: 'America/New_York',
  cst: 'America/Chicago', cdt: 'America/Chicago', ct: 'America/Chicago',
  mst: 'America/Denver', mdt: 'America/Denver', mt: 'America/Denver',
  pst: 'America/Los_Angeles', pdt: 'America/Los_Angeles', pt: 'America/Los_Angeles',
  akst: 'America/Anchorage', akdt: 'America/Anchorage', hst: 'Pacific/Honolulu',
  bst: 'Europe/London', wet: 'Europe/Lisbon', west: 'Europe/Lisbon',
  cet: 'Europe/Berlin', cest: 'Europe/Berlin', eet: 'Europe/Athens', eest: 'Europe/Athens',
  msk: 'Europe/Moscow', ist: 'Asia/Kolkata', sgt: 'Asia/Singapore', hkt: 'Asia/Hong_Kong',
  jst: 'Asia/Tokyo', kst: 'Asia/Seoul', aest: 'Australia/Sydney', aedt: 'Australia/Sydney',
  awst: 'Australia/Perth', nzst: 'Pacific/Auckland', nzdt: 'Pacific/Auckland',
};

/** Names that may precede "time" ("eastern time", "uk time") besides zone city names. */
const PLACE_ALIASES: Record<string, string> = {
  eastern: 'America/New_York', pacific: 'America/Los_Angeles', central: 'America/Chicago',
  mountain: 'America/Denver', uk: 'Europe/London', britain: 'Europe/London', england: 'Europe/London',
  'new york': 'America/New_York', nyc: 'America/New_York', ny: 'America/New_York', boston: 'America/New_York',
  'san francisco': 'America/Los_Angeles', sf: 'America/Los_Angeles', seattle: 'America/Los_Angeles',
  california: 'America/Los_Angeles', texas: 'America/Chicago', dallas: 'America/Chicago',
  houston: 'America/Chicago', washington: 'America/New_York', miami: 'America/New_York',
  germany: 'Europe/Berlin', france: 'Europe/Paris', spain: 'Europe/Madrid', italy: 'Europe/Rome',
  japan: 'Asia/Tokyo', india: 'Asia/Kolkata', mumbai: 'Asia/Kolkata', delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata', bangalore: 'Asia/Kolkata', china: 'Asia/Shanghai', beijing: 'Asia/Shanghai',
  korea: 'Asia/Seoul', australia: 'Australia/Sydney', 'hong kong': 'Asia/Hong_Kong',
  utc: 'UTC', gmt: 'UTC', 'local': '',
};

let cityIndex: Map<string, string> | undefined;

/** Lower-case city name ("new york", "tokyo") -> IANA zone, built once from the runtime. */
function cities(): Map<string, string> {
  if (cityIndex) return cityIndex;
  cityIndex = new Map();
  const zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  for (const zone of zones) {
    const city = zone.split('/').pop();
    if (city && zone.includes('/')) cityIndex.set(city.replace(/_/g, ' ').toLowerCase(), zone);
  }
  // Zone cities that are everyday words: "before christmas time" is not Indian/Christmas.
  for (const word of ['christmas', 'easter', 'midway', 'wake', 'reunion', 'canary']) cityIndex.delete(word);
  for (const [name, zone] of Object.entries(PLACE_ALIASES)) if (zone) cityIndex.set(name, zone);
  return cityIndex;
}

/** A zone found in the text, with the span it occupies. */
export interface ZoneMatch {
  zone: string;
  start: number;
  end: number;
}

const TIMEISH = String.raw`(?:\d|am|pm|noon|midnight|midday|morning|evening|afternoon|tonight|night)`;
const ABBR_RE = new RegExp(String.raw`(?<=${TIMEISH}\s*\(?)\s*\(?\b(${Object.keys(ABBREVIATIONS).join('|')})\b\)?`, 'g');
const OFFSET_RE = /(?<=\d|am|pm|noon|\s)\s*\(?\b(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\)?(?!\w)/g;
const PLACE_RE = /\b(?:in\s+)?((?:[a-z][a-z.'-]*\s+){0,2}[a-z][a-z.'-]*)\s+time\b/g;
const IN_PLACE_RE = new RegExp(String.raw`(?<=${TIMEISH})\s+in\s+([a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,2})`, 'g');
const IANA_RE = /\b((?:africa|america|antarctica|asia|atlantic|australia|europe|indian|pacific|etc)\/[a-z_+-]+(?:\/[a-z_]+)?)\b/g;

function canonicalIana(lower: string): string | undefined {
  const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const found = all.find((z) => z.toLowerCase() === lower);
  if (found) return found;
  const guess = lower.split('/').map((p) => p.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('_')).join('/');
  return isValidZone(guess) ? guess : undefined;
}

/**
 * Finds a zone in lower-case `text`. Only one zone per request makes sense; the first found
 * wins and all zone mentions are returned as spans to remove.
 */
export function findZones(text: string): ZoneMatch[] {
  const out: ZoneMatch[] = [];
  for (const m of text.matchAll(IANA_RE)) {
    const zone = canonicalIana(m[1]!);
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
    const zone = ABBREVIATIONS[m[1]!];
    if (zone) out.push({ zone, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(PLACE_RE)) {
    const words = m[1]!.split(/\s+/);
    const index = cities();
    for (let take = Math.min(3, words.length); take >= 1; take--) {
      const name = words.slice(words.length - take).join(' ');
      const zone = index.get(name);
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
    const index = cities();
    for (let take = Math.min(3, words.length); take >= 1; take--) {
      const name = words.slice(0, take).join(' ');
      const zone = index.get(name);
      if (zone) {
        const start = m.index + m[0].indexOf('in');
        out.push({ zone, start, end: start + m[0].slice(m[0].indexOf('in')).indexOf(name) + name.length });
        break;
      }
    }
  }
  return out.filter((z, i) => !out.some((o, j) => j < i && o.start < z.end && z.start < o.end));
}
