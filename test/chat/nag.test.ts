/** "Until done": a reminder that repeats every few minutes until Done is pressed. */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

describe('nag until done', () => {
  it('"remind me every 10 minutes until done to take the pills" repeats until Done', async () => {
    const t = makeChat(); // Sunday 11:00 Berlin
    const [confirmed] = await t.say(ALICE_DM, 'remind me every 10 minutes until done to take the pills');
    expect(confirmed!.text).toMatch(/Reminder set \[\w+\]: take the pills/);
    expect(confirmed!.text).toContain('repeats every 10 minutes until you press Done');
    const id = /\[(\w+)\]/.exec(confirmed!.text)![1]!;
    const first = await t.fire(id);
    expect(first.text).toBe('⏰ take the pills');
    expect(first.actions!.flat().map((a) => a.label)).toEqual(['Done']);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.getTime()).toBe(t.clock.now().getTime() + 10 * 60_000);
    const second = await t.fire(id);
    const done = await t.press(ALICE_DM, t.button(second, 'Done'));
    expect(done.edit!.text).toContain('No more nagging');
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'cancelled', nextRunAt: null });
  });

  it('"at 5pm until done" starts at 17:00 and repeats every 10 minutes', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, 'remind me at 5pm until done to water the plants');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    await t.fire(id);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T16:10:00.000Z');
    expect((t.scheduler.jobs.get(id)!.payload as { text: string }).text).toBe('water the plants');
  });

  it('the minimum interval applies: a nag in a group may not fire more often than allowed', async () => {
    const t = makeChat({ quotas: { minGroupIntervalMs: 5 * 60_000 } });
    const text = await t.sayText(ALICE_GROUP, '/remind every 2 minutes until done stand up');
    expect(text).toContain('at most every 5 minutes');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('"Nag me" on a group reminder follows the group minimum even when the press comes from a private chat', async () => {
    const t = makeChat({ quotas: { minGroupIntervalMs: 30 * 60_000 } });
    const id = await t.create(ALICE_GROUP, '/remind in 5 minutes call the bank');
    await t.fire(id);
    // A press carrying a group job's id from the owner's private chat (typed on the console, or forged data).
    expect((await t.press(ALICE_DM, `nag:${id}`)).toast).toBe('Nagging every 30 minutes');
    const nag = [...t.scheduler.jobs.values()].find((j) => j.workflowId === `nag-${id}`)!;
    expect(nag.schedule).toMatchObject({ kind: 'interval', everyMs: 30 * 60_000 });
  });

  it('"Nag me" pressed after the series was cancelled starts no nag, and says how to nag on purpose', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every day at 11 standup');
    const delivered = await t.fire(id);
    await t.say(ALICE_DM, `/cancel ${id}`);
    const before = [...t.scheduler.jobs.values()];
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Nag me'));
    expect(answer.toast).toMatch(/was cancelled after this message; nothing was done/);
    expect(answer.toast).toContain('/remind every 10 minutes until done standup');
    expect([...t.scheduler.jobs.values()]).toEqual(before);
  });

  it('"Nag me" under a delivered reminder nags until Done; Done on the reminder ends the nag too', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 5 minutes call the bank');
    const delivered = await t.fire(id);
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Nag me'));
    expect(answer.edit!.text).toContain('every 10 minutes until you press Done');
    const nag = [...t.scheduler.jobs.values()].find((j) => j.id !== id)!;
    expect(nag).toMatchObject({ status: 'active', payload: { text: 'call the bank', nag: true } });
    expect(nag.nextRunAt!.toISOString()).toBe('2026-11-22T10:15:00.000Z');
    const nagged = await t.fire(nag.id);
    expect(nagged.text).toBe('⏰ call the bank');
    expect((await t.press(ALICE_DM, t.button(delivered, 'Nag me'))).toast).toContain('Already nagging');
    await t.press(ALICE_DM, t.button(answer.edit, 'Done'));
    expect(t.scheduler.jobs.get(nag.id)!.status).toBe('cancelled');
  });

  it('a Snooze pressed after "Nag me" on the same delivery adds no second reminder at the same time', async () => {
    // The console keeps old button numbers, and a quick double press on Telegram reaches Chime
    // before the keyboard is edited: before, the snooze re-armed the reminder beside the nag,
    // and both fired at 10:15.
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 5 minutes call the bank');
    const delivered = await t.fire(id);
    await t.press(ALICE_DM, t.button(delivered, 'Nag me'));
    const before = structuredClone([...t.scheduler.jobs.values()]);
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect(answer.toast).toMatch(/Already nagging about it \[\w+\]/);
    expect(answer.toast).toContain('Done');
    expect([...t.scheduler.jobs.values()]).toEqual(before);
    const pending = [...t.scheduler.jobs.values()].filter((j) => j.status === 'active');
    expect(pending.map((j) => j.payload)).toEqual([{ text: 'call the bank', nag: true }]);
  });

  it('"Nag me" pressed after a Snooze on the same delivery adds no nag beside the snoozed reminder', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 5 minutes call the bank');
    const delivered = await t.fire(id);
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    const before = structuredClone([...t.scheduler.jobs.values()]);
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Nag me'));
    expect(answer.edit).toBeUndefined();
    expect([...t.scheduler.jobs.values()]).toEqual(before);
    expect([...t.scheduler.jobs.values()].filter((j) => j.status === 'active')).toHaveLength(1);
  });
});
