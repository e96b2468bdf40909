/**
 * The README's command tables follow the code: every chat command has a row in the chat table
 * and every Discord slash command one in the Discord table, so a command added or renamed
 * without its documentation fails here.
 */
import { readFileSync } from 'node:fs';
import { ApplicationCommandType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { slashCommands } from '../adapters/discord/commands.js';
import { commandModules } from '../src/chat/commands/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The text of a `### title` section, up to the next heading. */
function section(title: string): string {
  const start = readme.indexOf(`### ${title}`);
  expect(start, `README section "### ${title}"`).toBeGreaterThan(-1);
  const end = readme.slice(start + 4).search(/\n#{2,3} /);
  return end === -1 ? readme.slice(start) : readme.slice(start, start + 4 + end);
}

describe('README command tables', () => {
  it('every chat command has a row with an example in the chat commands table', () => {
    const table = section('Chat commands');
    const rows = table.split('\n').filter((l) => l.startsWith('| `/'));
    for (const c of commandModules()) {
      const row = rows.find((r) => new RegExp(`\`/${c.name}\\b`).test(r.split(' | ')[0] ?? ''));
      expect(row, `a row for /${c.name}`).toBeDefined();
      expect(row!.split(' | ').at(-1), `an example for /${c.name}`).toMatch(/`\/\w/);
    }
  });

  it('every Discord slash command (and each /reminders subcommand) has a row in the Discord table', () => {
    const table = section('Discord');
    for (const cmd of slashCommands()) {
      if (cmd.type === ApplicationCommandType.Message) {
        expect(table, `the message menu entry ${cmd.name}`).toContain(cmd.name);
        continue;
      }
      const options = ('options' in cmd ? cmd.options : undefined) as Array<{ type: number; name: string }> | undefined;
      const subs = (options ?? []).filter((o) => o.type === 1);
      if (subs.length === 0) expect(table, `/${cmd.name}`).toContain(`\`/${cmd.name}`);
      for (const sub of subs) expect(table, `/${cmd.name} ${sub.name}`).toMatch(new RegExp(`\`/${cmd.name} [^|]*\\b${sub.name}\\b`));
    }
  });
});
