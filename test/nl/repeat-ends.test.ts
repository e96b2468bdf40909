/**
 * Repeats that end: "until january" (before January begins), "through january" (its last
 * day included), "until friday" (through Friday), "until nov 25", "for 3 weeks", "every
 * friday in december". Expected fires worked out from the calendar; `next` lists at most four
 * fires, so a shorter list shows where the repeat stops.
 */
import { describe, expect, it } from 'vitest';
import { p } from './helpers.js';

describe('repeats that end', () => {
  it('"until january" stops before January 1 and leaves the text clean', () => {
    // Sunday 13 Dec 2026: Mondays 14, 21, 28; 4 Jan 2027 is January
    const r = p('every monday at 10am team sync until january', { now: '2026-12-13T10:00:00+01:00' });
    expect(r.text).toBe('team sync');
    expect(r.next).toEqual(['2026-12-14T10:00:00+01:00', '2026-12-21T10:00:00+01:00', '2026-12-28T10:00:00+01:00']);
  });

  it('"through january" includes January', () => {
    // Sunday 17 Jan 2027: Mondays 18 and 25; 1 Feb is past the end
    const r = p('every monday at 10am team sync through january', { now: '2027-01-17T10:00:00+01:00' });
    expect(r.text).toBe('team sync');
    expect(r.next).toEqual(['2027-01-18T10:00:00+01:00', '2027-01-25T10:00:00+01:00']);
  });

  it('"until tuesday" runs through Tuesday', () => {
    expect(p('every day at 9 standup until tuesday').next).toEqual(['2026-11-23T09:00:00+01:00', '2026-11-24T09:00:00+01:00']);
  });

  it('"until nov 25" runs through that date', () => {
    expect(p('every day at 9 until nov 25').next).toEqual([
      '2026-11-23T09:00:00+01:00',
      '2026-11-24T09:00:00+01:00',
      '2026-11-25T09:00:00+01:00',
    ]);
  });

  it('"for 3 weeks" gives three weekly fires', () => {
    const r = p('every monday at 10 review for 3 weeks');
    expect(r.text).toBe('review');
    expect(r.next).toEqual(['2026-11-23T10:00:00+01:00', '2026-11-30T10:00:00+01:00', '2026-12-07T10:00:00+01:00']);
  });

  it('"for 2 months" ends with the last wednesday 18:00 of the two months from now (Fri 22 Jan 10:00)', () => {
    expect(p('every wednesday at 6pm for 2 months').spec).toContain(';until:2027-01-20T18:00:00+01:00');
  });

  it('"every day in january" runs from Jan 1 through Jan 31', () => {
    const r = p('every day in january at 9');
    expect(r.spec).toContain(';from:2027-01-01T00:00:00+01:00');
    expect(r.spec).toContain(';until:2027-01-31T23:59:59+01:00');
  });

  it('"from january to march" includes March', () => {
    const r = p('every day from january to march at 8');
    expect(r.text).toBe('');
    expect(r.spec).toContain(';from:2027-01-01T00:00:00+01:00');
    expect(r.spec).toContain(';until:2027-03-31T23:59:59+02:00');
  });

  it('"until november" in November is not guessed', () => {
    expect(p('every day until november').ok).toBe(false);
  });

  it('leap year: "until march" keeps Feb 29', () => {
    expect(p('every day at 9 until march', { now: '2028-02-26T10:00:00+01:00' }).next).toEqual([
      '2028-02-27T09:00:00+01:00',
      '2028-02-28T09:00:00+01:00',
      '2028-02-29T09:00:00+01:00',
    ]);
  });
});
