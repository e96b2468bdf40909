/**
 * A creation's Undo removes a reminder only while it has not reminded yet: after it fired,
 * removing it would erase its run from the history, so Undo refuses and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

// The harness clock starts on Sunday 22 Nov 2026, 11:00 in Berlin (the reader's zone).
describe("a creation's Undo after the reminder fired", () => {
  it('a one-off that fired is kept, with the reason', async () => {
    const t = makeChat();
    const [confirmation] = await t.say(ALICE_DM, 'in 30 seconds check the oven');
    const id = /\[([a-z0-9]+)\]/.exec(confirmation!.text)![1]!;
    await t.fire(id); // 11:00:30
    const before = { ...t.scheduler.jobs.get(id)! };
    expect(before.status).toBe('completed');
    const answer = await t.press(ALICE_DM, t.button(confirmation, 'Undo'));
    expect(answer.edit?.text ?? answer.toast).toContain('already reminded you at Sun 22 Nov 11:00');
    expect(answer.edit?.text ?? answer.toast).toContain('Nothing was changed');
    expect(t.scheduler.jobs.get(id)).toEqual(before);
  });

  it('a repeating one that fired keeps its schedule and points to /cancel', async () => {
    const t = makeChat({ start: '2026-11-23T07:00:00Z' }); // Monday 08:00 Berlin
    const [confirmation] = await t.say(ALICE_DM, '/remind every day at 9 vitamins');
    const id = /\[([a-z0-9]+)\]/.exec(confirmation!.text)![1]!;
    await t.fire(id); // Monday 09:00
    const before = { ...t.scheduler.jobs.get(id)! };
    const answer = await t.press(ALICE_DM, t.button(confirmation, 'Undo'));
    const text = answer.edit?.text ?? answer.toast ?? '';
    expect(text).toContain('already reminded you at Mon 23 Nov 09:00');
    expect(text).toContain(`/cancel ${id} to stop future ones`);
    expect(t.scheduler.jobs.get(id)).toEqual(before);
  });

  it('before it fired, Undo still removes it', async () => {
    const t = makeChat();
    const [confirmation] = await t.say(ALICE_DM, 'in 30 seconds check the oven');
    const id = /\[([a-z0-9]+)\]/.exec(confirmation!.text)![1]!;
    const answer = await t.press(ALICE_DM, t.button(confirmation, 'Undo'));
    expect(answer.edit!.text).toContain('was removed');
    expect(t.scheduler.jobs.has(id)).toBe(false);
  });
});
