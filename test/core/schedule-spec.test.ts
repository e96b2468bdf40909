import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import type { Schedule, ScheduleBounds } from '../../src/core/schedule.js';
import { formatScheduleSpec, parseScheduleSpec, type ParseSpecOptions } from '../../src/core/schedule-spec.js';
import { OPERATOR_MIN_INTERVAL_MS } from '../../src/core/schedule-validate.js';
import { formatInZone } from '../../src/core/time/zoned.js';

const now = new Date('2026-11-22T10:00:00Z');
const opts: ParseSpecOptions = { now, timeZone: 'Europe/Berlin' };
const parse = (spec: string, o: Partial<ParseSpecOptions> = {}): ReturnType<typeof parseScheduleSpec> =>
  parseScheduleSpec(spec, { ...opts, ...o });

function rejects(spec: string, re: RegExp): void {
  try {
    parse(spec);
    expect.unreachable(`"${spec}" should be rejected`);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('schedule.invalid');
    expect((err as UserError).message).toMatch(re);
    expect((err as UserError).example).toBeTruthy();
  }
}

describe('parseScheduleSpec: one-off forms', () => {
  it('now is once at now', () => {
    expect(parse('now').schedule).toEqual({ kind: 'once', at: now });
  });
  it('in:1h and "in 1h30m" are once, that long after now', () => {
    expect(parse('in:1h').schedule).toEqual({ kind: 'once', at: new Date('2026-11-22T11:00:00Z') });
    expect(parse('in 1h30m').schedule).toEqual({ kind: 'once', at: new Date('2026-11-22T11:30:00Z') });
  });
  it('at: without offset is a wall time in the job zone', () => {
    expect(parse('at:2026-12-01T14:30:00').schedule).toEqual({ kind: 'once', at: new Date('2026-12-01T13:30:00Z') });
    expect(parse('at:2026-12-01T14:30', { timeZone: 'America/New_York' }).schedule).toEqual({
      kind: 'once',
      at: new Date('2026-12-01T19:30:00Z'),
    });
  });
  it('at: with Z or an offset is that instant', () => {
    expect(parse('at:2026-12-01T14:30:00Z').schedule).toEqual({ kind: 'once', at: new Date('2026-12-01T14:30:00Z') });
    expect(parse('at:2026-12-01T14:30:00+05:30').schedule).toEqual({ kind: 'once', at: new Date('2026-12-01T09:00:00Z') });
    expect(parse('at:2026-12-01T14:30:00-0500').schedule).toEqual({ kind: 'once', at: new Date('2026-12-01T19:30:00Z') });
  });
  it('at: applies the DST gap rule (02:30 on 2027-03-28 in Berlin is 03:30 CEST)', () => {
    const s = parse('at:2027-03-28T02:30:00').schedule;
    expect(s.kind === 'once' && formatInZone(s.at, 'Europe/Berlin')).toBe('2027-03-28T03:30:00+02:00');
  });
  it('at:HH:mm is the next time the clock shows it', () => {
    expect(parse('at:12:00').schedule).toEqual({ kind: 'once', at: new Date('2026-11-22T11:00:00Z') });
    expect(parse('at:10:00').schedule).toEqual({ kind: 'once', at: new Date('2026-11-23T09:00:00Z') });
  });
  it('a past at: is a mistake unless allowPast', () => {
    rejects('at:2020-01-01T00:00:00', /in the past/);
    expect(parse('at:2020-01-01T00:00:00', { allowPast: true }).schedule.kind).toBe('once');
  });
});

describe('parseScheduleSpec: recurring forms', () => {
  it('cron: prefix, bare 5-field and 6-field patterns', () => {
    expect(parse('cron:30 2 * * *').schedule).toEqual({ kind: 'cron', pattern: '30 2 * * *' });
    expect(parse('0 9 * * 1-5').schedule).toEqual({ kind: 'cron', pattern: '0 9 * * 1-5' });
    expect(parse('0 */10 * * * *').schedule).toEqual({ kind: 'cron', pattern: '0 */10 * * * *' });
    // Seconds that fire more than once a minute: the operator's to choose, nobody else's.
    expect(parse('*/10 * * * * *', { minIntervalMs: OPERATOR_MIN_INTERVAL_MS }).schedule).toEqual({
      kind: 'cron',
      pattern: '*/10 * * * * *',
    });
    rejects('*/10 * * * * *', /fires 10 s apart; a job may fire at most once every 1 min/);
    expect(parse('0 9 * * MON-FRI').schedule).toEqual({ kind: 'cron', pattern: '0 9 * * MON-FRI' });
  });
  it('every nickname is a cron schedule', () => {
    for (const n of ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']) {
      expect(parse(n).schedule).toEqual({ kind: 'cron', pattern: n });
    }
    expect(parse('@Daily').schedule).toEqual({ kind: 'cron', pattern: '@daily' });
  });
  it('every 30m, every:30m and bare durations are intervals anchored at now', () => {
    for (const s of ['every 30m', 'every:30m', '30m', 'EVERY 30M']) {
      expect(parse(s).schedule).toEqual({ kind: 'interval', everyMs: 1_800_000, anchor: now });
    }
    expect(parse('90s').schedule).toMatchObject({ everyMs: 90_000 });
    expect(parse('30s', { minIntervalMs: OPERATOR_MIN_INTERVAL_MS }).schedule).toMatchObject({ everyMs: 30_000 });
    expect(parse('2h').schedule).toMatchObject({ everyMs: 7_200_000 });
    expect(parse('1d').schedule).toMatchObject({ everyMs: 86_400_000 });
    expect(parse('1w').schedule).toMatchObject({ everyMs: 604_800_000 });
  });
  it('every:30m@anchor takes the anchor', () => {
    expect(parse('every:30m@2026-11-22T08:15:00+01:00').schedule).toEqual({
      kind: 'interval',
      everyMs: 1_800_000,
      anchor: new Date('2026-11-22T07:15:00Z'),
    });
  });
  it('calendar:2w@wall time', () => {
    expect(parse('calendar:2w@2026-11-24T09:00:00').schedule).toEqual({
      kind: 'calendar',
      unit: 'week',
      step: 2,
      anchor: '2026-11-24T09:00:00',
    });
    expect(parse('calendar:1mo@2027-01-31T09:00:00').schedule).toMatchObject({ unit: 'month', step: 1 });
  });
  it('manual', () => {
    expect(parse('manual').schedule).toEqual({ kind: 'manual' });
  });
  it('triggers joined by | make a multi schedule', () => {
    expect(parse('cron:0 9 * * * | cron:0 10 * * 6').schedule).toEqual({
      kind: 'multi',
      triggers: [
        { kind: 'cron', pattern: '0 9 * * *' },
        { kind: 'cron', pattern: '0 10 * * 6' },
      ],
    });
  });
  it('bounds after ; (from, until as wall time or instant, count)', () => {
    const { bounds } = parse('every 1d ;from:2026-12-01T09:00:00 ;until:2026-12-31T09:00:00Z ;count:5');
    expect(bounds).toEqual({ startAt: new Date('2026-12-01T08:00:00Z'), endAt: new Date('2026-12-31T09:00:00Z'), maxRuns: 5 });
    expect(parse('5m').bounds).toEqual({});
  });
});

describe('parseScheduleSpec: invalid specs say what is wrong', () => {
  it('invalid cron', () => rejects('cron:61 * * * *', /minute/));
  it('interval under a minute', () => {
    rejects('every 500ms', /too often/);
    rejects('every 30s', /Every 30 s is too often; a job may fire at most once every 1 min/);
  });
  it('a cron pattern with a 7th (year) field is refused, naming the fix', () => {
    rejects('cron:0 0 9 * * 1-5 2027', /has 7 fields.*no year field\. Remove the extra field\./);
    rejects('cron:* * * * * * *', /has 7 fields/);
  });
  it('bare number without unit', () => rejects('90', /no unit.*90s/));
  it('garbage', () => {
    rejects('whenever you like', /not a schedule I understand/);
    rejects('call mom at five pm', /not a schedule I understand/);
  });
  it('empty', () => rejects('  ', /empty/));
  it('bad at: date', () => rejects('at:2026-02-30T10:00:00', /not a date and time/));
  it('bad calendar', () => rejects('calendar:2x@2026-11-24T09:00:00', /calendar:<step>/));
  it('bad bounds', () => {
    rejects('5m ;count:0', /count/);
    rejects('5m ;until:2026-01-01T00:00:00 ;from:2026-02-01T00:00:00', /before/);
    rejects('5m ;sometimes', /not a bound/);
  });
  it('manual cannot be combined', () => rejects('manual | 5m', /manual/));
  it('an unknown zone is a timezone error', () => {
    expect(() => parse('5m', { timeZone: 'Nowhere/Land' })).toThrow(/time zone/);
  });
});

describe('formatScheduleSpec', () => {
  const tz = 'Europe/Berlin';
  it('prints the canonical forms', () => {
    expect(formatScheduleSpec({ kind: 'once', at: new Date('2026-11-23T08:00:00Z') }, {}, tz)).toBe('at:2026-11-23T09:00:00+01:00');
    expect(formatScheduleSpec({ kind: 'interval', everyMs: 1_800_000, anchor: now }, undefined, tz)).toBe(
      'every:30m@2026-11-22T11:00:00+01:00',
    );
    expect(formatScheduleSpec({ kind: 'cron', pattern: '0 9 * * 1-5' }, {}, tz)).toBe('cron:0 9 * * 1-5');
    expect(formatScheduleSpec({ kind: 'calendar', unit: 'week', step: 2, anchor: '2026-11-24T09:00:00' }, {}, tz)).toBe(
      'calendar:2w@2026-11-24T09:00:00',
    );
    expect(formatScheduleSpec({ kind: 'manual' }, {}, tz)).toBe('manual');
    expect(
      formatScheduleSpec(
        {
          kind: 'multi',
          triggers: [
            { kind: 'cron', pattern: '0 9 * * *' },
            { kind: 'cron', pattern: '0 10 * * 6' },
          ],
        },
        { startAt: new Date('2026-12-01T08:00:00Z'), endAt: new Date('2026-12-31T22:59:59Z'), maxRuns: 5 },
        tz,
      ),
    ).toBe('cron:0 9 * * * | cron:0 10 * * 6 ;from:2026-12-01T09:00:00+01:00 ;until:2026-12-31T23:59:59+01:00 ;count:5');
  });
  it('keeps milliseconds when there are any', () => {
    expect(formatScheduleSpec({ kind: 'once', at: new Date('2026-11-23T08:00:00.250Z') }, {}, tz)).toBe('at:2026-11-23T09:00:00.250+01:00');
  });
});

describe('round trip: parseScheduleSpec(formatScheduleSpec(x)) == x', () => {
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }).map((n) => new Date(n));
  const wall = fc
    .record({
      y: fc.integer({ min: 1990, max: 2090 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
    })
    .map(
      (w) =>
        `${w.y}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}T${String(w.h).padStart(2, '0')}:${String(w.mi).padStart(2, '0')}:${String(w.s).padStart(2, '0')}`,
    );
  const cronPattern = fc.constantFrom(
    '0 9 * * 1-5',
    '*/15 * * * *',
    '30 2 * * *',
    '@daily',
    '@hourly',
    '0 0 1 1 *',
    '*/10 * * * * *',
    '0 9 1,15 * *',
    '0 12 * * MON',
  );
  const once = instant.map((at): Schedule => ({ kind: 'once', at }));
  const interval = fc
    .record({ everyMs: fc.integer({ min: 1000, max: 400 * 86_400_000 }), anchor: instant })
    .map((r): Schedule => ({ kind: 'interval', ...r }));
  const calendar = fc
    .record({ unit: fc.constantFrom('day', 'week', 'month', 'year' as const), step: fc.integer({ min: 1, max: 1000 }), anchor: wall })
    .map((r): Schedule => ({ kind: 'calendar', ...r }));
  const cronS = cronPattern.map((pattern): Schedule => ({ kind: 'cron', pattern }));
  const trigger = fc.oneof(once, interval, calendar, cronS);
  const schedule: fc.Arbitrary<Schedule> = fc.oneof(
    trigger,
    fc.constant<Schedule>({ kind: 'manual' }),
    fc.array(trigger, { minLength: 2, maxLength: 4 }).map((triggers) => ({ kind: 'multi', triggers }) as Schedule),
  );
  const bounds: fc.Arbitrary<ScheduleBounds> = fc
    .record({ startAt: instant, endAt: instant, maxRuns: fc.integer({ min: 1, max: 10_000 }) }, { requiredKeys: [] })
    .map((b) => (b.startAt && b.endAt && b.endAt < b.startAt ? { ...b, endAt: b.startAt } : b));
  const zone = fc.constantFrom(
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/Santiago',
    'Pacific/Apia',
  );

  it('holds for every schedule kind, bounds and zone', () => {
    fc.assert(
      fc.property(schedule, bounds, zone, instant, (s, b, tz, someNow) => {
        const spec = formatScheduleSpec(s, b, tz);
        const back = parseScheduleSpec(spec, { now: someNow, timeZone: tz, allowPast: true, minIntervalMs: OPERATOR_MIN_INTERVAL_MS });
        expect(back.schedule).toEqual(s);
        expect(back.bounds).toEqual(b);
        // Stable: formatting again gives the same text.
        expect(formatScheduleSpec(back.schedule, back.bounds, tz)).toBe(spec);
      }),
      { numRuns: 300 },
    );
  });
});
