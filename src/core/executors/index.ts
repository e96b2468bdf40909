import type { CommandHandler, Executor } from '../executor.js';
import { type CommandCheck, commandExecutor } from './command.js';
import { delayExecutor } from './delay.js';
import { pollCommandExecutor } from './poll-command.js';
import { type FetchLike, pollUrlExecutor } from './poll-url.js';
import { reminderExecutor } from './reminder.js';

export interface ExecutorDeps {
  /** Runs chat commands for `command` and `poll_command` jobs (the chat layer). */
  commandHandler?: CommandHandler;
  /** Refuses texts that cannot be scheduled commands (the chat layer's rule); none: no check. */
  checkCommand?: CommandCheck;
  /** HTTP client for `poll_url`; default one that refuses non-public addresses (guarded-fetch.ts). */
  fetch?: FetchLike;
}

/** The built-in job kinds. The composition root passes the list to the Scheduler. */
export function createExecutors(deps: ExecutorDeps = {}): Executor[] {
  return [
    reminderExecutor,
    commandExecutor(deps.commandHandler, deps.checkCommand),
    delayExecutor,
    pollUrlExecutor(deps.fetch),
    pollCommandExecutor(deps.commandHandler, deps.checkCommand),
  ] as Executor[];
}
