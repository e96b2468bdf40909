/**
 * Holidays as dates: fixed ones ("christmas eve", "new year's day"), moving ones computed for
 * the year ("easter", "thanksgiving"), and ones we cannot place, refused with a hint.
 */
import type { Recognizer } from './pieces.js';
import { MOVING_HOLIDAY_SRC } from './holidays.js';

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

/** Holiday recognisers, unknown ones first: "chinese new year" is not "new year". */
export const HOLIDAY_DATE_RECOGNIZERS: Recognizer[] = [
  {
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
    re: new RegExp(
      `\\b(?:(every|each)\\s+(?:year\\s+)?(?:on\\s+)?)?(?:on\\s+)?(?:the\\s+)?(?<!\\ba\\s)(${MOVING_HOLIDAY_SRC})(?:,?\\s+(\\d{4}))?(?![\\w'])`,
      'g',
    ),
    make(m) {
      if (m[1])
        return {
          refuse: {
            error: `I can't repeat on "${m[2]}" yet: it moves every year. I can remind you on the next one.`,
            example: `on ${m[2]} at 9am`,
          },
        };
      return { date: m[3] ? { kind: 'holiday', name: m[2]!, y: Number(m[3]) } : { kind: 'holiday', name: m[2]! } };
    },
  },
];
