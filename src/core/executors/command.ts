import { z } from 'zod';
import type { CommandHandler, Executor } from '../executor.js';
import { MemoryAccessDenied } from '../errors.js';
import { parsePayloadWith } from './payload.js';

const CommandPayload = z.object({ command: z.string().min(1) });
export type CommandPayload = z.infer<typeof CommandPayload>;

/**
 * Runs a chat command as the job's ghost and delivers its reply. The handler comes from the
 * chat layer; the scheduler already runs us inside the SCHEDULER context, so a command that
 * touches a person's notes is refused by the notes store itself.
 */
export function commandExecutor(handler: CommandHandler | undefined): Executor<CommandPayload> {
  return {
    kind: 'command',
    parsePayload: (raw) => parsePayloadWith(CommandPayload, raw, 'command', '{"command":"/list"}'),
    async run(job) {
      if (!handler) return { status: 'failed', error: 'No command handler is configured for scheduled commands.', retryable: false };
      try {
        return { status: 'done', result: await handler(job.payload.command, job) };
      } catch (err) {
        if (err instanceof MemoryAccessDenied) return { status: 'failed', error: err.message, retryable: false };
        throw err;
      }
    },
  };
}
