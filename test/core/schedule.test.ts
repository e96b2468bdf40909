import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { cronCacheLimit, cronCacheSize, CRON_CACHE_MAX } from '../../src/core/cron-cache.js';
import {
  applyBounds,
  dueOccurrence,
  firesMoreThanOnce,
  isRecurring,
  latestFireUpTo,
  nextFireAfterOccurrence,
  nextFire,
  nextFires,
  nextFireWithin,
  OPERATOR_MIN_INTERVAL_MS,
  validateSchedule,
  type CronSchedule,
  type Schedule,
} from '../../src/core/schedule.js';
import { formatInZone } from '../../src/core/time/zoned.js';

const d = (s: string): Date => new Date(s);
const fires = (s: Schedule, tz: string, after: string, n: number): string[] =>
  nextFires(s, tz, d(after), n).map((t) => formatInZone(t, tz));
const cron = (pattern: string): Schedule => ({ kind: 'cron', pattern });

describe('once', () => {
  it('fires at `at` when it is later than `after`, else never', () => {
    const s: Schedule = { kind: 'once', at: d('2026-12-01T13:30:00Z') };
    expect(nextFire(s, 'UTC', d('2026-12-01T13:29:59Z'))?.toISOString()).toBe('2026-12-01T13:30:00.000Z');
    expect(nextFire(s, 'UTC', d('2026-12-01T13:30:00Z'))).toBeNull();
    expect(isRecurring(s)).toBe(false);
  });
});

describe('interval', () => {
  const s: Schedule = { kind: 'interval', everyMs: 30 * 60_000, anchor: d('2026-11-22T10:00:00Z') };
  it('the anchor is the first fire when it is still ahead', () => {
    expect(nextFire(s, 'UTC', d('2026-11-22T09:00:00Z'))?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });
  it('no drift: always anchor + k*every, however late `after` is', () => {
    expect(nextFire(s, 'UTC', d('2026-11-22T10:00:00Z'))?.toISOString()).toBe('2026-11-22T10:30:00.000Z');
    expect(nextFire(s, 'UTC', d('2026-11-22T10:31:17.123Z'))?.toISOString()).toBe('2026-11-22T11:00:00.000Z');
  });
  it('counts real elapsed time across DST: every 24 h from 01:00 EST shows 02:00 EDT after the change', () => {
    const daily: Schedule = { kind: 'interval', everyMs: 86_400_000, anchor: d('2027-03-13T06:00:00Z') };
    expect(fires(daily, 'America/New_York', '2027-03-13T06:00:00Z', 2)).toEqual(['2027-03-14T01:00:00-05:00', '2027-03-15T02:00:00-04:00']);
  });
  it('dates beyond 24.8 days (setTimeout limit) are exact', () => {
    const monthly: Schedule = { kind: 'interval', everyMs: 40 * 86_400_000, anchor: d('2026-01-01T00:00:00Z') };
    expect(nextFire(monthly, 'UTC', d('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-02-10T00:00:00.000Z');
    expect(nextFire({ kind: 'once', at: d('2031-01-01T00:00:00Z') }, 'UTC', d('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2031-01-01T00:00:00.000Z',
    );
  });
});

describe('calendar', () => {
  it('every 2 weeks keeps 09:00 wall time across the Berlin DST change', () => {
    const s: Schedule = { kind: 'calendar', unit: 'week', step: 2, anchor: '2027-03-16T09:00:00' };
    expect(fires(s, 'Europe/Berlin', '2027-03-01T00:00:00Z', 3)).toEqual([
      '2027-03-16T09:00:00+01:00',
      '2027-03-30T09:00:00+02:00',
      '2027-04-13T09:00:00+02:00',
    ]);
  });
  it('DST: a daily 02:30 calendar in New York runs at 03:30 on 2027-03-14 and once at 01:30 EDT on 2027-11-07', () => {
    const s: Schedule = { kind: 'calendar', unit: 'day', step: 1, anchor: '2027-03-12T02:30:00' };
    expect(fires(s, 'America/New_York', '2027-03-13T00:00:00Z', 3)).toEqual([
      '2027-03-13T02:30:00-05:00',
      '2027-03-14T03:30:00-04:00',
      '2027-03-15T02:30:00-04:00',
    ]);
    const fb: Schedule = { kind: 'calendar', unit: 'day', step: 1, anchor: '2027-11-01T01:30:00' };
    expect(fires(fb, 'America/New_York', '2027-11-06T12:00:00Z', 2)).toEqual(['2027-11-07T01:30:00-04:00', '2027-11-08T01:30:00-05:00']);
  });
  it('month-end clamping does not accumulate: Jan 31 monthly is Feb 28, Mar 31, Apr 30', () => {
    const s: Schedule = { kind: 'calendar', unit: 'month', step: 1, anchor: '2027-01-31T09:00:00' };
    expect(fires(s, 'UTC', '2027-01-01T00:00:00Z', 4)).toEqual([
      '2027-01-31T09:00:00+00:00',
      '2027-02-28T09:00:00+00:00',
      '2027-03-31T09:00:00+00:00',
      '2027-04-30T09:00:00+00:00',
    ]);
  });
  it('yearly on Feb 29 runs on Feb 28 in common years', () => {
    const s: Schedule = { kind: 'calendar', unit: 'year', step: 1, anchor: '2028-02-29T12:00:00' };
    expect(fires(s, 'UTC', '2028-03-01T00:00:00Z', 4)).toEqual([
      '2029-02-28T12:00:00+00:00',
      '2030-02-28T12:00:00+00:00',
      '2031-02-28T12:00:00+00:00',
      '2032-02-29T12:00:00+00:00',
    ]);
  });
  it('jumps far ahead quickly and exactly (every 3 days, 10 years later)', () => {
    const s: Schedule = { kind: 'calendar', unit: 'day', step: 3, anchor: '2026-01-01T08:00:00' };
    const t = nextFire(s, 'Europe/Berlin', d('2036-01-01T00:00:00Z'));
    expect(formatInZone(t!, 'Europe/Berlin')).toBe('2036-01-03T08:00:00+01:00');
  });
  it('Pacific/Apia 2011: the skipped day does not make a daily job fire twice at one instant', () => {
    const s: Schedule = { kind: 'calendar', unit: 'day', step: 1, anchor: '2011-12-28T09:00:00' };
    expect(fires(s, 'Pacific/Apia', '2011-12-28T00:00:00Z', 4)).toEqual([
      '2011-12-28T09:00:00-10:00',
      '2011-12-29T09:00:00-10:00',
      '2011-12-31T09:00:00+14:00',
      '2012-01-01T09:00:00+14:00',
    ]);
  });
});

describe('cron: DST rules', () => {
  it('DST: 30 2 * * * on 2027-03-14 in America/New_York runs at 03:30 EDT', () => {
    expect(fires(cron('30 2 * * *'), 'America/New_York', '2027-03-13T12:00:00Z', 2)).toEqual([
      '2027-03-14T03:30:00-04:00',
      '2027-03-15T02:30:00-04:00',
    ]);
  });
  it('DST: 30 1 * * * on 2027-11-07 in America/New_York runs once, at 01:30 EDT', () => {
    expect(fires(cron('30 1 * * *'), 'America/New_York', '2027-11-06T12:00:00Z', 2)).toEqual([
      '2027-11-07T01:30:00-04:00',
      '2027-11-08T01:30:00-05:00',
    ]);
    // Asked from between the two occurrences, the second one is not a fire.
    expect(formatInZone(nextFire(cron('30 1 * * *'), 'America/New_York', d('2027-11-07T05:45:00Z'))!, 'America/New_York')).toBe(
      '2027-11-08T01:30:00-05:00',
    );
  });
  it('DST: 30 2 * * * on 2027-03-28 in Europe/Berlin runs at 03:30 CEST', () => {
    expect(fires(cron('30 2 * * *'), 'Europe/Berlin', '2027-03-27T12:00:00Z', 2)).toEqual([
      '2027-03-28T03:30:00+02:00',
      '2027-03-29T02:30:00+02:00',
    ]);
  });
  it('DST: 30 2 * * * on 2027-10-31 in Europe/Berlin runs once, at 02:30 CEST', () => {
    expect(fires(cron('30 2 * * *'), 'Europe/Berlin', '2027-10-30T12:00:00Z', 2)).toEqual([
      '2027-10-31T02:30:00+02:00',
      '2027-11-01T02:30:00+01:00',
    ]);
  });
  it('DST: asked at 03:10 EDT on 2027-03-14, the gap-shifted 02:30 (= 03:30) is still ahead', () => {
    expect(formatInZone(nextFire(cron('30 2 * * *'), 'America/New_York', d('2027-03-14T07:10:00Z'))!, 'America/New_York')).toBe(
      '2027-03-14T03:30:00-04:00',
    );
  });
  it('DST: */30 on spring-forward day skips the wall times that do not exist', () => {
    expect(fires(cron('*/30 * * * *'), 'America/New_York', '2027-03-14T06:00:00Z', 4)).toEqual([
      '2027-03-14T01:30:00-05:00',
      '2027-03-14T03:00:00-04:00',
      '2027-03-14T03:30:00-04:00',
      '2027-03-14T04:00:00-04:00',
    ]);
  });
  it('DST: */30 on fall-back day fires in both occurrences of 01:xx, never twice at one instant', () => {
    const got = nextFires(cron('*/30 * * * *'), 'America/New_York', d('2027-11-07T04:45:00Z'), 5);
    expect(got.map((t) => formatInZone(t, 'America/New_York'))).toEqual([
      '2027-11-07T01:00:00-04:00',
      '2027-11-07T01:30:00-04:00',
      '2027-11-07T01:00:00-05:00',
      '2027-11-07T01:30:00-05:00',
      '2027-11-07T02:00:00-05:00',
    ]);
    expect(got.map((t) => t.getTime() - got[0]!.getTime())).toEqual([0, 1, 2, 3, 4].map((k) => k * 1_800_000));
  });
  it('DST: @hourly on fall-back day in Berlin fires at both 02:00s', () => {
    expect(fires(cron('@hourly'), 'Europe/Berlin', '2027-10-30T23:30:00Z', 3)).toEqual([
      '2027-10-31T02:00:00+02:00',
      '2027-10-31T02:00:00+01:00',
      '2027-10-31T03:00:00+01:00',
    ]);
  });
  it('DST: fixed hour lists (0 1-3 * * *) fire once per wall hour and never twice at one instant', () => {
    expect(fires(cron('0 1-3 * * *'), 'America/New_York', '2027-03-14T05:00:00Z', 3)).toEqual([
      '2027-03-14T01:00:00-05:00',
      '2027-03-14T03:00:00-04:00',
      '2027-03-15T01:00:00-04:00',
    ]);
    expect(fires(cron('0 1-3 * * *'), 'America/New_York', '2027-11-07T04:00:00Z', 3)).toEqual([
      '2027-11-07T01:00:00-04:00',
      '2027-11-07T02:00:00-05:00',
      '2027-11-07T03:00:00-05:00',
    ]);
  });
  it('DST: Australia/Lord_Howe 30-minute gap: 15 2 * * * runs at 02:45 on 2027-10-03', () => {
    expect(fires(cron('15 2 * * *'), 'Australia/Lord_Howe', '2027-10-02T00:00:00Z', 2)).toEqual([
      '2027-10-03T02:45:00+11:00',
      '2027-10-04T02:15:00+11:00',
    ]);
  });
  it('DST: Australia/Lord_Howe 30-minute overlap: 45 1 * * * runs once on 2027-04-04', () => {
    expect(fires(cron('45 1 * * *'), 'Australia/Lord_Howe', '2027-04-03T00:00:00Z', 2)).toEqual([
      '2027-04-04T01:45:00+11:00',
      '2027-04-05T01:45:00+10:30',
    ]);
  });
  it('DST: America/Santiago skips midnight: 15 0 * * * runs at 01:15 on 2027-09-05', () => {
    expect(fires(cron('15 0 * * *'), 'America/Santiago', '2027-09-04T12:00:00Z', 2)).toEqual([
      '2027-09-05T01:15:00-03:00',
      '2027-09-06T00:15:00-03:00',
    ]);
  });
  it('DST: America/Santiago repeats 23:xx: 30 23 * * * runs once on 2027-04-03', () => {
    expect(fires(cron('30 23 * * *'), 'America/Santiago', '2027-04-03T12:00:00Z', 2)).toEqual([
      '2027-04-03T23:30:00-03:00',
      '2027-04-04T23:30:00-04:00',
    ]);
  });
  it('Pacific/Apia: the skipped 2011-12-30 runs a daily job once, at 09:00 on 12-31 (no double fire)', () => {
    expect(fires(cron('0 9 * * *'), 'Pacific/Apia', '2011-12-29T20:00:00Z', 3)).toEqual([
      '2011-12-31T09:00:00+14:00',
      '2012-01-01T09:00:00+14:00',
      '2012-01-02T09:00:00+14:00',
    ]);
  });
});

describe('cron: patterns', () => {
  it('6-field patterns have seconds first', () => {
    expect(fires(cron('*/20 * * * * *'), 'UTC', '2026-11-22T10:00:00Z', 3)).toEqual([
      '2026-11-22T10:00:20+00:00',
      '2026-11-22T10:00:40+00:00',
      '2026-11-22T10:01:00+00:00',
    ]);
  });
  it('nicknames: @yearly @annually @monthly @weekly @daily @midnight @hourly', () => {
    const after = '2026-11-22T10:00:00Z';
    expect(fires(cron('@yearly'), 'Europe/Berlin', after, 1)).toEqual(['2027-01-01T00:00:00+01:00']);
    expect(fires(cron('@annually'), 'Europe/Berlin', after, 1)).toEqual(['2027-01-01T00:00:00+01:00']);
    expect(fires(cron('@monthly'), 'Europe/Berlin', after, 1)).toEqual(['2026-12-01T00:00:00+01:00']);
    expect(fires(cron('@weekly'), 'Europe/Berlin', after, 1)).toEqual(['2026-11-29T00:00:00+01:00']);
    expect(fires(cron('@daily'), 'Europe/Berlin', after, 1)).toEqual(['2026-11-23T00:00:00+01:00']);
    expect(fires(cron('@midnight'), 'Europe/Berlin', after, 1)).toEqual(['2026-11-23T00:00:00+01:00']);
    expect(fires(cron('@hourly'), 'Europe/Berlin', after, 1)).toEqual(['2026-11-22T12:00:00+01:00']);
  });
  it('weekdays at 09:00 in the job zone', () => {
    expect(fires(cron('0 9 * * 1-5'), 'Asia/Tokyo', '2026-11-20T12:00:00Z', 2)).toEqual([
      '2026-11-23T09:00:00+09:00',
      '2026-11-24T09:00:00+09:00',
    ]);
  });
  it('Quartz-style ? means * (0 0 12 ? * MON is noon on Mondays)', () => {
    expect(fires(cron('0 0 12 ? * MON'), 'UTC', '2026-11-22T10:00:00Z', 2)).toEqual([
      '2026-11-23T12:00:00+00:00',
      '2026-11-30T12:00:00+00:00',
    ]);
  });
  it('strictly after: a fire exactly at `after` is not returned', () => {
    expect(fires(cron('0 9 * * *'), 'UTC', '2026-11-22T09:00:00Z', 1)).toEqual(['2026-11-23T09:00:00+00:00']);
  });
  it('one compiled pattern serves every zone and job; the cache is bounded', () => {
    for (let i = 0; i < 50; i++) nextFire(cron('0 9 * * *'), i % 2 ? 'UTC' : 'Europe/Berlin', d('2026-11-22T10:00:00Z'));
    expect(cronCacheSize()).toBeLessThanOrEqual(CRON_CACHE_MAX);
    // croner's 80 KB year table is dropped, so the full-size cache is in use.
    expect(cronCacheLimit()).toBe(CRON_CACHE_MAX);
    // Hourly patterns (a wildcard hour): fixed-time ones take the fast path and never compile.
    for (let i = 0; i < CRON_CACHE_MAX + 20; i++)
      nextFire(cron(`${i % 60} * ${1 + (Math.floor(i / 60) % 28)} ${1 + (Math.floor(i / 1680) % 12)} *`), 'UTC', d('2026-11-22T10:00:00Z'));
    expect(cronCacheSize()).toBe(CRON_CACHE_MAX);
  });
});

describe('multi and manual', () => {
  it('multi: the earliest trigger wins ("daily at 9 and saturdays at 10")', () => {
    const s: Schedule = {
      kind: 'multi',
      triggers: [
        { kind: 'cron', pattern: '0 9 * * *' },
        { kind: 'cron', pattern: '0 10 * * 6' },
      ],
    };
    expect(fires(s, 'UTC', '2026-11-27T09:30:00Z', 3)).toEqual([
      '2026-11-28T09:00:00+00:00',
      '2026-11-28T10:00:00+00:00',
      '2026-11-29T09:00:00+00:00',
    ]);
    expect(isRecurring(s)).toBe(true);
  });
  it('manual never fires by itself', () => {
    expect(nextFire({ kind: 'manual' }, 'UTC', d('2026-11-22T10:00:00Z'))).toBeNull();
    expect(isRecurring({ kind: 'manual' })).toBe(false);
  });
});

describe('what follows an occurrence', () => {
  const wed = d('2026-11-25T15:00:00Z');
  const sat = d('2026-11-28T10:00:00Z');
  const twoOneOffs: Schedule = {
    kind: 'multi',
    triggers: [
      { kind: 'once', at: wed },
      { kind: 'once', at: sat },
    ],
  };

  it('several one-off times fire more than once but do not repeat; one time or manual fires once at most', () => {
    expect(firesMoreThanOnce(twoOneOffs)).toBe(true);
    expect(isRecurring(twoOneOffs)).toBe(false);
    expect(firesMoreThanOnce({ kind: 'once', at: wed })).toBe(false);
    expect(firesMoreThanOnce({ kind: 'manual' })).toBe(false);
    expect(firesMoreThanOnce(cron('0 9 * * *'))).toBe(true);
  });

  it("after Wednesday's one-off comes Saturday's, then nothing", () => {
    expect(nextFireAfterOccurrence(twoOneOffs, 'UTC', wed, wed, undefined, 1)).toEqual(sat);
    expect(nextFireAfterOccurrence(twoOneOffs, 'UTC', sat, sat, undefined, 2)).toBeNull();
  });

  it('a one-off time already past when the previous run ends still comes next (late), never dropped', () => {
    // Wednesday's run is only settled on Sunday (Chime was down): Saturday's still runs.
    expect(nextFireAfterOccurrence(twoOneOffs, 'UTC', wed, d('2026-11-29T12:00:00Z'), undefined, 1)).toEqual(sat);
  });

  it('a repeating schedule continues after both the occurrence and now (missed ones coalesce)', () => {
    expect(nextFireAfterOccurrence(cron('0 9 * * *'), 'UTC', d('2026-11-23T09:00:00Z'), d('2026-11-25T12:00:00Z'), undefined, 1)).toEqual(
      d('2026-11-26T09:00:00Z'),
    );
  });

  it('a plain one-off has nothing after it, even when snoozed before its own time', () => {
    expect(nextFireAfterOccurrence({ kind: 'once', at: sat }, 'UTC', wed, wed, undefined, 1)).toBeNull();
  });

  it('bounds apply: maxRuns ends several one-off times early', () => {
    expect(nextFireAfterOccurrence(twoOneOffs, 'UTC', wed, wed, { maxRuns: 1 }, 1)).toBeNull();
  });
});

describe('late runs: the most recent missed occurrence', () => {
  const hour = 3_600_000;
  it('two hours of a missed every-minute job: the latest minute, judged on time', () => {
    const due = d('2026-11-22T10:01:00Z');
    const now = d('2026-11-22T12:00:30Z');
    expect(latestFireUpTo(cron('* * * * *'), 'UTC', due, now, undefined, 0)).toEqual(d('2026-11-22T12:00:00Z'));
    expect(dueOccurrence(cron('* * * * *'), 'UTC', due, now, hour, undefined, 0)).toEqual({ at: d('2026-11-22T12:00:00Z'), skip: false });
  });
  it('a daily 09:00 found at 17:00: its latest occurrence is 8 hours old, so it is skipped', () => {
    const due = d('2026-11-23T09:00:00Z');
    expect(dueOccurrence(cron('0 9 * * *'), 'UTC', due, d('2026-11-23T17:00:00Z'), hour, undefined, 0)).toEqual({ at: due, skip: true });
  });
  it('three days of a daily 09:00 missed, found at 09:20: the latest (today) runs', () => {
    expect(dueOccurrence(cron('0 9 * * *'), 'UTC', d('2026-11-20T09:00:00Z'), d('2026-11-23T09:20:00Z'), hour, undefined, 0)).toEqual({
      at: d('2026-11-23T09:00:00Z'),
      skip: false,
    });
  });
  it('one-off times are never skipped, however late', () => {
    expect(
      dueOccurrence(
        { kind: 'once', at: d('2026-11-20T09:00:00Z') },
        'UTC',
        d('2026-11-20T09:00:00Z'),
        d('2026-11-23T09:20:00Z'),
        hour,
        undefined,
        0,
      ).skip,
    ).toBe(false);
  });
  it('the latest occurrence respects bounds: nothing after endAt counts', () => {
    const b = { endAt: d('2026-11-21T23:00:00Z') };
    expect(latestFireUpTo(cron('0 9 * * *'), 'UTC', d('2026-11-20T09:00:00Z'), d('2026-11-23T09:20:00Z'), b, 0)).toEqual(
      d('2026-11-21T09:00:00Z'),
    );
  });
  it('an every-second job (operators only) down for a day: found in a few steps, the latest second', () => {
    const t0 = performance.now();
    expect(latestFireUpTo(cron('* * * * * *'), 'UTC', d('2026-11-22T10:00:01Z'), d('2026-11-23T10:00:00.500Z'), undefined, 0)).toEqual(
      d('2026-11-23T10:00:00Z'),
    );
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('bounds', () => {
  const s: Schedule = { kind: 'cron', pattern: '0 9 * * *' };
  it('startAt is inclusive: a fire exactly at startAt counts', () => {
    const t = nextFireWithin(s, 'UTC', d('2026-11-22T10:00:00Z'), { startAt: d('2026-11-25T09:00:00Z') });
    expect(t?.toISOString()).toBe('2026-11-25T09:00:00.000Z');
  });
  it('endAt is inclusive, and nothing fires after it', () => {
    const b = { endAt: d('2026-11-23T09:00:00Z') };
    expect(nextFires(s, 'UTC', d('2026-11-22T10:00:00Z'), 5, b).map((t) => t.toISOString())).toEqual(['2026-11-23T09:00:00.000Z']);
  });
  it('maxRuns counts runs already done', () => {
    expect(nextFires(s, 'UTC', d('2026-11-22T10:00:00Z'), 10, { maxRuns: 5 }, 2)).toHaveLength(3);
    expect(nextFireWithin(s, 'UTC', d('2026-11-22T10:00:00Z'), { maxRuns: 5 }, 5)).toBeNull();
    expect(applyBounds(d('2026-11-23T09:00:00Z'), { maxRuns: 1 }, 1)).toBeNull();
    expect(applyBounds(d('2026-11-23T09:00:00Z'), undefined, 99)?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });
});

describe('validateSchedule', () => {
  function rejects(s: Schedule, tz: string, re: RegExp): void {
    try {
      validateSchedule(s, tz);
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(re);
      expect((err as UserError).example).toBeTruthy();
    }
  }
  it('accepts every well-formed kind', () => {
    validateSchedule({ kind: 'once', at: d('2026-12-01T00:00:00Z') }, 'UTC');
    validateSchedule({ kind: 'interval', everyMs: 60_000, anchor: d('2026-12-01T00:00:00Z') }, 'Europe/Berlin');
    validateSchedule({ kind: 'calendar', unit: 'month', step: 1, anchor: '2027-01-31T09:00:00' }, 'UTC');
    validateSchedule(cron('0 9 * * 1-5'), 'America/New_York');
    validateSchedule({ kind: 'manual' }, 'UTC');
  });
  it('rejects an invalid cron pattern, naming the problem', () => {
    rejects(cron('61 * * * *'), 'UTC', /not a valid cron pattern.*minute/);
    rejects(cron('* * *'), 'UTC', /5 fields/);
    rejects(cron('@reboot'), 'UTC', /nickname/);
    rejects(cron('0 0 30 2 *'), 'UTC', /never matches/);
  });
  it('rejects intervals under 1 second, even for the operator', () => {
    rejects({ kind: 'interval', everyMs: 500, anchor: d('2026-12-01T00:00:00Z') }, 'UTC', /too often/);
    expect(() =>
      validateSchedule({ kind: 'interval', everyMs: 500, anchor: d('2026-12-01T00:00:00Z') }, 'UTC', {
        minIntervalMs: OPERATOR_MIN_INTERVAL_MS,
      }),
    ).toThrow(/too often/);
  });
  it('a minute at least between fires, in every form: interval, cron seconds, combined triggers', () => {
    const at = d('2026-12-01T00:00:00Z');
    rejects({ kind: 'interval', everyMs: 30_000, anchor: at }, 'UTC', /Every 30 s is too often; a job may fire at most once every 1 min/);
    rejects(cron('* * * * * *'), 'UTC', /fires 1 s apart/);
    rejects(cron('*/1 * * * * *'), 'UTC', /fires 1 s apart/);
    rejects(cron('0,30 * * * * *'), 'America/New_York', /fires 30 s apart/);
    rejects(cron('*/59 * * * * *'), 'UTC', /fires 1 s apart/);
    rejects(
      {
        kind: 'multi',
        triggers: [
          { kind: 'interval', everyMs: 60_000, anchor: at },
          { kind: 'interval', everyMs: 60_000, anchor: new Date(at.getTime() + 30_000) },
        ],
      },
      'UTC',
      /come 30 s apart/,
    );
    // Once a minute is fine, with or without a seconds field, and so is a daily time.
    validateSchedule(cron('* * * * *'), 'UTC');
    validateSchedule(cron('0 * * * * *'), 'UTC');
    validateSchedule(cron('30 */5 * * * *'), 'Europe/Berlin');
    validateSchedule({ kind: 'interval', everyMs: 60_000, anchor: at }, 'UTC');
    validateSchedule({ kind: 'multi', triggers: [cron('0 9 * * *') as CronSchedule, cron('0 21 * * *') as CronSchedule] }, 'UTC');
  });
  it('the operator may go down to a second', () => {
    const operator = { minIntervalMs: OPERATOR_MIN_INTERVAL_MS };
    validateSchedule(cron('* * * * * *'), 'UTC', operator);
    validateSchedule({ kind: 'interval', everyMs: 1000, anchor: d('2026-12-01T00:00:00Z') }, 'UTC', operator);
  });
  it('rejects an unknown zone with an example', () => {
    try {
      validateSchedule(cron('0 9 * * *'), 'Mars/Olympus');
      expect.unreachable();
    } catch (err) {
      expect((err as UserError).code).toBe('timezone.invalid');
    }
  });
  it('rejects anchor garbage', () => {
    rejects({ kind: 'interval', everyMs: 60_000, anchor: new Date('nope') }, 'UTC', /anchor/);
    rejects({ kind: 'calendar', unit: 'day', step: 1, anchor: 'tomorrow' }, 'UTC', /YYYY-MM-DDTHH:mm:ss/);
    rejects({ kind: 'calendar', unit: 'day', step: 0, anchor: '2027-01-01T09:00:00' }, 'UTC', /step/);
    rejects({ kind: 'once', at: new Date(NaN) }, 'UTC', /valid date/);
  });
  it('rejects empty or nested multi schedules', () => {
    rejects({ kind: 'multi', triggers: [] }, 'UTC', /at least one/);
  });
});
