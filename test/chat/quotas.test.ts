import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_GROUP, makeChat } from './harness.js';

describe('quotas', () => {
  it('active reminders per user are capped (configurable)', async () => {
    const t = makeChat({ quotas: { maxRemindersPerUser: 2 } });
    await t.create(ALICE_DM, '/remind in 1 hours a');
    await t.create(ALICE_GROUP, '/remind in 1 hours b');
    const text = await t.sayText(ALICE_DM, '/remind in 1 hours c');
    expect(text).toContain('the limit is 2');
    expect(t.scheduler.jobs.size).toBe(2);
  });

  it('cancelled reminders no longer count', async () => {
    const t = makeChat({ quotas: { maxRemindersPerUser: 1 } });
    const id = await t.create(ALICE_DM, '/remind in 1 hours a');
    await t.say(ALICE_DM, `/cancel ${id}`);
    expect(await t.sayText(ALICE_DM, '/remind in 1 hours b')).toContain('Reminder set');
  });

  it('active reminders per chat are capped', async () => {
    const t = makeChat({ quotas: { maxRemindersPerChat: 1 } });
    await t.create(ALICE_GROUP, '/remind in 1 hours a');
    expect(await t.sayText(BOB_GROUP, '/remind in 1 hours b')).toContain('This chat already has 1');
  });

  it('recurring reminders in groups may not fire more often than once a minute', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_GROUP, '/remind every 30 seconds spam');
    expect(text).toContain('at most every 1 minute');
    expect(t.scheduler.jobs.size).toBe(0);
    expect(await t.sayText(ALICE_GROUP, '/remind every 1 minutes fine')).toContain('Reminder set');
  });

  it('the group interval minimum does not apply in private chats', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/remind every 30 seconds mine')).toContain('Reminder set');
  });

  it('text longer than the limit is refused', async () => {
    const t = makeChat({ quotas: { maxTextLength: 50 } });
    const text = await t.sayText(ALICE_DM, `/remind in 1 hours ${'x'.repeat(60)}`);
    expect(text).toContain('too long');
    expect(t.scheduler.jobs.size).toBe(0);
  });
});
