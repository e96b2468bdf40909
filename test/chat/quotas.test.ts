import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_GROUP, makeChat } from './harness.js';

describe('quotas', () => {
  it('active reminders per user are capped (configurable)', async () => {
    const t = makeChat({ quotas: { maxRemindersPerUser: 2 } });
    await t.create(ALICE_DM, '/remind in 1 hour a');
    await t.create(ALICE_GROUP, '/remind in 1 hour b');
    const text = await t.sayText(ALICE_DM, '/remind in 1 hour c');
    expect(text).toContain('You already have 2 active reminders, the most one person may have');
    expect(t.scheduler.jobs.size).toBe(2);
  });

  it('cancelled reminders no longer count', async () => {
    const t = makeChat({ quotas: { maxRemindersPerUser: 1 } });
    const id = await t.create(ALICE_DM, '/remind in 1 hour a');
    await t.say(ALICE_DM, `/cancel ${id}`);
    expect(await t.sayText(ALICE_DM, '/remind in 1 hour b')).toContain('Reminder set');
  });

  it('active reminders per chat are capped', async () => {
    const t = makeChat({ quotas: { maxRemindersPerChat: 1 } });
    await t.create(ALICE_GROUP, '/remind in 1 hour a');
    expect(await t.sayText(BOB_GROUP, '/remind in 1 hour b')).toContain('This chat already has 1');
  });

  it('the quota check counts in the store and loads no jobs, however many the chat holds', async () => {
    const t = makeChat({ quotas: { maxRemindersPerChat: 3 } });
    for (const w of ['a', 'b']) await t.create(ALICE_GROUP, `/remind in 1 hour ${w}`);
    const counted: Array<number | undefined> = [];
    const count = t.scheduler.countJobs.bind(t.scheduler);
    t.scheduler.countJobs = async (f, atMost) => {
      counted.push(atMost);
      return count(f, atMost);
    };
    const list = t.scheduler.listJobs.bind(t.scheduler);
    // Only the duplicate check reads jobs: those due at the same instant, a bounded few.
    t.scheduler.listJobs = async (f) => {
      if (!f?.nextRunAt || !f.limit) throw new Error('/remind must not load jobs to check a quota');
      return list(f);
    };
    expect(await t.sayText(BOB_GROUP, '/remind in 1 hour c')).toContain('Reminder set');
    expect(await t.sayText(BOB_GROUP, '/remind in 1 hour d')).toContain('This chat already has 3 active reminders');
    // Counting stops at each limit (user 100, chat 3).
    expect(counted).toEqual([100, 3, 100, 3]);
  });

  it('a chat on another platform with the same id does not share the quota', async () => {
    const t = makeChat({ quotas: { maxRemindersPerChat: 1 } });
    await t.create(ALICE_GROUP, '/remind in 1 hour a');
    expect(await t.sayText({ ...BOB_GROUP, platform: 'discord' }, '/remind in 1 hour b')).toContain('Reminder set');
  });

  it('recurring reminders in groups may not fire more often than the configured minimum', async () => {
    const t = makeChat({ quotas: { minGroupIntervalMs: 10 * 60_000 } });
    const text = await t.sayText(ALICE_GROUP, '/remind every 5 minutes spam');
    expect(text).toContain('at most every 10 minutes; this one would fire every 5 minutes');
    expect(t.scheduler.jobs.size).toBe(0);
    expect(await t.sayText(ALICE_GROUP, '/remind every 10 minutes fine')).toContain('Reminder set');
  });

  it('the minimum is computed from the next fires, e.g. two daily times close together', async () => {
    const t = makeChat({ quotas: { minGroupIntervalMs: 2 * 3600_000 } });
    expect(await t.sayText(ALICE_GROUP, '/remind every day at 9am and 10am pills')).toContain('this one would fire every 1 hour');
  });

  it('the group interval minimum does not apply in private chats', async () => {
    const t = makeChat({ quotas: { minGroupIntervalMs: 10 * 60_000 } });
    expect(await t.sayText(ALICE_DM, '/remind every 5 minutes mine')).toContain('Reminder set');
  });

  it('one text limit: the default 1800 characters is the only limit a reminder meets, and a raised limit is honoured', async () => {
    const t = makeChat();
    const at = '/remind in 1 hour ';
    expect(await t.sayText(ALICE_DM, `${at}${'a'.repeat(1800 - at.length)}`)).toContain('Reminder set');
    const long = await t.sayText(ALICE_DM, `${at}${'b'.repeat(2500)}`);
    expect(long).toBe(
      `⚠️ Reminder text is too long (${'in 1 hour '.length + 2500} characters, at most 1800).\nExample: /remind in 1 hour call the bank`,
    );
    expect(t.scheduler.jobs.size).toBe(1);
    // Raised for a Telegram-only bot: the parser no longer stops at its own 2,000.
    const raised = makeChat({ quotas: { maxTextLength: 3000 } });
    expect(await raised.sayText(ALICE_DM, `${at}${'c'.repeat(2500)}`)).toContain('Reminder set');
    expect([...raised.scheduler.jobs.values()][0]?.payload).toMatchObject({ text: 'c'.repeat(2500) });
  });

  it('text longer than the limit is refused', async () => {
    const t = makeChat({ quotas: { maxTextLength: 50 } });
    const text = await t.sayText(ALICE_DM, `/remind in 1 hour ${'x'.repeat(60)}`);
    expect(text).toContain('too long');
    expect(t.scheduler.jobs.size).toBe(0);
  });
});
