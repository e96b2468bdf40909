import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_DM, BOB_GROUP, CAROL_ADMIN, makeChat } from './harness.js';

describe('ownership and privacy', () => {
  it('another user cannot see or change a private reminder, and the error does not reveal it exists', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour secret');
    for (const cmd of ['cancel', 'pause', 'resume', 'run', 'history']) {
      const text = await t.sayText(BOB_DM, `/${cmd} ${id}`);
      expect(text).toContain(`No reminder with id "${id}"`);
    }
    expect(await t.sayText(BOB_DM, `/snooze ${id} 10m`)).toContain(`No reminder with id "${id}"`);
    expect(await t.sayText(BOB_DM, `/edit ${id} hacked`)).toContain(`No reminder with id "${id}"`);
    // Same answer as for an id that never existed.
    expect(await t.sayText(BOB_DM, '/cancel zzzzzz')).toContain('No reminder with id "zzzzzz"');
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
  });

  it('a private reminder is invisible even to a chat admin in a group', async () => {
    const t = makeChat();
    const id = await t.create(BOB_DM, '/remind in 1 hour bob private');
    expect(await t.sayText(CAROL_ADMIN, `/cancel ${id}`)).toContain('No reminder with id');
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
  });

  it('a group reminder by a non-admin is theirs: other members may not change it', async () => {
    const t = makeChat();
    const id = await t.create(BOB_GROUP, '/remind in 1 hour bob group');
    const text = await t.sayText(ALICE_GROUP, `/cancel ${id}`);
    expect(text).toContain('Only the owner (Bob) or a chat admin');
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
  });

  it('a chat admin may change any group reminder in that chat', async () => {
    const t = makeChat();
    const id = await t.create(BOB_GROUP, '/remind in 1 hour bob group');
    expect(await t.sayText(CAROL_ADMIN, `/pause ${id}`)).toContain('Paused');
    expect(t.scheduler.jobs.get(id)!.status).toBe('paused');
  });

  it('the owner may manage a group reminder from a private chat', async () => {
    const t = makeChat();
    const id = await t.create(BOB_GROUP, '/remind in 1 hour bob group');
    expect(await t.sayText(BOB_DM, `/cancel ${id}`)).toContain('Cancelled');
  });

  it('an admin of another group cannot touch this group’s reminders', async () => {
    const t = makeChat();
    const id = await t.create(BOB_GROUP, '/remind in 1 hour bob group');
    const otherAdmin = { ...CAROL_ADMIN, chatId: '-999' };
    expect(await t.sayText(otherAdmin, `/cancel ${id}`)).toContain('No reminder with id');
  });

  it('buttons pressed by someone else are refused and change nothing', async () => {
    const t = makeChat();
    const id = await t.create(BOB_GROUP, '/remind in 1 hour bob group');
    expect((await t.press(ALICE_GROUP, `stop:${id}`)).toast).toContain('Only the owner or a chat admin');
    expect((await t.press(ALICE_DM, `undo:${id}`)).toast).toContain('No reminder with id');
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
    expect((await t.press(CAROL_ADMIN, `stop:${id}`)).toast).toBe('Stopped');
  });
});
