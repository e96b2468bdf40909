import { describe, expect, it } from 'vitest';
import { runWithContext, schedulerContext } from '../../src/core/runtime-context.js';
import { ALICE_DM, BOB_DM, makeChat } from './harness.js';

describe('notes and the ghost: scheduled runs may not read or change notes', () => {
  it('/remember, /recall and /forget work for a human', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/remember wifi is on the fridge')).toContain('Noted (#1)');
    await t.say(ALICE_DM, '/remember spare key under the mat');
    expect(await t.sayText(ALICE_DM, '/recall')).toBe('Your notes:\n1. wifi is on the fridge\n2. spare key under the mat');
    expect(await t.sayText(ALICE_DM, '/forget 1')).toContain('Forgot note #1');
    expect(await t.sayText(ALICE_DM, '/recall')).toBe('Your notes:\n1. spare key under the mat');
    expect(await t.sayText(BOB_DM, '/recall')).toContain('no notes');
  });

  it('bad /forget and empty /remember are refused with an example', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/forget two')).toContain('Example: /forget 2');
    expect(await t.sayText(ALICE_DM, '/forget 3')).toContain('no note #3');
    expect(await t.sayText(ALICE_DM, '/remember')).toContain('Example:');
  });

  it('a command job running /recall as the ghost is refused (a failed run), never given the notes', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remember my secret');
    expect(await t.sayText(ALICE_DM, '/remind every 1 day /recall')).toContain("/recall can't be scheduled");
    // One stored before that check existed:
    const job = await t.scheduler.createJob({
      kind: 'command',
      name: '/recall',
      payload: { command: '/recall' },
      owner: { platform: 'telegram', userId: '100' },
      origin: { platform: 'telegram', chatId: '100', chatType: 'private' },
      schedule: { kind: 'once', at: t.clock.now() },
      timeZone: 'UTC',
    });
    const outcome = await runWithContext(schedulerContext(job.id, 'tg_100'), () => t.chat.commandHandler('/recall', job)).then(
      (reply) => reply,
      (err: Error) => `failed: ${err.message}`,
    );
    expect(outcome).toMatch(/^failed: \/recall can't be scheduled: scheduled runs never read your notes/);
    expect(outcome).not.toContain('my secret');
  });

  it('the ghost never gets admin rights', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every 1 day /list');
    const job = t.scheduler.jobs.get(id)!;
    const reply = await runWithContext(schedulerContext(id, 'tg_100'), () => t.chat.commandHandler('/list', job));
    expect(reply).toContain('Your reminders (1)');
  });
});

describe('runtime context', async () => {
  const { createChatService } = await import('../../src/chat/chat-service.js');
  const { currentContext } = await import('../../src/core/runtime-context.js');
  const { ManualClock } = await import('../../src/clock.js');
  const { fakeNotes, fakeParse, fakePrefs, fakeScheduler } = await import('./fakes.js');
  it.each([
    ['telegram', '10018049', 'tg_10018049'],
    ['discord', '555', 'dc_555'],
    ['console', 'console', 'console_console'],
  ])('a human message on %s runs as HUMAN in session %s', async (platform, chatId, session) => {
    const clock = new ManualClock();
    const seen: unknown[] = [];
    const chat = createChatService({
      scheduler: fakeScheduler(clock),
      notes: fakeNotes(),
      prefs: fakePrefs(),
      clock,
      parse: (text, opts) => {
        seen.push(currentContext());
        return fakeParse(text, opts);
      },
      config: { defaultTimeZone: 'UTC' },
      logger: { info() {}, warn() {}, error() {} },
    });
    await chat.handleMessage({
      platform,
      chatId,
      chatType: 'private',
      userId: 'u',
      userName: 'U',
      isAdmin: false,
      text: '/remind in 5 minutes x',
    });
    expect(seen[0]).toMatchObject({ entityType: 'HUMAN', sessionId: session, isAutomated: false });
  });
});
