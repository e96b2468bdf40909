/** `/cancel` handles every id it is given and says, per id, what was not done and why. */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, BOB_DM, makeChat } from './harness.js';

describe('/cancel with several ids', () => {
  it('cancels every id given', async () => {
    const t = makeChat();
    const a = await t.create(ALICE_DM, '/remind in 1 hour tea');
    const b = await t.create(ALICE_DM, '/remind in 2 hours coffee');
    const reply = await t.sayText(ALICE_DM, `/cancel ${a} ${b}`);
    expect(t.scheduler.jobs.get(a)!.status).toBe('cancelled');
    expect(t.scheduler.jobs.get(b)!.status).toBe('cancelled');
    expect(reply).toContain('Cancelled 2 of 2');
    expect(reply).toContain(`Cancelled [${a}]: tea`);
    expect(reply).toContain(`Cancelled [${b}]: coffee`);
  });

  it('says per id what was not done and why, and still cancels the rest', async () => {
    const t = makeChat();
    const a = await t.create(ALICE_DM, '/remind in 1 hour tea');
    const bobs = await t.create(BOB_DM, '/remind in 1 hour bob stuff');
    const done = await t.create(ALICE_DM, '/remind in 3 hours old');
    await t.say(ALICE_DM, `/cancel ${done}`);
    const [reply] = await t.say(ALICE_DM, `/cancel nope, ${bobs} ${a} ${done}`);
    expect(reply!.text).toContain('Cancelled 1 of 4');
    expect(reply!.text).toMatch(/nope: No reminder with id "nope"\.? Not cancelled/);
    expect(reply!.text).toMatch(new RegExp(`${bobs}: No reminder with id "${bobs}"`));
    expect(reply!.text).toContain(`${done}: Reminder ${done} is already cancelled. Not cancelled.`);
    expect(t.scheduler.jobs.get(a)!.status).toBe('cancelled');
    expect(t.scheduler.jobs.get(bobs)!.status).toBe('active');
    // One Undo, for the one that was cancelled.
    expect(reply!.actions!.flat()).toHaveLength(1);
    await t.press(ALICE_DM, reply!.actions![0]![0]!.id);
    expect(t.scheduler.jobs.get(a)!.status).toBe('active');
  });

  it('an id given twice is handled once', async () => {
    const t = makeChat();
    const a = await t.create(ALICE_DM, '/remind in 1 hour tea');
    const reply = await t.sayText(ALICE_DM, `/cancel ${a} #${a}`);
    expect(reply).not.toContain('already');
    expect(reply.match(/Cancelled \[/g)).toHaveLength(1);
  });
});
