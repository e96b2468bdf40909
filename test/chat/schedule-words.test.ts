/** Rules in words, as /list shows them. Cases written from what a person would say. */
import { describe, expect, it } from 'vitest';
import { ruleInWords } from '../../src/chat/schedule-words.js';
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
    ['0 9-17/2 * * 1-5', 'cron 0 9-17/2 * * 1-5, Europe/Berlin'],
  ])('cron %s → %s', (pattern, words) => {
    expect(berlin({ kind: 'cron', pattern })).toBe(words);
  });

  it('intervals count real time and name no zone', () => {
    const anchor = new Date('2026-11-22T10:00:00Z');
    expect(berlin({ kind: 'interval', everyMs: 600_000, anchor })).toBe('every 10 minutes');
    expect(berlin({ kind: 'interval', everyMs: 3_600_000, anchor })).toBe('every hour');
    expect(berlin({ kind: 'interval', everyMs: 5_400_000, anchor })).toBe('every 1 hour 30 minutes');
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
