import { z } from 'zod';
import type { CommandHandler, Executor } from '../executor.js';
import { MemoryAccessDenied, UserError } from '../errors.js';
import { parsePayloadWith } from './payload.js';

const CommandPayload = z.object({ command: z.string().min(1) });
export type CommandPayload = z.infer<typeof CommandPayload>;

/**
 * Throws a UserError when a text cannot be a scheduled command (the chat layer knows its
 * commands). Given to the command executors, it runs whenever a job's payload is validated:
 * at creation and change (chat, CLI) and before each run.
 */
export type CommandCheck = (commandText: string) => void;

/**
 * Runs a chat command as the job's ghost and delivers its reply. The handler comes from the
 * chat layer; the scheduler already runs us inside the SCHEDULER context, so a command that
 * touches a person's notes is refused by the notes store itself. A command that is refused or
 * answers with an error is a failed run (with its reason), never a success.
 */
export function commandExecutor(handler: CommandHandler | undefined, check?: CommandCheck): Executor<CommandPayload> {
  return {
    kind: 'command',
    parsePayload: (raw) => {
      const payload = parsePayloadWith(CommandPayload, raw, 'command', '{"command":"/list"}');
      check?.(payload.command);
      return payload;
    },
    async run(job) {
      if (!handler) return { status: 'failed', error: 'No command handler is configured for scheduled commands.', retryable: false };
      try {
        return { status: 'done', result: await handler(job.payload.command, job) };
      } catch (err) {
        if (err instanceof MemoryAccessDenied || err instanceof UserError)
          return { status: 'failed', error: err.message, retryable: false };
        throw err;
      }
    },
  };
}
