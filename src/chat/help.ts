import type { CommandModule } from './command.js';

/** The longer help of one chat command, shown by `/help <command>` on every platform. */
export interface CommandHelp {
  /** What it does and the rules a person meets, in words that fit any platform. */
  details: string;
  /** Inputs that work as typed in a text chat, each with what it does. `k7m2qd` stands for an id from /list. */
  examples: Array<{ input: string; does: string }>;
}

/** The id the examples use; a reader replaces it with one from /list. */
export const EXAMPLE_ID = 'k7m2qd';

/**
 * Per-command help, by command name. One table for every platform: text chats show it with
 * `/help <command>`, Discord with `/help command:<name>` next to its own option names. A
 * command without an entry still gets its usage line; the chat tests require an entry for each.
 */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  start: {
    details: 'Says hello, shows your time zone and how to begin.',
    examples: [{ input: '/start', does: 'the introduction again' }],
  },
  help: {
    details: 'Lists every command; with a command name, shows what it does with examples.',
    examples: [
      { input: '/help', does: 'every command on one page' },
      { input: '/help snooze', does: 'the details of /snooze' },
    ],
  },
  remind: {
    details:
      'Sets a reminder: a time, then what to remind about. Times can be relative ("in 2 hours"), a day and time ("tomorrow at 9", "friday 5pm", "dec 24 18:00"), or repeating ("every weekday at 9", "every monday at 10 until march"). A zone written in the text wins ("at 3pm London time"). Reply to a message with /remind and a time to be reminded of that message. What I cannot read exactly is refused with an example, never guessed. In a private chat you can leave out /remind: "remind me tomorrow at 9 to call mom" works too.',
    examples: [
      { input: '/remind in 10 minutes stretch', does: 'once, ten minutes from now' },
      { input: '/remind tomorrow at 9 call mom', does: 'once, tomorrow at 09:00 in your time zone' },
      { input: '/remind every weekday at 8:30 standup', does: 'Monday to Friday at 08:30, until cancelled' },
      { input: '/remind every monday at 10 team sync until march', does: 'weekly, ending in March' },
    ],
  },
  list: {
    details:
      'Shows your active and paused reminders with their ids, next times and, for repeating ones, the rule in words (in a group: the reminders of this chat). The ids are what /cancel, /snooze, /edit and the other commands take. "/list all" adds those finished or cancelled in the last 30 days. A long list comes in pages; each page ends with the command for the next one (/list page 2).',
    examples: [
      { input: '/list', does: 'your reminders' },
      { input: '/list all', does: 'also the finished and cancelled ones of the last 30 days' },
    ],
  },
  next: {
    details: 'Shows the reminder that fires next and when.',
    examples: [{ input: '/next', does: 'the next reminder due' }],
  },
  cancel: {
    details:
      'Cancels reminders by id, several at once if you like; says for each id whether it was cancelled. A repeating reminder stops for good (use /pause to stop it for a while).',
    examples: [
      { input: `/cancel ${EXAMPLE_ID}`, does: 'cancels that reminder' },
      { input: `/cancel ${EXAMPLE_ID} p3x9ab`, does: 'cancels both' },
    ],
  },
  pause: {
    details: 'Pauses a reminder: it does not fire until you resume it.',
    examples: [{ input: `/pause ${EXAMPLE_ID}`, does: 'pauses that reminder' }],
  },
  resume: {
    details: 'Resumes a paused reminder: it fires again at its next time.',
    examples: [{ input: `/resume ${EXAMPLE_ID}`, does: 'resumes that reminder' }],
  },
  snooze: {
    details:
      'Moves a reminder later, by a duration or to a time, never earlier: a duration counts from its due time while it has not fired yet, from now once it has. A repeating reminder keeps its other occurrences (if it has fired before, you are asked whether the one that fired or the next one should wait). The Snooze buttons on a delivered reminder bring that one back later.',
    examples: [
      { input: `/snooze ${EXAMPLE_ID} 30m`, does: 'thirty minutes later' },
      { input: `/snooze ${EXAMPLE_ID} tomorrow at 9`, does: 'to tomorrow 09:00' },
    ],
  },
  edit: {
    details:
      'Changes the time or the text of a reminder. What reads as a time changes the time; anything else becomes the new text. Start with "when:" or "text:" to say which. A time alone ("at 9:30") keeps the day, and a repeating reminder keeps its repeat; to change a repeat, say the new one.',
    examples: [
      { input: `/edit ${EXAMPLE_ID} tomorrow at 10`, does: 'new time' },
      { input: `/edit ${EXAMPLE_ID} at 11pm`, does: 'new time of day, same day or repeat' },
      { input: `/edit ${EXAMPLE_ID} text: call the bank`, does: 'new text, same time' },
    ],
  },
  run: {
    details: 'Runs a reminder now: its message follows at once, and it still comes at its scheduled time.',
    examples: [{ input: `/run ${EXAMPLE_ID}`, does: 'delivers it now' }],
  },
  history: {
    details:
      'Shows past runs (when, whether it worked), newest first, of one reminder or of all of yours; older ones on the next pages (/history page 2).',
    examples: [
      { input: '/history', does: 'your recent runs' },
      { input: `/history ${EXAMPLE_ID}`, does: 'the runs of one reminder' },
    ],
  },
  tz: {
    details:
      'Shows or sets your time zone, used for every time you write: a city, a zone id or an abbreviation (abbreviations that mean several zones are asked about). Without a zone it shows the current one. When the zone changes, I list the reminders whose clock time would move and ask whether to keep their clock times or their moments. A chat admin can set the chat\'s default with "chat" first.',
    examples: [
      { input: '/tz', does: 'shows your zone' },
      { input: '/tz Berlin', does: 'sets your zone by city' },
      { input: '/tz America/New_York', does: 'sets your zone by its id' },
      { input: '/tz chat America/New_York', does: "sets this chat's default (admins)" },
    ],
  },
  dateorder: {
    details: 'How to read numeric dates like 3/4: dmy (3 April) or mdy (March 4). By default mdy for US zones, dmy elsewhere.',
    examples: [{ input: '/dateorder dmy', does: '3/4 means 3 April' }],
  },
  remember: {
    details: 'Keeps a private note for you; only you can read it, and scheduled runs cannot.',
    examples: [{ input: '/remember the spare key is under the mat', does: 'keeps that note' }],
  },
  recall: {
    details: 'Shows your notes, numbered. Many notes come in pages; each page ends with the command for the next one (/recall page 2).',
    examples: [{ input: '/recall', does: 'your notes' }],
  },
  forget: {
    details: 'Deletes a note by its number from /recall.',
    examples: [{ input: '/forget 2', does: 'deletes note 2' }],
  },
  watch: {
    details:
      'Checks a public http(s) URL at an interval (the first check at once, every minute unless you say) until it answers 200 OK, then tells this chat. In groups only admins may watch.',
    examples: [
      { input: '/watch https://example.com', does: 'checks every minute' },
      { input: '/watch https://example.com every 30s', does: 'checks every 30 seconds' },
    ],
  },
  ask: {
    details:
      'Asks the assistant (when a model is configured): it sets, lists, pauses, runs and cancels your reminders with the same rules as the commands, in your time zone, and every answer shows what was really stored (id, when, zone, next times). It remembers the last turns of this chat, so "and make it every week" follows on. In a private chat, text I cannot read as a reminder goes to it too; in a group, a message that mentions me or replies to me.',
    examples: [
      { input: '/ask remind me every weekday at 9 to stand up', does: 'a reminder, Monday to Friday at 09:00 your time' },
      { input: '/ask what do I have this week?', does: 'your reminders, in words' },
    ],
  },
};

/** The short line of a command: its description without the trailing example ("Cancel reminders: /cancel …" → "Cancel reminders"). */
export function summaryOf(command: CommandModule): string {
  return command.description.split(/:\s+\//)[0] ?? command.description;
}

/** Finds a command by name or alias, with or without the slash ("/Snooze" → snooze). */
export function findCommand(commands: CommandModule[], name: string): CommandModule | undefined {
  const wanted = name.trim().replace(/^\//, '').toLowerCase();
  return commands.find((c) => c.name === wanted || (c.aliases ?? []).includes(wanted));
}

/** `/help`: one line per command, and how to see more. */
export function helpOverview(commands: CommandModule[]): string {
  return [
    'Commands:',
    ...commands.filter((c) => c.name !== 'start' && c.name !== 'help').map((c) => `${c.usage} — ${summaryOf(c)}`),
    '',
    '/help <command> shows what a command does, with examples (e.g. /help remind).',
    'In a private chat, plain sentences work too: "remind me tomorrow at 9 to call mom".',
  ].join('\n');
}

/** `/help <command>`: usage, details, examples and other names. */
export function commandHelpText(command: CommandModule): string {
  const help = COMMAND_HELP[command.name];
  const lines = [command.usage, summaryOf(command)];
  if (help) {
    lines.push('', help.details, '', 'Examples:', ...help.examples.map((e) => `${e.input} — ${e.does}`));
    if (help.examples.some((e) => e.input.includes(EXAMPLE_ID))) lines.push(`(${EXAMPLE_ID} stands for an id from /list.)`);
  }
  if (command.aliases?.length) lines.push('', `Also: ${command.aliases.map((a) => `/${a}`).join(', ')}`);
  return lines.join('\n');
}
