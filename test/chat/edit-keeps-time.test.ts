/**
 * "/edit <id> friday": a new day or repeat without a time keeps the reminder's own time of day
 * (in its zone). Read on its own, "friday" is Friday at the parser's default 09:00, and /edit
 * moved a 17:00 reminder to 09:00: the person meant to change the day only. A time said with
 * the day ("friday at 10") is used. Expected instants come from the calendar (Intl).
 * London, Thursday 3 Dec 2026 18:00 GMT: "friday" is Fri 4 Dec, "monday" Mon 7 Dec.
 * UK clocks go forward on Sun 28 Mar 2027 (17:00 BST is 16:00 UTC from then).
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';
import { instantOf, wallOf } from './civil-calendar.js';

const LONDON = 'Europe/London';

async function at(start = '2026-12-03T18:00:00Z', zone = LONDON) {
  const t = makeChat({ start });
  await t.say(ALICE_DM, `/tz ${zone}`);
  return t;
}
type Chat = Awaited<ReturnType<typeof at>>;
const job = (t: Chat, id: string) => t.scheduler.jobs.get(id)!;
const next = (t: Chat, id: string) => job(t, id).nextRunAt?.toISOString();
const day = (y: number, m: number, d: number) => ({ y, m, d });

describe('/edit with a day or repeat but no time keeps the time of day', () => {
  it('"friday" on a one-off at 17:00 is Friday 17:00, text kept', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'remind me next tuesday at 5pm to call the vet');
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 8), 17, 0, LONDON).toISOString());
    const reply = await t.sayText(ALICE_DM, `/edit ${id} friday`);
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 4), 17, 0, LONDON).toISOString());
    expect(reply).toContain('Fri 4 Dec 17:00');
    expect(reply).not.toContain('09:00');
    expect(job(t, id).payload).toMatchObject({ text: 'call the vet' });
  });

  it('"every day" on a one-off at 17:00 is every day at 17:00; "every weekday" then keeps 17:00', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'remind me next tuesday at 5pm to water the plants');
    await t.sayText(ALICE_DM, `/edit ${id} every day`);
    expect(job(t, id).schedule).toEqual({ kind: 'cron', pattern: '0 17 * * *' });
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 4), 17, 0, LONDON).toISOString());
    const reply = await t.sayText(ALICE_DM, `/edit ${id} every weekday`);
    expect(job(t, id).schedule).toEqual({ kind: 'cron', pattern: '0 17 * * 1-5' });
    // Fri 4, then Mon 7 Dec (the weekend skipped)
    expect(reply).toContain('Mon 7 Dec 17:00');
    expect(job(t, id).payload).toMatchObject({ text: 'water the plants' });
  });

  it('a time said with the day is used: "friday at 10" is Friday 10:00', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'remind me next tuesday at 5pm to call the vet');
    await t.sayText(ALICE_DM, `/edit ${id} friday at 10`);
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 4), 10, 0, LONDON).toISOString());
  });

  it('"friday" with a new text keeps the time and takes the text', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'remind me next tuesday at 5pm to call the vet');
    await t.sayText(ALICE_DM, `/edit ${id} monday call the dentist`);
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 7), 17, 0, LONDON).toISOString());
    expect(job(t, id).payload).toMatchObject({ text: 'call the dentist' });
  });

  it('a repeat at several times keeps all of them: "every day at 9 and 17" -> "every weekday" at 09:00 and 17:00', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'every day at 9am and 5pm stretch');
    await t.sayText(ALICE_DM, `/edit ${id} every weekday`);
    expect(job(t, id).schedule).toEqual({ kind: 'cron', pattern: '0 9,17 * * 1-5' });
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 4), 9, 0, LONDON).toISOString());
  });

  it('a one-off at two times on one day keeps both on the new day', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'next tuesday at 9am and 5pm check the oven');
    await t.sayText(ALICE_DM, `/edit ${id} monday`);
    const fires = job(t, id).schedule;
    expect(fires).toEqual({
      kind: 'multi',
      triggers: [
        { kind: 'once', at: instantOf(day(2026, 12, 7), 9, 0, LONDON) },
        { kind: 'once', at: instantOf(day(2026, 12, 7), 17, 0, LONDON) },
      ],
    });
  });

  it('asks when the days have different times ("every day at 9am and on saturdays at 10"), changing nothing', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'every day at 9am and on saturdays at 10 feed the cat');
    const before = structuredClone(job(t, id).schedule);
    const reply = await t.sayText(ALICE_DM, `/edit ${id} every weekday`);
    expect(reply).toContain('Say the time too');
    expect(reply).toContain(`/edit ${id} every weekday at`);
    expect(job(t, id).schedule).toEqual(before);
  });

  it('asks for a time when the reminder has no time of day to keep ("every 2 hours"), changing nothing', async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'every 2 hours drink water');
    const before = structuredClone(job(t, id).schedule);
    const reply = await t.sayText(ALICE_DM, `/edit ${id} every day`);
    expect(reply).toContain('Say the time too');
    expect(job(t, id).schedule).toEqual(before);
  });

  it('"today" on a 17:00 reminder is today at 17:00, and refused once 17:00 has passed, changing nothing', async () => {
    const t = await at('2026-12-03T08:00:00Z');
    const id = await t.create(ALICE_DM, 'remind me next tuesday at 5pm to call the vet');
    await t.sayText(ALICE_DM, `/edit ${id} today`);
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 3), 17, 0, LONDON).toISOString());
    await t.sayText(ALICE_DM, `/edit ${id} monday`);
    await t.clock.advance(10 * 3_600_000); // 18:00
    const reply = await t.sayText(ALICE_DM, `/edit ${id} today`);
    expect(reply).toContain('already passed');
    expect(next(t, id)).toBe(instantOf(day(2026, 12, 7), 17, 0, LONDON).toISOString());
  });

  it("keeps the time in the reminder's own zone (17:00 New York for a London reader)", async () => {
    const t = await at();
    const id = await t.create(ALICE_DM, 'next tuesday at 5pm new york time call mom');
    expect(job(t, id).timeZone).toBe('America/New_York');
    await t.sayText(ALICE_DM, `/edit ${id} monday`);
    const j = job(t, id);
    expect(j.timeZone).toBe('America/New_York');
    // Monday 7 Dec in New York, at 17:00 there (22:00 in London)
    expect(j.nextRunAt?.toISOString()).toBe(instantOf(day(2026, 12, 7), 17, 0, 'America/New_York').toISOString());
  });

  it('stays 17:00 local across the clocks going forward (London, Sun 28 Mar 2027)', async () => {
    // Wednesday 24 Mar 2027 12:00 GMT; "thursday" is 25 Mar (GMT), "monday" 29 Mar (BST)
    const t = await at('2027-03-24T12:00:00Z');
    const id = await t.create(ALICE_DM, 'thursday at 5pm put the bins out');
    expect(next(t, id)).toBe('2027-03-25T17:00:00.000Z');
    const reply = await t.sayText(ALICE_DM, `/edit ${id} monday`);
    const moved = instantOf(day(2027, 3, 29), 17, 0, LONDON);
    expect(moved.toISOString()).toBe('2027-03-29T16:00:00.000Z');
    expect(next(t, id)).toBe(moved.toISOString());
    expect(reply).toContain('Mon 29 Mar 17:00');
    // and a repeat made from it runs at 17:00 on both sides of the change
    await t.sayText(ALICE_DM, `/edit ${id} every day`);
    expect(job(t, id).schedule).toEqual({ kind: 'cron', pattern: '0 17 * * *' });
    const first = await t.fire(id);
    expect(first).toBeDefined();
    for (let i = 0; i < 5; i++) {
      const w = wallOf(job(t, id).nextRunAt!, LONDON);
      expect([w.h, w.mi]).toEqual([17, 0]);
      await t.fire(id);
    }
  });
});
