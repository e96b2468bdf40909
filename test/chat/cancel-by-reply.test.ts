import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

describe('/cancel as a reply to a confirmation', () => {
  it('cancels the reminder the replied-to confirmation names', async () => {
    const t = makeChat();
    const [confirmed] = await t.say(ALICE_DM, '/remind in 2 hours stretch');
    await t.say(ALICE_DM, '/remind in 3 hours drink water');
    const [stretch, water] = [...t.scheduler.jobs.values()];
    const text = await t.sayText(ALICE_DM, '/cancel', { replyTo: { messageId: '5', text: confirmed!.text } });
    expect(text).toContain(stretch!.id);
    expect(t.scheduler.jobs.get(stretch!.id)!.status).toBe('cancelled');
    expect(t.scheduler.jobs.get(water!.id)!.status).toBe('active');
  });

  it('a replied-to message naming no id, or two, still asks which and cancels nothing', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remind in 2 hours stretch');
    await t.say(ALICE_DM, '/remind in 3 hours drink water');
    const [a, b] = [...t.scheduler.jobs.keys()];
    for (const replied of ['⏰ stretch', `[${a}] and [${b}]`]) {
      const text = await t.sayText(ALICE_DM, '/cancel', { replyTo: { messageId: '6', text: replied } });
      expect(text).toContain('Which reminder?');
    }
    expect([...t.scheduler.jobs.values()].every((j) => j.status === 'active')).toBe(true);
  });
});
