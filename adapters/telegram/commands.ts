/** One entry of the bot's command menu (Telegram `BotCommand`). */
export interface MenuCommand {
  /** 1-32 chars, lowercase letters, digits and underscores, without the slash. */
  command: string;
  /** 1-256 chars shown next to the command. */
  description: string;
}

/** The menu registered with setMyCommands at start (the chat layer's commands, issue 4). */
export const DEFAULT_COMMANDS: readonly MenuCommand[] = [
  { command: 'remind', description: 'Set a reminder: /remind in 2 hours stretch' },
  { command: 'list', description: 'Your reminders (in a group: this chat’s)' },
  { command: 'next', description: 'The next reminder due' },
  { command: 'cancel', description: 'Cancel a reminder: /cancel <id>' },
  { command: 'pause', description: 'Pause a reminder: /pause <id>' },
  { command: 'resume', description: 'Resume a paused reminder: /resume <id>' },
  { command: 'snooze', description: 'Snooze: /snooze <id> 10m' },
  { command: 'edit', description: 'Change time or text: /edit <id> tomorrow 9am' },
  { command: 'run', description: 'Run a job now: /run <id>' },
  { command: 'history', description: 'Past runs: /history [id]' },
  { command: 'tz', description: 'Set your time zone: /tz Europe/Berlin' },
  { command: 'dateorder', description: 'Date order: /dateorder dmy or mdy' },
  { command: 'remember', description: 'Keep a note: /remember <note>' },
  { command: 'recall', description: 'Show your notes' },
  { command: 'forget', description: 'Delete a note: /forget <n>' },
  { command: 'watch', description: 'Watch a URL: /watch <url> every 30s' },
  { command: 'help', description: 'How to use Chime' },
  { command: 'start', description: 'Welcome message' },
];
