import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendar, daysInMonth, formatWallTime, parseWallTime, type WallTimeInput } from '../../../src/core/time/civil.js';
import { isValidTimeZone } from '../../../src/core/time/zone-id.js';
import { offsetMinutes } from '../../../src/core/time/zone-offset.js';
import { formatInZone, fromWallTime, toWallTime } from '../../../src/core/time/zoned.js';

function wall(text: string): WallTimeInput {
  const w = parseWallTime(text);
  if (!w) throw new Error(`bad wall ${text}`);
  return w;
}

const iso = (d: Date): string => d.toISOString();

describe('isValidTimeZone', () => {
  it('accepts IANA zones and UTC, rejects garbage', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Australia/Lord_Howe')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('toWallTime', () => {
  it('reads the wall clock and weekday (0 = Sunday) in the zone', () => {
    const w = toWallTime(new Date('2026-11-22T23:30:00Z'), 'Europe/Berlin');
    expect(w).toEqual({ year: 2026, month: 11, day: 23, hour: 0, minute: 30, second: 0, weekday: 1 });
  });
  it('shows midnight as hour 0, never 24', () => {
    expect(toWallTime(new Date('2026-11-22T00:00:00Z'), 'UTC').hour).toBe(0);
  });
});

describe('toWallTime agrees with Intl (the per-hour offset cache is invisible)', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Pacific/Apia',
    'Asia/Kathmandu',
    'Europe/Amsterdam',
  ];
  const reference = (t: Date, tz: string): string => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(t)
        .map((x) => [x.type, x.value]),
    );
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  };
  it('for random instants 1850-2100 (LMT offsets with seconds included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, tz) => {
        expect(formatWallTime(toWallTime(new Date(ms), tz))).toBe(reference(new Date(ms), tz));
      }),
      { numRuns: 2000 },
    );
  });
  it('minute by minute through DST changes', () => {
    const starts: Array<[string, string]> = [
      ['America/New_York', '2027-03-14T05:00:00Z'],
      ['America/New_York', '2027-11-07T04:00:00Z'],
      ['Australia/Lord_Howe', '2027-04-03T14:00:00Z'],
      ['Australia/Lord_Howe', '2027-10-02T14:30:00Z'],
      ['America/Santiago', '2027-04-04T01:00:00Z'],
      ['Pacific/Apia', '2011-12-30T08:00:00Z'],
    ];
    for (const [tz, start] of starts) {
      for (let t = new Date(start).getTime(); t < new Date(start).getTime() + 4 * 3_600_000; t += 60_000) {
        expect(formatWallTime(toWallTime(new Date(t), tz))).toBe(reference(new Date(t), tz));
      }
    }
  });
});

describe('fromWallTime: ordinary times', () => {
  it('converts an unambiguous wall time to the instant', () => {
    expect(iso(fromWallTime(wall('2026-11-23T09:00:00'), 'Europe/Berlin'))).toBe('2026-11-23T08:00:00.000Z');
    expect(iso(fromWallTime(wall('2026-07-01T09:00:00'), 'America/New_York'))).toBe('2026-07-01T13:00:00.000Z');
  });
  it('round-trips every hour of a year in several zones', () => {
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000 * 7) {
        const d = new Date(t);
        const w = toWallTime(d, tz);
        const back = fromWallTime(w, tz);
        // Either the same instant, or (in an overlap) the earlier occurrence of that wall time.
        expect(back.getTime() <= t).toBe(true);
        expect(formatWallTime(toWallTime(back, tz))).toBe(formatWallTime(w));
      }
    }
  });
});

describe('fromWallTime: overflowing fields roll over', () => {
  it('Dec 32 is Jan 1 of the next year; hour 24 is the next midnight', () => {
    expect(formatInZone(fromWallTime({ year: 2026, month: 12, day: 32, hour: 9, minute: 0, second: 0 }, 'UTC'), 'UTC')).toBe(
      '2027-01-01T09:00:00+00:00',
    );
    expect(formatInZone(fromWallTime({ year: 2026, month: 2, day: 28, hour: 24, minute: 0, second: 0 }, 'UTC'), 'UTC')).toBe(
      '2026-03-01T00:00:00+00:00',
    );
  });
});

describe('fromWallTime: DST gaps shift forward by the gap', () => {
  it('DST: 02:30 on 2027-03-14 in America/New_York is 03:30 EDT', () => {
    const d = fromWallTime(wall('2027-03-14T02:30:00'), 'America/New_York');
    expect(formatInZone(d, 'America/New_York')).toBe('2027-03-14T03:30:00-04:00');
  });
  it('DST: 02:30 on 2027-03-28 in Europe/Berlin is 03:30 CEST', () => {
    const d = fromWallTime(wall('2027-03-28T02:30:00'), 'Europe/Berlin');
    expect(formatInZone(d, 'Europe/Berlin')).toBe('2027-03-28T03:30:00+02:00');
  });
  it('DST: Lord Howe moves 30 minutes: 02:15 on 2027-10-03 is 02:45 +11:00', () => {
    const d = fromWallTime(wall('2027-10-03T02:15:00'), 'Australia/Lord_Howe');
    expect(formatInZone(d, 'Australia/Lord_Howe')).toBe('2027-10-03T02:45:00+11:00');
  });
  it('DST: Santiago skips midnight: 00:15 on 2027-09-05 is 01:15 -03:00', () => {
    const d = fromWallTime(wall('2027-09-05T00:15:00'), 'America/Santiago');
    expect(formatInZone(d, 'America/Santiago')).toBe('2027-09-05T01:15:00-03:00');
  });
  it('Apia skipped 2011-12-30 entirely: 09:00 that day lands on 2011-12-31 09:00', () => {
    const d = fromWallTime(wall('2011-12-30T09:00:00'), 'Pacific/Apia');
    expect(formatInZone(d, 'Pacific/Apia')).toBe('2011-12-31T09:00:00+14:00');
  });
});

describe('fromWallTime: DST overlaps take the first occurrence', () => {
  it('DST: 01:30 on 2027-11-07 in America/New_York is 01:30 EDT (first)', () => {
    const d = fromWallTime(wall('2027-11-07T01:30:00'), 'America/New_York');
    expect(iso(d)).toBe('2027-11-07T05:30:00.000Z');
  });
  it('DST: 02:30 on 2027-10-31 in Europe/Berlin is 02:30 CEST (first)', () => {
    const d = fromWallTime(wall('2027-10-31T02:30:00'), 'Europe/Berlin');
    expect(formatInZone(d, 'Europe/Berlin')).toBe('2027-10-31T02:30:00+02:00');
  });
  it('DST: Lord Howe 01:45 on 2027-04-04 is the +11:00 occurrence', () => {
    const d = fromWallTime(wall('2027-04-04T01:45:00'), 'Australia/Lord_Howe');
    expect(formatInZone(d, 'Australia/Lord_Howe')).toBe('2027-04-04T01:45:00+11:00');
  });
  it('DST: Santiago 23:30 on 2027-04-03 (happens twice) is the -03:00 occurrence', () => {
    const d = fromWallTime(wall('2027-04-03T23:30:00'), 'America/Santiago');
    expect(formatInZone(d, 'America/Santiago')).toBe('2027-04-03T23:30:00-03:00');
  });
});

describe('offsets and formatting', () => {
  it('offsetMinutes is minutes east of UTC, including half hours', () => {
    expect(offsetMinutes(new Date('2027-01-15T00:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date('2027-01-15T00:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(new Date('2027-07-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(630);
    expect(offsetMinutes(new Date('2027-01-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(660);
  });
  it('formatInZone prints ISO with offset and whole seconds', () => {
    expect(formatInZone(new Date('2026-11-23T08:00:00.123Z'), 'Europe/Berlin')).toBe('2026-11-23T09:00:00+01:00');
    expect(formatInZone(new Date('2026-11-23T08:00:00Z'), 'UTC')).toBe('2026-11-23T08:00:00+00:00');
    expect(formatInZone(new Date('2026-11-23T08:00:00Z'), 'Asia/Kathmandu')).toBe('2026-11-23T13:45:00+05:45');
  });
  it('formatInZone output parses back to the same instant', () => {
    const t = new Date('2027-11-07T06:30:00Z'); // 01:30 EST, the second occurrence
    expect(new Date(formatInZone(t, 'America/New_York')).getTime()).toBe(t.getTime());
  });
  it('the first instant of a local day whose midnight is skipped is 01:00', () => {
    expect(formatInZone(fromWallTime(wall('2027-09-05T00:00'), 'America/Santiago'), 'America/Santiago')).toBe('2027-09-05T01:00:00-03:00');
  });
});

describe('addCalendar', () => {
  it('month-end clamping: Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year', () => {
    expect(formatWallTime(addCalendar(wall('2027-01-31T09:00:00'), 'month', 1))).toBe('2027-02-28T09:00:00');
    expect(formatWallTime(addCalendar(wall('2028-01-31T09:00:00'), 'month', 1))).toBe('2028-02-29T09:00:00');
    expect(formatWallTime(addCalendar(wall('2027-01-31T09:00:00'), 'month', 3))).toBe('2027-04-30T09:00:00');
    expect(formatWallTime(addCalendar(wall('2027-01-31T09:00:00'), 'month', 2))).toBe('2027-03-31T09:00:00');
  });
  it('Feb 29 + 1 year = Feb 28; + 4 years = Feb 29', () => {
    expect(formatWallTime(addCalendar(wall('2028-02-29T08:00:00'), 'year', 1))).toBe('2029-02-28T08:00:00');
    expect(formatWallTime(addCalendar(wall('2028-02-29T08:00:00'), 'year', 4))).toBe('2032-02-29T08:00:00');
  });
  it('days and weeks cross month and year ends and keep the time', () => {
    expect(formatWallTime(addCalendar(wall('2027-12-30T23:59:59'), 'day', 3))).toBe('2028-01-02T23:59:59');
    const w = addCalendar(wall('2027-03-09T09:00:00'), 'week', 2);
    expect(formatWallTime(w)).toBe('2027-03-23T09:00:00');
    expect(w.weekday).toBe(2);
  });
  it('negative steps go back', () => {
    expect(formatWallTime(addCalendar(wall('2027-03-31T09:00:00'), 'month', -1))).toBe('2027-02-28T09:00:00');
  });
  it('daysInMonth knows leap years', () => {
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
});

describe('parseWallTime', () => {
  it('accepts date, minutes and seconds forms and rejects impossible dates', () => {
    expect(parseWallTime('2027-03-14')?.hour).toBe(0);
    expect(parseWallTime('2027-03-14T02:30')?.minute).toBe(30);
    expect(parseWallTime('2027-02-30T10:00:00')).toBeUndefined();
    expect(parseWallTime('2027-03-14T24:00:00')).toBeUndefined();
    expect(parseWallTime('tomorrow')).toBeUndefined();
  });
});
