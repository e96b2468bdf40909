/**
 * Minutes of the hour for hourly repeats ("every hour at :15", "hourly at quarter past",
 * "every hour on the hour", "every hour at 20 to"), and the hour phrases that have no exact
 * meaning ("during work hours", "except lunch", "every 30 min past the hour"), refused with
 * the reason instead of being left in the text.
 */
import type { Group } from './groups.js';
import { NUMBER_WORD_SRC, parseNumber } from './duration-phrase.js';
import type { Recognizer, RepeatSpec } from './pieces.js';
import { Reject } from './resolve.js';

const HOUR_SRC = '(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
/** Right after an hourly repeat a bare "at 15 past" can only mean minutes of each hour. */
const AFTER_HOURLY = /\b(?:hours?|hourly|hrs?)\s*,?\s+$/;
/** The repeat of hours right before "at 15" ("every 2 hours", "hourly"). */
const HOURLY_BEFORE = /((?:every|each)\s+(?:\d+\s+|other\s+)?(?:hours?|hrs?)|hourly)\s*,?\s+$/;
/** The repeat words after which a bare "9 to 5" is more likely a window than 4:51. */
export const REPEAT_WORD =
  '(?:hours?|hourly|hrs?|minutes?|mins?|day|daily|weekdays?|weekends?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)';

/**
 * "15 past", "quarter to", "20 minutes past the hour", "half past": minutes before or after an
 * hour that is not written. When an hour follows ("15 past 9") it is a clock time, read elsewhere.
 */
const PAST_TO_RE = new RegExp(
  `(?<![\\d:.])(?:\\b(?:at|on)\\s+)?(?:\\ba\\s+)?\\b(quarter|half|\\d{1,2}|${NUMBER_WORD_SRC})(\\s+(?:minutes?|mins?))?\\s+(past|after|to|before)(\\s+(?:the|every|each|an)\\s+hour)?\\b(?!\\s+${HOUR_SRC}(?:\\s*(?:am|pm))?\\b|\\s*(?:am|pm)\\b|\\s*[:.]\\d|\\s+noon\\b|\\s+midnight\\b)`,
  'g',
);

function pastTo(m: RegExpExecArray | RegExpMatchArray): { minuteOfHour: number } | { refuse: { error: string; example: string } } | null {
  const [whole, amount, unitWord, dir, theHour] = m;
  const n = amount === 'quarter' ? 15 : amount === 'half' ? 30 : parseNumber(amount!);
  const before = dir === 'to' || dir === 'before';
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 59 || (amount === 'half' && before)) return null;
  const minute = before ? 60 - n : n;
  const named = amount === 'quarter' || amount === 'half';
  const afterHourly = AFTER_HOURLY.test((m.input ?? '').slice(0, m.index ?? 0));
  if (theHour || named) return { minuteOfHour: minute };
  // "at 5 to buy milk", "15 minutes before the call": not minutes of the hour unless a repeat
  // of hours comes right before; "past" has no other reading
  if (!afterHourly) return dir === 'past' && !unitWord ? { minuteOfHour: minute } : null;
  if (dir === 'past' || unitWord) return { minuteOfHour: minute };
  const rest = (m.input ?? '').slice((m.index ?? 0) + whole!.length);
  if (/^\s*(?:$|[,.;!?])/.test(rest)) return { minuteOfHour: minute };
  // "every hour at 20 to ping": 20 to the hour (:40), or from 20:00 "to ping"?
  const mm = String(minute).padStart(2, '0');
  return {
    refuse: {
      error: `"${whole!.trim()}" could be ${n} minutes ${before ? 'to' : 'past'} the hour (:${mm}) or ${amount}:00 with "${dir} …" as the task. Write the minute.`,
      example: `every hour at :${mm} ping`,
    },
  };
}

/** Recognisers for minutes of the hour and hour phrases we refuse; they run before the repeats. */
export const HOUR_MINUTE_RECOGNIZERS: Recognizer[] = [
  {
    // "every 30 min past the hour": every 30 minutes, or once an hour at :30?
    name: 'step-past-the-hour',
    re: new RegExp(
      `\\b(?:every|each)\\s+(\\d{1,2}|${NUMBER_WORD_SRC})\\s*(?:minutes?|mins?|m)\\s+(?:past|after|to|before)\\s+(?:the|every|each|an)\\s+hour\\b`,
      'g',
    ),
    make(m) {
      return {
        refuse: {
          error: `"${m[0]}": every ${m[1]} minutes, or once an hour at ${m[1]} past? Say which.`,
          example: 'every hour at :30 ping',
          repeat: true,
        },
      };
    },
  },
  {
    // "every quarter past 3": every day at 03:15, or every hour? Not guessed. "every 15 past the
    // hour" can only be hourly
    name: 'every-past-hour',
    re: new RegExp(`\\b(?:every|each)\\s+(quarter|half|\\d{1,2})\\s+(past|to|after|before)\\s+(${HOUR_SRC}|the\\s+hour)\\b`, 'g'),
    make(m) {
      const [whole, amount, dir, hour] = m;
      const n = amount === 'quarter' ? 15 : amount === 'half' ? 30 : Number(amount);
      const before = dir === 'to' || dir === 'before';
      if (hour!.startsWith('the') && n >= 1 && n <= 59 && !(amount === 'half' && before)) {
        return { repeat: { kind: 'every', unit: 'hour', step: 1 }, minuteOfHour: before ? 60 - n : n };
      }
      return {
        refuse: {
          error: `"${whole}": every day at that time, or every hour? Say which.`,
          example: `every day at ${amount} ${dir} ${hour} ping`,
          repeat: true,
        },
      };
    },
  },
  {
    // "every weekday 9 to 5", "every hour 9-5", "every day 10 to midnight": the window from 9 to
    // 5, or 9 minutes to 5 (4:51)? (With am/pm on the start, "9am to 5pm", it can only be a window.)
    name: 'bare-range-after-repeat',
    re: new RegExp(
      `(?<=\\b${REPEAT_WORD}\\s*,?\\s+)(\\d{1,2}(?:[:.]\\d{2})?)\\s*(?:to|-|–)\\s*(\\d{1,2}(?:[:.]\\d{2})?(?:\\s*(?:am|pm))?|noon|midnight)\\b(?![:./-]\\d)`,
      'g',
    ),
    make(m) {
      return {
        refuse: {
          error: `Is "${m[0]}" the hours from ${m[1]} to ${m[2]}? Say "from ${m[1]} to ${m[2]}": without "from" it can also be one time${/[:.]/.test(m[0]) ? '' : ` (${m[1]} minutes to ${m[2]})`}.`,
          example: `every hour from ${m[1]} to ${m[2]} ping`,
          repeat: true,
        },
      };
    },
  },
  {
    // "during work hours", "in business hours", "outside office hours": whose hours?
    name: 'named-hours',
    // (a refusal: its span does not matter, so the words before it are not matched)
    re: /\b(work|working|business|office|opening|school)\s+hours\b/g,
    make(m) {
      return {
        refuse: {
          error: `"${m[1]} hours" has no exact times I can use. Say the hours.`,
          example: 'every hour from 9 to 5 on weekdays ping',
        },
      };
    },
  },
  {
    // "every hour except lunch", "except at night", "except holidays": no exact hours or days
    name: 'except-unclear',
    re: /\b(?:except|excluding|apart from|other than|but not)\s+(?:(?:during|at|over|in|on)\s+)?(?:the\s+)?(lunch\s*time|lunch(?:\s+break)?|noon|midday|night\s*time|nights?|overnight|mornings?|afternoons?|evenings?|breakfast|dinner|meetings?|(?:public\s+|bank\s+)?holidays?)\b/g,
    make(m) {
      const holiday = /holiday/.test(m[1]!);
      return {
        refuse: {
          error: holiday
            ? "I can't leave holidays out of a repeat: I don't know which days are yours."
            : `I can't leave "${m[1]}" out of a repeat: it has no exact hours. Make one reminder per stretch of hours.`,
          example: holiday ? 'every weekday at 9 ping' : 'every hour from 9 to 12 ping',
        },
      };
    },
  },
  {
    // "every quarter hour", "every quarter of an hour": every 15 minutes
    name: 'every-quarter-hour',
    re: /\b(?:every|each)\s+quarter(?:[\s-]+hour|\s+of\s+an\s+hour)\b/g,
    make() {
      return { repeat: { kind: 'every', unit: 'minute', step: 15 } };
    },
  },
  {
    // "every hour on the hour", "at the top of the hour", "on the half hour"
    name: 'on-the-hour',
    re: /\b(?:(?:on|at)\s+the\s+(half\s+)?hour|(?:at\s+)?(?:the\s+)?top\s+of\s+(?:the|every|each)\s+hour)\b/g,
    make(m) {
      return { minuteOfHour: m[1] ? 30 : 0 };
    },
  },
  {
    // "on the quarter hour": :00, :15, :30 and :45, or :15 only? Not guessed
    name: 'on-the-quarter-hour',
    re: /\bthe\s+quarter[\s-]+hours?\b/g,
    make() {
      return {
        refuse: { error: '"the quarter hour" can be every 15 minutes or :15 of each hour. Say which.', example: 'every 15 minutes ping' },
      };
    },
  },
  {
    // "hourly at :30", "every hour at :15", "at minute 15"
    name: 'colon-minute',
    re: /(?:\bat\s+)?(?<![\w:.])(?::(\d{2})|\bminute\s+(\d{1,2}))(?![\d:.]?\d)/g,
    make(m) {
      const minute = Number(m[1] ?? m[2]);
      if (minute <= 59) return { minuteOfHour: minute };
      return { refuse: { error: `"${m[0].trim()}" is not a minute of the hour (0 to 59).`, example: 'every hour at :15 ping' } };
    },
  },
  { name: 'minutes-past-to', re: PAST_TO_RE, make: pastTo },
  {
    // "every hour at 15 ping": minute 15 of each hour, or hourly from 15:00? Not guessed; "at :15",
    // "from 15:00", "starting at 3pm" say which. (Runs after the past/to forms: "at 15 past" is read.)
    name: 'bare-number-after-hourly',
    re: /(?<=\b(?:(?:every|each)\s+(?:\d+\s+|other\s+)?(?:hours?|hrs?)|hourly)\s*,?\s+)(?:at|@)\s+(\d{1,2})\b(?![:.]?\d|\s*(?:am|pm|a\.m|p\.m|o\s?clock|h|hrs|sharp|minutes?|mins?)\b)/g,
    make(m) {
      const n = Number(m[1]);
      const mm = String(n).padStart(2, '0');
      const repeat = HOURLY_BEFORE.exec((m.input ?? '').slice(0, m.index ?? 0))?.[1] ?? 'every hour';
      const minute = `${repeat} at :${mm} ping`;
      const error =
        n <= 23
          ? `"${m[0]}" could be minute ${n} of every hour (:${mm}) or every hour from ${mm}:00. Say "${minute}" for the minute, or "${repeat} from ${mm}:00 ping" for the start.`
          : n <= 59
            ? `"${m[0]}" reads as minute ${n} of every hour: write it ":${mm}".`
            : `"${m[0]}" is neither a minute of the hour (0 to 59) nor an hour.`;
      return { refuse: { error, example: n <= 59 ? minute : `${repeat} at :15 ping`, repeat: true } };
    },
  },
];

/**
 * Why a group's minutes of the hour cannot be kept, or undefined. They need a repeat of whole
 * hours and no clock time of their own ("every day at 15 past" is past which hour?).
 */
export function minutesProblem(g: Group): Reject | undefined {
  if (!g.minutes) return undefined;
  const every = g.repeats.find((r): r is Extract<RepeatSpec, { kind: 'every' }> => r.kind === 'every');
  if (!every || !['hour', 'minute', 'second'].includes(every.unit)) {
    return new Reject('Past which hour? Say the hour, or repeat every hour.', 'every day at 15 past 9 ping');
  }
  if (every.unit !== 'hour' || !Number.isInteger(every.step))
    return new Reject('Minutes of the hour go with a repeat of whole hours.', 'every 2 hours at :15 ping');
  if (g.times.length > 0) return new Reject('Say a start time or the minutes of the hour, not both.', 'every hour at :15 ping');
  if (every.step > 1 && new Set(g.minutes).size > 1)
    return new Reject('One minute of the hour per repeat of several hours.', 'every 2 hours at :15 ping');
  return undefined;
}

/**
 * Hours of a window (minutes of the day, `to` inclusive, may wrap past midnight) whose minute
 * `mi` falls inside it, every `step` hours from the first: 9:30 to 17:00 at :30 -> 9..16.
 */
export function windowHours(from: number, to: number, mi: number, step: number): number[] {
  const span = (to - from + 1440) % 1440;
  const hours: number[] = [];
  let t = from + ((mi - (from % 60) + 60) % 60);
  for (; t <= from + span; t += step * 60) hours.push(Math.floor(t / 60) % 24);
  return hours;
}
