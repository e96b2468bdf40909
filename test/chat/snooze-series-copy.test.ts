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
