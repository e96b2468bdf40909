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

/**
 * Snooze buttons move a one-off's pending run to their time: pressed on an old delivery after
 * the reminder was edited to come sooner, they pushed the edited reminder back. They carry the
 * version the message showed, as Done and Stop do, and refuse once an edit changed it.
 */
describe('Snooze buttons under a delivery made before an edit', () => {
  it('each Snooze refuses once the fired one-off was edited to come sooner, and the edited reminder stays', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    // Fired at 11:00 UTC; edited to come again at 11:05, before any snooze's time.
    await t.sayText(ALICE_DM, `/edit ${id} in 5 minutes`);
    const edited = t.scheduler.jobs.get(id)!;
    expect(edited.nextRunAt).toEqual(new Date('2026-11-22T11:05:00Z'));
    for (const label of ['Snooze 10 min', 'Snooze 1 h', 'Tomorrow']) {
      const answer = await t.press(ALICE_DM, t.button(delivered, label));
      expect(answer.toast).toMatch(/changed after this message.*nothing was done/i);
      expect(answer.toast).toContain(`/snooze ${id} `);
      expect(answer.edit).toBeUndefined();
      expect(t.scheduler.jobs.get(id)).toEqual(edited);
    }
  });

  it('Snooze on a series edited since adds no copy; nor does "the one that fired" asked for before the edit', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every day at 11 standup');
    const delivered = await t.fire(id);
    const asked = await t.say(ALICE_DM, `/snooze ${id} 30m`);
    await t.sayText(ALICE_DM, `/edit ${id} every day at 11 retro`);
    const before = [...t.scheduler.jobs.values()];
    expect((await t.press(ALICE_DM, t.button(delivered, 'Snooze 1 h'))).toast).toMatch(/changed after this message/i);
    expect((await t.press(ALICE_DM, t.button(asked[0], 'The one that fired'))).toast).toMatch(/changed after this message/i);
    expect([...t.scheduler.jobs.values()]).toEqual(before);
  });

  it('without an edit, and from buttons sent before they carried a version, Snooze acts as before', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    expect((await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'))).toast).toMatch(/^Snoozed until/);
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-22T11:10:00Z'));

    await t.sayText(ALICE_DM, `/edit ${id} in 5 minutes`);
    expect((await t.press(ALICE_DM, `s60:${id}`)).toast).toMatch(/^Snoozed until/);
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-22T12:00:00Z'));
  });
});

/**
 * "Nag me" copies the reminder into a nag. Pressed on a delivery made before an edit, it made
 * a second, nagging copy of the edited reminder beside it. It carries the version the message
 * showed, as the other buttons do, and refuses once an edit changed it.
 */
describe('Nag me under a delivery made before an edit', () => {
  it('refuses once the reminder was edited, starts no nag, and the command it offers nags about it as it is now', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    await t.sayText(ALICE_DM, `/edit ${id} tomorrow at 10 call dad`);
    const before = [...t.scheduler.jobs.values()];

    const answer = await t.press(ALICE_DM, t.button(delivered, 'Nag me'));
    expect(answer.toast).toMatch(/changed after this message.*nothing was done/i);
    expect(answer.toast).toContain('/remind every 10 minutes until done call dad');
    expect(answer.edit).toBeUndefined();
    expect([...t.scheduler.jobs.values()]).toEqual(before);

    // The command offered works: one nag, about the reminder as it is now.
    await t.sayText(ALICE_DM, '/remind every 10 minutes until done call dad');
    const nags = [...t.scheduler.jobs.values()].filter((j) => (j.payload as { nag?: boolean }).nag);
    expect(nags).toHaveLength(1);
    expect(nags[0]!.payload).toMatchObject({ text: 'call dad' });
  });

  it('without an edit, and from a button sent before it carried a version, Nag me acts as before', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    expect((await t.press(ALICE_DM, t.button(delivered, 'Nag me'))).toast).toBe('Nagging every 10 minutes');

    const other = await t.create(ALICE_DM, '/remind every day at 3pm water the plants');
    await t.fire(other);
    await t.sayText(ALICE_DM, `/edit ${other} text: water the roses`);
    expect((await t.press(ALICE_DM, `nag:${other}`)).toast).toBe('Nagging every 10 minutes');
  });

  it('a one-off set to come again (by /edit or a snooze) gets no nag beside it', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 hours water the plants');
    await t.fire(id);
    await t.sayText(ALICE_DM, `/edit ${id} in 5 minutes`);
    const answer = await t.press(ALICE_DM, `nag:${id}`);
    expect(answer.toast).toMatch(/comes again .*\(in 5 minutes\) \[\w+\], so no nag was added/);
    expect([...t.scheduler.jobs.values()].filter((j) => j.workflowId === `nag-${id}`)).toHaveLength(0);
  });
});
