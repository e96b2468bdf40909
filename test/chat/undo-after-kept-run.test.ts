/**
 * A one-off snoozed while its run was in progress (a prompt or command job) keeps the snooze
 * when the run settles (the store's KEPT_BY_PERSON), so its status and next run read as the
 * snooze left them. The snooze's Undo must still see that the job ran since: it put back the
 * run time that had just been used, and the one-off ran a second time at once.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

describe("a snooze's Undo after a run that settled under the snooze", () => {
  it('refuses, and the reminder keeps the snooze time', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour check the report');
    // Its run starts at 11:00 Berlin: the claim read it due then.
    const due = t.scheduler.jobs.get(id)!.nextRunAt!;
    await t.clock.advance(due.getTime() - t.clock.now().getTime());
    const [snoozed] = await t.say(ALICE_DM, `/snooze ${id} 30m`);
    const afterSnooze = t.scheduler.jobs.get(id)!;
    expect(afterSnooze.nextRunAt).toEqual(new Date(due.getTime() + 30 * 60_000));
    // The run settles a minute later and keeps the snooze, as the store does.
    await t.clock.advance(60_000);
    t.scheduler.jobs.set(id, { ...afterSnooze, runCount: 1, lastRunAt: t.clock.now(), updatedAt: t.clock.now() });
    const settled = t.scheduler.jobs.get(id)!;

    const answer = await t.press(ALICE_DM, t.button(snoozed, 'Undo'));
    expect(answer.toast).toMatch(/Can't undo: the reminder changed after this message/);
    expect(t.scheduler.jobs.get(id)).toEqual(settled);
  });
});
