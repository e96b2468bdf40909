/**
 * "every friday at midnight" was set for 00:00 as Friday begins (the night after Thursday)
 * without a word, though people as often mean Friday night. A repeat on named days now asks, as
 * "tomorrow at midnight" does, and the example is the request itself with the reading written
 * as 00:00. London, Thursday 3 Dec 2026 18:00 GMT; instants from Intl (civil-calendar.ts).
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const midnightOf = (y: number, m: number, d: number) => instantOf({ y, m, d }, 0, 0, ZONE).toISOString();

const london = () => chatInZone(ZONE, '2026-12-03T18:00:00Z');

type Chat = Awaited<ReturnType<typeof london>>;

async function setsJob(t: Chat, request: string, text: string, first: string) {
  const reply = await t.sayText(ALICE_DM, request);
  expect(reply, request).toContain('Reminder set');
  const jobs = [...t.scheduler.jobs.values()];
  expect(jobs.map((j) => j.nextRunAt?.toISOString())).toEqual([first]);
  expect(jobs[0]!.payload).toEqual({ text });
}

describe('"midnight" on the days of a repeat is asked about: the start of the day or its end', () => {
  it.each([
    // the end of Friday: Saturdays 00:00, the first Sat 5 Dec
    [
      'remind me every friday at midnight to take out the bins',
      'every friday at 00:00',
      'every saturday at 00:00',
      'take out the bins',
      midnightOf(2026, 12, 5),
    ],
    [
      'fridays at midnight take out the bins',
      'every friday at 00:00',
      'every saturday at 00:00',
      'take out the bins',
      midnightOf(2026, 12, 5),
    ],
    // every other Sunday's end: Mondays 00:00 two weeks apart, the first Mon 7 Dec
    [
      'remind me every 2 weeks on sunday at midnight to pay the cleaner',
      'every 2 weeks on sunday at 00:00',
      'every 2 weeks on monday at 00:00',
      'pay the cleaner',
      midnightOf(2026, 12, 7),
    ],
  ])('"%s": nothing set; it names "%s" and "%s", and the example keeps the task', async (request, start, end, text, first) => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, request);
    expect(reply).toContain(`Say "${start}" or "${end}"`);
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    await setsJob(await london(), example, text, first);
  });

  it('the start reading as offered works too: "every friday at 00:00" is Fri 4 Dec 00:00, not asked', async () => {
    await setsJob(await london(), 'remind me every friday at 00:00 to take out the bins', 'take out the bins', midnightOf(2026, 12, 4));
  });

  it('a day of the month: the example is the request with 00:00, the 1st as it begins (Fri 1 Jan 2027)', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'remind me every month on the 1st at midnight to pay rent');
    expect(reply).toContain('Is "midnight" the start of that day');
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    expect(example).toBe('remind me every month on the 1st at 00:00 to pay rent');
    await setsJob(await london(), example, 'pay rent', midnightOf(2027, 1, 1));
  });

  it.each([
    ['remind me every day at midnight to log off', midnightOf(2026, 12, 4)],
    ['remind me every night at midnight to log off', midnightOf(2026, 12, 4)],
  ])('"%s" names no day: every midnight, not asked', async (request, first) => {
    await setsJob(await london(), request, 'log off', first);
  });
});
