/**
 * "midnight" on a named day may be its start or its end: Chime asks, and its example is the
 * person's own request with the time phrase corrected (it was the time alone: "on dec 5 at
 * 00:00", the task lost), so pasting it back sets the reminder they asked for. London,
 * Thursday 3 Dec 2026 18:00 GMT; instants from Intl (civil-calendar.ts), not from the parser.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const midnightOf = (y: number, m: number, d: number) => instantOf({ y, m, d }, 0, 0, ZONE).toISOString();

const london = () => chatInZone(ZONE, '2026-12-03T18:00:00Z');

describe('"midnight" on a named day: the example is the request itself, corrected', () => {
  it.each([
    // tomorrow is Fri 4 Dec; its end is 00:00 on Sat 5 Dec
    ['remind me to pay rent tomorrow at midnight', 'pay rent', midnightOf(2026, 12, 5)],
    ['remind me tomorrow at midnight to pay rent', 'pay rent', midnightOf(2026, 12, 5)],
    ['remind me to call mom tmrw @ midnight', 'call mom', midnightOf(2026, 12, 5)],
    // new year's eve is Thu 31 Dec 2026; its end is 00:00 on Fri 1 Jan 2027
    ["remind me on new year's eve at midnight to open the champagne", 'open the champagne', midnightOf(2027, 1, 1)],
    // in 3 days is Sun 6 Dec; its end is 00:00 on Mon 7 Dec
    ['remind me in 3 days at midnight to submit the form', 'submit the form', midnightOf(2026, 12, 7)],
  ])('"%s": asked, nothing set; the example keeps "%s" and sets it for %s', async (request, text, at) => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, request);
    expect(reply).toContain('Is "midnight" the start of');
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    await t.sayText(ALICE_DM, example);
    const jobs = [...t.scheduler.jobs.values()];
    expect(jobs.map((j) => j.nextRunAt?.toISOString())).toEqual([at]);
    expect(jobs[0]!.payload).toEqual({ text });
  });
});
