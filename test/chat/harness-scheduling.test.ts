import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

/**
 * The chat tests' scheduler stand-in must place a new job's first run where JobOperations
 * does (firstFire: strictly after now), or the tests pass against a schedule Chime never keeps.
 * It reached back a moment before now, so "every 10 minutes" read at 11:00 (anchored at 11:00)
 * first fired at 11:00 itself, an interval early.
 */
describe('the chat harness schedules as the scheduler does', () => {
  it('"every 10 minutes" first fires one interval after it was set, not at once', async () => {
    const t = makeChat(); // 10:00 UTC
    const id = await t.create(ALICE_DM, '/remind every 10 minutes stretch');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T10:10:00.000Z');
    await t.fire(id);
    expect(t.clock.now().toISOString()).toBe('2026-11-22T10:10:00.000Z');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T10:20:00.000Z');
  });

  it('a rule whose fire is now itself starts at its next fire', async () => {
    const t = makeChat(); // Sunday 11:00 Berlin
    const id = await t.create(ALICE_DM, '/remind every day at 11 stretch');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it('an edit to a new rule starts from now too', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour stretch');
    await t.sayText(ALICE_DM, `/edit ${id} every 15 minutes`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T10:15:00.000Z');
  });

  it('pause keeps the next run and resume keeps a snoozed time, as JobOperations does', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour stretch'); // 11:00 UTC
    await t.sayText(ALICE_DM, `/snooze ${id} 30m`);
    await t.sayText(ALICE_DM, `/pause ${id}`);
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'paused', nextRunAt: new Date('2026-11-22T11:30:00Z') });
    await t.sayText(ALICE_DM, `/resume ${id}`);
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-22T11:30:00Z') });
  });
});
