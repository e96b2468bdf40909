/**
 * The Tomorrow button pressed in the small hours: a reminder that came at 23:55 on Thursday and
 * is put off at 00:10 (already Friday by the clock) was moved to Saturday 09:00, so the person
 * who meant "in the morning" got nothing on Friday. Pressed before 05:00 (the hour until which
 * the parser says "tomorrow" may mean the coming day), Tomorrow is the coming morning's 09:00;
 * from 05:00 it is the next day's. London; instants from Intl (civil-calendar.ts).
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const day = (d: number) => ({ y: 2026, m: 12, d });
const iso = (d: number, h: number, mi = 0) => instantOf(day(d), h, mi, ZONE).toISOString();

/** Alice's reminder `request` fires; the clock moves to d h:mi and she presses Tomorrow. */
async function pressTomorrowAt(request: string, d: number, h: number, mi: number) {
  const t = await chatInZone(ZONE, iso(3, 20));
  const id = await t.create(ALICE_DM, request);
  const fired = await t.fire(id);
  await t.clock.set(iso(d, h, mi));
  const answer = await t.press(ALICE_DM, t.button(fired, 'Tomorrow'));
  const jobs = [...t.scheduler.jobs.values()];
  return { t, id, answer, jobs };
}

describe('Tomorrow pressed in the small hours is the coming morning', () => {
  it('a one-off from 23:55 Thu, put off at 00:10 Fri, comes Fri 4 Dec 09:00', async () => {
    const { t, id, answer } = await pressTomorrowAt('at 11:55pm take pills', 4, 0, 10);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(iso(4, 9));
    expect(answer.edit!.text).toContain('Fri 4 Dec 09:00');
  });

  it('a daily 23:30 reminder, put off at 01:40, comes once more Fri 4 Dec 09:00; the series keeps 23:30', async () => {
    const { t, id, answer } = await pressTomorrowAt('every day at 11:30pm take pills', 4, 1, 40);
    const copies = [...t.scheduler.jobs.values()].filter((j) => j.id !== id);
    expect(copies.map((j) => j.nextRunAt!.toISOString())).toEqual([iso(4, 9)]);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(iso(4, 23, 30));
    expect(answer.toast).toContain('Fri 4 Dec 09:00');
  });

  it('from 05:00 it is the next day: pressed at 05:30 Fri, Sat 5 Dec 09:00', async () => {
    const { t, id } = await pressTomorrowAt('at 11:55pm take pills', 4, 5, 30);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(iso(5, 9));
  });

  it('pressed the evening it came, it is the next day as before: at 23:58 Thu, Fri 4 Dec 09:00', async () => {
    const { t, id } = await pressTomorrowAt('at 11:55pm take pills', 3, 23, 58);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(iso(4, 9));
  });
});
