import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

// The harness starts on Sun 22 Nov 2026 10:00 UTC = 11:00 in Europe/Berlin (its default zone).
describe('plain sentences in a private chat', () => {
  it('"in 90 seconds check the oven" is a reminder, with the Undo button', async () => {
    const t = makeChat();
    const [msg] = await t.say(ALICE_DM, 'in 90 seconds check the oven');
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.payload).toEqual({ text: 'check the oven' });
    expect(job.nextRunAt).toEqual(new Date('2026-11-22T10:01:30Z'));
    expect(msg!.text).toMatch(/Reminder set \[\w+\]: check the oven/);
    expect(msg!.actions?.flat().map((a) => a.id.split('.')[0])).toContain(`undo:${job.id}`);
  });

  it('"every weekday at 9 standup" repeats Monday to Friday at 09:00', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, 'every weekday at 9 standup');
    expect(text).toContain('Mon 23 Nov 09:00');
    expect(text).toMatch(/Then: Tue 24 Nov 09:00, Wed 25 Nov 09:00, Thu 26 Nov 09:00/);
    expect([...t.scheduler.jobs.values()][0]!.payload).toEqual({ text: 'standup' });
  });

  it('ordinary chatter gets the friendly hint and creates nothing, even when it names a day part', async () => {
    const t = makeChat();
    for (const chatter of ['hello there', 'thanks!', 'good morning', 'Good night', 'morning!', 'see you tomorrow', 'can we talk at 5?']) {
      const text = await t.sayText(ALICE_DM, chatter);
      expect(text, chatter).toContain("I didn't catch that");
      expect(text, chatter).toContain('every weekday at 9 standup');
    }
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('a time alone asks what to remind about and creates nothing', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '2pm')).toContain('What should I remind you about');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('in a group a plain sentence is still ignored: groups need the command or a mention', async () => {
    const t = makeChat();
    expect(await t.say(ALICE_GROUP, 'in 90 seconds check the oven')).toEqual([]);
    expect(t.scheduler.jobs.size).toBe(0);
  });
});
