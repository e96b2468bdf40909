/**
 * Recognisers for dates: "today", "tomorrow", "friday", "next friday", "friday next week",
 * "next week/month/year", "this weekend", "dec 24", "24 december 2026", "24/12", "2026-12-01",
 * "the 15th", holidays, "eow/eom/eoy", day parts ("tomorrow morning", "this evening", "tonight").
 */
import type { DateOrder } from '../core/date-order.js';
import type { DateSpec, Recognizer, TimeOfDay } from './pieces.js';
import { DAYPART_TIMES, daypartHint, plainTime, tod } from './time-phrases.js';
import { WEEKDAY_NAMES } from './shorthand.js';
import { MOVING_HOLIDAY_SRC } from './holidays.js';

export const WEEKDAY_SRC =
  '(sunday|monday|tuesday|wednesday|thursday|friday|saturday)';
export const MONTH_SRC =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';

/** Full month names only: "jan" or "mar" alone are too often other words. */
const FULL_MONTH_SRC = '(january|february|march|april|may|june|july|august|september|october|november|december)';

/** Ordinal of a weekday in its month ("first", "2nd", "last" = 'L'). */
export const NTH: Record<string, number | 'L'> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, last: 'L',
};
export const NTH_SRC = '(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)';

/** Weekday name (full, lower case) -> 0-6. */
export function weekdayIndex(name: string): number {
  return WEEKDAY_NAMES.indexOf(name.endsWith('s') ? name.slice(0, -1) : name);
}

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Month name or abbreviation -> 1-12. */
export function monthIndex(name: string): number {
  return MONTH_PREFIXES.indexOf(name.slice(0, 3)) + 1;
}

function withDaypart(word: string): { defaultTime: TimeOfDay } {
  const base = DAYPART_TIMES[word]!;
  const hint = daypartHint(word);
  return { defaultTime: hint ? { ...base, hint } : base };
}

function year(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const y = Number(text);
  return text.length === 2 ? 2000 + y : y;
}

/** Known holidays: month and day. */
const HOLIDAYS: Array<[RegExp, number, number]> = [
  [/christmas eve/, 12, 24],
  [/christmas(?: day)?/, 12, 25],
  [/new year'?s? eve|nye/, 12, 31],
  [/new year'?s?(?: day)?/, 1, 1],
  [/halloween/, 10, 31],
  [/valentine'?s?(?: day)?/, 2, 14],
  [/boxing day/, 12, 26],
];

/**
 * Dates people name that we cannot place (they move every year, or follow another calendar:
 * "chinese new year", "orthodox christmas"): reject with a hint, never the Gregorian one.
 */
const UNKNOWN_HOLIDAYS =
  /\b((?:chinese|lunar|jewish|hebrew|islamic|hijri|muslim|arabic|hindu|persian|iranian|tamil|sikh|thai|vietnamese|korean|tibetan|orthodox|coptic|julian|ethiopian|bengali)\s+(?:new\s+year(?:'s)?(?:\s+(?:day|eve))?|christmas(?:\s+(?:day|eve))?|easter)|hanukkah|chanukah|diwali|ramadan|eid(?: al[- ](?:fitr|adha))?|passover|chinese new year|lunar new year|rosh hashanah|yom kippur|holi|vesak|carnival)\b/g;

/** Date recognisers. `dateOrder` decides numeric dates when both readings are valid. */
export function dateRecognizers(dateOrder: DateOrder): Recognizer[] {
  return [
    {
      // 2026-12-01, 2026-12-01T14:30, 2026-12-01 14:30:00
      name: 'date-iso',
      re: /\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:t|\s+|\s*at\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?![\d:])/g,
      make(m) {
        const date = { kind: 'ymd' as const, y: Number(m[1]), m: Number(m[3]), d: Number(m[4]) };
        if (m[5] === undefined) return { date };
        const t = plainTime(m[5], Number(m[6]), Number(m[7] ?? 0));
        return t ? { date, time: { ...t, bare: false } } : null;
      },
    },
    {
      // before the fixed holidays: "chinese new year" is not "new year"
      name: 'date-unknown-holiday',
      re: UNKNOWN_HOLIDAYS,
      make(m) {
        return { unknown: m[1]! };
      },
    },
    {
      name: 'date-holiday',
      re: new RegExp(`\\b(?:on\\s+)?(${HOLIDAYS.map(([re]) => re.source).join('|')})\\b`, 'g'),
      make(m) {
        const hit = HOLIDAYS.find(([re]) => new RegExp(`^(?:${re.source})$`).test(m[1]!));
        return hit ? { date: { kind: 'ymd', m: hit[1], d: hit[2] } } : null;
      },
    },
    {
      // "easter", "on thanksgiving", "mother's day 2027": computed for the year and the user's zone
      name: 'date-holiday-moving',
      re: new RegExp(`\\b(?:(every|each)\\s+(?:year\\s+)?(?:on\\s+)?)?(?:on\\s+)?(?:the\\s+)?(?<!\\ba\\s)(${MOVING_HOLIDAY_SRC})(?:,?\\s+(\\d{4}))?(?![\\w'])`, 'g'),
      make(m) {
        if (m[1]) return { refuse: { error: `I can't repeat on "${m[2]}" yet: it moves every year. I can remind you on the next one.`, example: `on ${m[2]} at 9am` } };
        return { date: m[3] ? { kind: 'holiday', name: m[2]!, y: Number(m[3]) } : { kind: 'holiday', name: m[2]! } };
      },
    },
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
      re: new RegExp(`\\b(?:on\\s+)?the\\s+${NTH_SRC}\\s+${WEEKDAY_SRC}\\s+(?:of|in)\\s+(?:(this|next)\\s+month|${FULL_MONTH_SRC}(?:\\s+(\\d{4}))?)\\b`, 'g'),
      make(m) {
        const spec: DateSpec = { kind: 'nthWeekdayOfMonth', nth: NTH[m[1]!]!, weekday: weekdayIndex(m[2]!) };
        if (m[3]) spec.monthsAhead = m[3] === 'next' ? 1 : 0;
        else spec.m = monthIndex(m[4]!);
        if (m[5]) spec.y = Number(m[5]);
        return { date: spec };
      },
    },
    {
      name: 'date-relative-day',
      re: /\b(?:on\s+)?(?:the\s+)?(day after tomorrow|day before yesterday|tomorrow|today|yesterday)\b/g,
      make(m) {
        const word = m[1]!;
        const days = word === 'day after tomorrow' ? 2 : word === 'tomorrow' ? 1 : word === 'today' ? 0 : word === 'yesterday' ? -1 : -2;
        return days < 0 ? { date: { kind: 'relDay', days }, past: true } : { date: { kind: 'relDay', days } };
      },
    },
    {
      // "last tuesday", "last week", "last night": a day that has passed. Rejected like
      // "yesterday", never rolled forward to the next one.
      name: 'date-last',
      re: new RegExp(`\\b(?:on\\s+)?last\\s+(${WEEKDAY_SRC.slice(1, -1)}|week(?:end)?|month|year|night|evening|morning|afternoon)\\b(?!'s|\\s+(?:of|in)\\b)`, 'g'),
      make(m) {
        const what = m[1]!;
        const ahead = what === 'night' || what === 'evening' ? 'tonight at 9pm' : what === 'morning' || what === 'afternoon' ? `tomorrow ${what}` : `next ${what} at 9am`;
        return { refuse: { error: `"last ${what}" has already passed. Pick a time from now on.`, example: ahead } };
      },
    },
    {
      name: 'date-tonight',
      re: /\b(?:(?:by|at|for)\s+)?(tonight)\b/g,
      make() {
        return { date: { kind: 'relDay', days: 0 }, ...withDaypart('tonight') };
      },
    },
    {
      name: 'date-this-daypart',
      re: /\b(?:later\s+)?this\s+(morning|afternoon|evening)\b|\blater today\b/g,
      make(m) {
        if (!m[1]) return { date: { kind: 'relDay', days: 0 } };
        return { date: { kind: 'relDay', days: 0 }, ...withDaypart(m[1]) };
      },
    },
    {
      name: 'daypart',
      re: /\b(?:(?:in|during)\s+the\s+|at\s+|first thing in the\s+)?(morning|afternoon|evening|night)s?\b|\b(first thing)\b/g,
      make(m) {
        if (m[2]) return { defaultTime: { ...tod(9), hint: 'am' } };
        return withDaypart(m[1]!);
      },
    },
    {
      // "the friday after next", "a week from friday"
      name: 'date-weekday-after-next',
      re: new RegExp(`\\b(?:on\\s+)?(?:the\\s+)?${WEEKDAY_SRC}\\s+after\\s+next\\b|\\ba\\s+week\\s+(?:from|on)\\s+${WEEKDAY_SRC}\\b`, 'g'),
      make(m) {
        return { date: { kind: 'weekday', weekday: weekdayIndex(m[1] ?? m[2]!), nextWeek: false, plusWeeks: 1 } };
      },
    },
    {
      // "friday next week", "next week friday", "next week on friday"
      name: 'date-weekday-next-week',
      re: new RegExp(`\\b(?:on\\s+)?${WEEKDAY_SRC}\\s+(?:of\\s+)?next\\s+week\\b|\\bnext\\s+week\\s+(?:on\\s+)?${WEEKDAY_SRC}\\b`, 'g'),
      make(m) {
        return { date: { kind: 'weekday', weekday: weekdayIndex(m[1] ?? m[2]!), nextWeek: true } };
      },
    },
    {
      // "friday", "next friday", "this friday", "on friday", "coming friday"
      name: 'date-weekday',
      re: new RegExp(`\\b(?:(?:on|next|this|coming|the|upcoming|by|before)\\s+)*${WEEKDAY_SRC}\\b(?!s)`, 'g'),
      make(m) {
        return { date: { kind: 'weekday', weekday: weekdayIndex(m[1]!), nextWeek: false } };
      },
    },
    {
      name: 'date-eow',
      re: /\b(?:(?:by|at|before)\s+)?(?:the\s+)?(?:eow|end of (?:the |this |(next) )?(?:work ?)?week)\b/g,
      make(m) {
        return { date: m[1] ? { kind: 'endOfWeek', next: true } : { kind: 'endOfWeek' }, defaultTime: tod(17) };
      },
    },
    {
      name: 'date-eom',
      re: /\b(?:(?:by|at|before)\s+)?(?:the\s+)?(?:eom|end of (?:the |this |(next) )?month)\b/g,
      make(m) {
        return { date: m[1] ? { kind: 'endOfMonth', next: true } : { kind: 'endOfMonth' }, defaultTime: tod(17) };
      },
    },
    {
      name: 'date-eoy',
      re: /\b(?:(?:by|at|before)\s+)?(?:the\s+)?(?:eoy|end of (?:the |this |(next) )?year)\b/g,
      make(m) {
        return { date: m[1] ? { kind: 'endOfYear', next: true } : { kind: 'endOfYear' }, defaultTime: tod(17) };
      },
    },
    {
      name: 'date-next-period',
      re: /\b(?:(?:on|at|over|for|by)\s+)?(?:the\s+)?(?:(?:beginning|start)\s+of\s+(?:the\s+)?|early\s+)?(next|this|coming)\s+(week|month|year|weekend)\b|\b(?:on|at|over)\s+the\s+(weekend)\b/g,
      make(m) {
        const which = m[1] ?? 'this';
        const unit = m[2] ?? m[3]!;
        if (unit === 'weekend') return { date: { kind: 'weekend', next: which === 'next' } satisfies DateSpec };
        if (which !== 'next' && which !== 'coming') return null;
        const date: DateSpec = { kind: unit === 'week' ? 'nextWeek' : unit === 'month' ? 'nextMonth' : 'nextYear' };
        return { date };
      },
    },
    {
      // "24 december", "24th of dec 2026", "the 1st of jan"
      name: 'date-day-month',
      re: new RegExp(`\\b(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH_SRC}\\b\\.?(?:,?\\s+(\\d{4}))?`, 'g'),
      make(m) {
        const y = year(m[3]);
        return { date: y ? { kind: 'ymd', y, m: monthIndex(m[2]!), d: Number(m[1]) } : { kind: 'ymd', m: monthIndex(m[2]!), d: Number(m[1]) } };
      },
    },
    {
      // "dec 24", "december 24th, 2026", "dec. 24"
      name: 'date-month-day',
      re: new RegExp(`\\b(?:on\\s+)?${MONTH_SRC}\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:.]|\\s*(?:am|pm|a|p)\\b)(?:,?\\s+(\\d{4}))?\\b`, 'g'),
      make(m) {
        const y = year(m[3]);
        return { date: y ? { kind: 'ymd', y, m: monthIndex(m[1]!), d: Number(m[2]) } : { kind: 'ymd', m: monthIndex(m[1]!), d: Number(m[2]) } };
      },
    },
    {
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
    },
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
  ];
}
