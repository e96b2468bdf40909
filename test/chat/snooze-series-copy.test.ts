/**
 * Snoozing a repeating reminder that just fired never adds a copy due with its next regular
 * occurrence: that one reminds then anyway, and two pings would come at once.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

describe('snooze of a series that just fired', () => {
  it('Snooze 10 min on an every-10-minutes reminder adds no copy and says the next one comes then', async () => {
    const t = makeChat({ start: '2026-12-02T22:00:40.300Z' }); // Wednesday 23:00:40 Berlin
    const id = await t.create(ALICE_DM, '/remind every 10 minutes take pills');
    const delivered = await t.fire(id);
    await t.clock.advance(350); // the press comes a moment after the delivery
    const next = t.scheduler.jobs.get(id)!.nextRunAt!;
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect(answer.toast).toContain('next regular reminder comes then anyway');
    expect([...t.scheduler.jobs.keys()]).toEqual([id]);
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(next);
  });

  it('Snooze 10 min on an hourly reminder still brings that one back once', async () => {
    const t = makeChat({ start: '2026-12-02T22:00:40.300Z' });
    const id = await t.create(ALICE_DM, '/remind every hour take pills');
    const delivered = await t.fire(id);
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect(t.scheduler.jobs.size).toBe(2);
  });
});

describe('Stop after a snooze of a series', () => {
  it('Stop cancels the snoozed copy too and says so', async () => {
    const t = makeChat({ start: '2026-12-02T22:00:40.300Z' });
    const id = await t.create(ALICE_DM, '/remind every hour take pills');
    const delivered = await t.fire(id);
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    const copy = [...t.scheduler.jobs.values()].find((j) => j.id !== id)!;
    expect(copy.status).toBe('active');
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Stop'));
    expect(answer.edit!.text).toContain("Stopped, it won't repeat");
    expect(answer.edit!.text).toContain(`[${copy.id}]) won't come either`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('cancelled');
    expect(t.scheduler.jobs.get(copy.id)!.status).toBe('cancelled');
  });
});
