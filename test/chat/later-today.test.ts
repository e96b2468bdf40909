/**
 * "later today" says no time. It was read as "today" with the word "later" left in the
 * reminder's text: at 08:00 "remind me later today to call jo" was set for 09:00 with the text
 * "later to call jo" (a guess, and a wrong text), and at 12:00 refused as "That time today has
 * already passed" (no time had been said). "later tonight" and "later today at 5" left "later"
 * in the text too. Now "later" goes with the day it qualifies; "later today" without a time is
 * asked, with an example that works. London, Thursday 3 Dec 2026; instants from Intl.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const at = (d: number, h: number, mi = 0) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();

type Chat = Awaited<ReturnType<typeof chatInZone>>;
const jobs = (t: Chat) => [...t.scheduler.jobs.values()].map((j) => ({ at: j.nextRunAt?.toISOString(), payload: j.payload }));

describe('"later today" without a time is asked, not guessed', () => {
  it.each([
    ['remind me later today to call jo', 8],
    ['remind me later today to call jo', 12],
    ['/remind later today call jo', 16],
    ['remind me to call jo later today', 12],
  ])('"%s" at %i:00: nothing is set; the question says no time was given; its example works', async (request, hour) => {
    const t = await chatInZone(ZONE, at(3, hour));
    const answer = await t.sayText(ALICE_DM, request);
    expect(answer).toContain('"later today" says no time');
    expect(answer).not.toContain('already passed');
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(answer)![1]!;
    expect(await t.sayText(ALICE_DM, example)).toContain('Reminder set');
    // the example is two hours from now, the task kept
    expect(jobs(t)).toEqual([{ at: at(3, hour + 2), payload: { text: 'call jo' } }]);
  });
});

describe('"later" goes with the day it qualifies, not into the text', () => {
  it.each([
    ['remind me later today at 5pm to call jo', at(3, 17)],
    ['remind me later today at 5 to call jo', at(3, 17)],
    // "tonight" without a time is 20:00, as before
    ['remind me to call jo later tonight', at(3, 20)],
    ['remind me later tonight at 10 to call jo', at(3, 22)],
  ])('"%s" is set for %s with the text "call jo"', async (request, first) => {
    const t = await chatInZone(ZONE, at(3, 12));
    expect(await t.sayText(ALICE_DM, request)).toContain('Reminder set');
    expect(jobs(t)).toEqual([{ at: first, payload: { text: 'call jo' } }]);
  });
});
