/**
 * Optimistic concurrency on a job (RFC 9110 ETag / If-Match): every answer with a job carries
 * its edit version as a strong ETag; a PATCH or DELETE with If-Match is applied only while the
 * job is still that version, else it is refused with 412 and the job as it is now, so a second
 * tab or client never silently overwrites a change it did not see.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Job } from '../core/job.js';
import { editVersion } from '../core/job-version.js';
import { ApiProblem } from './problem.js';

/** The ETag of a job: its edit version, quoted (a strong validator). */
export function jobEtag(job: Job): string {
  return `"${editVersion(job)}"`;
}

/** Sets the job's ETag on the reply. */
export function sendEtag(reply: FastifyReply, job: Job): void {
  void reply.header('etag', jobEtag(job));
}

/** True when the request's If-Match (absent, `*`, or a list of tags, W/ ignored) allows `job`. */
function matches(ifMatch: string | string[] | undefined, job: Job): boolean {
  if (ifMatch === undefined) return true;
  const tags = (Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(jobEtag(job));
}

/**
 * Refuses the request with 412 (the current job in `job`, its ETag in the header) when its
 * If-Match names another version of `job`. `current` is the job's answer body.
 */
export async function checkIfMatch(request: FastifyRequest, job: Job, current: () => Promise<Record<string, unknown>>): Promise<void> {
  const ifMatch = request.headers['if-match'];
  if (matches(ifMatch, job)) return;
  throw new ApiProblem(
    412,
    'precondition-failed',
    'The job changed',
    `Job ${job.id} was changed since you read it (If-Match ${String(ifMatch)}, now ${jobEtag(job)}); nothing was changed. ` +
      'The job as it is now is in `job`: apply your change to it and send it again with its ETag.',
    { job: await current(), headers: { etag: jobEtag(job) } },
  );
}
