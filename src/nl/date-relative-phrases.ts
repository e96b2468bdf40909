/**
 * Dates relative to today: "tomorrow", "tonight", "this evening", "friday", "next friday",
 * "friday next week", "the friday after next", "last tuesday" (refused: it has passed), and
 * period ends and starts ("eow", "end of the month", "next week", "this weekend").
 */
import type { DateSpec, Recognizer } from './pieces.js';
import { tod } from './time-phrases.js';
import { WEEKDAY_SRC, weekdayIndex, withDaypart } from './date-words.js';

/** Days named relative to today, day parts and weekdays. */
export const RELATIVE_DATE_RECOGNIZERS: Recognizer[] = [
  {
    // "a week tomorrow", "a fortnight today" (British): a week or two after that day; before "today"/"tomorrow" alone
    name: 'date-day-plus-weeks',
    re: /\ba\s+(week|fortnight)\s+(today|tomorrow)\b/g,
    make(m) {
      return { date: { kind: 'relDay', days: (m[2] === 'tomorrow' ? 1 : 0) + (m[1] === 'fortnight' ? 14 : 7) } };
    },
  },
  {
    // "later today" is today with no time of day said: asked unless a time comes with it
    // (parse.ts), never its 09:00 default with "later" left in the text
    name: 'date-relative-day',
    re: /\b(?:on\s+)?(?:the\s+)?(later\s+today|day after tomorrow|day before yesterday|tomorrow|today|yesterday)\b/g,
    make(m) {
      if (m[1]!.startsWith('later')) return { date: { kind: 'relDay', days: 0 }, needsTime: 'later today' };
      const word = m[1]!;
      const days = word === 'day after tomorrow' ? 2 : word === 'tomorrow' ? 1 : word === 'today' ? 0 : word === 'yesterday' ? -1 : -2;
      return days < 0 ? { date: { kind: 'relDay', days }, past: true } : { date: { kind: 'relDay', days } };
    },
  },
  {
    // "last tuesday", "last week", "last night": a day that has passed. Rejected like
    // "yesterday", never rolled forward to the next one.
    name: 'date-last',
    re: new RegExp(
      `\\b(?:on\\s+)?last\\s+(${WEEKDAY_SRC.slice(1, -1)}|week(?:end)?|month|year|night|evening|morning|afternoon)\\b(?!'s|\\s+(?:of|in)\\b)`,
      'g',
    ),
    make(m) {
      const what = m[1]!;
      const ahead =
        what === 'night' || what === 'evening'
          ? 'tonight at 9pm'
          : what === 'morning' || what === 'afternoon'
            ? `tomorrow ${what}`
            : `next ${what} at 9am`;
      return { refuse: { error: `"last ${what}" has already passed. Pick a time from now on.`, example: ahead } };
    },
  },
  {
    name: 'date-tonight',
    re: /\b(?:(?:by|at|for|later)\s+)?(tonight)\b/g,
    make() {
      return { date: { kind: 'relDay', days: 0 }, ...withDaypart('tonight') };
    },
  },
  {
    name: 'date-this-daypart',
    re: /\b(?:later\s+)?this\s+(morning|afternoon|evening)\b/g,
    make(m) {
      return { date: { kind: 'relDay', days: 0 }, ...withDaypart(m[1]!) };
    },
  },
  {
    name: 'daypart',
    // Not after a count: "reserve 2 nights at the inn", "a 3 night stay" count nights, they say no time.
    re: /\b(?:(?:in|during)\s+the\s+|at\s+|first thing in the\s+)?(?=[maen])(?<!(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|few|several|many|couple of))[\s-]*)(morning|afternoon|evening|night)s?\b|\b(first thing)\b/g,
    make(m) {
      if (m[2]) return { defaultTime: { ...tod(9), hint: 'am' } };
      return withDaypart(m[1]!);
    },
  },
  {
    // "the friday after next"
    name: 'date-weekday-after-next',
    re: new RegExp(`\\b(?:on\\s+)?(?:the\\s+)?${WEEKDAY_SRC}\\s+after\\s+next\\b`, 'g'),
    make(m) {
      return { date: { kind: 'weekday', weekday: weekdayIndex(m[1]!), nextWeek: false, plusWeeks: 1 } };
    },
  },
  {
    // "a week from friday", "a fortnight on tuesday", "tuesday week" (British): that weekday, then
    // one or two weeks more. Not "every tuesday week …", where the week belongs to the repeat.
    name: 'date-weekday-plus-weeks',
    re: new RegExp(
      `\\ba\\s+(week|fortnight)\\s+(?:from|on)\\s+${WEEKDAY_SRC}\\b|(?<!\\b(?:every|each|next|last|this)\\s+)\\b(?:on\\s+)?${WEEKDAY_SRC}\\s+(week|fortnight)\\b(?!\\s*(?:\\d|of\\b|after\\b))`,
      'g',
    ),
    make(m) {
      const weeks = (m[1] ?? m[4]) === 'fortnight' ? 2 : 1;
      return { date: { kind: 'weekday', weekday: weekdayIndex(m[2] ?? m[3]!), nextWeek: false, plusWeeks: weeks } };
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
    // "friday", "next friday", "this friday", "on friday", "coming friday", "by friday"; not the
    // "by" of "drop by on friday", which is the task's verb. British "friday next" is "next
    // friday" (asked the same way when it may be this week's: next-weekday.ts), not a stray
    // "next" in the text; "friday next to the office" keeps its "next to"
    name: 'date-weekday',
    re: new RegExp(
      `\\b(?:(?:by|before)\\s+(?!on\\b))?(?:(?:on|next|this|coming|the|upcoming)\\s+)*${WEEKDAY_SRC}\\b(?!s)(?:\\s+next\\b(?!\\s+(?:week|month|year|time|to|door)\\b))?`,
      'g',
    ),
    make(m) {
      // "this friday" names this week's (today, on a Friday); "next friday" and "friday next" the
      // next one after today. A bare "friday" on a Friday is asked while its time is ahead.
      const said = /\bnext\b/.test(m[0]) ? 'next' : /\bthis\b/.test(m[0]) ? 'this' : undefined;
      return { date: { kind: 'weekday', weekday: weekdayIndex(m[1]!), nextWeek: false, ...(said ? { said } : {}) } };
    },
  },
];

/** Ends of periods (by 17:00) and the next week, month, year or weekend. */
export const PERIOD_RECOGNIZERS: Recognizer[] = [
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
];
