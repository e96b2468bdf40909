/**
 * The core time layer against a reference: temporal-polyfill's Temporal, whose
 * `disambiguation: 'compatible'` is Chime's DST rule (a wall time in a gap moves forward by
 * the gap, one in an overlap takes the earlier offset). Every offset change of zones with
 * unusual rules is checked wall minute by wall minute, then random instants and wall times.
 * The polyfill reads zone data from the same Intl, so this checks our rule and our offset
 * cache, not the tz database; the known transitions at the end pin the data too.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { formatWallTime, type WallTimeInput } from '../../../src/core/time/civil.js';
import { offsetMinutes } from '../../../src/core/time/zone-offset.js';
import { formatInZone, fromWallTime, toWallTime } from '../../../src/core/time/zoned.js';

/** Zones whose rules are unusual: 30-min DST, a skipped day, 45-min offsets, midnight jumps, 2-hour DST, the southern hemisphere. */
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kathmandu',
  'America/Santiago',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Antarctica/Troll',
  'Asia/Tehran',
  'Europe/Dublin',
];

const MIN = 60_000;
const HOUR = 3_600_000;

function temporalWall(ms: number, zone: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  return formatWallTime({ year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, second: z.second });
}

function temporalInstant(w: WallTimeInput, zone: string): number {
  const plain = new Temporal.PlainDateTime(w.year, w.month, w.day, w.hour, w.minute, w.second);
  return plain.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function wallOfUtcMs(ms: number): WallTimeInput {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Every offset change of `zone` from `fromYear` to `toYear`, as epoch ms. */
function transitions(zone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  const end = Date.UTC(toYear, 0, 1);
  let z: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(Date.UTC(fromYear, 0, 1)).toZonedDateTimeISO(zone);
  for (;;) {
    z = z.getTimeZoneTransition('next');
    if (!z || z.epochMilliseconds >= end) return out;
    out.push(z.epochMilliseconds);
  }
}

describe('DST: every offset change 1985-2036 agrees with Temporal (compatible)', () => {
  for (const zone of ZONES) {
    it(`${zone}: instants around each change read the same wall time, walls around it map to the same instant`, () => {
      const changes = transitions(zone, 1985, 2036);
      expect(changes.length).toBeGreaterThan(0);
      for (const t of changes) {
        for (const d of [-HOUR, -1000, 0, 1000, 29 * MIN, HOUR]) {
          expect(formatWallTime(toWallTime(new Date(t + d), zone)), `${zone} at ${new Date(t + d).toISOString()}`).toBe(
            temporalWall(t + d, zone),
          );
        }
        // Wall times from 3 hours before the change's wall time to 3 hours after, every
        // 10 minutes (gaps and overlaps are 30 min to 24 h long), plus a second-exact edge.
        const base = t + Math.round(offsetMinutes(new Date(t - HOUR), zone)) * MIN;
        for (let w = base - 3 * HOUR; w <= base + 3 * HOUR; w += 10 * MIN) {
          for (const wall of [wallOfUtcMs(w), wallOfUtcMs(w + 59_000)]) {
            expect(fromWallTime(wall, zone).getTime(), `${zone} wall ${formatWallTime(wall)}`).toBe(temporalInstant(wall, zone));
          }
        }
      }
    });
  }
  it('Pacific/Apia: every wall time of the skipped 2011-12-30 lands on the same time of 2011-12-31', () => {
    for (let h = 0; h < 24; h++) {
      const wall = { year: 2011, month: 12, day: 30, hour: h, minute: 30, second: 0 };
      expect(fromWallTime(wall, 'Pacific/Apia').getTime()).toBe(temporalInstant(wall, 'Pacific/Apia'));
      expect(formatInZone(fromWallTime(wall, 'Pacific/Apia'), 'Pacific/Apia')).toBe(`2011-12-31T${String(h).padStart(2, '0')}:30:00+14:00`);
    }
  });
});

describe('DST: random instants and wall times agree with Temporal (compatible)', () => {
  const zone = fc.constantFrom(...ZONES);
  // 1970 to 2037, where every runtime's tz data is complete.
  const instant = fc.integer({ min: 0, max: Date.UTC(2037, 0, 1) / 1000 }).map((s) => s * 1000);
  it('toWallTime', () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => formatWallTime(toWallTime(new Date(ms), z)) === temporalWall(ms, z)),
      { numRuns: 3000 },
    );
  });
  it('fromWallTime', () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        const wall = wallOfUtcMs(ms);
        return fromWallTime(wall, z).getTime() === temporalInstant(wall, z);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('DST: known changes from the calendar', () => {
  const cases: Array<[string, string, string, string]> = [
    // zone, a wall time, the instant Chime must place it at (ISO with offset), what happens there
    ['Europe/Berlin', '2027-03-28T02:30:00', '2027-03-28T03:30:00+02:00', 'gap of 1 h: shifted forward'],
    ['Europe/Berlin', '2027-10-31T02:30:00', '2027-10-31T02:30:00+02:00', 'overlap: the earlier offset'],
    ['America/New_York', '2027-03-14T02:30:00', '2027-03-14T03:30:00-04:00', 'gap of 1 h'],
    ['America/New_York', '2027-11-07T01:30:00', '2027-11-07T01:30:00-04:00', 'overlap: EDT, not EST'],
    ['Australia/Lord_Howe', '2027-10-03T02:15:00', '2027-10-03T02:45:00+11:00', '30-min gap'],
    ['Australia/Lord_Howe', '2027-04-04T01:45:00', '2027-04-04T01:45:00+11:00', '30-min overlap'],
    ['Australia/Sydney', '2027-10-03T02:30:00', '2027-10-03T03:30:00+11:00', 'southern spring gap in October'],
    ['Australia/Sydney', '2027-04-04T02:30:00', '2027-04-04T02:30:00+11:00', 'southern autumn overlap in April'],
    ['Pacific/Auckland', '2027-09-26T02:30:00', '2027-09-26T03:30:00+13:00', 'southern spring gap'],
    ['America/Santiago', '2027-09-05T00:15:00', '2027-09-05T01:15:00-03:00', 'midnight skipped'],
    ['America/Santiago', '2027-04-03T23:30:00', '2027-04-03T23:30:00-03:00', 'the hour before midnight repeats'],
    ['Pacific/Apia', '2011-12-30T09:00:00', '2011-12-31T09:00:00+14:00', 'the skipped day'],
    ['Asia/Kathmandu', '1986-01-01T00:05:00', '1986-01-01T00:20:00+05:45', 'the 15-min jump to +05:45'],
    ['Asia/Kathmandu', '2027-06-01T09:00:00', '2027-06-01T09:00:00+05:45', 'no DST'],
    ['Antarctica/Troll', '2027-03-28T01:30:00', '2027-03-28T03:30:00+02:00', 'a 2-hour gap'],
  ];
  for (const [zone, wall, expected, what] of cases) {
    it(`${zone} ${wall}: ${what}`, () => {
      const w = wallOfUtcMs(Date.parse(`${wall}Z`));
      const at = fromWallTime(w, zone);
      expect(formatInZone(at, zone)).toBe(expected);
      expect(at.getTime()).toBe(temporalInstant(w, zone));
    });
  }
});
