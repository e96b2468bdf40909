/**
 * Scheduled commands (`/remind <when> /command`): which commands a schedule may run, and that
 * a command job acts only within its own chat and only runs what its owner chose.
 */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/core/job.js';
import { runWithContext, schedulerContext } from '../../src/core/runtime-context.js';
import { ALICE_DM, ALICE_GROUP, BOB_GROUP, CAROL_ADMIN, makeChat } from './harness.js';

type Chat = ReturnType<typeof makeChat>;

/** Runs a command job's text the way the scheduler does: as its ghost, in the SCHEDULER context. */
function runAsGhost(t: Chat, job: Job): Promise<string> {
  return runWithContext(schedulerContext(job.id, null), () => t.chat.commandHandler((job.payload as { command: string }).command, job));
}

const job = (t: Chat, id: string): Job => t.scheduler.jobs.get(id)!;

describe('a scheduled command is checked when it is made', () => {
  it.each([
    ['/remind every day at 9 /recall', "/recall can't be scheduled: scheduled runs never read your notes"],
    ['/remind every day at 9 /forget 1', "/forget can't be scheduled"],
    ['/remind in 1 hour /nosuchcommand', '/nosuchcommand is not a command I know. A scheduled job can run /list, /next, /history'],
    ['/remind in 1 hour /remind in 5 minutes tea', "/remind can't be scheduled: a schedule cannot create more reminders"],
    ['/remind in 1 hour /watch https://example.com', "/watch can't be scheduled"],
    ['/remind in 1 hour /tz Europe/Paris', "/tz can't be scheduled"],
  ])('%s is refused with the reason, and nothing is created', async (text, reason) => {
    const t = makeChat();
    const reply = await t.sayText(ALICE_DM, text);
    expect(reply).toContain(reason);
    expect(reply).toContain('Example: /list');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('a command a schedule may run is accepted as a command job', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every 1 hours /next');
    expect(job(t, id)).toMatchObject({ kind: 'command', payload: { command: '/next' } });
  });

  it('/edit of a command job to an unschedulable or slash-less command is refused', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every 1 hours /next');
    expect(await t.sayText(ALICE_DM, `/edit ${id} text: /recall`)).toContain("/recall can't be scheduled");
    expect(await t.sayText(ALICE_DM, `/edit ${id} text: list`)).toContain(
      '"list" is not a command: a scheduled command starts with "/" (did you mean /list?)',
    );
    expect(job(t, id).payload).toEqual({ command: '/next' });
    expect(await t.sayText(ALICE_DM, `/edit ${id} text: /history`)).toContain('Reminder updated');
    expect(job(t, id).payload).toEqual({ command: '/history' });
  });
});

describe('a scheduled command fails, never "succeeds", when it is refused or errs', () => {
  it('a stored /recall job (made before the check) fails its run with the reason', async () => {
    const t = makeChat();
    const stored = await t.scheduler.createJob({
      kind: 'command',
      name: '/recall',
      payload: { command: '/recall' },
      owner: { platform: 'telegram', userId: '100' },
      origin: { platform: 'telegram', chatId: '100', chatType: 'private' },
      schedule: { kind: 'once', at: t.clock.now() },
      timeZone: 'UTC',
    });
    await expect(runAsGhost(t, stored)).rejects.toThrow("/recall can't be scheduled");
  });

  it('a command answering with an error (an id that is gone) fails the run', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour /cancel zzzzzz');
    await expect(runAsGhost(t, job(t, id))).rejects.toThrow('No reminder with id "zzzzzz"');
  });
});

describe('a command job acts only within the chat it was created in', () => {
  it("an admin cannot rewrite a member's command job, so cannot act under the member's name", async () => {
    const t = makeChat();
    const secret = await t.create(ALICE_DM, '/remind in 3 hours dentist at the clinic, private');
    const groupJob = await t.create(ALICE_GROUP, '/remind every 1 hours /next');
    const reply = await t.sayText(CAROL_ADMIN, `/edit ${groupJob} text: /cancel ${secret}`);
    expect(reply).toContain(`Only its owner (Alice) can change what scheduled command ${groupJob} runs`);
    expect(job(t, groupJob).payload).toEqual({ command: '/next' });
    // Rescheduling with a new command in the same breath is refused too.
    expect(await t.sayText(CAROL_ADMIN, `/edit ${groupJob} every 2 hours /cancel ${secret}`)).toContain('Only its owner (Alice)');
    expect(job(t, groupJob).payload).toEqual({ command: '/next' });
    // What an admin may do to it: change its time, pause, cancel.
    expect(await t.sayText(CAROL_ADMIN, `/edit ${groupJob} every 2 hours`)).toContain('Reminder updated');
    expect(await t.sayText(CAROL_ADMIN, `/pause ${groupJob}`)).toContain('Paused');
    expect(job(t, secret).status).toBe('active');
  });

  it("a group command job cannot reach its owner's private reminders, and the group never sees their text", async () => {
    const t = makeChat();
    const secret = await t.create(ALICE_DM, '/remind in 3 hours dentist at the clinic, private');
    const cancelJob = await t.create(ALICE_GROUP, `/remind in 1 hour /cancel ${secret}`);
    const err = await runAsGhost(t, job(t, cancelJob)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toBe(`No reminder with id "${secret}".`);
    expect(job(t, secret).status).toBe('active');
    for (const cmd of ['/next', '/list', '/history']) {
      const id = await t.create(ALICE_GROUP, `/remind in 1 hour ${cmd}`);
      expect(await runAsGhost(t, job(t, id))).not.toContain('dentist');
    }
  });

  it("a private command job does not reach its owner's jobs in groups", async () => {
    const t = makeChat();
    const inGroup = await t.create(ALICE_GROUP, '/remind every 1 hours team standup');
    const pauser = await t.create(ALICE_DM, `/remind in 1 hour /pause ${inGroup}`);
    await expect(runAsGhost(t, job(t, pauser))).rejects.toThrow(`No reminder with id "${inGroup}"`);
    expect(job(t, inGroup).status).toBe('active');
    const own = await t.create(ALICE_DM, '/remind every 1 hours water');
    const lister = await t.create(ALICE_DM, '/remind in 1 hour /list');
    const listed = await runAsGhost(t, job(t, lister));
    expect(listed).toContain('water');
    expect(listed).not.toContain('team standup');
    expect(own).toBeTruthy();
  });

  it("within its own chat, the ghost has its owner's rights only (not an admin's)", async () => {
    const t = makeChat();
    const bobs = await t.create(BOB_GROUP, '/remind every 1 hours bob stuff');
    const alicePauser = await t.create(ALICE_GROUP, `/remind in 1 hour /pause ${bobs}`);
    await expect(runAsGhost(t, job(t, alicePauser))).rejects.toThrow('Only the owner (Bob) or a chat admin');
    const aliceOwn = await t.create(ALICE_GROUP, '/remind every 1 hours alice stuff');
    const ownPauser = await t.create(ALICE_GROUP, `/remind in 1 hour /pause ${aliceOwn}`);
    expect(await runAsGhost(t, job(t, ownPauser))).toContain('Paused');
    expect(job(t, bobs).status).toBe('active');
  });
});
