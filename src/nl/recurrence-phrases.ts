/**
 * Recognisers for repeats and their bounds: "every 2 weeks", "every other day", "daily",
 * "biweekly", "every weekday", "mondays and thursdays", "every first monday of the month",
 * "on the 1st and 15th of every month", "every dec 24", "from 9 to 5", "for 5 times",
 * "for 8 weeks".
 */
import type { Recognizer, RepeatSpec, TimeOfDay } from './pieces.js';
import { DURATION_SRC, NUMBER_WORD_SRC, parseDurationPhrase, parseNumber } from './duration-phrase.js';
import { MONTH_SRC, NTH, NTH_SRC, WEEKDAY_SRC, monthIndex, weekdayIndex } from './date-words.js';
import { plainTime, withMeridiem, tod } from './time-phrases.js';
import { REPEAT_WORD } from './hour-minutes.js';
import { PERIOD_RECOGNIZERS } from './period-repeats.js';

const UNIT_SRC = '(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|fortnights?|mo|s|m|h|d|w|y)';

type Unit = Extract<RepeatSpec, { kind: 'every' }>['unit'];

function unitOf(text: string): { unit: Unit; factor: number } {
  if (/^(s|secs?|seconds?)$/.test(text)) return { unit: 'second', factor: 1 };
  if (/^(m|mins?|minutes?)$/.test(text)) return { unit: 'minute', factor: 1 };
  if (/^(h|hrs?|hours?)$/.test(text)) return { unit: 'hour', factor: 1 };
  if (/^(d|days?)$/.test(text)) return { unit: 'day', factor: 1 };
  if (/^(w|wks?|weeks?)$/.test(text)) return { unit: 'week', factor: 1 };
  if (/^fortnights?$/.test(text)) return { unit: 'week', factor: 2 };
  if (/^(mo|months?)$/.test(text)) return { unit: 'month', factor: 1 };
  return { unit: 'year', factor: 1 };
}

const ORDINALS: Record<string, number> = {
  other: 2,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
};
const NTH_WORD = '(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)';
const NTH_LIST_SRC = `${NTH_WORD}(?:\\s*(?:,|and|&)\\s*(?:the\\s+)?${NTH_WORD})*`;
const DOM_SRC = '(?:\\d{1,2}(?:st|nd|rd|th)?|last(?: day)?|first(?: day)?)';
const WINDOW_TIME_SRC = '(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?|(noon|midnight)';
/** A window's start that cannot be a count of minutes: with am/pm, or noon, midnight (same groups). */
const MARKED_TIME_SRC = '(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)|(noon|midnight)';

function windowTime(
  h: string | undefined,
  mi: string | undefined,
  mer: string | undefined,
  word: string | undefined,
): TimeOfDay | undefined {
  if (word) return word === 'noon' ? tod(12) : tod(0);
  if (h === undefined) return undefined;
  if (mer) return withMeridiem(Number(h), Number(mi ?? 0), mer);
  return plainTime(h, Number(mi ?? 0));
}

/** A window's start and end from the groups of {@link WINDOW_TIME_SRC} twice. */
function windowOf(m: RegExpExecArray | RegExpMatchArray): { window: { from: TimeOfDay; to: TimeOfDay } } | null {
  const from = windowTime(m[1], m[2], m[3], m[4]);
  const to = windowTime(m[5], m[6], m[7], m[8]);
  return from && to ? { window: { from, to } } : null;
}

function weekdayList(text: string): number[] {
  const days = [...text.matchAll(new RegExp(WEEKDAY_SRC, 'g'))].map((m) => weekdayIndex(m[1]!));
  return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * "every second tuesday" (no month after it) is said both for the 2nd Tuesday of each month and
 * for every other Tuesday (bins, paydays); "every third friday" likewise for every 3 weeks. Asked,
 * never guessed: the two readings share no date after the first. ("every 5th friday" is only
 * ever the fifth of a month.)
 */
function everyNthOrWeeks(nth: number, m: RegExpMatchArray): { error: string; example: string; repeat: true } {
  const weekday = m[4]!;
  const ordinal = ['', '1st', '2nd', '3rd', '4th', '5th'][nth]!;
  const weeks = nth === 2 ? `every other ${weekday}` : `every ${nth} weeks on ${weekday}`;
  // the request itself with the weeks reading in place of the phrase: its time and text kept
  const example = `${m.input!.slice(0, m.index)}${weeks}${m.input!.slice(m.index! + m[0].length)}`;
  return {
    error: `The ${ordinal} ${weekday} of every month, or ${weeks}? Say which: "every ${ordinal} ${weekday} of the month" or "${weeks}".`,
    example,
    repeat: true,
  };
}

/** "1st, 15th and last" -> [1, 15, 'L']; undefined when a day cannot be in a month. */
function monthDayList(list: string): Array<number | 'L'> | undefined {
  const days: Array<number | 'L'> = [];
  for (const d of list.matchAll(/(\d{1,2})|last|first/g)) {
    if (d[0] === 'first') days.push(1);
    else if (d[1] === undefined) days.push('L');
    else {
      const n = Number(d[1]);
      if (n < 1 || n > 31) return undefined;
      days.push(n);
    }
  }
  return days;
}

/** Repeat recognisers, most specific first. They run before the date and time recognisers. */
export const RECURRENCE_RECOGNIZERS: Recognizer[] = [
  ...PERIOD_RECOGNIZERS,
  {
    // "except weekends", "but not on fridays", "excluding saturday and sunday"
    name: 'repeat-except',
    re: new RegExp(
      `\\b(?:except|but not|excluding|except for|not on|apart from|other than)\\s+(?:on\\s+)?(?:the\\s+)?(weekends?|weekdays?|${WEEKDAY_SRC}s?(?:\\s*(?:,|and|or|&)\\s*(?:on\\s+)?${WEEKDAY_SRC}s?)*)\\b`,
      'g',
    ),
    make(m) {
      const what = m[1]!;
      const days = what.startsWith('weekend') ? [0, 6] : what.startsWith('weekday') ? [1, 2, 3, 4, 5] : weekdayList(what);
      return { exceptDays: days };
    },
  },
  {
    // "from 9 to 5", "between 9am and 5pm", "9-17"
    name: 'repeat-window',
    re: new RegExp(
      `\\b(?:from|between)\\s+(?:${WINDOW_TIME_SRC})\\s*(?:to|until|till|through|thru|and|-)\\s*(?:${WINDOW_TIME_SRC})\\b`,
      'g',
    ),
    make: windowOf,
  },
  {
    // "every day 9am-midnight", "every hour 9am to 5pm": right after a repeat, a range whose start
    // says am/pm (or noon, midnight) is a window too; it cannot be minutes to an hour as "9 to 5"
    // can (asked, hour-minutes.ts). It was read as two times, 09:00 and 00:00.
    name: 'repeat-window-after-repeat',
    re: new RegExp(
      `(?<=\\b${REPEAT_WORD}\\s*,?\\s+)(?:${MARKED_TIME_SRC})\\s*(?:to|until|till|through|thru|-|–)\\s*(?:${WINDOW_TIME_SRC})\\b`,
      'g',
    ),
    make: windowOf,
  },
  {
    // "for 5 times", "5 times", "for ten occurrences"
    name: 'repeat-count',
    re: new RegExp(`\\b(?:for\\s+)?(\\d+|${NUMBER_WORD_SRC})\\s+(?:times|occurrences|runs|reminders)\\b`, 'g'),
    make(m) {
      const n = parseNumber(m[1]!);
      return n !== undefined && Number.isInteger(n) ? { count: n, role: 'for' } : null;
    },
  },
  {
    // "for 8 weeks", "for the next 3 days"
    name: 'repeat-for-duration',
    re: new RegExp(`\\bfor\\s+(?:the\\s+next\\s+)?(${DURATION_SRC})`, 'g'),
    make(m) {
      const duration = parseDurationPhrase(m[1]!);
      return duration ? { duration, role: 'for' } : null;
    },
  },
  {
    // "monthly on the first monday", "every month on the 2nd and 4th tuesday", "every year on the
    // last friday of november": the nth weekday of each month (of that month, yearly), written
    // after the repeat word
    name: 'repeat-on-nth-weekday',
    re: new RegExp(
      `\\b(?:(monthly|(?:every|each)\\s+month)|yearly|annually|(?:every|each)\\s+year)\\s+on\\s+(?:the\\s+)?(${NTH_LIST_SRC})\\s+${WEEKDAY_SRC}\\b(?:\\s+(?:of|in)\\s+${MONTH_SRC}\\b)?`,
      'g',
    ),
    make(m) {
      const [, monthly, list, weekday, month] = m;
      // "monthly … of november" and "yearly on the first monday" (of which month?) say two things
      if (Boolean(monthly) === Boolean(month)) {
        return {
          refuse: {
            error: 'Every month, or once a year in one month? Say one of them.',
            example: `every ${m[2]!.split(/\s/)[0]} ${weekday} of the month at 9am`,
          },
        };
      }
      const nth = [...list!.matchAll(new RegExp(NTH_SRC, 'g'))].map((x) => NTH[x[1]!]!);
      const repeat: RepeatSpec = { kind: 'nthWeekday', weekday: weekdayIndex(weekday!), nth: [...new Set(nth)] };
      return { repeat: month ? { ...repeat, month: monthIndex(month) } : repeat };
    },
  },
  {
    // "monthly on the last day", "every month on the first day"
    name: 'repeat-monthly-on-edge-day',
    re: /\b(?:monthly|(?:every|each)\s+month)\s+on\s+(?:the\s+)?(last|first)\s+day\b(?!\s+of\b)/g,
    make(m) {
      return { repeat: { kind: 'monthDays', days: [m[1] === 'last' ? 'L' : 1], step: 1 } };
    },
  },
  {
    // "every month on the 1st and 15th", "every 2 months on the last day", "every other month on
    // the 15th": days of the month with the repeat's step. It was "every month" with "on the 1st"
    // as a day: the 15th, or the last day, was left in the text, and a step of months was
    // anchored on today's date instead.
    name: 'repeat-months-on-days',
    re: new RegExp(
      `\\b(?:monthly|(?:every|each)\\s+(?:(\\d{1,2}|other)\\s+)?months?)\\s+on\\s+(?:the\\s+)?(${DOM_SRC}(?:\\s*(?:,|and|&)\\s*(?:the\\s+)?${DOM_SRC})*)(?:\\s+day)?(?:\\s+of\\s+(?:the|each|every)\\s+month)?\\b(?!\\s+(?:${WEEKDAY_SRC}|weekdays?|weekends?|work ?days?|business days?|working days?|(?:of\\s+)?${MONTH_SRC})\\b)`,
      'g',
    ),
    make(m) {
      const step = m[1] === undefined ? 1 : m[1] === 'other' ? 2 : Number(m[1]);
      const days = monthDayList(m[2]!);
      return days && step >= 1 ? { repeat: { kind: 'monthDays', days, step } } : null;
    },
  },
  {
    // "every month on the last weekday" (last working day): no schedule we keep can say it
    name: 'repeat-monthly-last-workday',
    re: /\b(?:monthly|(?:every|each)\s+month)\s+on\s+(?:the\s+)?(?:last|first)\s+(?:weekday|work ?day|business day|working day)\b|\b(?:the\s+)?(?:last|first)\s+(?:weekday|work ?day|business day|working day)\s+of\s+(?:the|every|each)\s+month\b/g,
    make() {
      return {
        refuse: {
          error: "I can't repeat on the first or last working day of the month yet.",
          example: 'every month on the last friday at 9am',
        },
      };
    },
  },
  {
    // "every first monday of the month", "last friday of every month", "the 2nd and 4th tuesday of each month"
    name: 'repeat-nth-weekday',
    // "every 3rd monday of october": that month of every year
    re: new RegExp(
      `\\b(?:(?:every|each|on)\\s+)?(?:the\\s+)?(${NTH_LIST_SRC})\\s+${WEEKDAY_SRC}\\s+(?:(?:of|in)\\s+)?(?:every|each|the|a)\\s+month\\b|\\b(?:every|each)\\s+(?:the\\s+)?(${NTH_LIST_SRC})\\s+${WEEKDAY_SRC}(?:\\s+(?:of|in)\\s+${MONTH_SRC}\\b)?\\b`,
      'g',
    ),
    make(m) {
      const list = m[1] ?? m[3]!;
      const nth = [...list.matchAll(new RegExp(NTH_SRC, 'g'))].map((x) => NTH[x[1]!]!);
      const everyNthWeek = m[3] !== undefined && m[5] === undefined && nth.length === 1 ? nth[0] : undefined;
      if (typeof everyNthWeek === 'number' && everyNthWeek > 1 && everyNthWeek < 5) return { refuse: everyNthOrWeeks(everyNthWeek, m) };
      const repeat: RepeatSpec = { kind: 'nthWeekday', weekday: weekdayIndex(m[2] ?? m[4]!), nth: [...new Set(nth)] };
      return { repeat: m[5] ? { ...repeat, month: monthIndex(m[5]) } : repeat };
    },
  },
  {
    // "on the 1st and 15th of every month", "the last day of each month", "every 15th",
    // "every 1st and 15th"; not "every 3rd day", every 3 days as "every third day" is
    name: 'repeat-month-days',
    re: new RegExp(
      `\\b(?:(?:every|each|on)\\s+)?(?:the\\s+)?(${DOM_SRC}(?:\\s*(?:,|and|&)\\s*(?:the\\s+)?${DOM_SRC})*)\\s+(?:day\\s+)?(?:(?:of|in)\\s+)?(?:every|each|the|a)\\s+month\\b|\\b(?:every|each)\\s+(?:the\\s+)?(\\d{1,2}(?:st|nd|rd|th)(?:\\s*(?:,|and|&)\\s*(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th))*)(?!\\s+(?:of\\s+)?${MONTH_SRC})(?!\\s+(?:day|week|hour|minute)s?\\b(?!\\s+(?:of|in)\\b))\\b`,
      'g',
    ),
    make(m) {
      const days = monthDayList(m[1] ?? m[2]!);
      return days ? { repeat: { kind: 'monthDays', days, step: 1 } } : null;
    },
  },
  {
    // "every dec 24", "every 24th of december", "every year on dec 24" is handled by combining
    name: 'repeat-year-date',
    re: new RegExp(
      `\\b(?:every|each)\\s+(?:${MONTH_SRC}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?|(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_SRC})\\b`,
      'g',
    ),
    make(m) {
      const month = monthIndex(m[1] ?? m[4]!);
      const d = Number(m[2] ?? m[3]);
      return { repeat: { kind: 'yearDate', m: month, d } };
    },
  },
  {
    // "every weekday", "on weekdays", "weekdays", "every workday", "every weekend", "weekends"
    name: 'repeat-weekdays',
    re: /\b(?:(?:every|each)\s+(?:single\s+)?(weekday|work ?day|business day|weekend)|(?:(?:on|during)\s+)?(?:the\s+)?(weekdays|work ?days|business days|weekends)|(?:(?:on|during)\s+)?(weekday|weekend)(?=\s+(?:morning|afternoon|evening|night)s\b))\b/g,
    make(m) {
      const word = m[1] ?? m[2] ?? m[3]!;
      const days = word.startsWith('weekend') ? [0, 6] : [1, 2, 3, 4, 5];
      return { repeat: { kind: 'weekdays', days, step: 1 } };
    },
  },
  {
    // "monday nights", "on sunday mornings": a plural day part makes the day repeat
    name: 'repeat-weekday-dayparts',
    re: new RegExp(`\\b(?:(?:every|each|on)\\s+)?${WEEKDAY_SRC}\\s+(morning|afternoon|evening|night)s\\b`, 'g'),
    make(m) {
      const word = m[2]!;
      const h = word === 'morning' ? 9 : word === 'afternoon' ? 15 : word === 'evening' ? 18 : 20;
      return {
        repeat: { kind: 'weekdays', days: [weekdayIndex(m[1]!)], step: 1 },
        defaultTime: { ...tod(h), hint: word === 'morning' ? 'am' : 'pm' },
      };
    },
  },
  {
    // "monday to friday", "every day mon-fri", "from tuesday through thursday"
    name: 'repeat-weekday-range',
    re: new RegExp(
      `\\b(?:(?:every|each)\\s+(?:day\\s+)?)?(?:on\\s+)?(?:from\\s+)?${WEEKDAY_SRC}s?\\s*(?:-|to|through|thru|till|until)\\s*${WEEKDAY_SRC}s?\\b`,
      'g',
    ),
    make(m) {
      const a = weekdayIndex(m[1]!);
      const b = weekdayIndex(m[2]!);
      const days: number[] = [];
      for (let d = a; ; d = (d + 1) % 7) {
        days.push(d);
        if (d === b || days.length > 7) break;
      }
      return { repeat: { kind: 'weekdays', days: days.sort((x, y) => x - y), step: 1 } };
    },
  },
  {
    // "every monday and thursday", "every other tuesday", "mondays", "on mondays and fridays",
    // "every monday, wednesday and friday"
    name: 'repeat-weekday-set',
    re: new RegExp(
      `\\b(?:(every|each)\\s+(?:(other|second|2nd|third|3rd)\\s+)?)?(?:on\\s+)?${WEEKDAY_SRC}(s?)((?:\\s*(?:,|and|&|or|\\+|,\\s*and)\\s*(?:on\\s+)?${WEEKDAY_SRC}s?)*)\\b`,
      'g',
    ),
    make(m) {
      const plural = m[4] === 's' || /days\b/.test(m[5] ?? '');
      if (!m[1] && !plural) return null;
      const days = weekdayList(m[0]);
      const step = m[2] ? (ORDINALS[m[2]] ?? 1) : 1;
      return { repeat: { kind: 'weekdays', days, step } };
    },
  },
  {
    // "every -5 minutes", "in -5 minutes": a negative span is no time; say so instead of "no time found"
    name: 'negative-span',
    re: new RegExp(`\\b(every|each|in)\\s+-\\s*\\d+(?:\\.\\d+)?\\s*${UNIT_SRC}(?![a-z0-9])`, 'g'),
    make(m) {
      const every = m[1] !== 'in';
      return {
        refuse: {
          error: `"${m[0]}" is a negative span: ${every ? 'a repeat needs a step above zero' : 'I remind you from now on, not before'}.`,
          example: every ? 'every 5 minutes stretch' : 'in 5 minutes check the oven',
          ...(every ? { repeat: true as const } : {}),
        },
      };
    },
  },
  {
    // "in 1,000 minutes", "in 1,5 hours": the comma split the number and "1" was read with no
    // unit; which number was meant (1000? 1.5?) is not guessed
    name: 'comma-number',
    re: new RegExp(`\\b(?:(every|each|in)\\s+)?(\\d{1,3}(?:,\\d{3})+|\\d+,\\d{1,2})\\s*${UNIT_SRC}(?![a-z0-9])`, 'g'),
    make(m) {
      const number = m[2]!;
      const thousands = /,\d{3}$/.test(number);
      const plain = thousands ? number.replace(/,/g, '') : number.replace(',', '.');
      const rest = m[0].slice(m[0].indexOf(number) + number.length).trim();
      return {
        refuse: {
          error: `Please write "${number}" ${thousands ? 'without commas' : 'with a point'}: "${plain} ${rest}".`,
          example: `${m[1] ?? 'in'} ${plain} ${rest} check the oven`,
          ...(m[1] && m[1] !== 'in' ? { repeat: true as const } : {}),
        },
      };
    },
  },
  {
    // "every last day" of what? "every last day of the month" is read elsewhere; alone it is a question
    name: 'every-last-day-alone',
    re: /\b(?:every|each)\s+last\s+day\b(?!\s+of\b)/g,
    make() {
      return {
        refuse: {
          error: 'The last day of what? Say "every last day of the month".',
          example: 'every last day of the month at 9am pay rent',
          repeat: true,
        },
      };
    },
  },
  {
    // "every quarter" is "quarterly" (not "every quarter hour" or "every quarter past 3")
    name: 'repeat-every-quarter',
    re: /\b(?:every|each)\s+quarter\b(?!\s+(?:hour|of\s+an?\s+hour|past|to|after|before)\b)/g,
    make() {
      return { repeat: { kind: 'every', unit: 'month', step: 3 } };
    },
  },
  {
    // "every half hour", "every half an hour": every 30 minutes
    name: 'repeat-every-half-hour',
    re: /\b(?:every|each)\s+half(?:\s+an)?[\s-]+hour\b/g,
    make() {
      return { repeat: { kind: 'every', unit: 'minute', step: 30 } };
    },
  },
  {
    // "every 2 weeks", "every other day", "every 30 minutes", "every 30m", "every hour", "each day"
    name: 'repeat-every-unit',
    re: new RegExp(
      `\\b(?:every|each)\\s+(?:single\\s+)?(?:(other|second|third|fourth|fifth|2nd|3rd|4th|5th)\\s+|(\\d+(?:\\.\\d+)?|${NUMBER_WORD_SRC})\\s*)?${UNIT_SRC}(?![a-z0-9])|\\beveryday\\b(?=\\s*$|\\s*[,.!;]|\\s+(?:at|@|around|by|in|from|between|until|till|starting|except|for|morning|afternoon|evening|night|to|and|\\d))`,
      'g',
    ),
    make(m) {
      if (m[0] === 'everyday') return { repeat: { kind: 'every', unit: 'day', step: 1 } };
      const { unit, factor } = unitOf(m[3]!);
      const n = m[1] ? ORDINALS[m[1]] : m[2] ? parseNumber(m[2]) : 1;
      if (n === 0) {
        // "every 0 minutes" is no interval at all; "I could not find a time" would be the wrong reason
        const example = `${unit === 'second' || unit === 'minute' ? 'every 5 minutes' : `every 2 ${unit}s`} stretch`;
        return {
          refuse: { error: `"${m[0]}" is not an interval: a repeat needs a step above zero. Say how often.`, example, repeat: true },
        };
      }
      if (n === undefined || !(n > 0)) return null;
      return { repeat: { kind: 'every', unit, step: n * factor } };
    },
  },
  {
    // "every morning", "each evening", "every night"
    name: 'repeat-every-daypart',
    re: /\b(?:every|each)\s+(morning|afternoon|evening|night)\b/g,
    make(m) {
      const word = m[1]!;
      const hint = word === 'morning' ? ('am' as const) : ('pm' as const);
      const h = word === 'morning' ? 9 : word === 'afternoon' ? 15 : word === 'evening' ? 18 : 20;
      return { repeat: { kind: 'every', unit: 'day', step: 1 }, defaultTime: { ...tod(h), hint } };
    },
  },
  {
    name: 'repeat-adverb',
    // After an article or possessive they are adjectives: "send the weekly report on friday".
    re: /(?<!\b(?:the|a|an|my|your|our|his|her|their|its|this|that|next|last)\s+)\b(hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|quarterly|yearly|annually)\b/g,
    make(m) {
      const word = m[1]!;
      const table: Record<string, [Unit, number]> = {
        hourly: ['hour', 1],
        daily: ['day', 1],
        nightly: ['day', 1],
        weekly: ['week', 1],
        biweekly: ['week', 2],
        fortnightly: ['week', 2],
        monthly: ['month', 1],
        bimonthly: ['month', 2],
        quarterly: ['month', 3],
        yearly: ['year', 1],
        annually: ['year', 1],
      };
      const [unit, step] = table[word]!;
      const piece = { repeat: { kind: 'every' as const, unit, step } };
      return word === 'nightly' ? { ...piece, defaultTime: { ...tod(20), hint: 'pm' as const } } : piece;
    },
  },
];
