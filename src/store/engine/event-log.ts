import { ghostSessionId } from '../../core/ghost.js';
import type { JobStatus } from '../../core/job.js';
import type { EventActor, EventQuery, EventType, LoggedEvent } from '../../core/ports/event-log.js';
import type { ClaimedRun, Settlement } from '../../core/run.js';
import { msOrNull } from './rows.js';

/**
 * The event log's rows and how a store operation records its events. Every write work is given
 * an {@link EventRecorder}; what it records is inserted by {@link EventRecorder.flush} as the
 * last statement of the same transaction (PostgreSQL hands out ids under a lock held from that
 * statement to COMMIT: see migration 0008), so an event exists exactly when its change does.
 */

/** The columns of one `events` insert. */
export interface EventParams {
  at: number;
  type: EventType;
  job_id: string | null;
  actor_type: EventActor['type'];
  actor_name: string | null;
  session_id: string | null;
  /** JSON object. */
  body: string;
}

/** An `events` row. */
export interface EventRow extends EventParams {
  id: number;
}

/** The queries behind the event log, in each dialect's query module next to the job queries. */
export interface EventQueries {
  /** Adds events in array order, with ids above every id handed out before (see migration 0008). */
  insertEvents(events: EventParams[]): void;
  /** Events after `since` matching the filters, in id order. */
  listEvents(query: Required<Pick<EventQuery, 'since' | 'limit'>> & Pick<EventQuery, 'types' | 'jobId'>): EventRow[];
  lastEventId(): number;
  pruneEventsBefore(before: number): number;
}

/** Longest error text an event body keeps: the run history holds the whole of it. */
const ERROR_CHARS = 200;
const clip = (s: string | null | undefined): string | null =>
  s == null ? null : s.length > ERROR_CHARS ? `${s.slice(0, ERROR_CHARS - 1)}…` : s;

/** The actor of scheduled work: the scheduler instance holding the lease, in the job's ghost session. */
export function schedulerActor(jobId: string, owner: string | null): EventActor {
  return { type: 'SCHEDULER', name: owner, sessionId: ghostSessionId(jobId) };
}

/** Collects the events of one write transaction, stamped with its time and acting context. */
export class EventRecorder {
  readonly events: EventParams[] = [];

  constructor(
    readonly actor: EventActor,
    readonly at: number,
  ) {}

  add(type: EventType, jobId: string | null, body: Record<string, unknown>, actor: EventActor = this.actor): void {
    this.events.push({
      at: this.at,
      type,
      job_id: jobId,
      actor_type: actor.type,
      actor_name: actor.name,
      session_id: actor.sessionId,
      body: JSON.stringify(body),
    });
  }

  /** A status change of a job: paused and resumed have their own types, the rest is `job.status`. */
  status(jobId: string, from: JobStatus, to: JobStatus, body: Record<string, unknown> = {}, actor?: EventActor): void {
    if (from === to) return;
    if (from === 'active' && to === 'paused') this.add('job.paused', jobId, body, actor);
    else if (from === 'paused' && to === 'active') this.add('job.resumed', jobId, body, actor);
    else this.add('job.status', jobId, { from, to, ...body }, actor);
  }

  started(run: ClaimedRun, actor: EventActor): void {
    this.add(
      'run.started',
      run.job.id,
      { runId: run.runId, trigger: run.trigger, attempt: run.attempt, scheduledFor: run.scheduledFor.getTime() },
      actor,
    );
  }

  abandoned(jobId: string, runId: string, error: string, actor: EventActor): void {
    this.add('run.abandoned', jobId, { runId, error: clip(error) }, actor);
  }

  /**
   * A settled run, and its job's status change. `stored` is the job's status after the settle:
   * when it differs from the settlement's, a person paused or cancelled the job while it ran
   * (the store kept theirs, and their change has its own event).
   */
  settled(run: ClaimedRun, s: Settlement, stored: JobStatus): void {
    const actor = schedulerActor(run.job.id, run.leaseOwner);
    const failed = s.run.status === 'failure' || s.run.status === 'timeout';
    const retry = failed && s.job.status === 'active' && (s.job.attempts ?? 0) > 0;
    const type: EventType = failed ? (retry ? 'run.retry' : 'run.failed') : runEventType[s.run.status as keyof typeof runEventType];
    // Optional fields assigned, not spread from conditional literals: one settled event per
    // run of a burst, and each spread cost a clone of an object.
    const body: Record<string, unknown> = {
      runId: run.runId,
      status: s.run.status,
      trigger: run.trigger,
      attempt: run.attempt,
      durationMs: s.run.durationMs,
    };
    if (s.run.error) body.error = clip(s.run.error);
    if (s.job.nextRunAt !== undefined) body.nextRunAt = msOrNull(s.job.nextRunAt);
    this.add(type, run.job.id, body, actor);
    if (stored === s.job.status) this.status(run.job.id, run.job.status, stored, {}, actor);
  }
}

const runEventType: Record<'success' | 'skipped' | 'abandoned' | 'running', EventType> = {
  success: 'run.succeeded',
  skipped: 'run.skipped',
  abandoned: 'run.abandoned',
  running: 'run.started',
};

/**
 * A stored row as the port's event. A type this version does not know (written by a newer
 * Chime sharing the database) is passed through as stored: readers filter by name anyway.
 */
export function eventFromRow(r: EventRow): LoggedEvent {
  return {
    id: r.id,
    at: new Date(r.at),
    type: r.type,
    jobId: r.job_id,
    actor: { type: r.actor_type, name: r.actor_name, sessionId: r.session_id },
    body: JSON.parse(r.body) as Record<string, unknown>,
  };
}
