/**
 * Clock phrases as people type them in chat, British and American. Before: "tomorrow at half 5"
 * (British for 5:30) was set for 09:00 with "at half 5" in the text; "20 past 4 pm" for 16:00 with
 * "20 past" in the text; "at 5 to 9am" fired at 17:00 and 09:00; "a quarter to 9am" was refused
 * as "past which hour?". London, Thursday 3 Dec 2026 10:00 GMT; instants from Intl
 * (civil-calendar.ts), not from the parser. A bare hour follows the README: without a day, the
 * next one on a 12-hour face; with another day, 1-6 is the afternoon.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const at = (d: number, h: number, mi = 0) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();

const london = () => chatInZone(ZONE, '2026-12-03T10:00:00Z');

describe('clock phrases are read whole, never half-read into the text', () => {
  it.each([
    ['remind me tomorrow at half 5 to call mum', 'call mum', at(4, 17, 30)],
    ['remind me tomorrow at half five to call mum', 'call mum', at(4, 17, 30)],
    // 09:30 has passed at 10:00: the next half 9 on the clock is 21:30
    ['remind me at half 9 to call the plumber', 'call the plumber', at(3, 21, 30)],
    ['friday half 6 drinks with sam', 'drinks with sam', at(4, 18, 30)],
    // before its day, as it is said as often
    ['half 5 tomorrow call dad', 'call dad', at(4, 17, 30)],
    ['remind me half 6 on friday drinks with sam', 'drinks with sam', at(4, 18, 30)],
    // another day: 7 is the morning, as "at 7 next tuesday" is (1-6 would be the afternoon)
    ['remind me half 7 next tuesday to call the vet', 'call the vet', at(8, 7, 30)],
    ['remind me at half 5pm to leave', 'leave', at(3, 17, 30)],
    ['remind me at 20 past 4 pm to call', 'call', at(3, 16, 20)],
    ['remind me at a quarter to 9am to call', 'call', at(4, 8, 45)],
    ['remind me at 5 to 9am to call', 'call', at(4, 8, 55)],
    // "half 5" not after "at" or a day is not a time: the request's own day says when
    ['remind me to eat half 5 apples tomorrow', 'eat half 5 apples', at(4, 9)],
  ])('"%s" is "%s" at %s', async (request, text, first) => {
    const t = await london();
    expect(await t.sayText(ALICE_DM, request), request).toContain('Reminder set');
    const jobs = [...t.scheduler.jobs.values()];
    expect(jobs.map((j) => j.nextRunAt?.toISOString())).toEqual([first]);
    expect(jobs[0]!.payload).toEqual({ text });
  });

  it('"every day at half 8 standup" is every day at 08:30 (first Fri 4 Dec)', async () => {
    const t = await london();
    await t.sayText(ALICE_DM, 'every day at half 8 standup');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job?.schedule).toEqual({ kind: 'cron', pattern: '30 8 * * *' });
    expect(job?.nextRunAt?.toISOString()).toBe(at(4, 8, 30));
  });
});
