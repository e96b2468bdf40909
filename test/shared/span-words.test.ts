// The one rule for how long and how soon, as the chat and the dashboard both say it: minute
// precision, whole days from a week on (counted down, never rounded up to a day still to come),
// and real hours across a daylight-saving change. Instants are worked out from the calendar,
// their wall times checked with Intl.
import { describe, expect, it } from 'vitest';
import { formatRelative } from '../../src/chat/format.js';
import { formatSpan, relativeSpan } from '../../src/shared/span-words.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const wall = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms));

describe('spans in words', () => {
  it.each([
    [0, 'less than a minute'],
    [29_000, 'less than a minute'],
    [52 * MINUTE, '52 minutes'],
    [HOUR, '1 hour'],
    [2 * HOUR + 30 * MINUTE, '2 hours 30 minutes'],
    // Just under a day is hours and minutes; half a minute short rounds to the minute, a day.
    [DAY - MINUTE, '23 hours 59 minutes'],
    [DAY - 20_000, '1 day'],
    [DAY + 4 * HOUR, '1 day 4 hours'],
    [6 * DAY + 23 * HOUR + 59 * MINUTE, '6 days 23 hours'],
    // From a week on, whole days, counted down: 21 days 17 hours is 21 days.
    [21 * DAY + 17 * HOUR, '21 days'],
    [200 * DAY, '200 days'],
  ])('%i ms is "%s"', (ms, words) => {
    expect(formatSpan(ms)).toBe(words);
    expect(formatSpan(-ms)).toBe(words);
  });
});

describe('relative times from the calendar', () => {
  const cases: Array<[what: string, now: number, at: number, zone: string, nowWall: string, atWall: string, words: string]> = [
    // February 2027 has 28 days; 2028 is a leap year.
    [
      '31 Jan to 1 Mar 2027',
      Date.UTC(2027, 0, 31, 8),
      Date.UTC(2027, 2, 1, 8),
      'Europe/Berlin',
      '2027-01-31 09:00',
      '2027-03-01 09:00',
      'in 29 days',
    ],
    [
      '31 Jan to 1 Mar 2028',
      Date.UTC(2028, 0, 31, 8),
      Date.UTC(2028, 2, 1, 8),
      'Europe/Berlin',
      '2028-01-31 09:00',
      '2028-03-01 09:00',
      'in 30 days',
    ],
    [
      '30 Apr to 31 May',
      Date.UTC(2027, 3, 30, 7),
      Date.UTC(2027, 4, 31, 7),
      'Europe/Berlin',
      '2027-04-30 09:00',
      '2027-05-31 09:00',
      'in 31 days',
    ],
    // Year end, seen from the afternoon before: 21 days 17 hours.
    [
      '10 Dec 16:00 to 1 Jan 09:00',
      Date.UTC(2026, 11, 10, 15),
      Date.UTC(2027, 0, 1, 8),
      'Europe/Berlin',
      '2026-12-10 16:00',
      '2027-01-01 09:00',
      'in 21 days',
    ],
    // Clocks go forward on 28 Mar 2027 (Berlin) and 14 Mar 2027 (New York): 09:00 to 09:00 is 23 hours.
    [
      'Sat 09:00 to Sun 09:00 over spring-forward',
      Date.UTC(2027, 2, 27, 8),
      Date.UTC(2027, 2, 28, 7),
      'Europe/Berlin',
      '2027-03-27 09:00',
      '2027-03-28 09:00',
      'in 23 hours',
    ],
    [
      'the week of spring-forward',
      Date.UTC(2027, 2, 13, 14),
      Date.UTC(2027, 2, 20, 13),
      'America/New_York',
      '2027-03-13 09:00',
      '2027-03-20 09:00',
      'in 6 days 23 hours',
    ],
    // Clocks go back on 31 Oct 2027 (Berlin): 09:00 to 09:00 is 25 hours.
    [
      'Sat 09:00 to Sun 09:00 over fall-back',
      Date.UTC(2027, 9, 30, 7),
      Date.UTC(2027, 9, 31, 8),
      'Europe/Berlin',
      '2027-10-30 09:00',
      '2027-10-31 09:00',
      'in 1 day 1 hour',
    ],
    [
      'a month ago',
      Date.UTC(2027, 2, 1, 8),
      Date.UTC(2027, 1, 1, 8),
      'Europe/Berlin',
      '2027-03-01 09:00',
      '2027-02-01 09:00',
      '28 days ago',
    ],
  ];
  it.each(cases)('%s', (_what, now, at, zone, nowWall, atWall, words) => {
    expect([wall(now, zone), wall(at, zone)]).toEqual([nowWall, atWall]);
    expect(relativeSpan(at, now)).toBe(words);
    // The chat's own formatter says the same: it is this rule.
    expect(formatRelative(new Date(at), new Date(now))).toBe(words);
  });
});
