/**
 * Snooze moves a reminder later, never earlier: a span counts from the due time of a reminder
 * still to come, from now for one that fired. A series never loses an occurrence: snoozing the
 * one that fired brings it back once, on its own, and the series goes on.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

const EVENING = '2026-11-22T19:00:00Z'; // Sunday 20:00 in Berlin

describe('snooze', () => {
  it('/snooze 30m on a reminder due tomorrow at 9 makes it 9:30 tomorrow, not tonight', async () => {
    const t = makeChat({ start: EVENING });
    const id = await t.create(ALICE_DM, 'remind me tomorrow at 9am to call mom');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    const reply = await t.sayText(ALICE_DM, `/snooze ${id} 30m`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:30:00.000Z');
    expect(reply).toContain('Mon 23 Nov 09:30');
    expect(reply).toContain('was due Mon 23 Nov 09:00');
  });

  it('/snooze to a time before the due time is refused and changes nothing', async () => {
    const t = makeChat({ start: EVENING });
    const id = await t.create(ALICE_DM, 'remind me tomorrow at 9am to call mom');
    const reply = await t.sayText(ALICE_DM, `/snooze ${id} tomorrow at 8am`);
    expect(reply).toContain('earlier than its due time');
    expect(reply).toContain('Nothing was changed');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it('/snooze of a reminder that fired counts from now', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 5 minutes stretch');
    await t.fire(id);
    await t.say(ALICE_DM, `/snooze ${id} 30m`);
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-22T10:35:00.000Z') });
  });

  it("Snooze under a series' delivered reminder brings that one back once; the series keeps its next run", async () => {
    const t = makeChat({ start: '2026-11-23T07:00:00Z' }); // Monday 08:00 Berlin
    const id = await t.create(ALICE_DM, '/remind every weekday at 9 standup');
    const delivered = await t.fire(id); // Monday 09:00
    const nextDay = '2026-11-24T08:00:00.000Z'; // Tuesday 09:00 Berlin
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(nextDay);
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect(answer.edit!.text).toContain('Comes again at Mon 23 Nov 09:10');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(nextDay);
    const again = [...t.scheduler.jobs.values()].find((j) => j.id !== id)!;
    expect(again).toMatchObject({ status: 'active', schedule: { kind: 'once' }, payload: { text: 'standup' } });
    expect(again.nextRunAt!.toISOString()).toBe('2026-11-23T08:10:00.000Z');
    // A second press on the same message does not add a second copy, nor bring it earlier.
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect([...t.scheduler.jobs.values()]).toHaveLength(2);
    // Its Undo removes only the extra run.
    await t.press(ALICE_DM, t.button(answer.edit, 'Undo'));
    expect(t.scheduler.jobs.has(again.id)).toBe(false);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(nextDay);
  });

  it('/snooze of a series that has not fired yet moves its next occurrence, not past the one after', async () => {
    const t = makeChat({ start: '2026-11-23T07:00:00Z' });
    const id = await t.create(ALICE_DM, '/remind every day at 9 vitamins');
    await t.say(ALICE_DM, `/snooze ${id} 30m`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:30:00.000Z');
    const refused = await t.sayText(ALICE_DM, `/snooze ${id} 2 days`);
    expect(refused).toContain('following occurrence');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:30:00.000Z');
    // After the moved one fires, the series is back on its time.
    await t.fire(id);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('/snooze of a series that fired asks which one, and each answer does only that', async () => {
    const t = makeChat({ start: '2026-11-23T07:00:00Z' });
    const id = await t.create(ALICE_DM, '/remind every day at 9 vitamins');
    await t.fire(id); // Monday 09:00
    const [question] = await t.say(ALICE_DM, `/snooze ${id} 30m`);
    expect(question!.text).toContain('Which one should wait?');
    expect(t.scheduler.jobs.size).toBe(1);
    const again = await t.press(ALICE_DM, t.button(question, 'The one that fired'));
    expect(again.edit!.text).toContain('Comes again at Mon 23 Nov 09:30');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    const [question2] = await t.say(ALICE_DM, `/snooze ${id} 30m`);
    await t.press(ALICE_DM, t.button(question2, 'The next one'));
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-24T08:30:00.000Z');
  });

  it('a snooze button never brings a later pending run earlier', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 5 minutes stretch');
    const delivered = await t.fire(id);
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 1 h'));
    const later = t.scheduler.jobs.get(id)!.nextRunAt!.toISOString();
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect(answer.toast).toContain('already set for');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe(later);
  });
});

/**
 * A Snooze pressed under a delivered one-off that was snoozed and then paused: it keeps its
 * time while paused but will not come then. The refusal said "It is already set for 12:30",
 * which promises a reminder that does not come.
 */
describe('Snooze on a paused reminder', () => {
  it('says it is paused and how to resume it, instead of "already set for", and changes nothing', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    await t.sayText(ALICE_DM, `/snooze ${id} 30m`);
    await t.sayText(ALICE_DM, `/pause ${id}`);
    const paused = t.scheduler.jobs.get(id)!;
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect(answer.toast).toBe(`It is paused: it will not come Sun 22 Nov 12:30 (in 30 minutes) unless you /resume ${id}.`);
    expect(t.scheduler.jobs.get(id)).toEqual(paused);
  });
});
