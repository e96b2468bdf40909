import { join } from 'node:path';
import { CHIME_DIR } from '../config.js';
import { ConfigError, isUserError } from '../core/errors.js';
import { type CliIo, configOf, processIo } from './io.js';
import * as cleanup from './commands/cleanup.js';
import * as eventsTail from './commands/events-tail.js';
import * as jobsCreate from './commands/jobs-create.js';
import * as jobsDelete from './commands/jobs-delete.js';
import * as jobsHistory from './commands/jobs-history.js';
import * as jobsList from './commands/jobs-list.js';
import * as jobsNext from './commands/jobs-next.js';
import { pauseOrResume, pauseSummary, pauseUsage, resumeSummary, resumeUsage } from './commands/jobs-pause.js';
import * as jobsRun from './commands/jobs-run.js';
import * as jobsStats from './commands/jobs-stats.js';
import * as jobsUpdate from './commands/jobs-update.js';
import * as start from './commands/start.js';
import { chimeVersion } from './version.js';

interface Entry {
  usage: string;
  summary: string;
  run: (argv: string[], io: CliIo) => Promise<number>;
}

/** Every command by its words (`jobs list`). Order is the help order. */
const COMMANDS: Record<string, Entry> = {
  start: start,
  'jobs list': jobsList,
  'jobs create': jobsCreate,
  'jobs update': jobsUpdate,
  'jobs delete': jobsDelete,
  'jobs run': jobsRun,
  'jobs pause': { usage: pauseUsage, summary: pauseSummary, run: pauseOrResume('pause') },
  'jobs resume': { usage: resumeUsage, summary: resumeSummary, run: pauseOrResume('resume') },
  'jobs history': jobsHistory,
  'jobs next': jobsNext,
  'jobs stats': jobsStats,
  'events tail': eventsTail,
  cleanup: cleanup,
  // Loaded when used: the NL parser and discord.js need not load for `chime jobs list`.
  parse: {
    usage: 'chime parse [--tz <zone>] [--now <ISO instant>] [--date-order dmy|mdy] [--json | --jsonl] <text…>',
    summary: 'Show how a reminder text is understood (no job is created)',
    run: async (argv, io) => (await import('./commands/parse.js')).parseCommand(argv, io),
  },
  'discord register': {
    usage: 'chime discord register [--guild <guild id>]',
    summary: 'Register the slash commands with Discord (globally, or in one guild)',
    run: async (argv, io) => (await import('./commands/discord-register.js')).discordRegisterCommand(argv, io),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  chime ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Chime: durable reminders and scheduled jobs for Telegram, Discord and the console.',
    '',
    'Usage: chime <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `chime <command> --help` (or `chime help <command>`) for its options; `chime --version`',
    'prints the version. Configuration comes from the environment',
    `and ${join(CHIME_DIR, '.env')} (see .env.example), wherever you run chime from;`,
    'CHIME_DB selects the database (relative paths are relative to that directory).',
    '',
  ].join('\n');
}

/** Finds the longest command name that prefixes argv (`jobs list --status x` -> `jobs list`). */
function lookup(argv: string[]): { name: string; entry: Entry; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const entry = COMMANDS[name];
    if (entry && argv.length >= words) return { name, entry, rest: argv.slice(words) };
  }
  return undefined;
}

const commandHelp = (entry: Entry): string => `${entry.summary}\n\nUsage: ${entry.usage}\n`;

function unknownCommand(argv: string[], io: CliIo): number {
  const group = Object.keys(COMMANDS).filter((k) => k.startsWith(`${argv[0]} `));
  io.stderr(
    group.length > 0
      ? `Unknown command "chime ${argv.slice(0, 2).join(' ')}". Try one of: ${group.map((g) => `chime ${g}`).join(', ')}.\n`
      : `Unknown command "${argv[0]}". Run \`chime --help\` for the list.\n`,
  );
  return 1;
}

/**
 * The `chime` command line. Returns the exit code: 0 on success, 1 on any error (message on
 * stderr: friendly text plus an example for a UserError, the variable for a ConfigError).
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version')) {
    io.stdout(`chime ${chimeVersion()}\n`);
    return 0;
  }
  if (argv[0] === 'help' && argv.length > 1) {
    // `chime help jobs list` is `chime jobs list --help`.
    const topic = lookup(argv.slice(1));
    if (!topic || topic.rest.length > 0) return unknownCommand(argv.slice(1), io);
    io.stdout(commandHelp(topic.entry));
    return 0;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(help());
    return argv.length === 0 ? 1 : 0;
  }
  const found = lookup(argv);
  if (!found) return unknownCommand(argv, io);
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout(commandHelp(found.entry));
    return 0;
  }
  try {
    // Every command sees the same settings as the bot (`.env` counts for `chime jobs list` too),
    // and a bad one stops it before it does anything.
    configOf(io);
    return await found.entry.run(found.rest, io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`${err.message}\n`);
    } else if (isUserError(err)) {
      io.stderr(`Error: ${err.message}\n${err.example ? `Example: ${err.example}\n` : ''}`);
    } else {
      const e = err instanceof Error ? err : new Error(String(err));
      io.stderr(`Internal error in "chime ${found.name}": ${e.message}\n`);
      if (io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace') io.stderr(`${e.stack ?? ''}\n`);
    }
    return 1;
  }
}
