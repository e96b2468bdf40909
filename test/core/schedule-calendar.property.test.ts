/**
 * Property tests for interval and calendar schedules: the fast "jump close to the answer"
 * paths agree with plain enumeration from the anchor, fires strictly increase, and calendar
 * fires keep the anchor's wall-clock time except where DST removed it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFire, type CalendarSchedule, type Schedule } from '../../src/core/schedule.js';
import { addCalendar, parseWallTime } from '../../src/core/time/civil.js';
import { fromWallTime, toWallTime } from '../../src/core/time/zoned.js';

const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'UTC'];

const calendarArb = fc.record({
  unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
  step: fc.integer({ min: 1, max: 12 }),
  y: fc.integer({ min: 2020, max: 2030 }),
  mo: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 31 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.constantFrom(0, 15, 30, 45),
});

function calendarOf(r: {
  unit: CalendarSchedule['unit'];
  step: number;
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}): CalendarSchedule {
  const day = Math.min(r.d, 28 + (r.mo === 2 ? 0 : 2));
  const anchor = `${r.y}-${String(r.mo).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(r.h).padStart(2, '0')}:${String(r.mi).padStart(2, '0')}:00`;
  return { kind: 'calendar', unit: r.unit, step: r.step, anchor };
}

describe('calendar properties', () => {
  it('nextFire equals the first occurrence after `after` found by enumerating from the anchor', () => {
    fc.assert(
      fc.property(calendarArb, fc.constantFrom(...zones), fc.integer({ min: 0, max: 3 * 365 * 86_400 }), (r, tz, offsetS) => {
        const s = calendarOf(r);
        const anchor = parseWallTime(s.anchor)!;
        const after = new Date(fromWallTime(anchor, tz).getTime() + offsetS * 1000 - 86_400_000);
        let expected: number | undefined;
        for (let k = 0; expected === undefined; k++) {
          const t = fromWallTime(addCalendar(anchor, s.unit, k * s.step), tz).getTime();
          if (t > after.getTime()) expected = t;
        }
        expect(nextFire(s, tz, after)?.getTime()).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('fires strictly increase and keep the anchor time of day unless that time did not exist', () => {
    fc.assert(
      fc.property(calendarArb, fc.constantFrom(...zones), (r, tz) => {
        const s = calendarOf(r);
        const anchor = parseWallTime(s.anchor)!;
        let cursor = new Date(fromWallTime(anchor, tz).getTime() - 1);
        for (let i = 0; i < 12; i++) {
          const t = nextFire(s, tz, cursor)!;
          expect(t.getTime()).toBeGreaterThan(cursor.getTime());
          const w = toWallTime(t, tz);
          if (w.hour !== anchor.hour || w.minute !== anchor.minute) {
            // Only a DST gap may move it, and only forward, by at most an hour.
            const shift = (w.hour * 60 + w.minute - (anchor.hour * 60 + anchor.minute) + 1440) % 1440;
            expect(shift).toBeGreaterThan(0);
            expect(shift).toBeLessThanOrEqual(60);
          }
          cursor = t;
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('interval properties', () => {
  it('next is anchor + k*every with the smallest k giving a time after `after`', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 40 * 86_400_000 }),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: -86_400_000, max: 5 * 365 * 86_400_000 }),
        (every, anchorMs, delta) => {
          const s: Schedule = { kind: 'interval', everyMs: every, anchor: new Date(anchorMs) };
          const after = anchorMs + delta;
          const t = nextFire(s, 'Europe/Berlin', new Date(after))!.getTime();
          expect(t).toBeGreaterThan(after);
          expect((t - anchorMs) % every).toBe(0);
          expect(t >= anchorMs).toBe(true);
          if (t > anchorMs) expect(t - every <= after).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
