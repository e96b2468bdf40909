/**
 * Who is acting (seed 000). Every scheduled run executes as SCHEDULER in session
 * `ghost_scheduler_{job_id}`; the memory store refuses it. The runtime context
 * (AsyncLocalStorage) that carries this is implemented by the scheduler-core work.
 */
export type EntityType = 'HUMAN' | 'SCHEDULER' | 'API' | 'UNKNOWN';

export interface GhostContext {
  entityType: EntityType;
  sessionId: string;
  /** The human session the job came from, e.g. `tg_10018049`, `dc_<channel>`. */
  parentSessionId: string | null;
  isAutomated: boolean;
  jobId?: string;
}

export function ghostSessionId(jobId: string): string {
  return `ghost_scheduler_${jobId}`;
}
