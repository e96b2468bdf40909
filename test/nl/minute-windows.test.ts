/**
 * A step of minutes inside a window of the day fires exactly at the window's own times: from its
 * start, every step, up to and including its end, also through midnight and when neither end is
 * on the hour. London, Thursday 3 Dec 2026 12:00 GMT; instants from Intl wall clocks
 * (test/chat/civil-calendar.ts), not from the parser.
 *
 * Before: "every 15 minutes from 11pm to 12:30am" was `*\/15 0,23` (00:45 too, after the end);
 * "every 20 minutes from 10:30pm to 1:10am" started at 22:00 and ran to 01:40; "from 9:10 to
 * 10:20" fired at 09:00 and 10:45; "every 45 minutes on fridays" was `*\/45` (:00 and :45).
 */
import { describe, expect, it } from 'vitest';
import { nextFires } from '../../src/core/schedule-next.js';
import { ruleInWords } from '../../src/core/schedule-words.js';
import { parse } from '../../src/nl/parse.js';
import { instantOf } from '../chat/civil-calendar.js';

const ZONE = 'Europe/London';
const NOW = instantOf({ y: 2026, m: 12, d: 3 }, 12, 0, ZONE);
/** [day of December 2026, hour, minute] in London. */
type Wall = [number, number, number];
const iso = ([d, h, mi]: Wall) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();

const CASES: Array<[string, Wall[], string]> = [
  [
    'every 15 minutes from 11pm to 12:30am',
    [
      [3, 23, 0],
      [3, 23, 15],
      [3, 23, 30],
      [3, 23, 45],
      [4, 0, 0],
      [4, 0, 15],
      [4, 0, 30],
      [4, 23, 0],
    ],
    'every 15 minutes from 23:00 to 00:30',
  ],
  [
    'every 20 minutes from 10:30pm to 1:10am',
    [
      [3, 22, 30],
      [3, 22, 50],
      [3, 23, 10],
      [3, 23, 30],
      [3, 23, 50],
      [4, 0, 10],
      [4, 0, 30],
      [4, 0, 50],
      [4, 1, 10],
      [4, 22, 30],
    ],
    'every 20 minutes from 22:30 to 01:10',
  ],
  [
    'every 10 minutes between 11:50pm and 12:20am',
    [
      [3, 23, 50],
      [4, 0, 0],
      [4, 0, 10],
      [4, 0, 20],
      [4, 23, 50],
    ],
    'every 10 minutes from 23:50 to 00:20',
  ],
  // the hours after midnight are Saturday's, not Friday's own early hours
  [
    'every 30 minutes from 11pm to 1:30am on fridays',
    [
      [4, 23, 0],
      [4, 23, 30],
      [5, 0, 0],
      [5, 0, 30],
      [5, 1, 0],
      [5, 1, 30],
      [11, 23, 0],
    ],
    'every Friday, every 30 minutes from 23:00 to 23:30 and every Saturday, every 30 minutes from 00:00 to 01:30',
  ],
  [
    'every 15 minutes from 9:10 to 10:20',
    [
      [4, 9, 10],
      [4, 9, 25],
      [4, 9, 40],
      [4, 9, 55],
      [4, 10, 10],
      [5, 9, 10],
    ],
    'every 15 minutes from 09:10 to 10:10',
  ],
  [
    'every 30 minutes from 9 to 5:15',
    [
      [3, 12, 30],
      [3, 13, 0],
      [3, 13, 30],
      [3, 14, 0],
      [3, 14, 30],
      [3, 15, 0],
      [3, 15, 30],
      [3, 16, 0],
      [3, 16, 30],
      [3, 17, 0],
      [4, 9, 0],
    ],
    'every 30 minutes from 09:00 to 17:00',
  ],
  [
    'every 2 hours from 9:30 to 5',
    [
      [3, 13, 30],
      [3, 15, 30],
      [4, 9, 30],
    ],
    // a rule, as said (it was listed: "every day at 09:30, 11:30, 13:30 and 15:30")
    'every 2 hours from 09:30 to 15:30',
  ],
  [
    'every 45 minutes on fridays',
    [
      [4, 0, 0],
      [4, 0, 45],
      [4, 1, 30],
      [4, 2, 15],
    ],
    'every Friday, every 45 minutes',
  ],
];

describe('a step of minutes inside a window fires only inside it, from its start', () => {
  it.each(CASES)('"%s"', (text, fires, words) => {
    const r = parse(`${text} check the door`, { now: NOW, timeZone: ZONE });
    if (!r.ok) throw new Error(r.error);
    expect(r.text).toBe('check the door');
    expect(nextFires(r.schedule, ZONE, NOW, fires.length, r.bounds).map((d) => d.toISOString())).toEqual(fires.map(iso));
    expect(ruleInWords({ schedule: r.schedule, timeZone: ZONE })).toBe(`${words}, ${ZONE}`);
  });
});
