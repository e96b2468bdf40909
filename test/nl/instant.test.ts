import { describe, expect, it } from 'vitest';
import { first, p } from './helpers.js';

// Reference: Sunday 2026-11-22 10:00 Europe/Berlin unless said otherwise.
describe('one-off conventions (src/nl/README.md)', () => {
  it('a date without a time is 09:00', () => {
    expect(first('tomorrow')).toBe('2026-11-23T09:00:00+01:00');
    expect(first('dec 24')).toBe('2026-12-24T09:00:00+01:00');
  });

  it.each([
    ['tomorrow morning', '2026-11-23T09:00:00+01:00'],
    ['tomorrow afternoon', '2026-11-23T15:00:00+01:00'],
    ['this evening', '2026-11-22T18:00:00+01:00'],
    ['tonight', '2026-11-22T20:00:00+01:00'],
    ['end of day', '2026-11-22T17:00:00+01:00'],
    ['eod', '2026-11-22T17:00:00+01:00'],
    ['lunchtime', '2026-11-22T12:00:00+01:00'],
    ['at noon', '2026-11-22T12:00:00+01:00'],
    ['midnight', '2026-11-23T00:00:00+01:00'],
  ])('day part "%s" is %s', (text, expected) => {
    expect(first(text)).toBe(expected);
  });

  it("eow is Friday 17:00 of this week, eom the month's last day 17:00, eoy Dec 31 17:00", () => {
    expect(first('eow', { now: '2026-11-25T10:00:00+01:00' })).toBe('2026-11-27T17:00:00+01:00');
    expect(first('eom')).toBe('2026-11-30T17:00:00+01:00');
    expect(first('eoy')).toBe('2026-12-31T17:00:00+01:00');
  });

  it("eow after Friday 17:00 is next week's Friday", () => {
    expect(first('eow', { now: '2026-11-27T18:00:00+01:00' })).toBe('2026-12-04T17:00:00+01:00');
  });

  it('a weekday name is the first such day after today; "next friday" too once that day is in next week', () => {
    // Sunday 22 Nov 10:00: today's weekday is next week's once its time has passed today, and
    // asked while it is ahead (today 20:00, or Sun 29 Nov?); "this sunday" is today
    expect(first('sunday at 9am')).toBe('2026-11-29T09:00:00+01:00');
    expect(first('sunday at 8pm')).toBe('rejected');
    expect(p('sunday at 8pm').error).toContain('Sun 29 Nov 20:00');
    expect(first('this sunday at 8pm')).toBe('2026-11-22T20:00:00+01:00');
    expect(first('friday', { now: '2026-11-25T10:00:00+01:00' })).toBe('2026-11-27T09:00:00+01:00');
    // Sunday 22 Nov: the first Friday after is in next week, the one reading
    expect(first('next friday', { now: '2026-11-22T10:00:00+01:00' })).toBe('2026-11-27T09:00:00+01:00');
    // Wednesday 25 Nov: Monday is in next week either way
    expect(first('next monday', { now: '2026-11-25T10:00:00+01:00' })).toBe('2026-11-30T09:00:00+01:00');
  });

  it('"friday next week" is the Friday of next week (Monday-Sunday weeks)', () => {
    expect(first('friday next week', { now: '2026-11-25T10:00:00+01:00' })).toBe('2026-12-04T09:00:00+01:00');
  });

  it('"next week" is Monday of next week 09:00, "next month" the 1st 09:00, "this weekend" Saturday 09:00', () => {
    expect(first('next week', { now: '2026-11-25T10:00:00+01:00' })).toBe('2026-11-30T09:00:00+01:00');
    expect(first('next month')).toBe('2026-12-01T09:00:00+01:00');
    expect(first('this weekend', { now: '2026-11-25T10:00:00+01:00' })).toBe('2026-11-28T09:00:00+01:00');
  });

  it('a bare hour without a date is the next one on a 12-hour face (at 10:00: 3 -> 15:00, 9 -> 21:00, 11 -> 11:00)', () => {
    expect(first('at 3')).toBe('2026-11-22T15:00:00+01:00');
    expect(first('at 9')).toBe('2026-11-22T21:00:00+01:00');
    expect(first('at 11')).toBe('2026-11-22T11:00:00+01:00');
  });

  it('a time already passed today without a date rolls to tomorrow', () => {
    expect(first('at 5pm', { now: '2026-11-22T18:00:00+01:00' })).toBe('2026-11-23T17:00:00+01:00');
    expect(first('at 9am')).toBe('2026-11-23T09:00:00+01:00');
  });

  it('explicitly past times are rejected, never rolled forward', () => {
    expect(p('yesterday at 5').ok).toBe(false);
    expect(p('today at 9am').ok).toBe(false);
    expect(p('on 1 jan 2026').ok).toBe(false);
  });

  it('no time at all is rejected with an example', () => {
    const r = p('remind me to call mom');
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/time/i);
  });

  it('impossible dates and times over 5 years away are rejected', () => {
    expect(p('feb 30').ok).toBe(false);
    expect(p('on 31/4').ok).toBe(false);
    expect(p('in 6 years').ok).toBe(false);
    expect(p('in 4 years').ok).toBe(true);
  });

  it('relative days keep the wall-clock time across DST; hours are exact', () => {
    const now = '2027-03-27T10:00:00+01:00'; // Berlin springs forward on 2027-03-28
    expect(first('in 1 day', { now })).toBe('2027-03-28T10:00:00+02:00');
    expect(first('in 24 hours', { now })).toBe('2027-03-28T11:00:00+02:00');
  });

  it('a wall time in the spring-forward gap shifts forward by the gap', () => {
    expect(first('tomorrow at 2:30am', { now: '2027-03-13T10:00:00-05:00', tz: 'America/New_York' })).toBe('2027-03-14T03:30:00-04:00');
  });

  it('a repeated wall time takes its first occurrence', () => {
    expect(first('tomorrow at 1:30am', { now: '2026-10-31T10:00:00-04:00', tz: 'America/New_York' })).toBe('2026-11-01T01:30:00-04:00');
  });

  it('numeric dates follow the date order when both readings are valid', () => {
    expect(first('3/12', { order: 'dmy' })).toBe('2026-12-03T09:00:00+01:00');
    expect(first('3/12', { order: 'mdy' })).toBe('2027-03-12T09:00:00+01:00');
    expect(first('24/12', { order: 'mdy' })).toBe('2026-12-24T09:00:00+01:00');
  });

  it('holidays resolve to their date; moving feasts are computed (Easter 2027 is March 28), lunar ones rejected with a hint', () => {
    expect(first('christmas eve')).toBe('2026-12-24T09:00:00+01:00');
    expect(first("on new year's eve at 11pm")).toBe('2026-12-31T23:00:00+01:00');
    expect(first('on easter')).toBe('2027-03-28T09:00:00+02:00');
    expect(p('on diwali').error).toMatch(/diwali/);
  });

  it('misspelt weekdays resolve to the right day, never a partial match', () => {
    expect(first('wendsday at 9am')).toBe('2026-11-25T09:00:00+01:00');
    expect(first('on fridya at 5pm')).toBe('2026-11-27T17:00:00+01:00');
  });

  it('a weekday that contradicts the date is rejected', () => {
    expect(p('monday dec 1').ok).toBe(false);
    expect(first('tuesday dec 1 at 9')).toBe('2026-12-01T09:00:00+01:00');
  });

  it('durations: compact, fractional, word numbers, fortnight', () => {
    expect(first('in 2h30m')).toBe('2026-11-22T12:30:00+01:00');
    expect(first('in 2.5 minutes')).toBe('2026-11-22T10:02:30+01:00');
    expect(first('in an hour and a half')).toBe('2026-11-22T11:30:00+01:00');
    expect(first('in a fortnight')).toBe('2026-12-06T10:00:00+01:00');
    expect(first('72hr')).toBe('2026-11-25T10:00:00+01:00');
    expect(first('1y 1mo 2 days')).toBe('2027-12-24T10:00:00+01:00');
  });

  it('several times in one request become one job with several triggers', () => {
    const r = p('on wednesday at 3 pm and on saturday at 10 am water plants');
    expect(r.next).toEqual(['2026-11-25T15:00:00+01:00', '2026-11-28T10:00:00+01:00']);
    expect(r.text).toBe('water plants');
  });
});

describe('edge readings', () => {
  it('"the sun at 5" is not Sunday', () => {
    expect(first('the sun at 5')).toBe('2026-11-22T17:00:00+01:00');
  });

  it('"at 13pm" is an unreadable time, rejected rather than half-read', () => {
    expect(p('at 13pm thing').ok).toBe(false);
  });

  it('a day without a time takes the time written for the next day: "tomorrow and friday at 10"', () => {
    expect(p('tomorrow and friday at 10').next).toEqual(['2026-11-23T10:00:00+01:00', '2026-11-27T10:00:00+01:00']);
  });
});

describe('offsets, exceptions and dates used as words', () => {
  it('"15 minutes before 5pm" is 16:45', () => {
    expect(first('remind me 15 minutes before 5pm')).toBe('2026-11-22T16:45:00+01:00');
  });

  it('"every day at 7:30am except weekends" skips Saturday and Sunday', () => {
    expect(p('every day at 7:30am except weekends').spec).toBe('cron:30 7 * * 1-5');
  });

  it('a possessive date stays in the text: "tomorrow\'s meeting"', () => {
    const r = p("remind me about tomorrow's meeting");
    expect(r.text).toBe("tomorrow's meeting");
    expect(r.next[0]).toBe('2026-11-23T09:00:00+01:00');
  });

  it('"the 7pm show" is text when another time is given', () => {
    const r = p('remind me to buy tickets for the 7pm show tomorrow at noon');
    expect(r.text).toBe('buy tickets for the 7pm show');
    expect(r.next).toEqual(['2026-11-23T12:00:00+01:00']);
  });
});

describe('helpful rejections', () => {
  it('"in 10" without a unit asks which unit', () => {
    expect(p('remind me to check the oven in 10').error).toMatch(/minutes, hours or days/);
  });

  it('a fractional step with weekdays is rejected, never silently dropped', () => {
    expect(p('every 2.5 minutes on weekdays').ok).toBe(false);
    expect(p('every 1.5 hours on weekdays').spec).toBe('cron:0 0,3,6,9,12,15,18,21 * * 1-5 | cron:30 1,4,7,10,13,16,19,22 * * 1-5');
  });
});

describe('compact durations at the start', () => {
  it('"2h30m stretch" and "remind me 2h30m to go" are 2.5 hours from now', () => {
    expect(first('2h30m stretch')).toBe('2026-11-22T12:30:00+01:00');
    expect(p('remind me 2h30m to go').text).toBe('go');
  });
});

describe('more weekday phrases', () => {
  it('"the monday meeting" is text when another day is given', () => {
    const r = p('prepare the monday meeting on friday');
    expect(r.text).toBe('prepare the monday meeting');
    expect(r.next).toEqual(['2026-11-27T09:00:00+01:00']);
  });

  it('"the friday after next" is a week after the coming Friday', () => {
    expect(first('the friday after next')).toBe('2026-12-04T09:00:00+01:00');
    expect(first('a week from friday at 3pm')).toBe('2026-12-04T15:00:00+01:00');
  });
});

describe('ends and starts of next periods', () => {
  it('"end of next week/month/year" is 17:00 on the last working day of that period', () => {
    expect(first('end of next week', { now: '2026-11-25T10:00:00+01:00' })).toBe('2026-12-04T17:00:00+01:00');
    expect(first('end of next month')).toBe('2026-12-31T17:00:00+01:00');
    expect(first('by end of next year')).toBe('2027-12-31T17:00:00+01:00');
  });

  it('"beginning of next month" is the 1st at 09:00', () => {
    expect(p('beginning of next month pay').next[0]).toBe('2026-12-01T09:00:00+01:00');
    expect(p('beginning of next month pay').text).toBe('pay');
  });
});

describe('limits', () => {
  it('a request with dozens of times is rejected rather than stored as a giant schedule', () => {
    const many = Array.from({ length: 30 }, (_, i) => `at 5:${String(i).padStart(2, '0')}pm`).join(' and ');
    expect(p(many).ok).toBe(false);
    expect(p('tomorrow at 9 and tomorrow at 9').next).toEqual(['2026-11-23T09:00:00+01:00']);
  });
});

describe('durations attached to a day', () => {
  it('"a week from tomorrow" is tomorrow plus a week', () => {
    expect(first('a week from tomorrow')).toBe('2026-11-30T09:00:00+01:00');
    expect(first('2 weeks from monday')).toBe('2026-12-07T09:00:00+01:00');
  });

  it('"in 2 weeks on friday" names two things and is rejected, never split into two reminders', () => {
    expect(p('in 2 weeks on friday').ok).toBe(false);
  });

  it('"tomorrow and in 2 hours" with "and" is two reminders', () => {
    expect(p('tomorrow and in 2 hours').next).toEqual(['2026-11-22T12:00:00+01:00', '2026-11-23T09:00:00+01:00']);
  });
});
