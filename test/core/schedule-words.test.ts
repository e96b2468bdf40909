/** Rules in words, as /list shows them. Cases written from what a person would say. */
import { describe, expect, it } from 'vitest';
import { ruleInWords, scheduleInWords } from '../../src/core/schedule-words.js';
import type { Schedule } from '../../src/core/schedule.js';

const berlin = (schedule: Schedule) => ruleInWords({ schedule, timeZone: 'Europe/Berlin' });

describe('ruleInWords', () => {
  it.each([
    ['0 9 * * 1-5', 'every weekday at 09:00, Europe/Berlin'],
    ['30 8 * * *', 'every day at 08:30, Europe/Berlin'],
    ['0 10 * * 1,3', 'every Monday and Wednesday at 10:00, Europe/Berlin'],
    ['0 10 * * 0,6', 'every Saturday and Sunday at 10:00, Europe/Berlin'],
    ['0 7 * * 0', 'every Sunday at 07:00, Europe/Berlin'],
    ['0 9,17 * * *', 'every day at 09:00 and 17:00, Europe/Berlin'],
    ['0 9 1 * *', 'on the 1st of every month at 09:00, Europe/Berlin'],
    ['0 9 22 * *', 'on the 22nd of every month at 09:00, Europe/Berlin'],
    ['0 18 24 12 *', 'every year on 24 Dec at 18:00, Europe/Berlin'],
    ['*/15 * * * *', 'every 15 minutes, Europe/Berlin'],
    ['@daily', 'every day at 00:00, Europe/Berlin'],
    // an hour field written as a step is a rule; the same hours listed are set times
    ['0 9-17/2 * * 1-5', 'every weekday, every 2 hours from 09:00 to 17:00, Europe/Berlin'],
    ['30 */5 * * 5', 'every Friday, every 5 hours from 00:30 to 20:30, Europe/Berlin'],
    ['0 9,11,13,15,17 * * 1-5', 'every weekday at 09:00, 11:00, 13:00, 15:00 and 17:00, Europe/Berlin'],
  ])('cron %s → %s', (pattern, words) => {
    expect(berlin({ kind: 'cron', pattern })).toBe(words);
  });

  it('intervals count real time and name no zone', () => {
    const anchor = new Date('2026-11-22T10:00:00Z');
    expect(berlin({ kind: 'interval', everyMs: 600_000, anchor })).toBe('every 10 minutes');
    expect(berlin({ kind: 'interval', everyMs: 3_600_000, anchor })).toBe('every hour');
    expect(berlin({ kind: 'interval', everyMs: 5_400_000, anchor })).toBe('every 1 hour 30 minutes');
  });

  it("an interval of whole hours says the minute of the hour it fires at, in the job's zone", () => {
    // "every 2 hours at :15" was listed as "every 2 hours", as if counted from when it was set
    expect(berlin({ kind: 'interval', everyMs: 7_200_000, anchor: new Date('2026-11-22T10:15:00Z') })).toBe('every 2 hours at :15');
    expect(berlin({ kind: 'interval', everyMs: 3_600_000, anchor: new Date('2026-11-22T10:40:00Z') })).toBe('every hour at :40');
    // on the hour goes without saying, as for a cron
    expect(berlin({ kind: 'interval', everyMs: 7_200_000, anchor: new Date('2026-11-22T10:00:00Z') })).toBe('every 2 hours');
    // a span that is not whole hours has no one minute of the hour
    expect(berlin({ kind: 'interval', everyMs: 5_400_000, anchor: new Date('2026-11-22T10:15:00Z') })).toBe('every 1 hour 30 minutes');
    // Kolkata is UTC+05:30: 10:15 UTC is a quarter to the hour there (Intl says which)
    const anchor = new Date('2026-11-22T10:15:00Z');
    const minute = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', minute: '2-digit' }).format(anchor).padStart(2, '0');
    expect(minute).toBe('45');
    expect(ruleInWords({ schedule: { kind: 'interval', everyMs: 7_200_000, anchor }, timeZone: 'Asia/Kolkata' })).toBe(
      `every 2 hours at :${minute}`,
    );
  });

  it('calendar steps read their weekday and date from the anchor', () => {
    // 24 Nov 2026 is a Tuesday.
    expect(berlin({ kind: 'calendar', unit: 'week', step: 2, anchor: '2026-11-24T08:00:00' })).toBe(
      'every 2 weeks on Tuesday at 08:00, Europe/Berlin',
    );
    expect(berlin({ kind: 'calendar', unit: 'day', step: 2, anchor: '2026-11-23T08:00:00' })).toBe('every 2 days at 08:00, Europe/Berlin');
    expect(berlin({ kind: 'calendar', unit: 'month', step: 3, anchor: '2026-01-31T09:30:00' })).toBe(
      'every 3 months on the 31st at 09:30, Europe/Berlin',
    );
  });

  it('several rules are joined', () => {
    const s: Schedule = {
      kind: 'multi',
      triggers: [
        { kind: 'cron', pattern: '0 9 * * *' },
        { kind: 'cron', pattern: '0 10 * * 6' },
      ],
    };
    expect(berlin(s)).toBe('every day at 09:00 and every Saturday at 10:00, Europe/Berlin');
  });
});

describe('ruleInWords, month days and nth weekdays', () => {
  it.each([
    ['0 9 L * *', 'on the last day of every month at 09:00, Europe/Berlin'],
    ['0 9 * * 1#1', 'on the 1st Monday of every month at 09:00, Europe/Berlin'],
    ['0 9 * * 5#L', 'on the last Friday of every month at 09:00, Europe/Berlin'],
    ['0 9 1,15 * *', 'on the 1st and 15th of every month at 09:00, Europe/Berlin'],
    ['0 9 * 1 *', 'every day in Jan at 09:00, Europe/Berlin'],
  ])('cron %s → %s', (pattern, words) => {
    expect(berlin({ kind: 'cron', pattern })).toBe(words);
  });
});

describe('ruleInWords, runs of hours and minutes', () => {
  // Worked out field by field: 9-17 is nine hours 09..17; */30 in 9-16 is 09:00, 09:30 … 16:30;
  // */3 hours is 00, 03 … 21; 0,1,22,23 is 22:00 through 01:59 every day.
  it.each([
    ['0 9-17 * * *', 'every hour from 09:00 to 17:00, Europe/Berlin'],
    ['30 9-17 * * *', 'every hour from 09:30 to 17:30, Europe/Berlin'],
    ['0 9-17 * * 1-5', 'every weekday, every hour from 09:00 to 17:00, Europe/Berlin'],
    ['0 8,10,12,14,16,18,20 * * *', 'every 2 hours from 08:00 to 20:00, Europe/Berlin'],
    ['0 */3 * * 1-5', 'every weekday, every 3 hours from 00:00 to 21:00, Europe/Berlin'],
    ['0 * * * 1-5', 'every weekday, every hour, Europe/Berlin'],
    ['15 * * * *', 'every hour at :15, Europe/Berlin'],
    ['*/30 9-16 * * *', 'every 30 minutes from 09:00 to 16:30, Europe/Berlin'],
    ['*/30 * * * 0,6', 'every Saturday and Sunday, every 30 minutes, Europe/Berlin'],
    ['*/10 0,1,22,23 * * *', 'every 10 minutes from 22:00 to 01:50, Europe/Berlin'],
    ['* * * * *', 'every minute, Europe/Berlin'],
  ])('cron %s → %s', (pattern, words) => {
    expect(berlin({ kind: 'cron', pattern })).toBe(words);
  });

  it.each([
    // 0,1 on a weekday follow that weekday's midnight, not the evening before: no one run.
    '*/10 0,1,22,23 * * 1-5',
    // */45 fires at :00 and :45, 15 minutes apart across the hour: not "every 45 minutes".
    '*/45 9-17 * * *',
    // A day of month and a weekday together fire on either (cron ORs them).
    '0 9-17 1-7 * 1',
    // Seven hours that are not evenly spaced.
    '0 9,10,11,12,13,14,20 * * *',
  ])('cron %s has no exact reading and is shown as it is', (pattern) => {
    expect(berlin({ kind: 'cron', pattern })).toBe(`cron ${pattern}, Europe/Berlin`);
  });

  it('"every 30 minutes between 9 and 5" (a run to 16:30 and 17:00 on the same days) reads as one run to 17:00', () => {
    const pair = (a: string, b: string): Schedule => ({
      kind: 'multi',
      triggers: [
        { kind: 'cron', pattern: a },
        { kind: 'cron', pattern: b },
      ],
    });
    expect(berlin(pair('*/30 9-16 * * 1-5', '0 17 * * 1-5'))).toBe('every weekday, every 30 minutes from 09:00 to 17:00, Europe/Berlin');
    expect(berlin(pair('*/10 0,1,22,23 * * *', '0 2 * * *'))).toBe('every 10 minutes from 22:00 to 02:00, Europe/Berlin');
    // 18:00 is not the run's next step, and other days are other days: both stay as they are.
    expect(berlin(pair('*/15 9-16 * * *', '0 18 * * *'))).toBe(
      'every 15 minutes from 09:00 to 16:45 and every day at 18:00, Europe/Berlin',
    );
    expect(berlin(pair('*/30 9-16 * * 1', '0 17 * * 2'))).toBe(
      'every Monday, every 30 minutes from 09:00 to 16:30 and every Tuesday at 17:00, Europe/Berlin',
    );
  });
});

describe('scheduleInWords: the rule with its bounds, for the API and the dashboard', () => {
  const daily: Schedule = { kind: 'cron', pattern: '0 9 * * *' };
  it('a count is said ("3 times in all"); before, scheduleText was the rule alone', () => {
    expect(scheduleInWords({ schedule: daily, timeZone: 'Europe/London', bounds: { maxRuns: 3 } })).toBe(
      'every day at 09:00, Europe/London, 3 times in all',
    );
  });
  it('start and end in the job zone (12:00Z on 6 Dec 2026 is 12:00 GMT; 23:00Z is 00:00 CET on the 7th)', () => {
    const bounds = { startAt: new Date('2026-12-04T08:00:00Z'), endAt: new Date('2026-12-06T23:00:00Z') };
    expect(scheduleInWords({ schedule: daily, timeZone: 'Europe/London', bounds })).toBe(
      'every day at 09:00, Europe/London, from 2026-12-04 08:00, until 2026-12-06 23:00',
    );
    expect(scheduleInWords({ schedule: daily, timeZone: 'Europe/Berlin', bounds })).toBe(
      'every day at 09:00, Europe/Berlin, from 2026-12-04 09:00, until 2026-12-07 00:00',
    );
  });
  it('no bounds: the rule alone', () => {
    expect(scheduleInWords({ schedule: daily, timeZone: 'Europe/London', bounds: {} })).toBe('every day at 09:00, Europe/London');
  });
});
