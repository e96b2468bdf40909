/**
 * "next friday" said when the first Friday after today is in this week (weeks from Monday) can
 * mean that Friday or next week's; a reminder a week off is lost, so Chime asks, with the
 * person's request rewritten as "friday next week" as the example. When the first such day is
 * already in next week ("next monday" on a Thursday), there is one reading and it is set.
 * London, Thursday 3 Dec 2026 10:00 GMT; instants from Intl (civil-calendar.ts), not the parser.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const at = (d: number, h: number, mi = 0) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();

const london = () => chatInZone(ZONE, '2026-12-03T10:00:00Z');

describe('"next <weekday>" within this week is asked, not guessed', () => {
  it.each([
    ['remind me next friday at 9 to call jo', 'Fri 4 Dec', 'Fri 11 Dec', 'remind me friday next week at 9 to call jo', at(11, 9)],
    [
      'remind me next sat at 10am to book brunch',
      'Sat 5 Dec',
      'Sat 12 Dec',
      'remind me saturday next week at 10am to book brunch',
      at(12, 10),
    ],
    [
      'remind me on next sunday at 6pm to call gran',
      'Sun 6 Dec',
      'Sun 13 Dec',
      'remind me sunday next week at 6pm to call gran',
      at(13, 18),
    ],
  ])('"%s" names %s and %s, and its example sets the second', async (request, soon, later, example, first) => {
    const t = await london();
    const answer = await t.sayText(ALICE_DM, request);
    expect(answer).toContain(soon);
    expect(answer).toContain(later);
    expect(answer).toContain(`Example: ${example}`);
    expect(t.scheduler.jobs.size).toBe(0);
    expect(await t.sayText(ALICE_DM, example)).toContain('Reminder set');
    expect([...t.scheduler.jobs.values()].map((j) => j.nextRunAt?.toISOString())).toEqual([first]);
  });

  it.each([
    // the first such day is in next week already: one reading
    ['remind me next monday at 9 to call jo', at(7, 9)],
    ['remind me next thursday at 9 to call jo', at(10, 9)],
    // the two ways to say each reading
    ['remind me this friday at 9 to call jo', at(4, 9)],
    ['remind me friday next week at 9 to call jo', at(11, 9)],
  ])('"%s" is set for %s', async (request, first) => {
    const t = await london();
    expect(await t.sayText(ALICE_DM, request)).toContain('Reminder set');
    expect([...t.scheduler.jobs.values()].map((j) => j.nextRunAt?.toISOString())).toEqual([first]);
  });

  it('"next friday" inside the task text is the task, not a question', async () => {
    const t = await london();
    expect(await t.sayText(ALICE_DM, "remind me tomorrow at 9 to plan next friday's party")).toContain('Reminder set');
    expect([...t.scheduler.jobs.values()].map((j) => j.payload)).toEqual([{ text: "plan next friday's party" }]);
  });
});
