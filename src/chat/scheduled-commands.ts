import { UserError } from '../core/errors.js';
import type { CommandModule } from './command.js';
import { parseCommandText } from './command-text.js';

/**
 * Which chat commands a scheduled `command` job may run. A scheduled run acts with nobody
 * watching, as its owner's ghost: it may report (/list, /next, /history, /help) and act on
 * reminders of its own chat (/pause, /resume, /cancel, /snooze, /run), nothing else. A command
 * added later is refused until it is listed here.
 */
const SCHEDULABLE: ReadonlySet<string> = new Set([
  'list',
  'next',
  'history',
  'help',
  'start',
  'pause',
  'resume',
  'cancel',
  'snooze',
  'run',
]);

/** Why the other commands are refused, each with the way that works. */
const REFUSALS: Readonly<Record<string, string>> = {
  recall: 'scheduled runs never read your notes (they run without you). Ask me with /recall when you want them',
  remember: 'scheduled runs never change your notes. Add a note yourself with /remember',
  forget: 'scheduled runs never change your notes. Remove a note yourself with /forget',
  remind: 'a schedule cannot create more reminders. Schedule the reminder itself, e.g. /remind every friday at 5pm submit report',
  watch: 'a schedule cannot start watches. Start the watch yourself with /watch when it should begin',
  edit: 'a schedule cannot rewrite reminders. Schedule /pause, /resume, /cancel or /snooze instead, or /edit it yourself',
  ask: 'a schedule cannot talk to the assistant. Schedule a prompt instead: /remind every morning at 8 ask: summarise my day',
  tz: 'settings are changed by you, not by a schedule',
  dateorder: 'settings are changed by you, not by a schedule',
};

const EXAMPLE = '/list';

/** The commands a scheduled job may run, for messages: "/list, /next, …". */
function allowedList(): string {
  return [...SCHEDULABLE]
    .filter((n) => n !== 'start')
    .map((n) => `/${n}`)
    .join(', ');
}

/**
 * The command module a scheduled job's text runs, or a UserError saying why it cannot be
 * scheduled: not a command (no "/"), unknown, or one a scheduled run may not use. The same
 * check runs when a job is created or changed (chat and CLI) and again at each run.
 */
export function schedulableCommand(text: string, find: (name: string) => CommandModule | undefined): CommandModule {
  const trimmed = text.trim();
  const cmd = parseCommandText(trimmed);
  if (!cmd) {
    const word = /^[A-Za-z0-9_]+/.exec(trimmed)?.[0];
    const hint = word && find(word.toLowerCase()) ? ` (did you mean /${word.toLowerCase()}?)` : '';
    throw new UserError(
      'command.not_command',
      `"${trimmed.slice(0, 40)}" is not a command: a scheduled command starts with "/"${hint}.`,
      EXAMPLE,
    );
  }
  const module = find(cmd.name);
  if (!module) {
    throw new UserError('command.unknown', `/${cmd.name} is not a command I know. A scheduled job can run ${allowedList()}.`, EXAMPLE);
  }
  if (!SCHEDULABLE.has(module.name)) {
    const why = REFUSALS[module.name] ?? `a scheduled job can only run ${allowedList()}`;
    throw new UserError('command.not_schedulable', `/${module.name} can't be scheduled: ${why}.`, EXAMPLE);
  }
  return module;
}
