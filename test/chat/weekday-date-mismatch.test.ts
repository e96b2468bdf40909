/**
 * "on friday the 12th" when the 12th is a Saturday: Chime cannot know which was meant, so it
 * asks, with an example that keeps the date (with its real weekday) and the time said. London,
 * Thursday 3 Dec 2026 18:00 GMT. From the calendar: 12 Dec 2026 and 2 Jan 2027 are Saturdays.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, chatInZone } from './harness.js';

const london = () => chatInZone('Europe/London', '2026-12-03T18:00:00Z');

describe('a weekday that does not match its date', () => {
  it.each([
    ['remind me on friday the 12th at 6 to pay the plumber', '2026-12-12 is a Saturday, not a Friday.', '2026-12-12T18:00:00.000Z'],
    ['/remind friday 12 december pay the plumber', '2026-12-12 is a Saturday, not a Friday.', '2026-12-12T09:00:00.000Z'],
    ['remind me on friday 2027-01-02 at 9:30 to pay the plumber', '2027-01-02 is a Saturday, not a Friday.', '2027-01-02T09:30:00.000Z'],
  ])(
    '"%s" is refused; the example is the request with that date on its own weekday, at the time said, and works as pasted',
    async (text, error, at) => {
      const t = await london();
      const reply = await t.sayText(ALICE_DM, text);
      expect(reply).toContain(error);
      expect(t.scheduler.jobs.size).toBe(0);
      const example = /Example: (.*)/.exec(reply)![1]!;
      expect(example).not.toContain('dec 1 ');
      // the task is in the example (it was the time alone, and the person had to add the task back)
      await t.sayText(ALICE_DM, example);
      const jobs = [...t.scheduler.jobs.values()];
      expect(jobs.map((j) => j.nextRunAt?.toISOString())).toEqual([at]);
      expect(jobs[0]!.payload).toEqual({ text: 'pay the plumber' });
    },
  );

  it('a zone named in the request stays in the example, so it is read in that zone', async () => {
    const t = await london();
    // 8 Dec 2026 is a Tuesday; 09:00 in New York (EST, UTC-5) is 14:00 UTC
    const reply = await t.sayText(ALICE_DM, 'remind me to call mom on monday dec 8 at 9am new york time');
    expect(reply).toContain('2026-12-08 is a Tuesday, not a Monday.');
    const example = /Example: (.*)/.exec(reply)![1]!;
    await t.sayText(ALICE_DM, example);
    const jobs = [...t.scheduler.jobs.values()];
    expect(jobs.map((j) => j.nextRunAt?.toISOString())).toEqual(['2026-12-08T14:00:00.000Z']);
    expect(jobs[0]!.payload).toEqual({ text: 'call mom' });
  });
});
