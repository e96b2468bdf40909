import { describe, expect, it } from 'vitest';
import type { SchedulerApi } from '../../src/core/scheduler-api.js';
import { ALICE_DM, CAROL_ADMIN, ALICE_GROUP, makeChat } from './harness.js';

/**
 * A typed command and a button press on one job at the same moment (Discord hands messages and
 * interactions over concurrently; a group's buttons and the owner's DM are two chats): each
 * reads the job and acts on what it read. They take the job's turn one after the other, as
 * presses do, so the second sees what the first did.
 */

/**
 * Makes `method` of the chat's scheduler take a few event-loop turns before acting, as a busy
 * store does (for the calls `when` picks: all by default).
 */
function slow(scheduler: SchedulerApi, method: 'snoozeJob' | 'cancelJob' | 'updateJob', when: (args: unknown[]) => boolean = () => true) {
  const real = scheduler[method].bind(scheduler) as (...a: unknown[]) => Promise<unknown>;
  (scheduler as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    if (when(args)) for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return real(...args);
  };
}

describe('typed commands and presses on one job take turns', () => {
  it('/cancel while a Snooze press is acting: the reminder ends cancelled, not snoozed back to life', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min')); // pending again at 11:10
    slow(t.scheduler, 'snoozeJob');
    const [pressed, typed] = await Promise.all([
      t.press(ALICE_DM, t.button(delivered, 'Snooze 1 h')),
      t.sayText(ALICE_DM, `/cancel ${id}`),
    ]);
    expect(pressed.toast).toMatch(/^Snoozed until/);
    expect(typed).toContain(`Cancelled [${id}]`);
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'cancelled', nextRunAt: null });
  });

  it('a Snooze pressed while /cancel is acting sees the cancel and refuses', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_GROUP, '/remind in 1 hour call mom');
    const delivered = await t.fire(id);
    await t.press(ALICE_GROUP, t.button(delivered, 'Snooze 10 min'));
    slow(t.scheduler, 'cancelJob');
    const [typed, pressed] = await Promise.all([
      t.sayText(ALICE_DM, `/cancel ${id}`),
      t.press(CAROL_ADMIN, t.button(delivered, 'Snooze 1 h')),
    ]);
    expect(typed).toContain(`Cancelled [${id}]`);
    expect(pressed.toast).toMatch(/cancelled/);
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'cancelled', nextRunAt: null });
  });

  it("an /edit while a snooze's Undo is acting: the Undo puts back no run time onto the new schedule", async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour call mom'); // 11:00 UTC
    const snoozed = await t.say(ALICE_DM, `/snooze ${id} 30m`); // 11:30 UTC
    // The Undo's write (a status and a run time, no schedule) is the slow one.
    slow(t.scheduler, 'updateJob', ([, patch]) => !(patch as { schedule?: unknown }).schedule);
    const [undone, edited] = await Promise.all([
      t.press(ALICE_DM, t.button(snoozed[0], 'Undo')),
      t.sayText(ALICE_DM, `/edit ${id} tomorrow at 18:00`),
    ]);
    expect(undone.toast).toBe('Undone');
    expect(edited).toContain('Reminder updated');
    // The edit came second: its time stands.
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });
});
