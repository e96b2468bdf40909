import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

/**
 * `/snooze <id> <time>` takes the id first. A time where the id belongs ("/snooze 30m") was
 * answered "No reminder with id "30m"", which reads as a wrong id; sent as a reply to a
 * confirmation it did not find the reminder the confirmation names, as /cancel does.
 */
describe('/snooze without an id', () => {
  it('as a reply to a confirmation: snoozes the reminder it names', async () => {
    // 10:00 UTC is 11:00 in Berlin (the harness default zone).
    const t = makeChat({ start: '2026-11-22T10:00:00Z' });
    const [confirmed] = await t.say(ALICE_DM, '/remind in 2 hours stretch');
    await t.say(ALICE_DM, '/remind in 3 hours drink water');
    const [stretch, water] = [...t.scheduler.jobs.values()];
    const text = await t.sayText(ALICE_DM, '/snooze 30m', { replyTo: { messageId: '5', text: confirmed!.text } });
    expect(text).toContain('Snoozed');
    // Not fired yet: 30 minutes from its due time, 12:00 UTC.
    expect(t.scheduler.jobs.get(stretch!.id)!.nextRunAt).toEqual(new Date('2026-11-22T12:30:00Z'));
    expect(t.scheduler.jobs.get(water!.id)!.nextRunAt).toEqual(new Date('2026-11-22T13:00:00Z'));
  });

  it('otherwise: asks which reminder, with the id first in the example, and changes nothing', async () => {
    const t = makeChat({ start: '2026-11-22T10:00:00Z' });
    await t.say(ALICE_DM, '/remind in 2 hours stretch');
    const [job] = [...t.scheduler.jobs.values()];
    for (const typed of ['/snooze 30m', '/snooze tomorrow at 9']) {
      const text = await t.sayText(ALICE_DM, typed, { replyTo: { messageId: '6', text: '⏰ stretch' } });
      expect(text).toContain('Which reminder? Put its id first');
      expect(text).toContain('/snooze k7m2qd 30m');
    }
    expect(await t.sayText(ALICE_DM, '/snooze zzzzzz 30m')).toContain('No reminder with id "zzzzzz"');
    expect(t.scheduler.jobs.get(job!.id)!.nextRunAt).toEqual(new Date('2026-11-22T12:00:00Z'));
  });
});
