/**
 * Recognisers for times of day: "5pm", "at 17:30", "at 3", "9.30am", "noon", "lunchtime",
 * "midnight", "tonight", "this evening", "end of day", "half past 5", "quarter to 9".
 * Day-part conventions: morning 09:00, afternoon 15:00, evening 18:00, tonight and
 * night 20:00, end of day 17:00, lunchtime and noon 12:00, midnight 00:00.
 */
import type { Piece, Recognizer, TimeOfDay } from './pieces.js';
import { MONTH_NAMES, WEEKDAY_NAMES } from './shorthand.js';
import { parseDurationPhrase } from './duration-phrase.js';

/** Builds a time; `bare` marks a 12-hour-face hour with no am/pm. */
export function tod(h: number, mi = 0, bare = false, hint?: 'am' | 'pm'): TimeOfDay {
  return hint ? { h, mi, s: 0, bare, hint } : { h, mi, s: 0, bare };
}

/** Applies am/pm to an hour 1-12; undefined when invalid. */
export function withMeridiem(h: number, mi: number, meridiem: string): TimeOfDay | undefined {
  if (h < 1 || h > 12 || mi > 59) return h === 0 && meridiem.startsWith('a') ? tod(0, mi) : undefined;
  const pm = meridiem.startsWith('p');
  return tod((h % 12) + (pm ? 12 : 0), mi);
}

/** A time written with digits and no am/pm: 0-23 hours; 1-12 stay `bare` unless zero-padded ("09:00"). */
export function plainTime(hText: string, mi: number, s = 0): TimeOfDay | undefined {
  const h = Number(hText);
  if (h > 24 || mi > 59 || s > 59) return undefined;
  if (h === 24) return mi === 0 ? tod(0, 0) : undefined;
  const bare = h >= 1 && h <= 12 && !(hText.length === 2 && hText.startsWith('0'));
  return { h, mi, s, bare };
}

export const DAYPART_TIMES: Record<string, TimeOfDay> = {
  morning: tod(9),
  afternoon: tod(15),
  evening: tod(18),
  night: tod(20),
  tonight: tod(20),
  noon: tod(12),
  midday: tod(12),
  lunchtime: tod(12),
  lunch: tod(12),
  midnight: { ...tod(0), midnight: true },
  eod: tod(17),
};

/** The am/pm hint a day part gives to a bare hour ("at 7 in the evening"). */
export function daypartHint(word: string): 'am' | 'pm' | undefined {
  if (word === 'morning') return 'am';
  if (['afternoon', 'evening', 'night', 'tonight'].includes(word)) return 'pm';
  return undefined;
}

const HOUR_WORDS: Record<string, number> = {
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
};
const HOUR_SRC = '(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';

function hourOf(text: string): number {
  return HOUR_WORDS[text] ?? Number(text);
}

const PREFIX = '(?:(?:at|by|around|about|before|@)\\s+)?';
/** Not the tail of a malformed clock: "3:5pm", "1:2:3pm", "3:555pm" are refused whole, not read as "5pm". */
const NOT_IN_CLOCK = '(?<!\\d[:.])';

/** Minutes written as words after a number-word hour ("two thirty"). */
const MINUTE_WORDS: Record<string, number> = {
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  'forty five': 45,
  fifty: 50,
};
const MINUTE_WORD_SRC = '(fifteen|twenty|thirty|forty-five|forty five|forty|fifty)';

/** Minutes before or after an hour in words ("ten to midnight", "quarter past noon"). */
const PAST_TO_MINUTES: Record<string, number> = {
  half: 30,
  quarter: 15,
  five: 5,
  ten: 10,
  twenty: 20,
  'twenty-five': 25,
  'twenty five': 25,
};

/**
 * Noon and midnight as the hour: "ten to midnight" is 23:50, "quarter past noon" 12:15, "10 past
 * midnight" 00:10, which on a named day is asked about as "midnight" is (which night?).
 */
function pastToNamedHour(word: string, minutes: number, before: boolean): { time: TimeOfDay } | null {
  if (word === 'noon') return { time: before ? tod(11, 60 - minutes) : tod(12, minutes) };
  // "10 past midnight" is 00:10 and, like "midnight", asked about on a named day (instant.ts, midnight-repeat.ts)
  return { time: before ? tod(23, 60 - minutes) : { ...tod(0, minutes), midnight: true } };
}

/** "half past 5", "a quarter to 9", "20 past 4 pm", "ten to midnight": minutes before or after an hour. */
function pastTo(m: RegExpExecArray | RegExpMatchArray): { time: TimeOfDay } | null {
  const minutes = PAST_TO_MINUTES[m[1]!] ?? Number(m[1]);
  if (m[3] === 'noon' || m[3] === 'midnight') {
    if (m[4] || minutes < 1 || minutes > 59 || (m[1] === 'half' && /to|before/.test(m[2]!))) return null;
    return pastToNamedHour(m[3], minutes, m[2] === 'to' || m[2] === 'before');
  }
  // "five to ten" before a clock hour is as often a count ("invite five to ten friends"): digits only
  if (!/^(?:\d|half|quarter)/.test(m[1]!)) return null;
  const h = hourOf(m[3]!);
  if (h < 1 || h > 12 || minutes < 1 || minutes > 59 || (m[1] === 'half' && /to|before/.test(m[2]!))) return null;
  const before = m[2] === 'to' || m[2] === 'before';
  const hour = before ? (h === 1 ? 12 : h - 1) : h;
  const mi = before ? 60 - minutes : minutes;
  if (m[4]) {
    const t = withMeridiem(h, 0, m[4]);
    return t ? { time: tod(before ? (t.h + 23) % 24 : t.h, mi) } : null;
  }
  return { time: tod(hour, mi, true) };
}

/**
 * "call 3 to 5pm tomorrow", "meeting 10 to 12": a number that can be an hour "to" an hour, with
 * no "at" before it, says the span from 3 to 5 as often as minutes before 5 (4:57). A reminder
 * goes off once, so it is asked, with the span's start as the example. "at 5 to 9" (8:55), "20
 * to 5" (no span starts at 20) and "quarter to 9" stay minutes; "3 to 5 people" is text.
 */
function spanOrMinutesTo(
  m: RegExpExecArray | RegExpMatchArray,
  meridiem: string | undefined,
): { refuse: { error: string; example: string; repeat: true } } | 'text' | undefined {
  if (!/^\d+$/.test(m[1]!) || m[2] !== 'to' || /^(?:at|by|around|about|before|@)\s/.test(m[0])) return undefined;
  const n = Number(m[1]);
  const h = hourOf(m[3]!);
  if (n < 1 || n > 12 || h < 1 || h > 12) return undefined;
  const after = m.input!.slice(m.index! + m[0].length);
  // a count of things: "for 3 to 5 people", "3 to 5 boxes"
  if (
    /^\s+(?!(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays|weekends)\b)(?:[a-z]+s|people|kids|children)\b/.test(
      after,
    )
  )
    return 'text';
  // the span's start on the end's face: "3 to 5pm" is 3pm, "11 to 1pm" 11am; bare, as a window's start
  const startPm = meridiem ? (meridiem === 'pm') === n < h || (n === 12 && meridiem === 'pm') : n !== 12 && n < 5;
  const start = `${n}${startPm ? 'pm' : 'am'}`;
  const end = `${h}${meridiem ?? ''}`;
  const minutes = `${h === 1 ? 12 : h - 1}:${String(60 - n).padStart(2, '0')}${meridiem ?? ''}`;
  const example = `${m.input!.slice(0, m.index)}at ${start}${after}`.replace(/\s+/g, ' ').trim();
  return {
    refuse: {
      error: `Is "${m[0].trim()}" the time from ${start} to ${end}, or ${n} minutes to ${end} (${minutes})? A reminder goes off at one time: say "at ${start}" for the start, or "at ${minutes}".`,
      example,
      // a request for a reminder, also in a plain sentence ("call 3 to 5pm tomorrow"): say why
      repeat: true,
    },
  };
}

/** Words a bare hour may follow and still be the time ("tomorrow 7 in the morning", "remind me 10 tonight"). */
const BEFORE_BARE_HOUR = new RegExp(
  `^(?:me|us|and|or|then|also|plus|tomorrow|today|every|each|day|days|daily|week|month|year|weekdays?|weekends?|${WEEKDAY_NAMES.join('|')}|(?:mon|tues|wednes|thurs|fri|satur|sun)days|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$`,
);
/** "dec 5 in the evening": the number is the month's day, for the date recognisers. */
const MONTH_WORD = new RegExp(`^(?:${MONTH_NAMES.join('|')}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$`);

/** A clock time, a day part or a span from now ("at 9", "5pm", "noon", "tonight", "in 2 hours"): the request is timed already. */
const CLOCK_ELSEWHERE =
  /(?:\b(?:at|@)\s*\d|\d\s*(?:am|pm)\b|\b(?:noon|midnight|tonight)\b|\bthis (?:morning|afternoon|evening)\b|\bin\s+(?:\d+|an?|one)\s+\p{L}+)/iu;

/**
 * "read chapter 3 tonight", "check room 5 at night": an hour without "at" right after a word
 * of the text may be that word's number; reading it as the time drops it from the text and
 * moves the reminder, reading it as text may miss the time ("call mom 10 tonight"). Asked.
 * Returns null when the number is a month's day, the piece to use otherwise.
 */
function numberOfText(m: RegExpExecArray | RegExpMatchArray, daypart: string): Omit<Piece, 'start' | 'end'> | null | undefined {
  // With minutes ("room 5:30 tonight") it is a clock time.
  if (!/^\d/.test(m[0]) || m[2] || m.input === undefined || m.index === undefined) return undefined;
  const before = m.input.slice(Math.max(0, m.index - 24), m.index);
  const word = /(?:^|[^\p{L}\p{N}'’])(\p{L}[\p{L}'’]*)\s+$/u.exec(before)?.[1];
  if (!word || BEFORE_BARE_HOUR.test(word)) return undefined;
  // "watch episode 4 tonight at 8" (or "at midnight"): the time is said, the number is the text's; "tonight" alone is read apart
  if (MONTH_WORD.test(word) || /^\s*(?:at|@)\s*(?:\d|noon\b|midnight\b)/.test(m.input.slice(m.index + m[0].length))) return null;
  const clock = m[1]!;
  const part = m[0].slice(clock.length).trim();
  const time = part === 'at night' ? `at ${clock}pm` : `at ${clock} ${part}`;
  // The number kept in the text, the day part said as its clock time ("at 8pm" for tonight)
  const h = DAYPART_TIMES[daypart]?.h ?? 20;
  const asText = `${m.input.slice(0, m.index + clock.length)}${m.input.slice(m.index + m[0].length)}`.trim();
  // A request that says its time elsewhere too ("tomorrow at 9 to read chapter 3 tonight") keeps
  // that time: a second one in the example would be refused as two times.
  const timed = CLOCK_ELSEWHERE.test(asText);
  return {
    refuse: {
      error: `Is "${clock}" after "${word}" the time, or part of the text ("${word} ${clock}")? If it is the time, write "${time}"; if it belongs to the text, say the time apart from it, as in the example.`,
      example: timed ? asText : `${asText} at ${h % 12 || 12}${h < 12 ? 'am' : 'pm'}`,
    },
  };
}

/** Time recognisers, most specific first. */
/** Days and repeats that "this time" can stand next to ("every weekday at this time"). */
const SAME_TIME_DAY_SRC = `every\\s+\\w+|each\\s+\\w+|daily|weekly|weekdays?|weekends?|(?:${WEEKDAY_NAMES.join('|')})s?`;

export const TIME_RECOGNIZERS: Recognizer[] = [
  {
    // "7 in the evening", "5 in the morning", "9 at night", "10 tonight"
    name: 'time-daypart-modifier',
    re: new RegExp(
      `\\b${PREFIX}${NOT_IN_CLOCK}${HOUR_SRC}(?:[:.](\\d{2}))?\\s*(?:oclock\\s+)?(?:in the (morning|afternoon|evening)|at (night)|(tonight))\\b`,
      'g',
    ),
    make(m) {
      const word = m[3] ?? m[4] ?? m[5] ?? '';
      const h = hourOf(m[1]!);
      const mi = Number(m[2] ?? 0);
      if (h < 1 || h > 12 || mi > 59) return null;
      const counted = numberOfText(m, word);
      if (counted !== undefined) return counted;
      const pm = daypartHint(word) === 'pm' && !(word === 'night' && h === 12);
      const time = tod((h % 12) + (pm ? 12 : 0), mi);
      return word === 'tonight' ? { time, date: { kind: 'relDay', days: 0 } } : { time };
    },
  },
  {
    // "at half 5", "tomorrow half 5": British for 5:30 (not "half past 4"), a bare hour on the
    // 12-hour face as "at 5:30" would be. Only after "at" or a day, or right before a day ("half 5
    // tomorrow"), so "half 5 apples" stays text; it was left in the text and the reminder set for 09:00.
    name: 'time-half-hour-british',
    re: new RegExp(
      `(?:\\b(?:at|@|around|by|about)\\s+|(?<=\\b(?:tomorrow|today|tonight|${WEEKDAY_NAMES.join('|')}|(?:mon|tues|wednes|thurs|fri|satur|sun)days)\\s+)|\\b(?=half\\s+${HOUR_SRC.replace('(', '(?:')}(?:\\s*(?:am|pm))?\\s+(?:tomorrow|today|tonight|on|this|next|${WEEKDAY_NAMES.join('|')})\\b))half\\s+${HOUR_SRC}(?:\\s*(am|pm))?\\b(?![:.]\\d|\\s*(?:an?|of|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|st|nd|rd|th|%)\\b)`,
      'g',
    ),
    make(m) {
      const h = hourOf(m[1]!);
      if (h < 1 || h > 12) return null;
      if (m[2]) {
        const t = withMeridiem(h, 30, m[2]);
        return t ? { time: t } : null;
      }
      return { time: tod(h, 30, true) };
    },
  },
  {
    // "half past 3 pm", "a quarter to 9am", "20 past 4 pm", "5 to 9am": read whole before "3 pm"
    // alone is taken (it was, and "20 past" was left in the text)
    name: 'time-half-quarter-meridiem',
    re: new RegExp(`(?<![:.\\d])\\b${PREFIX}(?:a\\s+)?(half|quarter|\\d{1,2})\\s+(past|to|after|before)\\s+${HOUR_SRC}\\s*(am|pm)\\b`, 'g'),
    make(m) {
      // "meet 3 to 5pm" is a span of hours as often as 4:57pm: asked (spanOrMinutesTo)
      const span = spanOrMinutesTo(m, m[4]);
      if (span === 'text') return null;
      return span ?? pastTo(m);
    },
  },
  {
    // "5pm", "at 5:30 pm", "9.30am", "11a", "12:15am"
    name: 'time-meridiem',
    re: new RegExp(`\\b${PREFIX}${NOT_IN_CLOCK}(\\d{1,2})(?:[:.](\\d{2}))?(?:\\s*(am|pm)|(a|p))\\b(?:\\s+sharp\\b)?`, 'g'),
    make(m) {
      const time = withMeridiem(Number(m[1]), Number(m[2] ?? 0), m[3] ?? m[4] ?? 'am');
      return time ? { time } : null;
    },
  },
  {
    // "930am", "1045 pm": hour and minutes written without a separator, with am/pm
    name: 'time-compact-meridiem',
    re: new RegExp(`\\b${PREFIX}${NOT_IN_CLOCK}(\\d{1,2})([0-5]\\d)\\s*(am|pm)\\b`, 'g'),
    make(m) {
      const time = withMeridiem(Number(m[1]), Number(m[2]), m[3]!);
      return time ? { time } : null;
    },
  },
  {
    // "0930h", "930h", "21h30", "9h30", "at 1730", "at 0930": 24-hour forms without a colon
    name: 'time-compact',
    re: /\b(?:(?:at|by|around|about|before|@)\s+)?([01]?\d|2[0-3])([0-5]\d)\s*h\b|\b(?:(?:at|by|around|about|before|@)\s+)?([01]?\d|2[0-3])h([0-5]\d)\b|\b(?:at|by|around|about|before|@)\s+([01]\d|2[0-3])([0-5]\d)(?:\s*hrs)?\b(?![\d/.:-])(?!\s*(?:%|am|pm|minutes?|mins?|hours?|days?|weeks?|months?|years?|people|times)\b)/g,
    make(m) {
      const t = plainTime(m[1] ?? m[3] ?? m[5]!, Number(m[2] ?? m[4] ?? m[6]));
      return t ? { time: { ...t, bare: false } } : null;
    },
  },
  {
    // "half past 5", "quarter past 3", "quarter to 9", "20 past 4", "ten to midnight", "quarter past noon"
    name: 'time-past-to',
    re: new RegExp(
      `(?<![:.\\d])\\b${PREFIX}(?:a\\s+)?(half|quarter|\\d{1,2}|five|ten|twenty(?:[\\s-]five)?)\\s+(past|to|after|before)\\s+(${HOUR_SRC.slice(1, -1)}|noon|midnight)(?:\\s*(am|pm))?\\b`,
      'g',
    ),
    make(m) {
      const span = spanOrMinutesTo(m, m[4]);
      if (span === 'text') return null;
      return span ?? pastTo(m);
    },
  },
  {
    // "at three", "at two thirty", "at five pm": number-word hours after "at", when what follows
    // is more of the time phrase (not "at one point")
    name: 'time-word-hour',
    re: new RegExp(
      `\\b(?:at|by|around|about)\\s+${HOUR_SRC.replace('\\d{1,2}|', '')}(?:[\\s-]+${MINUTE_WORD_SRC})?(?:\\s*(am|pm)|\\s+oclock)?(?=\\s*(?:$|[,.!?;]|(?:tomorrow|today|tonight|on|this|next|every|each|and|then|sharp|in the|at night)\\b))`,
      'g',
    ),
    make(m) {
      const h = hourOf(m[1]!);
      const mi = m[2] ? MINUTE_WORDS[m[2]]! : 0;
      if (m[3]) {
        const t = withMeridiem(h, mi, m[3]);
        return t ? { time: t } : null;
      }
      return { time: tod(h, mi, true) };
    },
  },
  {
    // "this time tomorrow", "same time next week", "tomorrow at the same time": now's clock on that day
    name: 'time-same-as-now',
    re: /\b(?:(tomorrow|next week)\s+(?:at\s+)?(?:this|the same|same)\s+time|(?:at\s+)?(?:this|the same|same)\s+time\s+(tomorrow|next week|next month|next year))\b/g,
    make(m) {
      const which = m[1] ?? m[2];
      // "this time next month" is a month from now, its clock kept ("next month" alone is the 1st)
      if (which === 'next month' || which === 'next year') {
        const duration = parseDurationPhrase(which === 'next month' ? '1 month' : '1 year');
        return duration ? { duration } : null;
      }
      return { date: { kind: 'relDay', days: which === 'tomorrow' ? 1 : 7 }, time: tod(0), sameTimeAsNow: true };
    },
  },
  {
    // "same day next week/month/year": a week on, or today's date in the next month or year
    name: 'date-same-day-next',
    re: /\b(?:on\s+)?(?:the\s+)?same\s+day\s+next\s+(week|month|year)\b/g,
    make(m) {
      if (m[1] === 'week') return { date: { kind: 'relDay', days: 7 } };
      return { date: { kind: 'relDay', days: 0 }, sameDayNext: m[1] === 'month' ? 'month' : 'year' };
    },
  },
  {
    // "same time on friday", "every day at the same time", "every weekday at this time": now's
    // clock on the day or repeat said. Not "at the same time as bob" (another event's time), and
    // "this time" only next to a day or repeat ("this time bring the charger" is text).
    name: 'time-same-as-now-on-day',
    re: new RegExp(
      `\\b(?:at\\s+)?(?:the\\s+)?same\\s+time\\b(?!\\s+as\\b)|(?<=\\b(?:${SAME_TIME_DAY_SRC})\\s+)(?:at\\s+)?this\\s+time\\b|\\b(?:at\\s+)?this\\s+time(?=\\s+(?:on\\s+)?(?:${SAME_TIME_DAY_SRC})\\b)`,
      'g',
    ),
    make() {
      return { time: tod(0), sameTimeAsNow: true };
    },
  },
  {
    // "noon", "12 noon", "midday", "lunchtime", "at lunch", "midnight"
    name: 'time-named',
    re: new RegExp(`\\b${PREFIX}(?:12\\s*)?(noon|midday|lunchtime|lunch time|midnight)\\b|\\b(?:at|by|around|over)\\s+lunch\\b`, 'g'),
    make(m) {
      const word = (m[1] ?? 'lunch').replace(' ', '');
      const t = DAYPART_TIMES[word];
      return t ? { time: t } : null;
    },
  },
  {
    // "end of day", "eod", "by the end of the day", "cob", "close of business"
    name: 'time-eod',
    re: /\b(?:(?:by|at|before)\s+)?(?:the\s+)?(?:eod|cob|eob|end of (?:the )?(?:business )?day|end of business|close of business)\b/g,
    make() {
      return { time: DAYPART_TIMES.eod! };
    },
  },
  {
    // "every day at 9 vitamins", "tomorrow at 5 pills", "monday next at 9 taxes": right after a
    // day, "at 9" is the time even before a plural noun (elsewhere "look at 5 options" is not a time)
    name: 'time-prefixed-after-day',
    re: /(?<=(?:\b(?:day|days|daily|weekday|weekdays|weekend|weekends|tomorrow|today|tonight|morning|mornings|evening|evenings|night|nights|week|month|year|(?:mon|tues|wednes|thurs|fri|satur|sun)days?(?:\s+next)?|january|february|march|april|may|june|july|august|september|october|november|december|christmas|eve|easter|thanksgiving)|\d(?:st|nd|rd|th)?)\s+)(?:at|@)\s+(\d{1,2})(?:[:.](\d{2}))?\b(?![\d/.:-]?\d)(?!\s*(?:%|st|nd|rd|th|am|pm|a|p|minutes?|mins?|hours?|days?|weeks?|months?|years?|times)\b)/g,
    make(m) {
      const t = plainTime(m[1]!, Number(m[2] ?? 0));
      return t ? { time: t } : null;
    },
  },
  {
    // "at 17:30", "at 5", "@ 9", "at 9.30", "at 17h", "at 5 oclock"
    name: 'time-prefixed',
    re: /\b(?:at|by|around|about|before|@)\s+(\d{1,2})(?:(?:[:.h])(\d{2}))?(?::(\d{2}))?(?:\s*(?:o\s?clock|hrs|h)\b)?(?:\s+sharp\b)?(?![\d/.:-]?\d)(?!\s*(?:%|st|nd|rd|th|am|pm|a|p|minutes?|mins?|hours?|days?|weeks?|months?|years?|people|times)\b)(?!\s+(?!(?:weekdays|weekends|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|mornings|afternoons|evenings|nights|hrs)\b)[a-z]+s\b)/g,
    make(m) {
      const t = plainTime(m[1]!, Number(m[2] ?? 0), Number(m[3] ?? 0));
      return t ? { time: t } : null;
    },
  },
  {
    // "17:30", "9:05:30", "5 oclock", "1700 hrs"
    name: 'time-colon',
    re: /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b|\b(\d{1,2})\s*o\s?clock\b|\b(\d{2})(\d{2})\s*hrs\b/g,
    make(m) {
      if (m[4])
        return (() => {
          const t = plainTime(m[4], 0);
          return t ? { time: t } : null;
        })();
      if (m[5])
        return (() => {
          const t = plainTime(m[5], Number(m[6]));
          return t ? { time: { ...t, bare: false } } : null;
        })();
      const t = plainTime(m[1]!, Number(m[2]), Number(m[3] ?? 0));
      return t ? { time: t } : null;
    },
  },
];
