/**
 * Windows of hours written without "from" after a repeat, and windows that run past midnight on
 * named days. London, Thursday 3 Dec 2026 18:00 GMT; instants from Intl (civil-calendar.ts).
 *
 * - "every day 9am-midnight water plants" fired at 00:00 and 09:00 (two times), and "every hour
 *   9am-5pm" every hour around the clock from 09:00: the window after a repeat was read only with
 *   "from"/"between". A range whose start says am/pm, noon or midnight is a window.
 * - "every day 10 to midnight" (10 minutes to midnight, or the hours from 10?) is asked, as "9 to 5".
 * - "every day at 10 to midnight" fired at 00:00 and 10:00; it is 23:50.
 * - the "how often in between?" example is the request itself with "every hour" over its window.
 * - "every hour from 10pm to 2am on fridays" fired on Friday's own early hours; they are Saturday's.
 */
import { describe, expect, it } from 'vitest';
import { nextFires } from '../../src/core/schedule-next.js';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const at = (d: number, h: number, mi = 0) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();

const london = () => chatInZone(ZONE, '2026-12-03T18:00:00Z');

describe('a window of hours after a repeat, without "from"', () => {
  it.each([
    [
      'remind me every day 9am-midnight to water the plants',
      'remind me every hour from 9am to midnight to water the plants',
      'water the plants',
      at(3, 19),
    ],
    ['every day 9am to 5pm stretch', 'every hour from 9am to 5pm stretch', 'stretch', at(4, 9)],
    [
      'remind me every monday 9am-midnight to log hours',
      'remind me every hour from 9am to midnight on monday to log hours',
      'log hours',
      at(7, 9),
    ],
  ])('"%s" asks how often in between; the example is "%s" and works', async (request, example, text, first) => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, request);
    expect(reply).toContain('needs to know how often in between');
    expect(t.scheduler.jobs.size).toBe(0);
    expect(/Example: (.*)/.exec(reply)![1]).toBe(example);
    const u = await london();
    expect(await u.sayText(ALICE_DM, example)).toContain('Reminder set');
    const jobs = [...u.scheduler.jobs.values()];
    expect(jobs.map((j) => j.nextRunAt?.toISOString())).toEqual([first]);
    expect(jobs[0]!.payload).toEqual({ text });
  });

  it('"every hour 9am-5pm drink water" is the hours 09:00 to 17:00 (was every hour from 09:00 around the clock)', async () => {
    const t = await london();
    await t.sayText(ALICE_DM, 'every hour 9am-5pm drink water');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.schedule).toEqual({ kind: 'cron', pattern: '0 9-17 * * *' });
    expect(job?.nextRunAt?.toISOString()).toBe(at(4, 9));
  });

  it('"every day 10 to midnight" is asked: the hours from 10, or 23:50?', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'every day 10 to midnight lock up');
    expect(reply).toContain('Is "10 to midnight" the hours from 10 to midnight?');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it.each([
    ['remind me every day at 10 to midnight to lock up', { kind: 'cron', pattern: '50 23 * * *' }, at(3, 23, 50)],
    ['remind me every day at quarter to midnight to lock up', { kind: 'cron', pattern: '45 23 * * *' }, at(3, 23, 45)],
    ['remind me every day at quarter past noon to lock up', { kind: 'cron', pattern: '15 12 * * *' }, at(4, 12, 15)],
  ])('"%s" is that clock time (was 00:00 and 10:00, or refused)', async (request, schedule, first) => {
    const t = await london();
    await t.sayText(ALICE_DM, request);
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.schedule).toEqual(schedule);
    expect(job?.payload).toEqual({ text: 'lock up' });
    expect(job?.nextRunAt?.toISOString()).toBe(first);
  });
});

describe('a window past midnight on named days', () => {
  it('"every hour from 10pm to 2am on fridays": Friday 22:00, 23:00, then Saturday 00:00-02:00', async () => {
    const t = await london();
    await t.sayText(ALICE_DM, 'every hour from 10pm to 2am on fridays check the oven');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.schedule).toEqual({
      kind: 'multi',
      triggers: [
        { kind: 'cron', pattern: '0 22-23 * * 5' },
        { kind: 'cron', pattern: '0 0-2 * * 6' },
      ],
    });
    expect(job?.nextRunAt?.toISOString()).toBe(at(4, 22));
  });

  it('"every 30 minutes from 10pm to 2am on fridays": Friday 22:00-23:30, then Saturday 00:00-02:00', async () => {
    const t = await london();
    await t.sayText(ALICE_DM, 'every 30 minutes from 10pm to 2am on fridays check the oven');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.schedule).toEqual({
      kind: 'multi',
      triggers: [
        { kind: 'cron', pattern: '*/30 22-23 * * 5' },
        { kind: 'cron', pattern: '*/30 0-1 * * 6' },
        { kind: 'cron', pattern: '0 2 * * 6' },
      ],
    });
  });

  it('"every 45 minutes from 10pm to 2am on fridays" is Friday 22:00, 22:45, 23:30, then Saturday 00:15, 01:00, 01:45 (was refused)', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'every 45 minutes from 10pm to 2am on fridays check the oven');
    expect(reply).toContain('Reminder set');
    const [job] = [...t.scheduler.jobs.values()];
    expect(nextFires(job!.schedule, ZONE, new Date(at(4, 21)), 7, {}).map((d) => d.toISOString())).toEqual([
      at(4, 22),
      at(4, 22, 45),
      at(4, 23, 30),
      at(5, 0, 15),
      at(5, 1),
      at(5, 1, 45),
      at(11, 22),
    ]);
  });
});
