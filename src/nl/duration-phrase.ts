/**
 * Durations as people write them: "20 minutes", "2h30m", "1y 1mo 2 days", "2.5 minutes",
 * "an hour and a half", "half an hour", "a fortnight", "72hr". The result keeps calendar units
 * apart (a month is not a fixed number of milliseconds). The compact spec form (`in:1h30m`,
 * `every 30m`), exact milliseconds with no words, is core/duration.ts's parseDuration.
 */

/** A duration split by unit; values may be fractional. */
export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  'forty five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
  couple: 2,
  'a couple of': 2,
  'couple of': 2,
  'a few': 3,
  few: 3,
  'half a': 0.5,
  'half an': 0.5,
  half: 0.5,
};

/** Regex source for a number written in digits or words. */
export const NUMBER_WORD_SRC =
  '(?:a couple of|couple of|a few|half an?|forty[- ]five|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety|an?)';

const LONG_UNIT_SRC = '(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|fortnights?)';
const SHORT_UNIT_SRC =
  '(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|fortnights?|mo|s|m|h|d|w|y)';

/** One term: "20 minutes", "2h", "an hour", "2.5 minutes", with an optional "and a half". */
export const TERM_SRC = `(?:\\d+(?:\\.\\d+)?\\s*${SHORT_UNIT_SRC}(?![a-z])|${NUMBER_WORD_SRC}\\s+${LONG_UNIT_SRC}(?![a-z0-9]))(?:\\s+and\\s+a\\s+half)?`;

/** A sequence of terms: "1y 1mo 2 days", "2 hours and 30 minutes", "2h30m". */
export const DURATION_SRC = `${TERM_SRC}(?:\\s*,?\\s*(?:and\\s+)?${TERM_SRC})*`;

const TERM_RE = new RegExp(
  `(?:(\\d+(?:\\.\\d+)?)\\s*|\\b(${NUMBER_WORD_SRC})\\s+)(${SHORT_UNIT_SRC})(?![a-z])(\\s+and\\s+a\\s+half)?`,
  'g',
);

/** Parses a number in digits or words ("2.5", "twenty", "a"). */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return WORD_NUMBERS[t];
}

function unitKey(unit: string): keyof DurationParts | 'fortnight' {
  if (/^(s|secs?|seconds?)$/.test(unit)) return 'seconds';
  if (/^(m|mins?|minutes?)$/.test(unit)) return 'minutes';
  if (/^(h|hrs?|hours?)$/.test(unit)) return 'hours';
  if (/^(d|days?)$/.test(unit)) return 'days';
  if (/^(w|wks?|weeks?)$/.test(unit)) return 'weeks';
  if (/^(mo|mos|months?)$/.test(unit)) return 'months';
  if (/^fortnights?$/.test(unit)) return 'fortnight';
  return 'years';
}

/** Parses text matched by DURATION_SRC; undefined when it holds no term. */
export function parseDurationPhrase(text: string): DurationParts | undefined {
  const parts: DurationParts = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  let found = false;
  for (const m of text.matchAll(TERM_RE)) {
    let value = parseNumber(m[1] ?? m[2]!);
    if (value === undefined) continue;
    if (m[4]) value += 0.5;
    const key = unitKey(m[3]!);
    if (key === 'fortnight') parts.weeks += value * 2;
    else parts[key] += value;
    found = true;
  }
  return found ? parts : undefined;
}

/** Exact length in ms of the hour/minute/second part. */
export function exactMs(d: DurationParts): number {
  return d.hours * 3_600_000 + d.minutes * 60_000 + d.seconds * 1000;
}
