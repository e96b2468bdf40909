import { describe, expect, it } from 'vitest';
import { runWithContext, schedulerContext } from '../../src/core/runtime-context.js';
import { ALICE_DM, BOB_DM, makeChat } from './harness.js';

describe('notes and the ghost (seed 000)', () => {
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

  it('a command job running /recall as the ghost gets a clear refusal, not the notes', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remember my secret');
    const id = await t.create(ALICE_DM, '/remind every 1 day /recall');
    const job = t.scheduler.jobs.get(id)!;
    const reply = await runWithContext(schedulerContext(id, 'tg_100'), () => t.chat.commandHandler('/recall', job));
    expect(reply).toBe("🔒 Scheduled runs can't read your notes.");
    expect(reply).not.toContain('my secret');
  });

  it('the ghost never gets admin rights', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every 1 day /list');
    const job = t.scheduler.jobs.get(id)!;
    const reply = await runWithContext(schedulerContext(id, 'tg_100'), () => t.chat.commandHandler('/list', job));
    expect(reply).toContain('Your reminders (1)');
  });
});
