/**
 * A span of hours in a one-off request ("call 3 to 5pm tomorrow", "tomorrow from 3 to 5pm call
 * mum") names two times, and a reminder goes off at one: asked, with the span's start as an
 * example that works, also in a plain sentence without "remind me". London, Thursday 3 Dec
 * 2026 12:00 GMT; instants from Intl (civil-calendar.ts).
 *
 * Before: "call 3 to 5pm tomorrow" was set for Fri 17:00 with the text "call 3 to"; "tomorrow
 * from 3 to 5pm call mum" for Fri 09:00 (the span dropped); "meeting 3 to 5 tomorrow" for 16:57.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const START = '2026-12-03T12:00:00Z';
const at = (d: number, h: number, mi = 0) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();

describe('a span of hours in a one-off request is asked about, never one end guessed', () => {
  it.each([
    ['call 3 to 5pm tomorrow', '4:57pm', 'call', at(4, 15)],
    ['meeting 3 to 5 tomorrow', '4:57', 'meeting', at(4, 15)],
    ['meeting 10 to 12 tomorrow', '11:50', 'meeting', at(4, 10)],
    ['tomorrow from 3 to 5pm call mum', 'on dec 4 at 5pm', 'call mum', at(4, 15)],
    ['tomorrow between 3 and 5pm call mum', 'on dec 4 at 5pm', 'call mum', at(4, 15)],
    // the span's end is on the next day
    ['remind me on friday from 11pm to 1am to check the party', 'on dec 5 at 1am', 'check the party', at(4, 23)],
  ])('"%s": the reason names the other reading (%s); the example is set for the start', async (text, other, task, start) => {
    const t = await chatInZone(ZONE, START);
    const reply = await t.sayText(ALICE_DM, text);
    expect(reply).toContain(other);
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    const again = await chatInZone(ZONE, START);
    expect(await again.sayText(ALICE_DM, example)).toContain(`Reminder set [j1]: ${task}`);
    expect([...again.scheduler.jobs.values()][0]?.nextRunAt?.toISOString()).toBe(start);
  });

  it.each([
    ['tomorrow at 5 to 9 call', at(4, 8, 55), 'call'],
    ['tomorrow 20 to 5 call', at(4, 16, 40), 'call'],
    ['book a table for 3 to 5 people tomorrow at 7pm', at(4, 19), 'book a table for 3 to 5 people'],
  ])('"%s" is still minutes to the hour, or a count in the text', async (text, when, task) => {
    const t = await chatInZone(ZONE, START);
    expect(await t.sayText(ALICE_DM, text)).toContain(`Reminder set [j1]: ${task}`);
    expect([...t.scheduler.jobs.values()][0]?.nextRunAt?.toISOString()).toBe(when);
  });
});
