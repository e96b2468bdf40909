/**
 * The one table of zone names people write: abbreviations ("EST", "IST") and places ("new
 * york", "mumbai", "sao paulo"). Both the parser ("9am EST") and `/tz EST` read it, so a name
 * means the same zone everywhere. An abbreviation names the zone that uses it, so the offset
 * follows that zone's daylight saving (EST → America/New_York, EDT in summer), never a
 * fixed-offset zone. Names with several meanings list them all: the first is the one a
 * reminder's text is read with; `/tz` asks which one.
 */

/** One meaning of a written zone name. */
export interface ZoneMeaning {
  zone: string;
  /** What the name means here, for a person choosing ("India Standard Time"). */
  label: string;
}

const m = (zone: string, label: string): ZoneMeaning => ({ zone, label });

/** Lower-case abbreviation → its meanings, the usual one first. */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, readonly ZoneMeaning[]>> = {
  utc: [m('UTC', 'Coordinated Universal Time')],
  gmt: [m('UTC', 'Greenwich Mean Time (no summer time)')],
  z: [m('UTC', 'Zulu time (UTC)')],
  est: [m('America/New_York', 'US Eastern time')],
  edt: [m('America/New_York', 'US Eastern time')],
  et: [m('America/New_York', 'US Eastern time')],
  cst: [m('America/Chicago', 'US Central time'), m('Asia/Shanghai', 'China Standard Time'), m('America/Havana', 'Cuba Standard Time')],
  cdt: [m('America/Chicago', 'US Central time')],
  ct: [m('America/Chicago', 'US Central time')],
  mst: [m('America/Denver', 'US Mountain time (with summer time)'), m('America/Phoenix', 'Arizona (Mountain time, no summer time)')],
  mdt: [m('America/Denver', 'US Mountain time')],
  mt: [m('America/Denver', 'US Mountain time')],
  pst: [m('America/Los_Angeles', 'US Pacific time')],
  pdt: [m('America/Los_Angeles', 'US Pacific time')],
  pt: [m('America/Los_Angeles', 'US Pacific time')],
  akst: [m('America/Anchorage', 'Alaska time')],
  akdt: [m('America/Anchorage', 'Alaska time')],
  hst: [m('Pacific/Honolulu', 'Hawaii time')],
  ast: [m('America/Halifax', 'Atlantic time (Canada)'), m('Asia/Riyadh', 'Arabia Standard Time')],
  bst: [m('Europe/London', 'British Summer Time (UK time)'), m('Asia/Dhaka', 'Bangladesh Standard Time')],
  ist: [m('Asia/Kolkata', 'India Standard Time'), m('Asia/Jerusalem', 'Israel Standard Time'), m('Europe/Dublin', 'Irish Standard Time')],
  wet: [m('Europe/Lisbon', 'Western European time')],
  west: [m('Europe/Lisbon', 'Western European time')],
  cet: [m('Europe/Berlin', 'Central European time')],
  cest: [m('Europe/Berlin', 'Central European time')],
  eet: [m('Europe/Athens', 'Eastern European time')],
  eest: [m('Europe/Athens', 'Eastern European time')],
  msk: [m('Europe/Moscow', 'Moscow time')],
  gst: [m('Asia/Dubai', 'Gulf Standard Time')],
  sgt: [m('Asia/Singapore', 'Singapore time')],
  hkt: [m('Asia/Hong_Kong', 'Hong Kong time')],
  jst: [m('Asia/Tokyo', 'Japan Standard Time')],
  kst: [m('Asia/Seoul', 'Korea Standard Time')],
  aest: [m('Australia/Sydney', 'Australian Eastern time')],
  aedt: [m('Australia/Sydney', 'Australian Eastern time')],
  awst: [m('Australia/Perth', 'Australian Western time')],
  nzst: [m('Pacific/Auckland', 'New Zealand time')],
  nzdt: [m('Pacific/Auckland', 'New Zealand time')],
};

/**
 * Places that are not the city of an IANA zone id (countries, regions, big cities), and
 * modern spellings of ids the runtime still names the old way (Asia/Calcutta). A place that
 * spans zones lists them; its first is the one a reminder's "Australia time" is read with.
 */
const PLACE_ALIASES: Readonly<Record<string, string | readonly ZoneMeaning[]>> = {
  eastern: 'America/New_York',
  pacific: 'America/Los_Angeles',
  central: 'America/Chicago',
  mountain: 'America/Denver',
  uk: 'Europe/London',
  britain: 'Europe/London',
  england: 'Europe/London',
  scotland: 'Europe/London',
  'new york': 'America/New_York',
  'new york city': 'America/New_York',
  nyc: 'America/New_York',
  ny: 'America/New_York',
  boston: 'America/New_York',
  washington: 'America/New_York',
  'washington dc': 'America/New_York',
  miami: 'America/New_York',
  atlanta: 'America/New_York',
  philadelphia: 'America/New_York',
  'san francisco': 'America/Los_Angeles',
  sf: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  'las vegas': 'America/Los_Angeles',
  'san diego': 'America/Los_Angeles',
  california: 'America/Los_Angeles',
  texas: 'America/Chicago',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  austin: 'America/Chicago',
  portland: [m('America/Los_Angeles', 'Portland, Oregon'), m('America/New_York', 'Portland, Maine')],
  'san jose': [m('America/Los_Angeles', 'San Jose, California'), m('America/Costa_Rica', 'San José, Costa Rica')],
  germany: 'Europe/Berlin',
  munich: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  cologne: 'Europe/Berlin',
  france: 'Europe/Paris',
  spain: 'Europe/Madrid',
  barcelona: 'Europe/Madrid',
  italy: 'Europe/Rome',
  milan: 'Europe/Rome',
  netherlands: 'Europe/Amsterdam',
  switzerland: 'Europe/Zurich',
  geneva: 'Europe/Zurich',
  poland: 'Europe/Warsaw',
  japan: 'Asia/Tokyo',
  osaka: 'Asia/Tokyo',
  korea: 'Asia/Seoul',
  india: 'Asia/Kolkata',
  kolkata: 'Asia/Kolkata',
  calcutta: 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata',
  bombay: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  chennai: 'Asia/Kolkata',
  hyderabad: 'Asia/Kolkata',
  pune: 'Asia/Kolkata',
  china: 'Asia/Shanghai',
  beijing: 'Asia/Shanghai',
  shenzhen: 'Asia/Shanghai',
  'hong kong': 'Asia/Hong_Kong',
  kyiv: 'Europe/Kyiv',
  kiev: 'Europe/Kyiv',
  'ho chi minh': 'Asia/Ho_Chi_Minh',
  'ho chi minh city': 'Asia/Ho_Chi_Minh',
  saigon: 'Asia/Ho_Chi_Minh',
  hanoi: 'Asia/Bangkok',
  kathmandu: 'Asia/Kathmandu',
  dubai: 'Asia/Dubai',
  'abu dhabi': 'Asia/Dubai',
  'tel aviv': 'Asia/Jerusalem',
  israel: 'Asia/Jerusalem',
  'rio de janeiro': 'America/Sao_Paulo',
  rio: 'America/Sao_Paulo',
  brazil: 'America/Sao_Paulo',
  'buenos aires': 'America/Argentina/Buenos_Aires',
  argentina: 'America/Argentina/Buenos_Aires',
  montreal: 'America/Toronto',
  ottawa: 'America/Toronto',
  'cape town': 'Africa/Johannesburg',
  melbourne: 'Australia/Melbourne',
  canberra: 'Australia/Sydney',
  australia: [
    m('Australia/Sydney', 'Sydney, Melbourne, Canberra'),
    m('Australia/Brisbane', 'Brisbane (no summer time)'),
    m('Australia/Adelaide', 'Adelaide'),
    m('Australia/Perth', 'Perth'),
  ],
  canada: [
    m('America/Toronto', 'Toronto, Ottawa (Eastern)'),
    m('America/Vancouver', 'Vancouver (Pacific)'),
    m('America/Edmonton', 'Calgary, Edmonton (Mountain)'),
    m('America/Winnipeg', 'Winnipeg (Central)'),
    m('America/Halifax', 'Halifax (Atlantic)'),
  ],
  usa: [
    m('America/New_York', 'Eastern'),
    m('America/Chicago', 'Central'),
    m('America/Denver', 'Mountain'),
    m('America/Los_Angeles', 'Pacific'),
  ],
  utc: 'UTC',
  gmt: 'UTC',
};

/** Ids whose city part is an everyday word: "before christmas time" is not Indian/Christmas. */
const WORD_CITIES = new Set(['christmas', 'easter', 'midway', 'wake', 'reunion', 'canary']);

/** "São Paulo" → "sao paulo": lower case, no accents, underscores and runs of spaces as one space. */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

function supportedZones(): string[] {
  return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
}

let placeIndex: Map<string, readonly ZoneMeaning[]> | undefined;

/** Place key → meanings: every IANA id's city ("sao paulo"), then the aliases above. */
function places(): Map<string, readonly ZoneMeaning[]> {
  if (placeIndex) return placeIndex;
  const index = new Map<string, ZoneMeaning[]>();
  for (const zone of supportedZones()) {
    const city = zone.split('/').pop();
    if (!city || !zone.includes('/')) continue;
    const key = placeKey(city);
    if (WORD_CITIES.has(key)) continue;
    index.set(key, [...(index.get(key) ?? []), m(zone, zone)]);
  }
  for (const [name, value] of Object.entries(PLACE_ALIASES)) {
    index.set(name, typeof value === 'string' ? [m(value, value)] : [...value]);
  }
  placeIndex = index;
  return index;
}

/** Meanings of an abbreviation ("ist"), or undefined when it is none of ours. */
export function abbreviationMeanings(abbreviation: string): readonly ZoneMeaning[] | undefined {
  return Object.hasOwn(ZONE_ABBREVIATIONS, abbreviation.toLowerCase()) ? ZONE_ABBREVIATIONS[abbreviation.toLowerCase()] : undefined;
}

/** Meanings of a place name ("new york", "São Paulo", "portland"), or undefined. */
export function placeMeanings(name: string): readonly ZoneMeaning[] | undefined {
  return places().get(placeKey(name));
}
