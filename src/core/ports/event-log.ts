import type { EntityType, GhostContext } from '../ghost.js';
import type { MaybePromise, PruneOptions } from './job-store.js';

/**
 * The event log: what happened to jobs, runs and deliveries, in the order it was committed.
 * Each event is written in the same transaction as the change it records (never one without
 * the other), with an id that only grows: a reader that remembers the last id it saw and asks
 * for `since` that id misses nothing and sees nothing twice, across instances too.
 */
export const EVENT_TYPES = [
  'job.created',
  'job.updated',
  'job.deleted',
  'job.paused',
  'job.resumed',
  /** Any other status change (completed, failed, cancelled, reactivated): body `{ from, to }`. */
  'job.status',
  'run.started',
  'run.succeeded',
  'run.failed',
  /** A failed run whose job will try again (body `nextRunAt`). */
  'run.retry',
  'run.skipped',
  /** A run whose process died (lease taken over) or whose job was deleted while it ran. */
  'run.abandoned',
  /** A claimed run given back unrun (shutdown): it will start again. */
  'run.released',
  'delivery.sent',
  /** A send failed and will be tried again. */
  'delivery.failed',
  'delivery.dead',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Who caused an event: the acting context's entity type, name (token, person, instance) and session. */
export interface EventActor {
  type: EntityType;
  name: string | null;
  sessionId: string | null;
}

export interface LoggedEvent {
  id: number;
  at: Date;
  type: EventType;
  jobId: string | null;
  actor: EventActor;
  /** A small JSON object; its fields depend on the type. */
  body: Record<string, unknown>;
}

export interface EventQuery {
  /** Events with a greater id only (0: from the oldest kept). */
  since?: number;
  types?: EventType[];
  jobId?: string;
  limit: number;
}

/** Reading the event log; writing happens inside the store's own transactions. */
export interface EventLog {
  /** Events after `since` matching the filters, in id order, at most `limit`. */
  listEvents(query: EventQuery): MaybePromise<LoggedEvent[]>;
  /** The newest event id (0 when there is none): where a live reader starting now begins. */
  lastEventId(): MaybePromise<number>;
  /**
   * Calls `listener` soon after events may have been added, by this store (after commit) or
   * another process on the database. A wake-up only: the listener reads the log for what is new.
   * Returns the unsubscribe function.
   */
  onEvents(listener: () => void): () => void;
  /** Deletes events older than `before`; how many (with `dryRun`, how many would go). */
  pruneEvents(opts: PruneOptions & { before: Date }): MaybePromise<number>;
}

/** The actor of the current runtime context, as the event log records it. */
export function actorOf(ctx: GhostContext): EventActor {
  return { type: ctx.entityType, name: ctx.actorName ?? null, sessionId: ctx.entityType === 'UNKNOWN' ? null : ctx.sessionId };
}
