/**
 * Moving holidays: Easter by the Gregorian computus and the nth-weekday holidays, checked
 * against published calendars (not against the parser), and placed for the user's zone.
 */
import { describe, expect, it } from 'vitest';
import { easterSunday, nthWeekdayOf } from '../../src/nl/holidays.js';
import { p } from './helpers.js';

describe('easterSunday', () => {
  it('matches the published Western Easter dates', () => {
    const known: Array<[number, number, number]> = [
      [1943, 4, 25],
      [1961, 4, 2],
      [2000, 4, 23],
      [2008, 3, 23],
      [2011, 4, 24],
      [2019, 4, 21],
      [2024, 3, 31],
      [2025, 4, 20],
      [2026, 4, 5],
      [2027, 3, 28],
      [2028, 4, 16],
      [2029, 4, 1],
      [2030, 4, 21],
      [2038, 4, 25],
      [2285, 3, 22],
    ];
    for (const [y, m, d] of known) expect(easterSunday(y), String(y)).toEqual({ y, m, d });
  });
});

describe('nthWeekdayOf', () => {
  it('finds the 4th Thursday of November and the last Monday of May', () => {
    expect(nthWeekdayOf(2026, 11, 4, 4)).toEqual({ y: 2026, m: 11, d: 26 });
    expect(nthWeekdayOf(2027, 5, 1, 'L')).toEqual({ y: 2027, m: 5, d: 31 });
    expect(nthWeekdayOf(2026, 2, 1, 5)).toBeUndefined();
  });
});

describe('holidays in requests (now: Sunday 22 Nov 2026 10:00)', () => {
  const NY = { tz: 'America/New_York', now: '2026-11-22T10:00:00-05:00' };
  it('US holidays in a US zone', () => {
    expect(p('thanksgiving', NY).next[0]).toBe('2026-11-26T09:00:00-05:00');
    expect(p('black friday at 6am', NY).next[0]).toBe('2026-11-27T06:00:00-05:00');
    expect(p('mlk day', NY).next[0]).toBe('2027-01-18T09:00:00-05:00');
    expect(p("presidents' day", NY).next[0]).toBe('2027-02-15T09:00:00-05:00');
    expect(p("mother's day call mom", NY)).toMatchObject({ text: 'call mom', next: ['2027-05-09T09:00:00-04:00'] });
    expect(p('memorial day', NY).next[0]).toBe('2027-05-31T09:00:00-04:00');
    expect(p("father's day", NY).next[0]).toBe('2027-06-20T09:00:00-04:00');
    expect(p('independence day', NY).next[0]).toBe('2027-07-04T09:00:00-04:00');
    expect(p('labor day', NY).next[0]).toBe('2027-09-06T09:00:00-04:00');
  });

  it('Easter and the feasts around it', () => {
    expect(p('good friday at 10 church').next[0]).toBe('2027-03-26T10:00:00+01:00');
    expect(p('easter').next[0]).toBe('2027-03-28T09:00:00+02:00');
    expect(p('easter monday').next[0]).toBe('2027-03-29T09:00:00+02:00');
    expect(p('easter 2028').next[0]).toBe('2028-04-16T09:00:00+02:00');
    expect(p('ascension day').next[0]).toBe('2027-05-06T09:00:00+02:00');
  });

  it('the zone picks the country: Canada, the UK, Australia, Germany', () => {
    expect(p('thanksgiving', { tz: 'America/Toronto', now: '2026-11-22T10:00:00-05:00' }).next[0]).toBe('2027-10-11T09:00:00-04:00');
    // Mothering Sunday: three weeks before Easter (28 Mar 2027)
    expect(p("mother's day", { tz: 'Europe/London', now: '2026-11-22T10:00:00Z' }).next[0]).toBe('2027-03-07T09:00:00+00:00');
    expect(p("father's day", { tz: 'Australia/Sydney', now: '2026-11-22T10:00:00+11:00' }).next[0]).toBe('2027-09-05T09:00:00+10:00');
    // Vatertag is Ascension Day: Easter + 39 days
    expect(p("father's day").next[0]).toBe('2027-05-06T09:00:00+02:00');
    expect(p('labour day').next[0]).toBe('2027-05-01T09:00:00+02:00');
  });

  it('what cannot be computed is rejected with a hint, never guessed', () => {
    for (const [text, tz] of [
      ['labour day', 'Australia/Sydney'],
      ['independence day', 'Europe/London'],
      ['diwali', 'Asia/Kolkata'],
      ['orthodox easter', 'Europe/Athens'],
    ] as const) {
      const r = p(text, { tz, now: '2026-11-22T10:00:00Z' });
      expect(r.ok, `${text} ${tz}`).toBe(false);
      expect(r.error, text).toMatch(/date/);
    }
  });

  it('a moving holiday cannot repeat yet, but can bound a repeat', () => {
    expect(p('every thanksgiving at 9', NY).ok).toBe(false);
    expect(p('every year on easter').ok).toBe(false);
    expect(p('every day at 8 until easter').spec).toContain(';until:2027-03-28T23:59:59+02:00');
  });

  it('a holiday used as a word stays in the text when another date is given', () => {
    expect(p('buy easter eggs tomorrow')).toMatchObject({ text: 'buy easter eggs', next: ['2026-11-23T09:00:00+01:00'] });
  });
});
