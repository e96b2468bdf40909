/**
 * A press whose change the scheduler refuses while the job runs (a schedule change: an edit's
 * Undo, "3 PM instead") is answered with the refusal, and nothing is lost: before, the person
 * read "Something went wrong", and an edit's Undo had already forgotten what to restore, so
 * pressed again after the run it said it had expired.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { ALICE_DM, makeChat } from './harness.js';

/** The scheduler refuses schedule changes while `running` holds, as JobOperations.updateJob does during a run. */
function whileRunning(t: ReturnType<typeof makeChat>) {
  const state = { running: false };
  const updateJob = t.scheduler.updateJob.bind(t.scheduler);
  t.scheduler.updateJob = async (id, patch) => {
    if (state.running && (patch.schedule || patch.timeZone || patch.bounds))
      throw new UserError('job.busy', `Job ${id} is running right now; change its schedule when this run has finished.`);
    return updateJob(id, patch);
  };
  return state;
}

describe('a press refused because the job runs right now', () => {
  it("an edit's Undo says so, changes nothing, and works when pressed again after the run", async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind tomorrow at 10 call mom');
    const [edited] = await t.say(ALICE_DM, `/edit ${id} tomorrow at 11`);
    const after = t.scheduler.jobs.get(id)!;
    const state = whileRunning(t);
    state.running = true;
    const refused = await t.press(ALICE_DM, t.button(edited, 'Undo'));
    expect(refused.toast).toContain('is running right now');
    expect(refused.edit).toBeUndefined();
    expect(t.errors).toEqual([]);
    expect(t.scheduler.jobs.get(id)).toEqual(after);

    state.running = false;
    const undone = await t.press(ALICE_DM, t.button(edited, 'Undo'));
    expect(undone.toast).toBe('Undone');
    // 10:00 Berlin on Mon 23 Nov is 09:00Z.
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-23T09:00:00Z'));
  });
});
