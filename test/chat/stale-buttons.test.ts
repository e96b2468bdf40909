import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, CAROL_ADMIN, makeChat } from './harness.js';

/**
 * Done and Stop under a delivered reminder end the job, not just the message: pressed on an old
 * delivery after the reminder was edited (a new time, a new text, a new rule), they would end
 * a reminder the message never showed. They refuse then, and say how to end it on purpose.
 */
describe('Done and Stop under a delivery made before an edit', () => {
  it('Done refuses once the fired one-off was edited to come again, and the edited reminder stays', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    expect(await t.sayText(ALICE_DM, `/edit ${id} tomorrow at 10`)).toContain(id);
    const edited = t.scheduler.jobs.get(id)!;
    expect(edited.status).toBe('active');

    const answer = await t.press(ALICE_DM, t.button(delivered, 'Done'));
    expect(answer.toast).toMatch(/changed after this message.*nothing was done/i);
    expect(answer.toast).toContain(`/cancel ${id}`);
    expect(answer.edit).toBeUndefined();
    expect(t.scheduler.jobs.get(id)).toEqual(edited);
  });

  it('Stop refuses on a delivery of the series before its rule was edited; an admin pressing it too', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_GROUP, '/remind every day at 11 standup');
    const delivered = await t.fire(id);
    await t.sayText(ALICE_GROUP, `/edit ${id} every monday at 10`);
    const edited = t.scheduler.jobs.get(id)!;
    for (const who of [ALICE_GROUP, CAROL_ADMIN]) {
      expect((await t.press(who, t.button(delivered, 'Stop'))).toast).toMatch(/changed after this message/i);
    }
    expect(t.scheduler.jobs.get(id)).toEqual(edited);
  });

  it('without an edit they act as before: Done ends a snoozed one-off, Stop ends the series', async () => {
    const t = makeChat();
    const once = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const first = await t.fire(once);
    await t.sayText(ALICE_DM, `/snooze ${once} 30m`);
    expect((await t.press(ALICE_DM, t.button(first, 'Done'))).toast).toBe('Done ✓');
    expect(t.scheduler.jobs.get(once)!.status).toBe('cancelled');

    const series = await t.create(ALICE_DM, '/remind every day at 11 standup');
    const delivered = await t.fire(series);
    expect((await t.press(ALICE_DM, t.button(delivered, 'Stop'))).toast).toBe('Stopped');
    expect(t.scheduler.jobs.get(series)!.status).toBe('cancelled');
  });
});
