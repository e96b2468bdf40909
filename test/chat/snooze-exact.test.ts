/**
 * A snooze span is exact: "30m" on a reminder due 10:00 makes it 10:30:00.000, whatever the
 * milliseconds of the moment the person typed it.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

// Wednesday 2 Dec 2026, 23:02:10.474 in Berlin: a moment with milliseconds, as a real clock has.
const TYPED_AT = '2026-12-02T22:02:10.474Z';

describe('snooze by a span', () => {
  it('/snooze 30m on a reminder due tomorrow at 10 makes it 10:30:00.000 exactly', async () => {
    const t = makeChat({ start: TYPED_AT });
    const id = await t.create(ALICE_DM, '/remind tomorrow at 10 dentist');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-12-03T09:00:00.000Z');
    const reply = await t.sayText(ALICE_DM, `/snooze ${id} 30m`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-12-03T09:30:00.000Z');
    expect(reply).toContain('Thu 3 Dec 10:30');
    await t.sayText(ALICE_DM, `/snooze ${id} 5m`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-12-03T09:35:00.000Z');
  });

  it('/snooze 1h on a series not yet fired moves its next occurrence by exactly one hour', async () => {
    const t = makeChat({ start: TYPED_AT });
    const id = await t.create(ALICE_DM, '/remind every day at 9 vitamins');
    await t.say(ALICE_DM, `/snooze ${id} 1h`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-12-03T09:00:00.000Z');
  });

  it('the Snooze 10 min button counts exactly ten minutes from the press', async () => {
    const t = makeChat({ start: TYPED_AT });
    const id = await t.create(ALICE_DM, '/remind in 5 minutes stretch');
    const delivered = await t.fire(id);
    const pressedAt = t.clock.now().getTime();
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.getTime()).toBe(pressedAt + 10 * 60_000);
  });
});
