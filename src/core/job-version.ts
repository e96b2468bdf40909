import { createHash } from 'node:crypto';
import { UserError } from './errors.js';
import type { Job } from './job.js';
import type { JobPrecondition } from './ports/job-store.js';

/** What an edit may change, as it was before the edit. */
export type JobDefinition = Pick<Job, 'name' | 'payload' | 'schedule' | 'bounds' | 'timeZone' | 'status' | 'nextRunAt'>;

/** JSON with object keys sorted, so the same job read from any store gives the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('base64url').slice(0, 8);
}

/** What a person set: text, schedule, bounds, zone. Running the job does not change it. */
export function definitionVersion(job: Job): string {
  return fingerprint([job.name, job.payload, job.schedule, job.bounds, job.timeZone]);
}

/**
 * The definition and where the job stands (status, next run, last run). A button that reverts a change
 * carries this version of the job as the change left it: once anything changed it again
 * (a person, or a run), the versions differ and the button refuses instead of overwriting.
 */
export function stateVersion(job: Job): string {
  const state = [definitionVersion(job), job.status, job.nextRunAt?.getTime() ?? null];
  // A run that settled over a person's change (a snooze made while it ran) keeps their status
  // and next run (the settle's KEPT_BY_PERSON): its last run time is what says it ran. Named
  // only once there is one, so the versions of jobs that never ran read as before.
  if (job.lastRunAt) state.push(job.lastRunAt.getTime());
  return fingerprint(state);
}

/**
 * What a person may edit of a job: its definition, the chat it reports to, its status and run
 * settings. The API's ETag: an editor holding an older one is refused (412) instead of
 * overwriting another's change. Runs do not change it (a recurring job's next fire moving on
 * is not an edit), but a one-off finishing does, through its status.
 */
export function editVersion(job: Job): string {
  return fingerprint([definitionVersion(job), job.origin, job.status, job.workflowId, job.retries, job.timeoutMs]);
}

/**
 * A change made on condition that the job is still the version its author read (an HTTP
 * If-Match; JobPrecondition) found another version, on the row the write locked: nothing was
 * changed. `job` is the job as it is now, for the author to apply their change to.
 */
export class JobChangedError extends UserError {
  override name = 'JobChangedError';
  constructor(readonly job: Job) {
    super('job.changed', `Job ${job.id} was changed since it was read; nothing was changed. Read it again and apply the change to it.`);
  }
}

/**
 * Refuses a write whose author read another version of `job` (JobChangedError with `job`, as
 * it is now). The core checks it on its read for a fast answer; the store again on the row its
 * write locks, which is what makes it hold against a change committed in between.
 */
export function assertEditVersion(job: Job, precondition: JobPrecondition | undefined): void {
  if (precondition && editVersion(job) !== precondition.expectVersion) throw new JobChangedError(job);
}
