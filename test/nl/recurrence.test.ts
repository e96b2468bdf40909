import { describe, expect, it } from 'vitest';
import { p } from './helpers.js';

// Reference: Sunday 2026-11-22 10:00 Europe/Berlin.
describe('recurrence grammar', () => {
  it('"every weekday at 9" fires Monday to Friday at 09:00', () => {
    const r = p('every weekday at 9 standup');
    expect(r.kind).toBe('recurring');
    expect(r.spec).toBe('cron:0 9 * * 1-5');
    expect(r.next.slice(0, 4)).toEqual([
      '2026-11-23T09:00:00+01:00',
      '2026-11-24T09:00:00+01:00',
      '2026-11-25T09:00:00+01:00',
      '2026-11-26T09:00:00+01:00',
    ]);
  });

  it('"every monday and thursday at 18:00" is one cron with both days', () => {
    expect(p('every monday and thursday at 18:00').spec).toBe('cron:0 18 * * 1,4');
  });

  it('"every 2 weeks on tuesday" is a calendar schedule anchored at the next Tuesday', () => {
    const r = p('every 2 weeks on tuesday');
    expect(r.next.slice(0, 3)).toEqual(['2026-11-24T09:00:00+01:00', '2026-12-08T09:00:00+01:00', '2026-12-22T09:00:00+01:00']);
  });

  it('"biweekly" means every 2 weeks', () => {
    const r = p('biweekly on friday');
    expect(r.next.slice(0, 2)).toEqual(['2026-11-27T09:00:00+01:00', '2026-12-11T09:00:00+01:00']);
  });

  it('"every other day" (no time) first fires two days from now and keeps that wall time across DST', () => {
    // Thu 25 Mar 10:00 CET -> Sat 27 10:00 CET, Mon 29 10:00 CEST (clocks went forward on Sun 28)
    const r = p('every other day', { now: '2027-03-25T10:00:00+01:00' });
    expect(r.next.slice(0, 3)).toEqual(['2027-03-27T10:00:00+01:00', '2027-03-29T10:00:00+02:00', '2027-03-31T10:00:00+02:00']);
  });

  it('"every other day at 9" keeps 09:00 across DST, from the next 09:00', () => {
    const r = p('every other day at 9', { now: '2027-03-25T10:00:00+01:00' });
    expect(r.next.slice(0, 3)).toEqual(['2027-03-26T09:00:00+01:00', '2027-03-28T09:00:00+02:00', '2027-03-30T09:00:00+02:00']);
  });

  it('nth and last weekday of the month', () => {
    expect(p('every first monday of the month').next[0]).toBe('2026-12-07T09:00:00+01:00');
    expect(p('last friday of every month').next.slice(0, 2)).toEqual(['2026-11-27T09:00:00+01:00', '2026-12-25T09:00:00+01:00']);
  });

  it('"on the 1st and 15th of every month"', () => {
    expect(p('on the 1st and 15th of every month').next.slice(0, 3)).toEqual([
      '2026-12-01T09:00:00+01:00',
      '2026-12-15T09:00:00+01:00',
      '2027-01-01T09:00:00+01:00',
    ]);
  });

  it('"every year on dec 24"', () => {
    expect(p('every year on dec 24').next.slice(0, 2)).toEqual(['2026-12-24T09:00:00+01:00', '2027-12-24T09:00:00+01:00']);
  });

  it('"hourly from 9 to 5 on weekdays" includes 17:00', () => {
    const r = p('hourly from 9 to 5 on weekdays');
    expect(r.spec).toBe('cron:0 9-17 * * 1-5');
  });

  it('"every 30 minutes" is an exact interval from now', () => {
    expect(p('every 30 minutes').next.slice(0, 2)).toEqual(['2026-11-22T10:30:00+01:00', '2026-11-22T11:00:00+01:00']);
  });

  it('intervals under a minute are rejected', () => {
    expect(p('every 10 seconds').ok).toBe(false);
  });

  it('"every day at 9am and 9pm" fires twice a day', () => {
    expect(p('every day at 9am and 9pm').next.slice(0, 3)).toEqual([
      '2026-11-22T21:00:00+01:00',
      '2026-11-23T09:00:00+01:00',
      '2026-11-23T21:00:00+01:00',
    ]);
  });

  it('"starting next monday" bounds the start', () => {
    const r = p('every day at 9 starting next monday', { now: '2026-11-25T10:00:00+01:00' });
    expect(r.next[0]).toBe('2026-11-30T09:00:00+01:00');
  });

  it('"every hour until 6 pm" ends at 18:00 inclusive', () => {
    const r = p('every hour until 6 pm');
    expect(r.next.slice(0, 4)).toEqual([
      '2026-11-22T11:00:00+01:00',
      '2026-11-22T12:00:00+01:00',
      '2026-11-22T13:00:00+01:00',
      '2026-11-22T14:00:00+01:00',
    ]);
  });

  it('"every 8 hours for 5 times" stops after 5 runs', () => {
    expect(p('every 8 hours for 5 times').spec).toMatch(/5/);
  });

  it('"every sunday at 5pm for 8 weeks" fires 8 times', async () => {
    const { parse } = await import('../../src/nl/parse.js');
    const { nextFires } = await import('../../src/core/schedule.js');
    const r = parse('every sunday at 5pm for 8 weeks', { now: new Date('2026-11-22T10:00:00+01:00'), timeZone: 'Europe/Berlin' });
    if (!r.ok) throw new Error(r.error);
    expect(nextFires(r.schedule, r.timeZone, new Date('2026-11-22T10:00:00+01:00'), 20, r.bounds)).toHaveLength(8);
  });

  it('"until dec 31" ends at the end of that day', () => {
    const r = p('every day at 8 until dec 31');
    expect(r.ok).toBe(true);
    expect(r.spec).toMatch(/2026-12-31T23:59:59/);
  });

  it('several schedules in one request become one multi schedule, never one silently', () => {
    const r = p('every weekday at 9 and on saturday at 10');
    expect(r.spec).toContain('1-5');
    expect(r.spec).toContain('6');
  });

  it('the time phrase may come last: "eat lunch at 1pm every day"', () => {
    const r = p('remind me to eat lunch at 1pm every day');
    expect(r.text).toBe('eat lunch');
    expect(r.next[0]).toBe('2026-11-22T13:00:00+01:00');
  });

  it('daily/weekly/monthly/yearly', () => {
    expect(p('daily').next[0]).toBe('2026-11-23T09:00:00+01:00');
    expect(p('weekly').kind).toBe('recurring');
    expect(p('monthly').kind).toBe('recurring');
    expect(p('yearly').kind).toBe('recurring');
  });
});

describe('bounds and sparse repeats', () => {
  it('"from dec 1 to dec 5" bounds both ends', () => {
    const r = p('every day from dec 1 to dec 5 at 9');
    expect(r.next).toEqual([
      '2026-12-01T09:00:00+01:00',
      '2026-12-02T09:00:00+01:00',
      '2026-12-03T09:00:00+01:00',
      '2026-12-04T09:00:00+01:00',
    ]);
    expect(r.spec).toContain(';until:2026-12-05T23:59:59+01:00');
  });

  it('"starting at 9am until 9pm": the end is the first 9pm after the start', () => {
    expect(p('every 3 hours starting at 9am until 9pm').next[0]).toBe('2026-11-23T09:00:00+01:00');
  });

  it('"every year on feb 29" still lists four fires (leap years only)', () => {
    expect(p('every year on feb 29').next).toEqual([
      '2028-02-29T09:00:00+01:00',
      '2032-02-29T09:00:00+01:00',
      '2036-02-29T09:00:00+01:00',
      '2040-02-29T09:00:00+01:00',
    ]);
  });

  it('an end already in the past is rejected', () => {
    expect(p('every day at 9 until yesterday').ok).toBe(false);
  });
});

describe('weekday ranges and limits', () => {
  it('"mon-fri at 9" and "monday to friday at 8am" are weekday crons', () => {
    expect(p('mon-fri at 9 standup').spec).toBe('cron:0 9 * * 1-5');
    expect(p('monday to friday at 8am').spec).toBe('cron:0 8 * * 1-5');
    expect(p('every day monday through thursday at 6pm').spec).toBe('cron:0 18 * * 1-4');
  });

  it('repeats more than 5 years apart are rejected', () => {
    expect(p('every 1000000 days').ok).toBe(false);
  });
});

describe('plural day parts repeat', () => {
  it('"on monday nights" is every Monday at 20:00', () => {
    expect(p('take out the trash on monday nights').spec).toBe('cron:0 20 * * 1');
  });

  it('"on weekday mornings at 7" is every weekday at 07:00', () => {
    const r = p('on weekday mornings at 7 run');
    expect(r.spec).toBe('cron:0 7 * * 1-5');
    expect(r.text).toBe('run');
  });
});

describe('found by fuzzing', () => {
  it('"17:00 to 9" is not "00 minutes to 9"', () => {
    const r = p('hourly from 17:00 to 9 on weekdays');
    expect(r.ok).toBe(true);
    expect(r.spec).toBe('cron:0 17-21 * * 1-5');
  });

  it('day 0 of a month is not a real date in a yearly repeat', () => {
    expect(p('every sep 0').ok).toBe(false);
    expect(p('every year on dec 00').ok).toBe(false);
  });

  it('an hourly step longer than a day cannot be limited to weekdays', () => {
    expect(p('every 31 hours on mondays').error).toMatch(/does not fit/);
  });
});

describe('repeat words used as adjectives', () => {
  it('"the weekly report" is not a weekly repeat', () => {
    const r = p('remind me to send the weekly report on friday');
    expect(r.kind).toBe('once');
    expect(r.text).toBe('send the weekly report');
  });

  it('"everyday items" is not a daily repeat, "stretch everyday" is', () => {
    expect(p('buy everyday items tomorrow').kind).toBe('once');
    expect(p('stretch everyday').kind).toBe('recurring');
  });
});

describe('several nth weekdays', () => {
  it('"every 2nd and 4th tuesday at 7pm"', () => {
    const r = p('every 2nd and 4th tuesday at 7pm');
    expect(r.spec).toBe('cron:0 19 * * 2#2,2#4');
    expect(r.next.slice(0, 3)).toEqual(['2026-11-24T19:00:00+01:00', '2026-12-08T19:00:00+01:00', '2026-12-22T19:00:00+01:00']);
  });
});

describe('minute steps that do not divide the hour', () => {
  it('"every 45 minutes between 9am and 5pm" is really 45 minutes apart', () => {
    const r = p('remind me to stretch every 45 minutes between 9am and 5pm');
    expect(r.next.slice(0, 4)).toEqual([
      '2026-11-22T10:30:00+01:00',
      '2026-11-22T11:15:00+01:00',
      '2026-11-22T12:00:00+01:00',
      '2026-11-22T12:45:00+01:00',
    ]);
    expect(r.text).toBe('stretch');
  });

  it('"every first of the month" is the 1st', () => {
    expect(p('remind me every first of the month to pay rent').spec).toBe('cron:0 9 1 * *');
  });
});
