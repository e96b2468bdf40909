import { z } from 'zod';
import { EVENT_TYPES, type EventType, type LoggedEvent } from '../core/ports/event-log.js';

/**
 * The one JSON shape of an event, for `GET /api/v1/events`, the SSE stream's `data:` and the
 * WebSocket's messages (the dashboard reads exactly this): `{ id, at, type, jobId, actor, body }`.
 */
export function eventView(e: LoggedEvent) {
  return { id: e.id, at: e.at.toISOString(), type: e.type, jobId: e.jobId, actor: e.actor, body: e.body };
}

export const eventDoc = z.object({
  id: z.number().int().describe('Grows with every event; resume with since / Last-Event-ID.'),
  at: z.string().describe('ISO 8601 instant.'),
  type: z.enum(EVENT_TYPES),
  jobId: z.string().nullable(),
  actor: z.object({
    type: z.enum(['HUMAN', 'SCHEDULER', 'API', 'UNKNOWN']),
    name: z.string().nullable().describe('API token name, person (platform:user) or scheduler instance.'),
    sessionId: z.string().nullable(),
  }),
  body: z.record(z.string(), z.unknown()),
});

/** `type=a,b` or `type=a&type=b`: each one must be an event type. */
const typesParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v, ctx): EventType[] => {
    const names = (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    const wrong = names.filter((n) => !(EVENT_TYPES as readonly string[]).includes(n));
    if (wrong.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown event type ${wrong.map((w) => JSON.stringify(w)).join(', ')} | Fix: one or more of ${EVENT_TYPES.join(', ')}`,
      });
      return z.NEVER;
    }
    return names as EventType[];
  })
  .optional()
  .describe(`Event types, comma-separated or repeated: ${EVENT_TYPES.join(', ')}.`);

const sinceParam = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .optional()
  .describe('Only events with a greater id (the last id you saw).');

/**
 * Filters shared by the list, the SSE stream and `chime events tail`. Strict, as every other
 * query of the API: a misspelt filter (`jobId` for `job_id`) is refused, not ignored, which
 * would answer with the whole log as though it were the filtered one.
 */
export const eventFilterQuery = z
  .object({
    since: sinceParam,
    type: typesParam,
    job_id: z.string().min(1).max(100).optional().describe('Only events of this job.'),
  })
  .strict();

export const listEventsQuery = eventFilterQuery
  .extend({
    limit: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
  })
  .strict();

/** A Last-Event-ID header: the id of the last event the client received. */
export function lastEventIdOf(header: string | string[] | undefined): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : Number.NaN;
}
