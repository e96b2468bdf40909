import { describe, expect, it } from 'vitest';
import { rezoneKeepingWallTime, sameWallTimeIn } from '../../src/core/schedule-rezone.js';
import type { Schedule } from '../../src/core/schedule.js';

describe('moving a schedule to another zone keeps its clock times', () => {
  it('a one-off at 09:00 UTC becomes 09:00 in New York (14:00 UTC in November)', () => {
    const { schedule } = rezoneKeepingWallTime({ kind: 'once', at: new Date('2026-11-23T09:00:00Z') }, {}, 'UTC', 'America/New_York');
    expect(schedule).toEqual({ kind: 'once', at: new Date('2026-11-23T14:00:00Z') });
  });

  it('a daily interval’s anchor moves to the same clock time; bounds move too, the run count stays', () => {
    const interval: Schedule = { kind: 'interval', everyMs: 86_400_000, anchor: new Date('2026-11-22T09:00:00Z') };
    const { schedule, bounds } = rezoneKeepingWallTime(
      interval,
      { endAt: new Date('2026-12-31T23:59:00Z'), maxRuns: 5 },
      'UTC',
      'Asia/Tokyo',
    );
    expect(schedule).toEqual({ ...interval, anchor: new Date('2026-11-22T00:00:00Z') });
    expect(bounds).toEqual({ endAt: new Date('2026-12-31T14:59:00Z'), maxRuns: 5 });
  });

  it('cron and calendar schedules are clock rules already: unchanged (only the job’s zone changes)', () => {
    const cron: Schedule = { kind: 'cron', pattern: '0 9 * * 1-5' };
    const calendar: Schedule = { kind: 'calendar', unit: 'week', step: 2, anchor: '2026-11-24T09:00:00' };
    expect(rezoneKeepingWallTime(cron, {}, 'UTC', 'Europe/Berlin').schedule).toEqual(cron);
    expect(
      rezoneKeepingWallTime(
        { kind: 'multi', triggers: [calendar, { kind: 'once', at: new Date('2026-11-23T09:00:00Z') }] },
        {},
        'UTC',
        'Europe/Berlin',
      ).schedule,
    ).toEqual({ kind: 'multi', triggers: [calendar, { kind: 'once', at: new Date('2026-11-23T08:00:00Z') }] });
  });

  it('a clock time that does not exist in the new zone (spring forward) is shifted by the gap', () => {
    // 02:30 on 14 Mar 2027 does not happen in New York: 03:30 EDT, 07:30 UTC.
    expect(sameWallTimeIn(new Date('2027-03-14T02:30:00Z'), 'UTC', 'America/New_York')).toEqual(new Date('2027-03-14T07:30:00Z'));
  });
});
