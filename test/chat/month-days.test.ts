/**
 * Days of the month after a repeat of months. Before: "every month on the 1st and 15th" fired on
 * the 1st only, with "15th" left in the text; "every 2 months on the last day" (and "every other
 * month on the last day") fired every 2 months on today's date at this time, with "on the last
 * day" in the text. London, Thursday 3 Dec 2026 10:00 GMT; instants from Intl (civil-calendar.ts).
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const nine = (y: number, m: number, d: number) => instantOf({ y, m, d }, 9, 0, ZONE).toISOString();

const london = () => chatInZone(ZONE, '2026-12-03T10:00:00Z');

describe('days of the month after "every month" / "every N months"', () => {
  it.each([
    ['remind me every month on the 1st and 15th to pay the bills', { kind: 'cron', pattern: '0 9 1,15 * *' }, nine(2026, 12, 15)],
    ['monthly on the 1st and the 15th pay the bills', { kind: 'cron', pattern: '0 9 1,15 * *' }, nine(2026, 12, 15)],
    ['remind me every month on the 1st, 15th to pay the bills', { kind: 'cron', pattern: '0 9 1,15 * *' }, nine(2026, 12, 15)],
  ])('"%s" fires on both days', async (request, schedule, first) => {
    const t = await london();
    await t.sayText(ALICE_DM, request);
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.schedule).toEqual(schedule);
    expect(job?.payload).toEqual({ text: 'pay the bills' });
    expect(job?.nextRunAt?.toISOString()).toBe(first);
  });

  it.each(['remind me every 2 months on the last day to pay the bills', 'remind me every other month on the last day to pay the bills'])(
    '"%s": the last day of every other month from December (31 Dec, 28 Feb, 30 Apr)',
    async (request) => {
      const t = await london();
      const reply = await t.sayText(ALICE_DM, request);
      const [job] = [...t.scheduler.jobs.values()];
      expect(job?.payload).toEqual({ text: 'pay the bills' });
      expect(job?.nextRunAt?.toISOString()).toBe(nine(2026, 12, 31));
      // the confirmation lists the following fires from the schedule engine
      expect(reply).toContain('Sun 28 Feb');
      expect(reply).toContain('Fri 30 Apr');
    },
  );

  it('"every 3 months on the 15th": 15 Dec, 15 Mar, 15 Jun', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'remind me every 3 months on the 15th to pay the bills');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.nextRunAt?.toISOString()).toBe(nine(2026, 12, 15));
    expect(reply).toContain('Mon 15 Mar');
    expect(reply).toContain('Tue 15 Jun');
  });
});
