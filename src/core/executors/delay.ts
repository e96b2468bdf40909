import { z } from 'zod';
import type { Executor } from '../executor.js';
import { parsePayloadWith } from './payload.js';

const DelayPayload = z.object({ delay_seconds: z.number().positive().optional() });
export type DelayPayload = z.infer<typeof DelayPayload>;

/**
 * A `delay` job: the wait is the schedule itself (created `in:<delay_seconds>`), so by
 * the time it runs the delay is over and the success message goes out.
 */
export const delayExecutor: Executor<DelayPayload> = {
  kind: 'delay',
  parsePayload: (raw) => parsePayloadWith(DelayPayload, raw ?? {}, 'delay', '{"delay_seconds":600}'),
  async run(job, ctx) {
    const late = Math.max(0, ctx.clock.now().getTime() - ctx.scheduledFor.getTime());
    const seconds = job.payload.delay_seconds;
    return {
      status: 'done',
      result: seconds === undefined ? 'delay over' : `waited ${seconds} s${late > 1000 ? ` (+${Math.round(late / 1000)} s late)` : ''}`,
    };
  },
};
