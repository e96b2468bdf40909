import type { EventQuery, LoggedEvent } from '../../core/ports/event-log.js';
import { ghostSessionId } from '../../core/ghost.js';
import { type EventRecorder, eventFromRow } from './event-log.js';
import type { JobStoreQueries } from './job-queries.js';
import { type Work, requests } from './work.js';

/** Delivery outcomes and event log reads, as work (see work.ts). */

const q = requests<JobStoreQueries>();

/** The delivery outcomes the log records; a postponement is no outcome (the message is not tried). */
export type DeliveryEventType = 'delivery.sent' | 'delivery.failed' | 'delivery.dead';

/**
 * Runs `mark` (one outbox status write) and, when it changed the message, records `type` with
 * the message's job, chat and attempts, read before the write (the write drops the send lease,
 * which names the instance that sent it). A dispatcher acts outside any person's context, so
 * without one the actor is the scheduler instance that held the message.
 */
export function* deliveryWork(id: number, type: DeliveryEventType, mark: Work<number>, ev: EventRecorder, error?: string): Work<number> {
  const before = yield* q.getOutbox(id);
  const n = yield* mark;
  if (n === 0 || !before) return n;
  const actor =
    ev.actor.type !== 'UNKNOWN'
      ? ev.actor
      : { type: 'SCHEDULER' as const, name: before.lease_owner, sessionId: before.job_id ? ghostSessionId(before.job_id) : null };
  const attempts = type === 'delivery.sent' ? before.attempts : before.attempts + 1;
  ev.add(
    type,
    before.job_id,
    {
      outboxId: id,
      platform: before.platform,
      chatId: before.chat_id,
      attempts,
      ...(error !== undefined ? { error: error.slice(0, 200) } : {}),
    },
    actor,
  );
  return n;
}

export function* listEventsWork(query: EventQuery): Work<LoggedEvent[]> {
  const rows = yield* q.listEvents({
    since: query.since ?? 0,
    limit: query.limit,
    ...(query.types?.length ? { types: query.types } : {}),
    ...(query.jobId !== undefined ? { jobId: query.jobId } : {}),
  });
  return rows.map(eventFromRow);
}
