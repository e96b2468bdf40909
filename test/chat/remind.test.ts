import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

describe('/remind', () => {
  it('confirmation states id, text, weekday, wall time in the user zone and relative time', async () => {
    const t = makeChat(); // Sun 22 Nov 2026 10:00 UTC = 11:00 Berlin
    const [msg] = await t.say(ALICE_DM, '/remind in 2 hours stretch');
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(msg!.text).toContain(`[${job.id}]`);
    expect(msg!.text).toContain('stretch');
    expect(msg!.text).toContain('Sun 22 Nov 13:00 (in 2 hours)');
  });

  it('confirmation carries Undo and Edit actions with compact ids', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/tz Europe/Berlin');
    const [msg] = await t.say(ALICE_DM, '/remind in 2 hours stretch');
    const id = [...t.scheduler.jobs.keys()][0]!;
    // Undo carries the version of the reminder it created, so it refuses once someone changed it.
    expect(msg!.actions).toEqual([
      [
        { id: expect.stringMatching(new RegExp(`^undo:${id}\\.[\\w-]{8}$`)), label: 'Undo' },
        { id: `edit:${id}`, label: 'Edit' },
      ],
    ]);
    expect(Buffer.byteLength(msg!.actions![0]![0]!.id)).toBeLessThanOrEqual(64);
  });

  it('recurring confirmation lists the next runs', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/remind every day at 9 water plants');
    expect(text).toContain('Mon 23 Nov 09:00 (in 22 hours)');
    expect(text).toMatch(/Then: Tue 24 Nov 09:00, Wed 25 Nov 09:00, Thu 26 Nov 09:00/);
  });

  it('stores kind reminder with owner, origin and payload text', async () => {
    const t = makeChat();
    await t.say(ALICE_GROUP, '/remind in 5 minutes tea', { threadId: '7' });
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.kind).toBe('reminder');
    expect(job.payload).toEqual({ text: 'tea' });
    expect(job.owner).toEqual({ platform: 'telegram', userId: '100', name: 'Alice' });
    expect(job.origin).toMatchObject({ platform: 'telegram', chatId: '-500', chatType: 'group', threadId: '7' });
  });

  it('text starting with "/" becomes a command job', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remind every 1 day /list');
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.kind).toBe('command');
    expect(job.payload).toEqual({ command: '/list' });
  });

  it('rejected input gets the parser message and an example, and creates nothing', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/remind sometime buy milk');
    expect(text).toContain('When should I remind you?');
    expect(text).toContain('Example: /remind');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('empty /remind and a time without text are refused with an example', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/remind')).toContain('Example:');
    expect(await t.sayText(ALICE_DM, '/remind in 5 minutes')).toContain('What should I remind you about');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('replying with "/remind 2h" makes a reminder about the replied-to message', async () => {
    const t = makeChat();
    const [msg] = await t.say(ALICE_DM, '/remind 2h', {
      replyTo: { messageId: '42', text: 'pay the invoice', link: 'https://t.me/c/1/42' },
    });
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.payload).toEqual({
      text: 'pay the invoice',
      quote: { messageId: '42', text: 'pay the invoice', link: 'https://t.me/c/1/42' },
    });
    expect(msg!.text).toContain('(in 2 hours)');
  });

  it('"remind me in 1h" as a reply in a private chat works too', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, 'remind me in 1h', { replyTo: { messageId: '9' } });
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.payload).toEqual({ text: 'the message you replied to', quote: { messageId: '9' } });
  });
});
