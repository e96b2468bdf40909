/**
 * The general cron evaluator (segments of constant offset) against a brute force that walks
 * real time second by second, for dense 6-field patterns (seconds first) around DST changes:
 * - a wildcard/step pattern fires at every real second whose wall time matches (gap walls
 *   never, repeated walls twice);
 * - a fixed-time pattern (no `*` or `/` in its time fields) fires at fromWallTime of each
 *   matching wall time (gap: shifted forward; overlap: the first occurrence only).
 * Both must give the same next fire, and a seconds pattern never costs more than a few
 * milliseconds, however dense, near a change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronMatcher } from '../../src/core/cron-cache.js';
import { scanCronFire } from '../../src/core/cron-fire.js';
import { fromWallTime, toWallTime } from '../../src/core/time/zoned.js';

const SECOND = 1000;
const HOUR = 3_600_000;
/** The brute force looks this far ahead; generated patterns fire within it. */
const WINDOW = 3 * HOUR;

function wallMs(t: number, tz: string): number {
  const w = toWallTime(new Date(t), tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Every matching wall time from `from` to `to` (wall times read as UTC). */
function matchingWalls(pattern: string, from: number, to: number): number[] {
  const m = cronMatcher(pattern);
  const out: number[] = [];
  for (let w = m.nextWall(from); w !== null && w < to; w = m.nextWall(w)) out.push(w);
  return out;
}

/** The first fire after `after` within WINDOW by definition, or undefined. */
function bruteForce(pattern: string, tz: string, after: number): number | undefined {
  const fixed = cronMatcher(pattern).fixedTime;
  const start = Math.floor(after / SECOND) * SECOND + SECOND;
  // Wide enough for any offset change around `after`.
  const walls = matchingWalls(pattern, wallMs(after, tz) - 3 * HOUR, wallMs(after, tz) + WINDOW + 3 * HOUR);
  if (!fixed) {
    const set = new Set(walls);
    for (let t = start; t < after + WINDOW; t += SECOND) if (set.has(wallMs(t, tz))) return t;
    return undefined;
  }
  // Fixed time: each matching wall time mapped by the DST rules; the earliest after `after`.
  let best: number | undefined;
  for (const w of walls) {
    const d = new Date(w);
    const t = fromWallTime(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
      },
      tz,
    ).getTime();
    if (t > after && (best === undefined || t < best)) best = t;
  }
  return best !== undefined && best < after + WINDOW ? best : undefined;
}

const CHANGES: Record<string, string[]> = {
  'America/New_York': ['2027-03-14T07:00:00Z', '2027-11-07T06:00:00Z'],
  'Australia/Lord_Howe': ['2027-04-03T15:00:00Z', '2027-10-02T15:30:00Z'],
  'Europe/Berlin': ['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'],
};

// Dense patterns whose next fire is near: seconds listed or stepped, minutes and hours
// wildcard, stepped or listed around the local change hour (01-03).
const seconds = fc.constantFrom('*', '*/7', '0,30', '15', '0-59/20', '59');
const minutes = fc.constantFrom('*', '*/10', '0,30', '5', '0-59', '45');
const hours = fc.constantFrom('*', '1-3', '2', '1,2,3', '0-23', '*/2');
const pattern = fc.tuple(seconds, minutes, hours).map(([s, m, h]) => `${s} ${m} ${h} * * *`);
const caseArb = fc.constantFrom(...Object.keys(CHANGES)).chain((tz) =>
  fc.record({
    tz: fc.constant(tz),
    pattern,
    after: fc
      .tuple(fc.constantFrom(...CHANGES[tz]!), fc.integer({ min: -2 * 3600, max: 2 * 3600 }))
      .map(([base, s]) => new Date(Date.parse(base) + s * SECOND + (s % 5) * 97)),
  }),
);

describe('general cron evaluator near DST changes, second by second', () => {
  it('gives the fire the definition gives', () => {
    fc.assert(
      fc.property(caseArb, ({ tz, pattern: p, after }) => {
        const expected = bruteForce(p, tz, after.getTime());
        const got = scanCronFire(p, tz, after);
        if (expected === undefined) expect(got === null || got.getTime() >= after.getTime() + WINDOW).toBe(true);
        else expect(got?.toISOString(), `${p} in ${tz} after ${after.toISOString()}`).toBe(new Date(expected).toISOString());
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('every second across the New York spring-forward and fall-back: 02:xx skipped, 01:xx twice', () => {
    // 2027-03-14 02:00 EST -> 03:00 EDT: after 01:59:59 EST comes 03:00:00 EDT.
    expect(scanCronFire('* * * * * *', 'America/New_York', new Date('2027-03-14T06:59:59Z'))?.toISOString()).toBe(
      '2027-03-14T07:00:00.000Z',
    );
    // 2027-11-07 02:00 EDT -> 01:00 EST: 01:59:59 EDT is followed by 01:00:00 EST, a real second.
    expect(scanCronFire('* * * * * *', 'America/New_York', new Date('2027-11-07T05:59:59Z'))?.toISOString()).toBe(
      '2027-11-07T06:00:00.000Z',
    );
    // A fixed 01:30:15 runs once, in EDT.
    expect(scanCronFire('15 30 1 * * *', 'America/New_York', new Date('2027-11-07T05:31:00Z'))?.toISOString()).toBe(
      '2027-11-08T06:30:15.000Z',
    );
  });

  it('dense patterns across a change cost milliseconds, not the half second a second-by-second scan took', () => {
    const fastest = (fn: () => unknown): number => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        fn();
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const cases: Array<[string, string, string]> = [
      ['* * * * * *', 'Australia/Lord_Howe', '2027-04-03T14:59:00Z'],
      ['*/1 * * * * *', 'Australia/Lord_Howe', '2027-10-02T15:29:59Z'],
      ['* * 2 * * *', 'Australia/Lord_Howe', '2027-10-02T15:45:00Z'],
      ['0-59 0-59 0-23 * * *', 'America/New_York', '2027-11-07T05:30:00Z'],
      ['* * * * *', 'America/New_York', '2027-03-14T06:00:00Z'],
    ];
    for (const [p, tz, at] of cases) {
      let cursor = new Date(at);
      // Generous for a loaded machine: the work itself is well under a millisecond per fire.
      const ms = fastest(() => {
        cursor = new Date(at);
        for (let i = 0; i < 4; i++) cursor = scanCronFire(p, tz, cursor) ?? cursor;
      });
      expect(ms, `${p} in ${tz} near ${at}`).toBeLessThan(50);
    }
  });
});
