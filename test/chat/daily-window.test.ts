/**
 * A window of hours ("from 9 to 5") with a repeat of a day or more said nothing about how often
 * in between: "every day from 9 to 5 water plants" fired at 09:00 daily, the window's end dropped
 * without a word. Asked now, in a plain sentence too. London, Thursday 3 Dec 2026 18:00 GMT.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, chatInZone, makeChat } from './harness.js';

const london = () => chatInZone('Europe/London', '2026-12-03T18:00:00Z');

describe('a window of hours with a daily or weekly repeat', () => {
  it.each([
    'every day from 9 to 5 water the plants',
    'every weekday from 9am to 5pm stretch',
    'daily between 9 and midnight drink water',
    '/remind every monday from 9 to 11 standup',
  ])('"%s" asks how often in between and creates nothing', async (text) => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, text);
    expect(reply).toContain('needs to know how often in between');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('the example works: "every hour from 9 to 5" fires at 09:00 … 17:00 (first Fri 4 Dec 09:00)', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'every day from 9 to 5 water the plants');
    const example = /Example: (.*)/.exec(reply)![1]!;
    await t.sayText(ALICE_DM, example);
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.nextRunAt?.toISOString()).toBe('2026-12-04T09:00:00.000Z');
    expect(job?.schedule).toEqual({ kind: 'cron', pattern: '0 9-17 * * *' });
  });
});

describe('a number before "tonight" when the time is said elsewhere', () => {
  it('"read chapter 3 tonight at midnight" keeps "chapter 3" in the text (New York, just after the spring-forward jump)', async () => {
    // 2027-03-14T07:00:01Z is 03:00:01 EDT; the coming midnight is 00:00 EDT on 15 Mar = 04:00Z
    const t = makeChat({ start: '2027-03-14T07:00:01Z' });
    await t.say(ALICE_DM, '/tz America/New_York');
    await t.sayText(ALICE_DM, 'remind me to read chapter 3 tonight at midnight');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.nextRunAt?.toISOString()).toBe('2027-03-15T04:00:00.000Z');
    expect(job?.payload).toMatchObject({ text: 'read chapter 3' });
  });
});
