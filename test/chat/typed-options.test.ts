import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

describe('typed command options (Discord when:/what:)', () => {
  it('the what: text is kept verbatim and never read as a time ("call mom at 5" stays text)', async () => {
    const t = makeChat(); // Sun 22 Nov 2026 10:00 UTC
    await t.say(ALICE_DM, '/remind in 2 hours call mom at 5', { parts: { when: 'in 2 hours', what: 'call mom at 5' } });
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.payload).toEqual({ text: 'call mom at 5' });
    expect(job.nextRunAt?.toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('without a what:, the text left in the when: phrase is the reminder', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remind tomorrow at 9 stretch', { parts: { when: 'tomorrow at 9 stretch' } });
    expect([...t.scheduler.jobs.values()][0]!.payload).toEqual({ text: 'stretch' });
  });
});

describe('suggestJobs (id autocomplete)', () => {
  it("offers only the caller's own live reminders, filtered by id prefix or name", async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remind in 2 hours water plants');
    await t.say(ALICE_GROUP, '/remind in 3 hours buy milk');
    const bob = { ...ALICE_GROUP, userId: 'bob-1', userName: 'Bob' };
    await t.say(bob, '/remind in 1 hour bob secret');
    const all = await t.chat.suggestJobs!(ALICE_DM, '');
    expect(all.map((s) => s.label.split(' · ')[1]).sort()).toEqual(['buy milk', 'water plants']);
    const milk = await t.chat.suggestJobs!(ALICE_DM, 'milk');
    expect(milk).toHaveLength(1);
    expect(await t.chat.suggestJobs!(ALICE_DM, milk[0]!.id.slice(0, 3))).toContainEqual(milk[0]);
  });
});
