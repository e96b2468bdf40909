import { z } from 'zod';
import type { CommandHandler, Executor } from '../executor.js';
import type { CommandCheck } from './command.js';
import { parsePayloadWith } from './payload.js';

const PollCommandPayload = z.object({
  command: z.string().min(1),
  /** Dotted path into the command's JSON reply, e.g. `deploy.state`. */
  success_field: z.string().min(1),
  success_values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  interval_seconds: z.number().positive().default(30),
});
export type PollCommandPayload = z.infer<typeof PollCommandPayload>;

function fieldOf(value: unknown, path: string): unknown {
  let cur = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * A `poll_command` job: runs a chat command (as the ghost) until a field of
 * its JSON reply has one of the success values.
 */
export function pollCommandExecutor(handler: CommandHandler | undefined, check?: CommandCheck): Executor<PollCommandPayload> {
  return {
    kind: 'poll_command',
    parsePayload: (raw) => {
      const payload = parsePayloadWith(
        PollCommandPayload,
        raw,
        'poll_command',
        '{"command":"/status","success_field":"state","success_values":["done"]}',
      );
      check?.(payload.command);
      return payload;
    },
    async run(job) {
      const p = job.payload;
      if (!handler) return { status: 'failed', error: 'No command handler is configured for scheduled commands.', retryable: false };
      const reply = await handler(p.command, job);
      let parsed: unknown;
      try {
        parsed = JSON.parse(reply);
      } catch {
        return { status: 'pending', result: `reply is not JSON: ${reply.slice(0, 80)}`, nextCheckMs: p.interval_seconds * 1000 };
      }
      const value = fieldOf(parsed, p.success_field);
      if (p.success_values.some((v) => v === value)) return { status: 'done', result: `${p.success_field} = ${String(value)}` };
      return { status: 'pending', result: `${p.success_field} = ${String(value)}`, nextCheckMs: p.interval_seconds * 1000 };
    },
  };
}
