/**
 * "/edit <id> at 3pm": a clock time alone changes the time of day and keeps the rest: the day of
 * a one-off, the repeat of a recurring reminder. Read as a new reminder from now it moved
 * Tuesday's one-off to the next 15:00 (tomorrow) and turned "every weekday at 9" into a single
 * reminder tonight. London, Thursday 3 Dec 2026 18:00 GMT (UTC+0 until 28 Mar 2027). From the
 * calendar: next Tuesday is 8 Dec; the weekdays after today are Fri 4, Mon 7, Tue 8 Dec.
 * New York is UTC-5 until Sun 14 Mar 2027, when 02:00-02:59 does not happen.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

async function at(zone = 'Europe/London', start = '2026-12-03T18:00:00Z') {
  const t = makeChat({ start });
  await t.say(ALICE_DM, `/tz ${zone}`);
  return t;
}
type Chat = Awaited<ReturnType<typeof at>>;
const job = (t: Chat, id: string) => t.scheduler.jobs.get(id)!;

describe('/edit with a clock time alone', () => {
  it("keeps a one-off's day: Tue 8 Dec 09:00 -> Tue 8 Dec 15:00", async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'remind me next tuesday at 9 to call the vet');
    expect(job(t, id).nextRunAt?.toISOString()).toBe('2026-12-08T09:00:00.000Z');
    const reply = await t.sayText(ALICE_DM, `/edit ${id} at 3pm`);
    expect(reply).toContain('Tue 8 Dec 15:00');
    expect(job(t, id).nextRunAt?.toISOString()).toBe('2026-12-08T15:00:00.000Z');
    expect(job(t, id).payload).toMatchObject({ text: 'call the vet' });
  });

  it('moves a reminder due later today within today, and refuses a time that has passed today', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'remind me at 8pm to take the bins out');
    await t.sayText(ALICE_DM, `/edit ${id} at 7pm`);
    expect(job(t, id).nextRunAt?.toISOString()).toBe('2026-12-03T19:00:00.000Z');
    const reply = await t.sayText(ALICE_DM, `/edit ${id} at 5pm`);
    expect(reply).toContain('That time is in the past');
    expect(job(t, id).nextRunAt?.toISOString()).toBe('2026-12-03T19:00:00.000Z');
  });

  it('keeps the repeat of "every weekday at 9" and changes its time: Fri 4, Mon 7, Tue 8 Dec at 09:30', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'every weekday at 9 standup');
    const reply = await t.sayText(ALICE_DM, `/edit ${id} at 9:30`);
    expect(job(t, id).schedule).toEqual({ kind: 'cron', pattern: '30 9 * * 1-5' });
    expect(job(t, id).nextRunAt?.toISOString()).toBe('2026-12-04T09:30:00.000Z');
    expect(reply).toContain('Mon 7 Dec 09:30');
    expect(reply).toContain('Tue 8 Dec 09:30');
    expect(job(t, id).payload).toMatchObject({ text: 'standup' });
  });

  it('keeps "every other day" (Fri 4, Sun 6, Tue 8 Dec) and takes a new text after the time', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'every other day at 8 take pills');
    await t.sayText(ALICE_DM, `/edit ${id} at 7:45 take pills with food`);
    const j = job(t, id);
    expect(j.schedule).toMatchObject({ kind: 'calendar', unit: 'day', step: 2 });
    expect(j.nextRunAt?.toISOString()).toBe('2026-12-04T07:45:00.000Z');
    expect(j.payload).toMatchObject({ text: 'take pills with food' });
    expect(await t.sayText(ALICE_DM, '/list')).toContain('every 2 days at 07:45');
  });

  it('says what the new time meets on a DST day (New York, 02:30 on Sun 14 Mar 2027)', async () => {
    const t = await at('America/New_York', '2026-12-03T23:00:00Z');
    const id = await t.create(ALICE_DM, 'every day at 1:30am take pills');
    const reply = await t.sayText(ALICE_DM, `/edit ${id} at 2:30am`);
    expect(job(t, id).schedule).toEqual({ kind: 'cron', pattern: '30 2 * * *' });
    expect(reply).toContain('Sun 14 Mar 2027');
  });

  it('refuses a single day and time for a recurring reminder (the repeat would end), changing nothing', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'every weekday at 9 standup');
    const before = structuredClone(job(t, id).schedule);
    const reply = await t.sayText(ALICE_DM, `/edit ${id} tomorrow at 10`);
    expect(reply).toContain('would end the repeat');
    expect(reply).toContain(`/snooze ${id} tomorrow at 10`);
    expect(job(t, id).schedule).toEqual(before);
    // a new repeat is still a plain edit
    await t.sayText(ALICE_DM, `/edit ${id} every monday at 10`);
    expect(job(t, id).schedule).toEqual({ kind: 'cron', pattern: '0 10 * * 1' });
  });

  it('refuses a time alone for a repeat without one time of day ("every 2 hours"), changing nothing', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'every 2 hours drink water');
    const before = structuredClone(job(t, id).schedule);
    const reply = await t.sayText(ALICE_DM, `/edit ${id} at 10`);
    expect(reply).toContain('Say the whole new repeat');
    expect(job(t, id).schedule).toEqual(before);
  });
});
