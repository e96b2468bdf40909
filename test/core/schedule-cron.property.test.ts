/**
 * Property tests for cron fire times against an independent brute-force reference: for random
 * 5-field patterns, zones with and without DST, and instants around DST changes:
 * next(t) > t; next matches the pattern in the zone (or is a gap-shifted fixed time); and no
 * real minute strictly between t and next would fire under Chime's DST rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCronFire } from '../../src/core/cron-fire.js';
import type { WallTime } from '../../src/core/time/civil.js';
import { fromWallTime, toWallTime } from '../../src/core/time/zoned.js';

const MIN = 60_000;
/** Brute-force window: the stepping check covers at most this much real time. */
const WINDOW = 2 * 86_400_000;

function fieldSet(field: string, lo: number, hi: number): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText ? Number(stepText) : 1;
    let a = lo;
    let b = hi;
    if (range !== '*') {
      const [x, y] = range.split('-');
      a = Number(x);
      b = y === undefined ? (stepText ? hi : a) : Number(y);
    }
    for (let v = a; v <= b; v += step) out.add(v);
  }
  return out;
}

interface Ref {
  matches(w: WallTime): boolean;
  fixedTime: boolean;
}

function reference(pattern: string): Ref {
  const [mi, h, dom, mon, dow] = pattern.split(' ') as [string, string, string, string, string];
  const sets = {
    mi: fieldSet(mi, 0, 59),
    h: fieldSet(h, 0, 23),
    dom: fieldSet(dom, 1, 31),
    mon: fieldSet(mon, 1, 12),
    dow: fieldSet(dow, 0, 6),
  };
  const domStar = dom === '*';
  const dowStar = dow === '*';
  return {
    fixedTime: ![mi, h].some((f) => f.includes('*') || f.includes('/')),
    matches(w) {
      if (w.second !== 0 || !sets.mi.has(w.minute) || !sets.h.has(w.hour) || !sets.mon.has(w.month)) return false;
      const d = sets.dom.has(w.day);
      const wd = sets.dow.has(w.weekday);
      // Vixie cron: both day fields restricted means either may match.
      return domStar && dowStar ? true : domStar ? wd : dowStar ? d : d || wd;
    },
  };
}

/** Would Chime fire at real minute `t` because its own wall time matches? */
function firesAtOwnWall(ref: Ref, t: number, tz: string): boolean {
  const w = toWallTime(new Date(t), tz);
  if (!ref.matches(w)) return false;
  // Fixed-time patterns skip the second occurrence of a repeated wall time.
  return !ref.fixedTime || fromWallTime(w, tz).getTime() === t;
}

/** Is `t` the gap-shifted fire of some non-existent matching wall time? */
function isGapShift(ref: Ref, t: number, tz: string): boolean {
  if (!ref.fixedTime) return false;
  const w = toWallTime(new Date(t), tz);
  for (let back = 1; back <= 120; back++) {
    const cand = toWallTime(new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute - back)), 'UTC');
    if (!ref.matches(cand)) continue;
    const at = fromWallTime(cand, tz).getTime();
    const exists = toWallTime(new Date(at), tz);
    if (at === t && (exists.hour !== cand.hour || exists.minute !== cand.minute)) return true;
  }
  return false;
}

function field(lo: number, hi: number): fc.Arbitrary<string> {
  const v = fc.integer({ min: lo, max: hi });
  return fc.oneof(
    fc.constant('*'),
    fc.integer({ min: 2, max: Math.max(2, Math.floor((hi - lo + 1) / 2)) }).map((n) => `*/${n}`),
    v.map(String),
    fc.tuple(v, v).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(v, v, fc.integer({ min: 2, max: 5 })).map(([a, b, n]) => `${Math.min(a, b)}-${Math.max(a, b)}/${n}`),
    fc.uniqueArray(v, { minLength: 2, maxLength: 4 }).map((xs) => xs.sort((a, b) => a - b).join(',')),
  );
}

const pattern = fc
  .tuple(
    field(0, 59),
    field(0, 23),
    fc.oneof({ weight: 4, arbitrary: fc.constant('*') }, { weight: 1, arbitrary: field(1, 28).filter((f) => !f.startsWith('*')) }),
    fc.oneof({ weight: 5, arbitrary: fc.constant('*') }, { weight: 1, arbitrary: field(1, 12).filter((f) => !f.startsWith('*')) }),
    fc.oneof({ weight: 3, arbitrary: fc.constant('*') }, { weight: 1, arbitrary: field(0, 6).filter((f) => !f.startsWith('*')) }),
  )
  .map((fs) => fs.join(' '));

const TRANSITIONS: Record<string, string[]> = {
  'America/New_York': ['2027-03-14T07:00:00Z', '2027-11-07T06:00:00Z'],
  'Europe/Berlin': ['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'],
  'Australia/Lord_Howe': ['2027-04-03T15:00:00Z', '2027-10-02T15:30:00Z'],
  'America/Santiago': ['2027-04-04T03:00:00Z', '2027-09-05T04:00:00Z'],
  UTC: ['2027-06-01T00:00:00Z'],
  'Asia/Kolkata': ['2027-06-01T00:00:00Z'],
};
const zone = fc.constantFrom(...Object.keys(TRANSITIONS));
const caseArb = zone.chain((tz) =>
  fc.record({
    tz: fc.constant(tz),
    pattern,
    after: fc
      .tuple(fc.constantFrom(...TRANSITIONS[tz]!), fc.integer({ min: -36 * 3600, max: 36 * 3600 }))
      .map(([base, s]) => new Date(new Date(base).getTime() + s * 1000 + (s % 7) * 111)),
  }),
);

describe('cron properties (random 5-field patterns, DST zones)', () => {
  it('next(t) > t, next matches (or is a gap-shifted fixed time), nothing fires strictly between', () => {
    fc.assert(
      fc.property(caseArb, ({ tz, pattern: p, after }) => {
        const ref = reference(p);
        const next = nextCronFire(p, tz, after);
        const a = after.getTime();
        const end = next ? Math.min(next.getTime(), a + WINDOW) : a + WINDOW;
        if (next) {
          expect(next.getTime()).toBeGreaterThan(a);
          expect(next.getTime() % MIN).toBe(0);
          expect(firesAtOwnWall(ref, next.getTime(), tz) || isGapShift(ref, next.getTime(), tz)).toBe(true);
        }
        for (let t = Math.floor(a / MIN) * MIN + MIN; t < end; t += MIN) {
          if (firesAtOwnWall(ref, t, tz))
            expect.unreachable(
              `${p} in ${tz}: ${new Date(t).toISOString()} matches before ${next?.toISOString()} (after ${after.toISOString()})`,
            );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('successive fires are strictly increasing (no instant twice) through DST days', () => {
    fc.assert(
      fc.property(caseArb, ({ tz, pattern: p, after }) => {
        let cursor = after;
        for (let i = 0; i < 20; i++) {
          const n = nextCronFire(p, tz, cursor);
          if (!n) break;
          expect(n.getTime()).toBeGreaterThan(cursor.getTime());
          cursor = n;
        }
      }),
      { numRuns: 200 },
    );
  });
});
