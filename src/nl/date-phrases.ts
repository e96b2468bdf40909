/**
 * Recognisers for dates: "today", "tomorrow", "friday", "next friday", "friday next week",
 * "next week/month/year", "this weekend", "dec 24", "24 december 2026", "24/12", "2026-12-01",
 * "the 15th", holidays, "eow/eom/eoy", day parts ("tomorrow morning", "this evening", "tonight").
 * This file holds calendar dates; holidays and relative dates have their own files, and
 * {@link dateRecognizers} puts them all in priority order.
 */
import type { DateOrder } from '../core/date-order.js';
import type { DateSpec, Recognizer } from './pieces.js';
import { plainTime } from './time-phrases.js';
import { HOLIDAY_DATE_RECOGNIZERS } from './date-holiday-phrases.js';
import { PERIOD_RECOGNIZERS, RELATIVE_DATE_RECOGNIZERS } from './date-relative-phrases.js';
import {
  FULL_MONTH_SRC,
  MONTH_SRC,
  monthIndex,
  NTH,
  NTH_SRC,
  ORDINAL_DAY_SRC,
  ordinalDay,
  WEEKDAY_SRC,
  weekdayIndex,
  year,
} from './date-words.js';

const ISO_DATE: Recognizer = {
  // 2026-12-01, 2026-12-01T14:30, 2026-12-01 14:30:00
  name: 'date-iso',
  // A time with am/pm after it ("2027-03-01 at 1:01 pm") is left to the time recognisers, whole.
  re: /\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:t|\s+|\s*at\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\s*[ap]\.?m\b))?(?![\d:])/g,
  make(m) {
    const date = { kind: 'ymd' as const, y: Number(m[1]), m: Number(m[3]), d: Number(m[4]) };
    if (m[5] === undefined) return { date };
    const t = plainTime(m[5], Number(m[6]), Number(m[7] ?? 0));
    return t ? { date, time: { ...t, bare: false } } : null;
  },
};

/** One day of a month named by its number or its weekday: "march on the 3rd", "the first friday of next month". */
const NAMED_DAY_RECOGNIZERS: Recognizer[] = [
  {
    // "in january on the 5th", "march on the 3rd": one day of the month named
    name: 'date-month-on-day',
    re: new RegExp(`\\b(?:(?:in|during)\\s+)?${FULL_MONTH_SRC}\\s+on\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b`, 'g'),
    make(m) {
      return { date: { kind: 'ymd', m: monthIndex(m[1]!), d: Number(m[2]) } };
    },
  },
  {
    // "the 5th of next month", "on the 20th this month", "next month on the 5th"
    name: 'date-day-of-this-next-month',
    re: /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+(?:of\s+)?(this|next)\s+month\b|\b(this|next)\s+month\s+on\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b/g,
    make(m) {
      const d = Number(m[1] ?? m[4]);
      return { date: { kind: 'dayOfMonth', d, monthsAhead: (m[2] ?? m[3]) === 'next' ? 1 : 0 } };
    },
  },
  {
    // "the third friday in march", "the first friday of next month", "the last monday of january"
    name: 'date-nth-weekday-of-month',
    re: new RegExp(
      `\\b(?:on\\s+)?(?:the\\s+)?${NTH_SRC}\\s+${WEEKDAY_SRC}\\s+(?:of|in)\\s+(?:(this|next)\\s+month|${FULL_MONTH_SRC}(?:\\s+(\\d{4}))?)\\b`,
      'g',
    ),
    make(m) {
      const spec: DateSpec = { kind: 'nthWeekdayOfMonth', nth: NTH[m[1]!]!, weekday: weekdayIndex(m[2]!) };
      if (m[3]) spec.monthsAhead = m[3] === 'next' ? 1 : 0;
      else spec.m = monthIndex(m[4]!);
      if (m[5]) spec.y = Number(m[5]);
      return { date: spec };
    },
  },
];

/** "24/12", "12/24/2026": `dateOrder` decides when both readings are valid. */
function numericDate(dateOrder: DateOrder): Recognizer {
  return {
    // "24/12", "12/24/2026", "24.12.2026", "24/12/26"
    name: 'date-numeric',
    re: /\b(?:on\s+)?(\d{1,2})([/.]|-(?=\d{1,2}-\d{4}))(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/.]|\s*(?:%|am|pm|h\b|hrs?\b|hours?\b|mins?\b|minutes?\b|s\b|secs?\b|seconds?\b|days?\b|weeks?\b))/g,
    make(m) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      // Without a year, a "." reading is only a date when it cannot be a decimal number.
      if (m[2] === '.' && !m[4] && !(a <= 31 && b <= 12 && m[3]!.length === 2)) return null;
      const y = year(m[4]);
      const dm = { d: a, m: b };
      const md = { d: b, m: a };
      const validDm = dm.m >= 1 && dm.m <= 12 && dm.d >= 1 && dm.d <= 31;
      const validMd = md.m >= 1 && md.m <= 12 && md.d >= 1 && md.d <= 31;
      const pick = dateOrder === 'dmy' ? (validDm ? dm : validMd ? md : dm) : validMd ? md : validDm ? dm : md;
      return { date: y ? { kind: 'ymd', y, ...pick } : { kind: 'ymd', ...pick } };
    },
  };
}

/** Day and month written out: "24 december", "dec 24th, 2026". */
const WRITTEN_DATE_RECOGNIZERS: Recognizer[] = [
  {
    // "24 december", "24th of dec 2026", "the 1st of jan"
    name: 'date-day-month',
    re: new RegExp(`\\b(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH_SRC}\\b\\.?(?:,?\\s+(\\d{4}))?`, 'g'),
    make(m) {
      const y = year(m[3]);
      return {
        date: y ? { kind: 'ymd', y, m: monthIndex(m[2]!), d: Number(m[1]) } : { kind: 'ymd', m: monthIndex(m[2]!), d: Number(m[1]) },
      };
    },
  },
  {
    // "dec 24", "december 24th, 2026", "dec. 24"
    name: 'date-month-day',
    re: new RegExp(
      `\\b(?:on\\s+)?${MONTH_SRC}\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:.]|\\s*(?:am|pm|a|p)\\b)(?:,?\\s+(\\d{4}))?\\b`,
      'g',
    ),
    make(m) {
      const y = year(m[3]);
      return {
        date: y ? { kind: 'ymd', y, m: monthIndex(m[1]!), d: Number(m[2]) } : { kind: 'ymd', m: monthIndex(m[1]!), d: Number(m[2]) },
      };
    },
  },
];

/** A month alone ("in january", "until march"), a day of the month alone ("on the 15th"). */
const MONTH_OR_DAY_RECOGNIZERS: Recognizer[] = [
  {
    // "in january", "next march", "january 2027", "end of january", "until january"
    name: 'date-month',
    re: new RegExp(
      // (an empty last alternative, not "?": a group that may match empty would skip the lookbehind)
      `\\b(?:(in|during|next|this)\\s+|(?:(?:in|at|by)\\s+)?(?:the\\s+)?(end|start|beginning)\\s+of\\s+|(?<=\\b(until|till|til|through|thru|from|starting|beginning)\\s+(?:the\\s+)?(?:month\\s+of\\s+)?)|(?<=\\b(?:${FULL_MONTH_SRC.slice(1, -1)})(?:\\s+\\d{4})?\\s*(to|-|through|thru|till|until)\\s*)|)` +
        `${FULL_MONTH_SRC}(?:\\s+(\\d{4}))?\\b(?!\\s*\\d|\\s+(?:the\\s+)?\\d)`,
      'g',
    ),
    make(m) {
      const [, lead, edge, boundWord, rangeWord, name, yearText] = m;
      // "from january to march" names whole months: through the end of March
      const bound = rangeWord ? 'through' : boundWord;
      if (!lead && !edge && !bound && !yearText) return null;
      const spec: DateSpec = { kind: 'month', m: monthIndex(name!) };
      if (yearText) spec.y = Number(yearText);
      if (lead === 'next') spec.next = true;
      if (edge === 'end' || bound === 'through' || bound === 'thru') spec.end = true;
      return { date: spec };
    },
  },
  {
    // "on the 15th", "the 3rd"
    name: 'date-day-of-month',
    re: /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\s+(?:every|each|the)\s+month)/g,
    make(m) {
      return { date: { kind: 'dayOfMonth', d: Number(m[1]) } };
    },
  },
  {
    // "on the third at 9", "on the twenty-first": the day in words (was left in the text, and the
    // time read for today). Only after "on" and before a time or the end: "the first to arrive",
    // "on the second floor" are not days.
    name: 'date-day-of-month-word',
    re: new RegExp(
      `\\bon\\s+the\\s+${ORDINAL_DAY_SRC}\\b(?=\\s*(?:$|[,.;!?]|(?:at|@|around|by|and|or|then|to|in the|morning|afternoon|evening|night|noon|midnight|\\d)\\b))`,
      'g',
    ),
    make(m) {
      const d = ordinalDay(m[1]!);
      return d === undefined ? null : { date: { kind: 'dayOfMonth', d } };
    },
  },
];

/** Date recognisers in priority order. `dateOrder` decides numeric dates when both readings are valid. */
export function dateRecognizers(dateOrder: DateOrder): Recognizer[] {
  return [
    ISO_DATE,
    ...HOLIDAY_DATE_RECOGNIZERS,
    ...NAMED_DAY_RECOGNIZERS,
    ...RELATIVE_DATE_RECOGNIZERS,
    ...PERIOD_RECOGNIZERS,
    ...WRITTEN_DATE_RECOGNIZERS,
    numericDate(dateOrder),
    ...MONTH_OR_DAY_RECOGNIZERS,
  ];
}
