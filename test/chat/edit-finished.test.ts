/**
 * /edit says what the reminder will really do. A new time for a cancelled reminder left it
 * cancelled, while the answer showed "⏰ Mon 23 Nov 09:00": the person waited for a reminder
 * that never came. A paused one edited to a new time stays paused, and the answer now says so.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

describe('/edit of a reminder that will not come', () => {
  it('a new time for a cancelled reminder is refused, changes nothing, and names the /remind that sets it again', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_GROUP, '/remind every day at 10 standup');
    await t.say(ALICE_GROUP, `/cancel ${id}`);
    const cancelled = t.scheduler.jobs.get(id)!;
    const text = await t.sayText(ALICE_GROUP, `/edit ${id} every day at 9`);
    expect(text).toContain(`Reminder ${id} is cancelled, and a new time does not bring it back. Nothing was changed`);
    expect(text).toContain('Example: /remind every day at 9 standup');
    expect(text).not.toContain('⏰');
    expect(t.scheduler.jobs.get(id)).toEqual(cancelled);
    // The example works.
    expect(await t.sayText(ALICE_GROUP, '/remind every day at 9 standup')).toContain('✅ Reminder set');
  });

  it('a paused reminder edited to a new time says it stays paused', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind tomorrow at 10 call mom');
    await t.say(ALICE_DM, `/pause ${id}`);
    const text = await t.sayText(ALICE_DM, `/edit ${id} tomorrow at 11`);
    expect(text).toContain('⏰ Mon 23 Nov 11:00');
    expect(text).toContain(`⏸ Paused: it won't come until you /resume ${id}.`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('paused');
  });
});
