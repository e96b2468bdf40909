import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextCronFire, scanCronFire } from '../../src/core/cron-fire.js';
import { fixedTimeCron } from '../../src/core/cron-fixed-time.js';
import { nextFires } from '../../src/core/schedule.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Tokyo', 'America/Santiago'];

const pattern = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 59 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('*', '1-5', '0,6', '2', '1#1', '5#L', '3#2', '2#2,2#4', '1#1,5#L'),
    )
    .map(([m, h, d]) => `${m} ${h.join(',')} * * ${d}`),
  fc
    .tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom('1', '15', '1,15', 'L', '31', '29'))
    .map(([m, h, d]) => `${m} ${h} ${d} * *`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 1, max: 12 }),
    )
    .map(([m, h, d, mo]) => `${m} ${h} ${d} ${mo} *`),
  fc.constantFrom('30 2 * * *', '15 2 * * *', '30 1 * * *', '0 0 * * *', '0 9-17 * * 1-5', '@daily', '@weekly', '@yearly'),
);
// Around DST changes in several hemispheres, and ordinary days.
const after = fc.oneof(
  fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }),
  fc
    .constantFrom(
      '2027-03-13T12:00:00Z',
      '2027-03-27T12:00:00Z',
      '2027-10-02T12:00:00Z',
      '2027-11-06T12:00:00Z',
      '2027-10-30T12:00:00Z',
      '2027-04-03T12:00:00Z',
      '2027-09-04T12:00:00Z',
    )
    .map((s) => new Date(s)),
);

/** Five successive fires by one evaluator. */
function fiveFires(next: (after: Date) => Date | null, from: Date): string[] {
  const out: string[] = [];
  for (let cursor = next(from); cursor && out.length < 5; cursor = next(cursor)) out.push(cursor.toISOString());
  return out;
}

describe('fixed-time cron fast path', () => {
  it('gives the same fires as the general evaluator for fixed-time patterns, DST days included', () => {
    fc.assert(
      fc.property(pattern, fc.constantFrom(...ZONES), after, (p, zone, a) => {
        expect(fixedTimeCron(p)).not.toBeNull();
        const fast = fiveFires((t) => nextCronFire(p, zone, t), a);
        const general = fiveFires((t) => scanCronFire(p, zone, t), a);
        expect(fast).toEqual(general);
      }),
      { numRuns: 200 },
    );
  });

  it('patterns with steps, wildcards or seconds in time fields, or a weekday beside a day of month, take the general path', () => {
    expect(fixedTimeCron('*/15 * * * *')).toBeNull();
    expect(fixedTimeCron('0 * * * *')).toBeNull();
    expect(fixedTimeCron('@hourly')).toBeNull();
    expect(fixedTimeCron('0 9 1 * 1')).toBeNull();
    expect(fixedTimeCron('0 0 9 * * *')).toBeNull();
    expect(fixedTimeCron('0 9 * * MON')).toBeNull();
  });

  it('a multi schedule lists the merged fires of its triggers, within bounds', () => {
    const fires = nextFires(
      {
        kind: 'multi',
        triggers: [
          { kind: 'cron', pattern: '0 9 * * 1-5' },
          { kind: 'cron', pattern: '0 10 * * 6' },
        ],
      },
      'Europe/Berlin',
      new Date('2026-11-25T10:00:00+01:00'),
      4,
      { maxRuns: 3 },
    );
    // Thu 26 and Fri 27 Nov at 09:00 CET, then Saturday 28 at 10:00; maxRuns stops there.
    expect(fires.map((d) => d.toISOString())).toEqual(['2026-11-26T08:00:00.000Z', '2026-11-27T08:00:00.000Z', '2026-11-28T09:00:00.000Z']);
  });
});
