/**
 * Repeats said per period: "at the end of every month" (the month's last day, 17:00 as "end of
 * the month" once, or the time said), "once a week" (weekly), and "twice a day", "3 times a
 * week", "every day twice", which say how often but not when: asked, with times that do. Read
 * by the general rules, "at the end of every month" was monthly on today's date with the text
 * "at the end of", and "twice daily" was once a day at 09:00 with the text "twice".
 */
import type { Recognizer, RepeatSpec } from './pieces.js';
import { tod } from './time-phrases.js';

type Period = 'day' | 'week' | 'month' | 'year';

const COUNT_SRC = '(once|twice|thrice|(?:\\d+|one|two|three|four|five|six)\\s+times)';
const PERIOD_SRC = '(day|week|month|year)';
const ADVERB: Record<string, Period> = { daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year', annually: 'year' };
const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

function countOf(word: string): number {
  if (word === 'once') return 1;
  if (word === 'twice') return 2;
  if (word === 'thrice') return 3;
  const n = word.split(/\s+/)[0]!;
  return COUNT_WORDS[n] ?? Number(n);
}

/** Times that do say when, for `count` times per `period`. */
function exampleFor(count: number, period: Period): string {
  if (period === 'day') {
    if (count === 2) return 'every day at 9am and 9pm';
    if (count === 3) return 'every day at 8am, 2pm and 8pm';
    if (count === 4) return 'every day at 8am, 12pm, 4pm and 8pm';
    return 'every 2 hours from 8am to 8pm';
  }
  if (period === 'week') {
    if (count === 2) return 'every monday and thursday at 9am';
    if (count === 3) return 'every monday, wednesday and friday at 9am';
    return 'every weekday at 9am';
  }
  if (period === 'month')
    return count === 2 ? 'on the 1st and 15th of every month at 9am' : 'on the 1st, 11th and 21st of every month at 9am';
  return 'every 6 months at 9am';
}

function perPeriod(said: string, count: number, period: Period): ReturnType<Recognizer['make']> {
  if (count === 1) return { repeat: { kind: 'every', unit: period, step: 1 } satisfies RepeatSpec };
  if (!(count > 1)) return null;
  return {
    refuse: {
      error: `"${said}" says how often but not when, and I would have to guess the times. Name them.`,
      example: exampleFor(count, period),
      repeat: true,
    },
  };
}

export const PERIOD_RECOGNIZERS: Recognizer[] = [
  {
    // "at the end of every month", "end of each month", "every month end", "every end of the month"
    name: 'repeat-month-end',
    re: /\b(?:(?:at|by|on)\s+)?(?:the\s+)?end\s+of\s+(?:every|each)\s+month\b|\b(?:every|each)\s+(?:(?:the\s+)?end\s+of\s+(?:the\s+)?month|month[\s-]?end)\b/g,
    make() {
      // no am/pm hint: "at the end of each month at 9" is 09:00, as "every day at 9"
      return { repeat: { kind: 'monthDays', days: ['L'], step: 1 }, defaultTime: tod(17) };
    },
  },
  {
    // "twice a day", "3 times per week", "once a month", "twice daily"
    name: 'repeat-times-per-period',
    re: new RegExp(`\\b${COUNT_SRC}\\s+(?:(?:a|an|per|each|every)\\s+${PERIOD_SRC}|(daily|weekly|monthly|yearly|annually))\\b`, 'g'),
    make(m) {
      return perPeriod(m[0], countOf(m[1]!), (m[2] as Period | undefined) ?? ADVERB[m[3]!]!);
    },
  },
  {
    // "every day twice": the count after the repeat ("every day at 9 3 times" is 3 in all)
    name: 'repeat-period-times',
    re: new RegExp(`\\b(?:every|each)\\s+${PERIOD_SRC}\\s+(twice|thrice)\\b`, 'g'),
    make(m) {
      return perPeriod(m[0], countOf(m[2]!), m[1] as Period);
    },
  },
];
