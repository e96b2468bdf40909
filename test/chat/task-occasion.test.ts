/**
 * A day the task is for ("order the cake for saturday", "finish the report by friday") is part
 * of the text, not when to remind: with a time said elsewhere that time is the schedule; alone
 * it leaves the reminder's time unsaid, and Chime asks. A person in America/Chicago, today
 * Thursday 3 Dec 2026 10:00 CST (UTC-6, 16:00 UTC); instants below are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

async function chicago() {
  const t = makeChat({ start: '2026-12-03T16:00:00Z' });
  await t.say(ALICE_DM, '/tz America/Chicago');
  return t;
}

async function onlyJob(t: Awaited<ReturnType<typeof chicago>>) {
  const jobs = [...t.scheduler.jobs.values()];
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
}

describe('a day after "for", "by", "before", "due" in the task stays in the text when the time is said elsewhere', () => {
  it.each([
    // noon today (12:00 CST = 18:00 UTC), not Saturday noon with the text "order the cake for"
    ['remind me at noon to order the cake for saturday', 'order the cake for saturday', '2026-12-03T18:00:00.000Z'],
    // 17:00 CST today = 23:00 UTC
    ['remind me at 5pm to prepare for monday', 'prepare for monday', '2026-12-03T23:00:00.000Z'],
    ['remind me at noon to finish the report by friday', 'finish the report by friday', '2026-12-03T18:00:00.000Z'],
    ['remind me at 9pm to call mom before friday', 'call mom before friday', '2026-12-04T03:00:00.000Z'],
    ['remind me at 9pm to pay the bill due on the 15th', 'pay the bill due on the 15th', '2026-12-04T03:00:00.000Z'],
    ['remind me at noon to buy a gift for christmas', 'buy a gift for christmas', '2026-12-03T18:00:00.000Z'],
    // tonight is 20:00 CST = 02:00 UTC Friday (it was asked about as a second time)
    ['remind me tonight to pack for tomorrow', 'pack for tomorrow', '2026-12-04T02:00:00.000Z'],
    // tomorrow without a time is Fri 4 Dec 09:00 CST = 15:00 UTC
    ['remind me tomorrow to order the cake for saturday', 'order the cake for saturday', '2026-12-04T15:00:00.000Z'],
    ['remind me tomorrow at 9 to book flights for march 3', 'book flights for march 3', '2026-12-04T15:00:00.000Z'],
    // 9pm CST = 03:00 UTC Friday, not Friday 21:00
    ['remind me at 9pm to set an alarm for tomorrow', 'set an alarm for tomorrow', '2026-12-04T03:00:00.000Z'],
    // The day names a thing of the task: 17:00 CST today = 23:00 UTC (was Sat 17:00 with the text "look plan")
    ['remind me at 5pm to look at the weekend plan', 'look at the weekend plan', '2026-12-03T23:00:00.000Z'],
    ['remind me at noon to shop at the weekend market', 'shop at the weekend market', '2026-12-03T18:00:00.000Z'],
    // What the call is about: Fri 4 Dec 09:00 CST = 15:00 UTC (was refused as two reminders, "call mom about" and "lunch")
    ['remind me tomorrow at 9 to call mom about sunday lunch', 'call mom about sunday lunch', '2026-12-04T15:00:00.000Z'],
  ])('"%s" is set with the text "%s" at %s', async (request, text, at) => {
    const t = await chicago();
    await t.say(ALICE_DM, request);
    const job = await onlyJob(t);
    expect(job.payload).toEqual({ text });
    expect(job.schedule).toEqual({ kind: 'once', at: new Date(at) });
  });

  it('"every day at 9 to study for friday" repeats daily at 09:00 CST (15:00 UTC) with the day in the text', async () => {
    const t = await chicago();
    await t.say(ALICE_DM, 'remind me every day at 9 to study for friday');
    const job = await onlyJob(t);
    expect(job.payload).toEqual({ text: 'study for friday' });
    // 09:00 today has passed: first Fri 4 Dec 09:00 CST
    expect(job.nextRunAt!.toISOString()).toBe('2026-12-04T15:00:00.000Z');
  });
});

describe('a day after "on", or at the start, is still when to remind', () => {
  it.each([
    ['remind me to pay rent on friday at 9', 'pay rent'],
    ['remind me at 9 to call mom on friday', 'call mom'],
    ['remind me for friday at 9 to call mom', 'call mom'],
    ['set a reminder for friday at 9 to call mom', 'call mom'],
  ])('"%s" is Fri 4 Dec 09:00 CST (15:00 UTC)', async (request, text) => {
    const t = await chicago();
    await t.say(ALICE_DM, request);
    const job = await onlyJob(t);
    expect(job.payload).toEqual({ text });
    expect(job.schedule).toEqual({ kind: 'once', at: new Date('2026-12-04T15:00:00.000Z') });
  });
});

describe('"at the weekend" with no noun of its own is still when to remind', () => {
  it.each([
    ['remind me at 5pm to call mom at the weekend about the trip', 'call mom about the trip'],
    ['remind me at 5pm to mow the lawn at the weekend please', 'mow the lawn please'],
    ['remind me at 5pm to clean the car at the weekend', 'clean the car'],
  ])('"%s" is Sat 5 Dec 17:00 CST (23:00 UTC) with the text "%s"', async (request, text) => {
    const t = await chicago();
    await t.say(ALICE_DM, request);
    const job = await onlyJob(t);
    expect(job.payload).toEqual({ text });
    expect(job.schedule).toEqual({ kind: 'once', at: new Date('2026-12-05T23:00:00.000Z') });
  });
});

describe('a day the task is for, with no other time, is asked about', () => {
  it.each([
    ['remind me to order the cake for saturday', 'for saturday', 'order the cake for saturday'],
    ['remind me to finish the report by friday', 'by friday', 'finish the report by friday'],
    ['remind me to buy a gift for christmas', 'for christmas', 'buy a gift for christmas'],
    ['remind me to book a table for tonight', 'for tonight', 'book a table for tonight'],
  ])('"%s": nothing is created; the reason and an example that works', async (request, phrase, text) => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, request);
    expect(reply).toContain(`When should I remind you? "${phrase}" reads as part of the task`);
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    expect(example).toBe(`remind me in 1 hour to ${text}`);
    await t.say(ALICE_DM, example);
    const job = await onlyJob(t);
    expect(job.payload).toEqual({ text });
    expect(job.schedule).toEqual({ kind: 'once', at: new Date('2026-12-03T17:00:00.000Z') });
  });

  it('the example of a /remind refusal is a /remind command', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind to order the cake for saturday');
    expect(reply).toContain('Example: /remind in 1 hour to order the cake for saturday');
  });
});
