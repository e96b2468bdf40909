/**
 * Words and patterns shared by the date and repeat recognisers: weekday and month names,
 * "first … last" ordinals, two-digit years, and day parts as default times.
 */
import type { TimeOfDay } from './pieces.js';
import { DAYPART_TIMES, daypartHint } from './time-phrases.js';
import { WEEKDAY_NAMES } from './shorthand.js';

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Days of the week (0 = Sunday) as a request says them, Monday first: "friday", "monday, tuesday and friday". */
export function spokenDays(days: number[]): string {
  const names = [...new Set(days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => DAY_NAMES[d]!);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const WEEKDAY_SRC = '(sunday|monday|tuesday|wednesday|thursday|friday|saturday)';
export const MONTH_SRC =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';

/** Full month names only: "jan" or "mar" alone are too often other words. */
export const FULL_MONTH_SRC = '(january|february|march|april|may|june|july|august|september|october|november|december)';

/** Ordinal of a weekday in its month ("first", "2nd", "last" = 'L'). */
export const NTH: Record<string, number | 'L'> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  last: 'L',
};
export const NTH_SRC = '(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)';

const UNIT_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const TEEN_ORDINALS = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];

/** A day of the month written as a word ("third", "twenty-first", "thirty first") -> 1-31, or undefined. */
export function ordinalDay(word: string): number | undefined {
  const [tens, unit] = word.split(/[\s-]+/);
  if (unit === undefined) {
    const i = [...UNIT_ORDINALS, ...TEEN_ORDINALS, 'twentieth'].indexOf(tens!);
    if (i >= 0) return i + 1;
    return tens === 'thirtieth' ? 30 : undefined;
  }
  const base = tens === 'twenty' ? 20 : tens === 'thirty' ? 30 : undefined;
  const n = UNIT_ORDINALS.indexOf(unit) + 1;
  return base !== undefined && n > 0 && base + n <= 31 ? base + n : undefined;
}
export const ORDINAL_DAY_SRC = `((?:(?:twenty|thirty)[\\s-]+)?(?:${UNIT_ORDINALS.join('|')})|${TEEN_ORDINALS.join('|')}|twentieth|thirtieth)`;

/** Weekday name (full, lower case) -> 0-6. */
export function weekdayIndex(name: string): number {
  return WEEKDAY_NAMES.indexOf(name.endsWith('s') ? name.slice(0, -1) : name);
}

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Month name or abbreviation -> 1-12. */
export function monthIndex(name: string): number {
  return MONTH_PREFIXES.indexOf(name.slice(0, 3)) + 1;
}

/** A day part ("morning", "tonight") as the default time of a date, with its am/pm hint. */
export function withDaypart(word: string): { defaultTime: TimeOfDay } {
  const base = DAYPART_TIMES[word]!;
  const hint = daypartHint(word);
  return { defaultTime: hint ? { ...base, hint } : base };
}

/** A year as written: two digits are this century's ("26" = 2026). */
export function year(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const y = Number(text);
  return text.length === 2 ? 2000 + y : y;
}
