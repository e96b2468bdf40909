/**
 * Optimistic concurrency on a job (RFC 9110 ETag / If-Match): every answer with a job carries
 * its edit version as a strong ETag; a change with If-Match is applied only while the job is
 * still that version, else it is refused with 412 and the job as it is now, so a second tab or
 * client never silently overwrites a change it did not see. The version is compared twice: on
 * the route's read, for a fast answer, and by the store on the row its write locks (a
 * JobPrecondition), which is what holds against a change committed in between.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Job } from '../core/job.js';
import { JobChangedError, editVersion } from '../core/job-version.js';
import type { JobPrecondition } from '../core/ports/job-store.js';
import { ApiProblem } from './problem.js';

/** The ETag of a job: its edit version, quoted (a strong validator). */
export function jobEtag(job: Job): string {
  return `"${editVersion(job)}"`;
}

/** Sets the job's ETag on the reply. */
export function sendEtag(reply: FastifyReply, job: Job): void {
  void reply.header('etag', jobEtag(job));
}

/** The tags of an If-Match (a list; W/ ignored). */
function tagsOf(ifMatch: string | string[]): string[] {
  return (Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch).split(',').map((t) => t.trim().replace(/^W\//, ''));
}

/** The job's answer body (with its next runs), for a 412. */
export type JobBody = (job: Job) => Promise<Record<string, unknown>>;

/** The 412 for a request whose If-Match names another version than `job`'s (as it is now). */
async function changed(request: FastifyRequest, job: Job, body: JobBody): Promise<ApiProblem> {
  return new ApiProblem(
    412,
    'precondition-failed',
    'The job changed',
    `Job ${job.id} was changed since you read it (If-Match ${String(request.headers['if-match'])}, now ${jobEtag(job)}); nothing was changed. ` +
      'The job as it is now is in `job`: apply your change to it and send it again with its ETag.',
    { job: await body(job), headers: { etag: jobEtag(job) } },
  );
}

/**
 * The condition the request's If-Match puts on a write to `job` (as the route read it): the
 * version it names, for the store to compare in the write; none without If-Match or with `*`
 * (any version). Refuses with 412 at once when it names none of the job's versions.
 */
export async function preconditionOf(request: FastifyRequest, job: Job, body: JobBody): Promise<JobPrecondition | undefined> {
  const ifMatch = request.headers['if-match'];
  if (ifMatch === undefined) return undefined;
  const tags = tagsOf(ifMatch);
  if (tags.includes('*')) return undefined;
  if (!tags.includes(jobEtag(job))) throw await changed(request, job, body);
  return { expectVersion: editVersion(job) };
}

/** Runs `write` (given `preconditionOf`'s condition); its JobChangedError becomes the 412 with the job as it is now. */
export async function refusedIfChanged<T>(request: FastifyRequest, body: JobBody, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof JobChangedError) throw await changed(request, err.job, body);
    throw err;
  }
}
