import { z } from 'zod';
import type { Executor } from '../executor.js';
import { type FetchLike, guardedFetch, isAddressRefused } from './guarded-fetch.js';
import { parsePayloadWith } from './payload.js';

export type { FetchLike } from './guarded-fetch.js';

const PollUrlPayload = z.object({
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  expected_status: z.number().int().min(100).max(599).default(200),
  /** Seconds between checks. Default 30. */
  interval_seconds: z.number().positive().default(30),
});
export type PollUrlPayload = z.infer<typeof PollUrlPayload>;

/**
 * A `poll_url` job: checks the URL once per run. Not yet at the expected status ->
 * `pending`, next check after `interval_seconds`; the scheduler counts attempts against
 * the job's `maxAttempts` (default 120) and sends the failure message when they run out.
 * A URL refused for where it leads (a private address) fails at once: asking again cannot
 * change the answer, and a refusal must not look like "down, still waiting".
 */
export function pollUrlExecutor(fetchImpl: FetchLike = guardedFetch()): Executor<PollUrlPayload> {
  return {
    kind: 'poll_url',
    parsePayload: (raw) => parsePayloadWith(PollUrlPayload, raw, 'poll_url', '{"url":"https://example.com/health","expected_status":200}'),
    async run(job, ctx) {
      const p = job.payload;
      let status: number;
      try {
        status = (await fetchImpl(p.url, { method: p.method, signal: ctx.signal })).status;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        if (isAddressRefused(err)) return { status: 'failed', error: `${p.url} ${err.message}`, retryable: false };
        return { status: 'pending', result: `${p.url} unreachable (${(err as Error).message})`, nextCheckMs: p.interval_seconds * 1000 };
      }
      if (status === p.expected_status) return { status: 'done', result: `${p.url} answered ${status}` };
      return {
        status: 'pending',
        result: `${p.url} answered ${status}, waiting for ${p.expected_status}`,
        nextCheckMs: p.interval_seconds * 1000,
      };
    },
  };
}
