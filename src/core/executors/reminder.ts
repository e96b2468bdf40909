import { z } from 'zod';
import type { Executor } from '../executor.js';
import { parsePayloadWith } from './payload.js';

const ReminderPayload = z.object({
  text: z.string(),
  /** The message the reminder is about (a reply to it), quoted or linked on delivery. */
  quote: z.object({ messageId: z.string().optional(), text: z.string().optional(), link: z.string().optional() }).optional(),
});
export type ReminderPayload = z.infer<typeof ReminderPayload>;

/** Delivers its text. The delivery formatter adds buttons, mentions and the quote. */
export const reminderExecutor: Executor<ReminderPayload> = {
  kind: 'reminder',
  parsePayload: (raw) => parsePayloadWith(ReminderPayload, raw, 'reminder', '{"text":"call mom"}'),
  async run(job) {
    return { status: 'done', result: job.payload.text };
  },
  runInstant: (job) => ({ status: 'done', result: job.payload.text }),
};
