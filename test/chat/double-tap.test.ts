import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, CAROL_ADMIN, makeChat } from './harness.js';

/**
 * Presses that arrive together (a double tap, the owner and an admin at once, the same button
 * on two messages): Discord hands interactions over concurrently, and each press reads the job
 * before it acts. Presses on one job are answered one after another, so the second sees what
 * the first did.
 */
describe('presses on one job at the same moment', () => {
  it('Snooze 10 min tapped twice on a fired series brings that occurrence back once, not twice', async () => {
    const t = makeChat();
    // Made at 11:00 itself: the first fire is tomorrow's (strictly after now, as the scheduler does).
    const id = await t.create(ALICE_DM, '/remind every day at 11 stretch');
    const msg = await t.fire(id);
    const snooze = t.button(msg, 'Snooze 10');
    const answers = await Promise.all([t.press(ALICE_DM, snooze), t.press(ALICE_DM, snooze)]);
    const copies = [...t.scheduler.jobs.values()].filter((j) => j.id !== id && j.status === 'active');
    expect(copies).toHaveLength(1);
    expect(copies[0]!.nextRunAt?.toISOString()).toBe('2026-11-23T10:10:00.000Z');
    expect(answers.map((a) => a.toast)).toEqual(['Snoozed until Mon 23 Nov 11:10 (in 10 minutes)', expect.stringMatching(/already/i)]);
  });

  it('Snooze on two deliveries of the same series at once (the owner and an admin) also adds one copy', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_GROUP, '/remind every day at 11 stretch');
    const first = await t.fire(id);
    const second = await t.fire(id);
    await Promise.all([t.press(ALICE_GROUP, t.button(first, 'Snooze 1')), t.press(CAROL_ADMIN, t.button(second, 'Snooze 1'))]);
    expect([...t.scheduler.jobs.values()].filter((j) => j.id !== id && j.status === 'active')).toHaveLength(1);
  });

  it("a creation's Undo tapped twice removes the reminder once; the second tap says it is gone", async () => {
    const t = makeChat();
    const reply = (await t.say(ALICE_DM, '/remind in 1 hour stretch'))[0];
    const undo = t.button(reply, 'Undo');
    const [a, b] = await Promise.all([t.press(ALICE_DM, undo), t.press(ALICE_DM, undo)]);
    expect(a.toast).toBe('Undone');
    expect(b.toast).toMatch(/No reminder with id/);
  });
});
