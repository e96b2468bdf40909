/**
 * Who is acting. Every scheduled run executes as SCHEDULER in session
 * `ghost_scheduler_{job_id}`, apart from any person's conversation; the notes store refuses
 * it, so an automated run can never read or change what a person keeps there. The runtime
 * context (AsyncLocalStorage, runtime-context.ts) carries this through async calls.
 */
export type EntityType = 'HUMAN' | 'SCHEDULER' | 'API' | 'UNKNOWN';

export interface GhostContext {
  entityType: EntityType;
  sessionId: string;
  /** The human session the job came from, e.g. `tg_10018049`, `dc_<channel>`. */
  parentSessionId: string | null;
  isAutomated: boolean;
  jobId?: string;
  /** Who, for the event log: an API token's name, a person's `<platform>:<user id>`, a scheduler instance. */
  actorName?: string;
}

export function ghostSessionId(jobId: string): string {
  return `ghost_scheduler_${jobId}`;
}
