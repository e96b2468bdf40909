/**
 * A bare weekday name that is today's: on Friday 4 Dec 2026 at 09:00 London, "remind me friday
 * at 5pm to send the report" was set for Fri 11 Dec 17:00, a week late, while today 17:00 was
 * still ahead. Now Chime asks, naming both days, and sets nothing until the answer; each phrase
 * it names sets its own day. Said after 17:00, there is one reading (next week's). /edit asks
 * the same way, with the reminder's own time when only the day is given.
 * Calendar (Intl, civil-calendar.ts): 4 Dec 2026 is a Friday; London is on GMT.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const at = (d: number, h: number, mi = 0) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();
const friday = (h: number) => chatInZone(ZONE, at(4, h));
type Chat = Awaited<ReturnType<typeof friday>>;
const nextRuns = (t: Chat) => [...t.scheduler.jobs.values()].map((j) => j.nextRunAt?.toISOString());

describe('"friday" said on a Friday is asked while its time is ahead', () => {
  it('names today 17:00 and Fri 11 Dec 17:00, sets nothing, and the example answer sets today', async () => {
    const t = await friday(9);
    const question = await t.sayText(ALICE_DM, 'remind me friday at 5pm to send the report');
    expect(question).toContain('Fri 4 Dec');
    expect(question).toContain('Fri 11 Dec 17:00');
    expect(question).toContain('"today at 5pm"');
    expect(question).toContain('"next friday at 5pm"');
    expect(question).toContain('Example: remind me today at 5pm to send the report');
    expect(t.scheduler.jobs.size).toBe(0);
    const set = await t.sayText(ALICE_DM, 'remind me today at 5pm to send the report');
    expect(set).toContain('Reminder set [j1]: send the report');
    expect(set).toContain('Fri 4 Dec 17:00');
    expect(nextRuns(t)).toEqual([at(4, 17)]);
  });

  it('the other answer, "next friday at 5pm", sets Fri 11 Dec 17:00', async () => {
    const t = await friday(9);
    await t.sayText(ALICE_DM, 'remind me friday at 5pm to send the report');
    expect(await t.sayText(ALICE_DM, 'remind me next friday at 5pm to send the report')).toContain('Fri 11 Dec 17:00');
    expect(nextRuns(t)).toEqual([at(11, 17)]);
  });

  it('a plain sentence without "remind me" gets the question too, not the chat hint', async () => {
    const t = await friday(9);
    const question = await t.sayText(ALICE_DM, 'friday at 5pm send the report');
    expect(question).toContain('Fri 11 Dec 17:00');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('said at 18:00, when 17:00 has passed, it is next week without a question, and the confirmation says so', async () => {
    const t = await friday(18);
    expect(await t.sayText(ALICE_DM, 'remind me friday at 5pm to send the report')).toContain('Fri 11 Dec 17:00');
    expect(nextRuns(t)).toEqual([at(11, 17)]);
  });
});

describe("/edit with today's weekday on a Friday", () => {
  it('"/edit <id> friday at 5pm" asks with both days and changes nothing; its example sets today', async () => {
    const t = await friday(9);
    const id = await t.create(ALICE_DM, 'remind me tomorrow at 10am to send the report');
    const question = await t.sayText(ALICE_DM, `/edit ${id} friday at 5pm`);
    expect(question).toContain('Fri 11 Dec 17:00');
    expect(question).toContain('"today at 5pm"');
    expect(question).toContain(`Example: /edit ${id} today at 5pm`);
    expect(nextRuns(t)).toEqual([at(5, 10)]);
    await t.sayText(ALICE_DM, `/edit ${id} today at 5pm`);
    expect(nextRuns(t)).toEqual([at(4, 17)]);
  });

  it('"/edit <id> friday" on a 17:00 reminder asks with 17:00 (the time it keeps), not 09:00', async () => {
    const t = await friday(8);
    const id = await t.create(ALICE_DM, 'remind me tomorrow at 5pm to send the report');
    const question = await t.sayText(ALICE_DM, `/edit ${id} friday`);
    expect(question).toContain('Fri 11 Dec 17:00');
    expect(question).not.toContain('09:00');
    expect(question).toContain(`Example: /edit ${id} today at 5pm`);
    expect(nextRuns(t)).toEqual([at(5, 17)]);
  });

  it('"/edit <id> friday" at 18:00 on a 17:00 reminder is next Friday 17:00, no question', async () => {
    const t = await friday(18);
    const id = await t.create(ALICE_DM, 'remind me tomorrow at 5pm to send the report');
    expect(await t.sayText(ALICE_DM, `/edit ${id} friday`)).toContain('Fri 11 Dec 17:00');
    expect(nextRuns(t)).toEqual([at(11, 17)]);
  });

  it('"/edit <id> friday" at 10:00 (09:00 passed) on a 17:00 reminder asks with 17:00, still ahead', async () => {
    const t = await friday(10);
    const id = await t.create(ALICE_DM, 'remind me tomorrow at 5pm to send the report');
    const question = await t.sayText(ALICE_DM, `/edit ${id} friday`);
    expect(question).toContain('Fri 11 Dec 17:00');
    expect(question).toContain(`Example: /edit ${id} today at 5pm`);
    expect(nextRuns(t)).toEqual([at(5, 17)]);
  });
});
