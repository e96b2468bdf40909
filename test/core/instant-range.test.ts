/**
 * Dates past year 9999 are refused wherever a duration is added to "now" or a date is taken
 * in, and no schedule fires past them: nothing is stored or shown as "10000-01-01".
 */
import { describe, expect, it } from 'vitest';
import { isSupportedInstant } from '../../src/core/instant-range.js';
import { nextFire, nextFires, validateBounds, validateSchedule } from '../../src/core/schedule.js';
import { parseScheduleSpec } from '../../src/core/schedule-spec.js';
import { parse } from '../../src/nl/parse.js';
import { makeHarness } from './scheduler-harness.js';

const END = new Date('9999-12-31T23:59:59Z');

describe('the supported range of dates (years 1 to 9999)', () => {
  it('knows its ends', () => {
    expect(isSupportedInstant(new Date('9999-12-31T23:59:59.999Z'))).toBe(true);
    expect(isSupportedInstant(new Date('+010000-01-01T00:00:00Z'))).toBe(false);
    expect(isSupportedInstant(new Date(Number.NaN))).toBe(false);
  });

  it('"in 1.5h" at the last second of 9999 is refused by the parser, natural and explicit', () => {
    for (const text of ['in 1.5h x', 'in:1.5h x', 'tomorrow at 9 x']) {
      const r = parse(text, { now: END, timeZone: 'UTC' });
      expect(r, text).toMatchObject({ ok: false, error: expect.stringMatching(/beyond the dates I can keep/) });
    }
  });

  it('a spec beyond the range is refused: in:, from:, until:', () => {
    const opts = { now: END, timeZone: 'UTC' };
    expect(() => parseScheduleSpec('in:2h', opts)).toThrow(/beyond the dates I can keep/);
    // 23:59:59 at UTC-5 on the last day of 9999 is already 10000 in UTC.
    expect(() =>
      parseScheduleSpec('every 1d ;until:9999-12-31T23:59:59-05:00', { ...opts, now: new Date('2026-11-22T10:00:00Z') }),
    ).toThrow(/That end is beyond the dates I can keep/);
  });

  it('schedules and bounds given directly are checked too', () => {
    expect(() => validateSchedule({ kind: 'once', at: new Date('+010000-01-01T01:29:59Z') }, 'UTC')).toThrow(/beyond the dates I can keep/);
    expect(() => validateSchedule({ kind: 'interval', everyMs: 3_600_000, anchor: new Date('+010000-01-01T00:00:00Z') }, 'UTC')).toThrow(
      /beyond/,
    );
    expect(() => validateBounds({ endAt: new Date('+010000-01-01T00:00:00Z') })).toThrow(/beyond/);
  });

  it('a repeating schedule has no fire past the range: it ends there', () => {
    const hourly = { kind: 'interval' as const, everyMs: 3_600_000, anchor: new Date('2026-01-01T00:00:00Z') };
    expect(nextFire(hourly, 'UTC', new Date('9999-12-31T22:30:00Z'))?.toISOString()).toBe('9999-12-31T23:00:00.000Z');
    expect(nextFire(hourly, 'UTC', new Date('9999-12-31T23:00:00Z'))).toBeNull();
    expect(nextFires({ kind: 'cron', pattern: '0 9 * * *' }, 'Europe/Berlin', new Date('9999-12-30T12:00:00Z'), 5)).toHaveLength(1);
  });

  it('a snooze past the range is refused and changes nothing', async () => {
    const h = makeHarness();
    try {
      const job = await h.scheduler.createJob(h.reminder('x', { kind: 'once', at: new Date('2026-11-22T11:00:00Z') }));
      await expect(h.scheduler.snoozeJob(job.id, new Date('+010000-01-01T00:00:00Z'))).rejects.toMatchObject({ code: 'schedule.range' });
      expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-22T11:00:00.000Z');
    } finally {
      await h.close();
    }
  });
});
