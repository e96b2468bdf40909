/**
 * "every second tuesday" is said both for the 2nd Tuesday of each month and for every other
 * Tuesday (bins, paydays): asked, never guessed. London, Thursday 3 Dec 2026 18:00 (GMT = UTC).
 * From the calendar: December 2026's Tuesdays are the 1st, 8th, 15th, 22nd, 29th; January
 * 2027's the 5th, 12th, 19th, 26th. So the 2nd Tuesday of each month is 8 Dec, 12 Jan; every
 * other Tuesday from the next one is 8 Dec, 22 Dec, 5 Jan; every 3 weeks on Friday from the
 * next one (4 Dec) is 4 Dec, 25 Dec, 15 Jan.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, chatInZone } from './harness.js';

const london = () => chatInZone('Europe/London', '2026-12-03T18:00:00Z');

const fires = (t: Awaited<ReturnType<typeof london>>) => [...t.scheduler.jobs.values()].map((j) => j.nextRunAt?.toISOString());

describe('"every Nth <weekday>" without "of the month"', () => {
  it.each([
    ['remind me every second tuesday at 7pm to put the bins out', '2nd tuesday', 'every other tuesday'],
    ['every 2nd tuesday at 7pm bins', '2nd tuesday', 'every other tuesday'],
    ['remind me every 2nd tue to put the bins out', '2nd tuesday', 'every other tuesday'],
    ['every third friday at 9 payday', '3rd friday', 'every 3 weeks on friday'],
    ['/remind every 4th wed at 10 review', '4th wednesday', 'every 4 weeks on wednesday'],
  ])('"%s" asks which is meant and creates nothing', async (text, ordinal, weeks) => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, text);
    expect(reply).toContain(`The ${ordinal} of every month, or ${weeks}?`);
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('its example is the request with the weeks reading in place: it keeps the time and the task, and works', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'remind me every second tuesday at 7pm to put the bins out');
    const example = /Example: (.*)/.exec(reply)![1]!;
    expect(example).toBe('remind me every other tuesday at 7pm to put the bins out');
    const confirmed = await t.sayText(ALICE_DM, example);
    expect(confirmed).toContain('put the bins out');
    expect(fires(t)).toEqual(['2026-12-08T19:00:00.000Z']);
    expect(confirmed).toContain('Tue 22 Dec 19:00');
  });

  it('both readings it offers work: "of the month" is the 2nd Tuesday of each month', async () => {
    const t = await london();
    await t.sayText(ALICE_DM, 'remind me every 2nd tuesday of the month at 7pm to put the bins out');
    expect(fires(t)).toEqual(['2026-12-08T19:00:00.000Z']);
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.payload).toMatchObject({ text: 'put the bins out' });
    expect(job.schedule).toMatchObject({ kind: 'cron', pattern: '0 19 * * 2#2' });
  });

  it('"every other tuesday" is fortnightly from the next Tuesday', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'remind me every other tuesday at 7pm to put the bins out');
    expect(fires(t)).toEqual(['2026-12-08T19:00:00.000Z']);
    expect(reply).toContain('Tue 22 Dec 19:00');
    expect(reply).toContain('Tue 5 Jan 2027 19:00');
  });

  it('"every 3 weeks on friday" is 4 Dec, 25 Dec, 15 Jan', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'remind me every 3 weeks on friday at 9am payday');
    expect(reply).toContain('Fri 4 Dec 09:00');
    expect(reply).toContain('Fri 25 Dec 09:00');
    expect(reply).toContain('Fri 15 Jan 2027 09:00');
  });

  it.each([
    ['every first monday at 9 smoke alarm', '2026-12-07T09:00:00.000Z'],
    ['every last friday at 9 expenses', '2026-12-25T09:00:00.000Z'],
    ['every 2nd and 4th tuesday at 7pm choir', '2026-12-08T19:00:00.000Z'],
    ['every second tuesday of march at 9 taxes', '2027-03-09T09:00:00.000Z'],
  ])('"%s" has one reading and is kept', async (text, at) => {
    const t = await london();
    await t.sayText(ALICE_DM, text);
    expect(fires(t)).toEqual([at]);
  });
});
