/**
 * /help and /help <command>, from the user's side: every command's line whole, per-command
 * help with details and examples for every command, and every example answered as a working
 * command (not an error) when typed.
 */
import { describe, expect, it } from 'vitest';
import { commandModules } from '../../src/chat/commands/index.js';
import { COMMAND_HELP, EXAMPLE_ID } from '../../src/chat/help.js';
import { ALICE_DM, makeChat } from './harness.js';

const commands = commandModules();

describe('/help', () => {
  it('lists every command with its whole description (no line cut at a colon)', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/help');
    expect(text).toContain('/list [all] — Your reminders (in a group: this chat’s)');
    expect(text).toContain('/cancel <id> [id…] — Cancel reminders');
    for (const c of commands.filter((m) => m.name !== 'start' && m.name !== 'help')) expect(text).toContain(`${c.usage} — `);
    expect(text).toContain('/help <command> shows what a command does, with examples (e.g. /help remind)');
  });

  it('every command has per-command help with details and at least one example', () => {
    const missing = commands.filter((c) => !COMMAND_HELP[c.name]?.examples.length).map((c) => c.name);
    expect(missing, 'add an entry for each to COMMAND_HELP in src/chat/help.ts').toEqual([]);
  });

  it('/help <command> shows usage, details and examples; with or without slash; aliases too', async () => {
    const t = makeChat();
    const snooze = await t.sayText(ALICE_DM, '/help snooze');
    expect(snooze.split('\n')[0]).toBe('/snooze <id> <duration or time>');
    expect(snooze).toContain('Moves a reminder later');
    expect(snooze).toContain(`Examples:\n/snooze ${EXAMPLE_ID} 30m — thirty minutes later`);
    expect(snooze).toContain(`(${EXAMPLE_ID} stands for an id from /list.)`);
    expect(await t.sayText(ALICE_DM, '/help /SNOOZE')).toBe(snooze);
    const cancel = await t.sayText(ALICE_DM, '/help delete');
    expect(cancel.split('\n')[0]).toBe('/cancel <id> [id…]');
    expect(cancel).toContain('Also: /delete');
    for (const c of commands) {
      const text = await t.sayText(ALICE_DM, `/help ${c.name}`);
      expect(text.split('\n')[0], c.name).toBe(c.usage);
      for (const e of COMMAND_HELP[c.name]?.examples ?? []) expect(text).toContain(`${e.input} — ${e.does}`);
    }
  });

  it('/help with an unknown command says so and lists the commands', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/help frobnicate');
    expect(text.split('\n')[0]).toBe('I have no command /frobnicate.');
    expect(text).toContain('/remind <when> <what> — Set a reminder');
  });

  it('every example, typed as shown (with real ids), is answered without an error', async () => {
    const t = makeChat();
    const failures: string[] = [];
    for (const c of commands) {
      for (const e of COMMAND_HELP[c.name]?.examples ?? []) {
        // Fresh reminders for the id examples, so /cancel, /pause and friends have something to act on.
        const a = await t.create(ALICE_DM, '/remind in 3 hours stretch');
        const b = await t.create(ALICE_DM, '/remind in 4 hours drink water');
        if (e.input.startsWith('/resume')) await t.sayText(ALICE_DM, `/pause ${a}`);
        if (e.input.startsWith('/forget')) for (const n of ['one', 'two']) await t.sayText(ALICE_DM, `/remember ${n}`);
        const input = e.input.replace(EXAMPLE_ID, a).replace('p3x9ab', b);
        const reply = await t.sayText(ALICE_DM, input);
        if (/⚠️|I don't know \/|I have no command|didn't catch/.test(reply)) failures.push(`${input} → ${reply}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
