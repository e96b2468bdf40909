/**
 * Misreadings found by trying calendar phrases (month ends, DST days, ordinal days): a day of
 * the month in words, "midnight" on a named day, a span of hours next to a clock time. Expected
 * instants come from Intl wall clocks (test/chat/civil-calendar.ts), not from the parser.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from '../chat/civil-calendar.js';
import { p } from './helpers.js';

// Saturday 5 Dec 2026 10:00 in London (GMT, UTC+0)
const SAT = { now: '2026-12-05T10:00:00Z', tz: 'Europe/London' };
const london = (y: number, m: number, d: number, h = 9, mi = 0) => instantOf({ y, m, d }, h, mi, 'Europe/London').getTime();
const firstAt = (text: string, opts = SAT) => {
  const r = p(text, opts);
  expect(r.ok, `${text}: ${r.error}`).toBe(true);
  return new Date(r.next[0]!).getTime();
};

describe('a day of the month in words after "on" is that day (was left in the text, the time read for today)', () => {
  it.each([
    // the 3rd has passed in December: the next one is 3 Jan 2027; a bare 9 on another day is 09:00
    ['on the third at 9 call', 'call', london(2027, 1, 3)],
    ['on the twenty-first at 9 call', 'call', london(2026, 12, 21)],
    ['remind me on the fifteenth to pay rent', 'pay rent', london(2026, 12, 15)],
    ['remind me on the first to pay rent', 'pay rent', london(2027, 1, 1)],
  ])('"%s" is "%s" at the worked-out instant', (text, task, at) => {
    expect(p(text, SAT).text).toBe(task);
    expect(firstAt(text)).toBe(at);
  });

  it.each([
    // not days: "the first to arrive", "the second floor" (today 21:00, the next 9 on the clock)
    ['remind me to be the first to arrive at 9', 'be the first to arrive'],
    ['remind me to be on the second floor at 9', 'be on the second floor'],
  ])('"%s" keeps its words', (text, task) => {
    expect(p(text, SAT).text).toBe(task);
    expect(firstAt(text)).toBe(london(2026, 12, 5, 21));
  });
});

describe('"midnight" on a named day is asked about: its start or its end', () => {
  it.each([
    // tomorrow is Sun 6 Dec: its start is the night after Saturday, its end the night into Monday
    ['tomorrow at midnight submit', SAT, [2026, 12, 6], [2026, 12, 7]],
    ["on new year's eve at midnight celebrate", SAT, [2026, 12, 31], [2027, 1, 1]],
    ['at midnight on dec 31 celebrate', SAT, [2026, 12, 31], [2027, 1, 1]],
    ['in 3 days at midnight', SAT, [2026, 12, 8], [2026, 12, 9]],
    // New York springs forward at 02:00 on Sun 14 Mar 2027: its start is EST, its end EDT
    ['on mar 14 at midnight', { now: '2027-03-10T15:00:00Z', tz: 'America/New_York' }, [2027, 3, 14], [2027, 3, 15]],
  ] as const)('"%s" names both readings, each of which reads exactly', (text, opts, start, end) => {
    const r = p(text, opts);
    expect(r.ok).toBe(false);
    const said = [...r.error!.matchAll(/"(on [a-z]+ \d+ at 00:00)"/g)].map((m) => m[1]!);
    expect(said).toHaveLength(2);
    const expected = [start, end].map(([y, m, d]) => instantOf({ y, m, d }, 0, 0, opts.tz).getTime());
    expect(said.map((s) => firstAt(s, opts))).toEqual(expected);
  });

  it('"tonight at midnight" is the coming 00:00, Sun 6 Dec (it was refused as already passed)', () => {
    expect(firstAt('tonight at midnight')).toBe(london(2026, 12, 6, 0));
    expect(firstAt('today at midnight')).toBe(london(2026, 12, 6, 0));
    expect(p('tonight at midnight and 9pm', SAT).next.map((d) => new Date(d).getTime())).toEqual([
      london(2026, 12, 5, 21),
      london(2026, 12, 6, 0),
    ]);
    // "at midnight" alone was and is the coming 00:00
    expect(firstAt('at midnight')).toBe(london(2026, 12, 6, 0));
  });
});

describe('a span of hours next to a clock time is asked about', () => {
  it.each(['in 2 hours at 5 call mom', 'in 90 minutes at 5'])('"%s" was the clock time, the span dropped; now refused', (text) => {
    const r = p(text, SAT);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/how long from now or what time/);
  });

  it('"in 3 days at 5pm" still takes the day from the span: Tue 8 Dec 17:00', () => {
    expect(firstAt('in 3 days at 5pm call')).toBe(london(2026, 12, 8, 17));
  });
});
