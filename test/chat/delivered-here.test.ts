/** A private chat has one person: they manage every job delivered there, whoever made it (the CLI). */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_DM, makeChat } from './harness.js';

async function jobMadeElsewhereFor(t: ReturnType<typeof makeChat>, chat: typeof ALICE_DM) {
  return t.scheduler.createJob({
    kind: 'reminder',
    name: 'backup',
    payload: { text: 'run the backup' },
    owner: { platform: chat.platform, userId: 'cli', name: 'cli' },
    origin: { platform: chat.platform, chatId: chat.chatId, chatType: 'private' },
    schedule: { kind: 'once', at: new Date('2026-11-22T12:00:00Z') },
    timeZone: 'UTC',
  });
}

describe('jobs delivered to a private chat', () => {
  it('are listed, snoozed, pressed and cancelled there', async () => {
    const t = makeChat();
    const job = await jobMadeElsewhereFor(t, ALICE_DM);
    expect(await t.sayText(ALICE_DM, '/list')).toContain(`${job.id} ·`);
    expect(await t.sayText(ALICE_DM, `/snooze ${job.id} 10m`)).toContain(`Snoozed [${job.id}]`);
    expect((await t.press(ALICE_DM, `done:${job.id}`)).toast).toBe('Done ✓');
    expect(t.scheduler.jobs.get(job.id)!.status).toBe('cancelled');
  });

  it('stay invisible to anyone else and from a group', async () => {
    const t = makeChat();
    const job = await jobMadeElsewhereFor(t, ALICE_DM);
    expect(await t.sayText(BOB_DM, `/cancel ${job.id}`)).toContain('No reminder with id');
    expect(await t.sayText(ALICE_GROUP, `/cancel ${job.id}`)).toContain('No reminder with id');
    expect(await t.sayText(BOB_DM, '/list')).not.toContain(job.id);
    expect((await t.press(BOB_DM, `s10:${job.id}`)).toast).toContain('No reminder with id');
    expect(t.scheduler.jobs.get(job.id)!.status).toBe('active');
  });
});
