import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_DM, BOB_GROUP, makeChat } from './harness.js';

describe('/list', () => {
  it('in a private chat lists only the user’s own reminders, soonest first', async () => {
    const t = makeChat();
    await t.create(ALICE_DM, '/remind in 3 hours later thing');
    await t.create(ALICE_DM, '/remind in 1 hour sooner thing');
    await t.create(BOB_DM, '/remind in 2 hours bobs secret');
    const text = await t.sayText(ALICE_DM, '/list');
    expect(text).toContain('Your reminders (2)');
    expect(text.indexOf('sooner thing')).toBeLessThan(text.indexOf('later thing'));
    expect(text).not.toContain('bobs secret');
  });

  it('in a group lists that chat’s reminders, never anyone’s private ones', async () => {
    const t = makeChat();
    await t.create(ALICE_GROUP, '/remind in 1 hour group standup');
    await t.create(BOB_GROUP, '/remind in 2 hours bob group thing');
    await t.create(ALICE_DM, '/remind in 3 hours alice private');
    const text = await t.sayText(BOB_GROUP, '/list');
    expect(text).toContain('group standup');
    expect(text).toContain('bob group thing');
    expect(text).not.toContain('alice private');
  });

  it('an empty list says how to start', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/list')).toContain('/remind in 10 minutes');
  });

  it('shows paused reminders as paused', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour tea');
    await t.say(ALICE_DM, `/pause ${id}`);
    expect(await t.sayText(ALICE_DM, '/list')).toMatch(new RegExp(`${id} .*tea.*paused`));
  });
});
