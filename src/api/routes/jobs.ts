import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import type { Job } from '../../core/job.js';
import type { JobPrecondition } from '../../core/ports/job-store.js';
import type { SchedulerApi } from '../../core/scheduler-api.js';
import { formatInZone } from '../../core/time/zoned.js';
import type { Authenticated } from '../auth/authenticate.js';
import { preconditionOf, refusedIfChanged, sendEtag } from '../job-etag.js';
import { type JobInputDeps, newJobFromBody, patchFromBody } from '../job-input.js';
import { listJobsPage } from '../job-query.js';
import { createJobBody, jobDoc, jobIdParams, listJobsQuery, problemDoc, updateJobBody } from '../job-schemas.js';
import { jobView, runView } from '../job-view.js';
import type { RouteTable } from '../route-table.js';

export interface JobRoutesDeps {
  scheduler: SchedulerApi;
  input: JobInputDeps;
}

/** Jobs the API creates belong to the token that made them (its name, never its secret). */
export const apiOwner = (auth: Authenticated): Job['owner'] => ({ platform: 'api', userId: auth.token.name, name: auth.token.name });

const NEXT_FIRES = 5;

/** A job with its next fire times in its own zone, from the scheduler (the one schedule engine). */
export async function jobDetail(scheduler: SchedulerApi, job: Job): Promise<Record<string, unknown>> {
  const next = await scheduler.nextRuns({ jobId: job.id, count: NEXT_FIRES });
  return { ...jobView(job), nextRuns: next.map((n) => ({ at: n.at.toISOString(), local: formatInZone(n.at, job.timeZone) })) };
}

async function mustGet(scheduler: SchedulerApi, id: string): Promise<Job> {
  const job = await scheduler.getJob(id);
  if (!job) throw new NotFoundError('job', id);
  return job;
}

/** What a job made or changed with `when` or `schedule` answers besides the job, as the chat's confirmation says it. */
const WHEN_NOTES =
  'With `when` or `schedule`, the answer also has `wallNotes` and `caveats` as `POST /api/v1/parse` gives them: the fires that meet a daylight-saving change ' +
  '(a wall time that does not exist, shifted forward; one that happens twice, which was taken) and what the schedule does that its words may not say.';

/** `when` on PATCH edits the job's timing by the chat's /edit rule (nl/edit-when.ts); `schedule` replaces it. */
const PATCH_WHEN =
  "`when` changes the timing as the chat's /edit does: a clock time alone (\"at 9:30\") keeps a one-off's day and a repeating job's repeat, " +
  'changing only the time of day; any other single time ("tomorrow at 10") for a repeating job is refused (422, with a `when` that works) instead of ending the repeat: ' +
  'say the new repeat ("every day at 9:30") to change it. A day or repeat without a time ("friday", "every weekday") keeps the job\'s time(s) of day ' +
  'instead of the default 09:00, and is refused (422) when the job has no one set of times to keep. `schedule` is a full spec and replaces the schedule. ';

/** Optimistic concurrency, as the route descriptions say it (job-etag.ts). */
const CONCURRENCY =
  'A job answer carries its version in the `ETag` header, and every job (in lists too) in its `etag` field. PATCH, DELETE and POST .../pause, .../resume, .../cancel with `If-Match: <that ETag>` apply only while the job is still that version, ' +
  'checked in the transaction that writes (a change committed by anyone in between is never overwritten); ' +
  "otherwise they change nothing and answer 412 with the job as it is now in the problem's `job` (and its ETag). Without If-Match (or with `*`) the change applies as before.";
const changed = { description: 'If-Match names an older version of the job (the job as it is now is in `job`)', schema: problemDoc };
const notFound = { description: 'No job with that id', schema: problemDoc };
const invalid = { description: 'Invalid request (each bad field named, with a fix)', schema: problemDoc };
const refused = { description: 'Refused by the scheduler (e.g. a schedule that never fires)', schema: problemDoc };

export function registerJobRoutes(routes: RouteTable, deps: JobRoutesDeps): void {
  const { scheduler } = deps;
  const tags = ['jobs'];
  /** A job's answer body, for a 412 too. */
  const detail = (job: Job) => jobDetail(scheduler, job);

  routes.add({
    method: 'GET',
    url: '/api/v1/jobs',
    operationId: 'listJobs',
    summary: 'List jobs',
    description:
      "Filters combine with AND. Sorted by creation unless `sort` says otherwise; pages follow `next`. Each job's `etag` is its version, the `If-Match` for a change to the job as listed.",
    tags,
    query: listJobsQuery,
    responses: {
      200: { description: 'A page of jobs', schema: z.object({ jobs: z.array(jobDoc), next: z.string().optional() }) },
      400: invalid,
    },
    handler: async ({ query }) => {
      const page = await listJobsPage(scheduler, query);
      return { jobs: page.jobs.map(jobView), ...(page.next !== undefined ? { next: page.next } : {}) };
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/jobs/:id',
    operationId: 'getJob',
    summary: 'One job, with its next 5 fire times in its zone',
    tags,
    params: jobIdParams,
    description: CONCURRENCY,
    responses: { 200: { description: 'The job (its version in the ETag header)', schema: jobDoc }, 404: notFound },
    handler: async ({ params, reply }) => {
      const job = await mustGet(scheduler, params.id);
      sendEtag(reply, job);
      return jobDetail(scheduler, job);
    },
  });

  routes.add({
    method: 'POST',
    url: '/api/v1/jobs',
    operationId: 'createJob',
    summary: 'Create a job',
    description:
      '`when` takes the chat language ("every weekday at 9am"), `schedule` a spec ("cron:0 9 * * 1-5"); one of them. A reminder takes `text` (or the text said in `when`), a command job `command`. ' +
      WHEN_NOTES,
    tags,
    body: createJobBody,
    status: 201,
    responses: { 201: { description: 'Created', schema: jobDoc }, 400: invalid, 422: refused },
    handler: async ({ body, auth, reply }) => {
      const input = newJobFromBody(body, apiOwner(auth), deps.input);
      const job = await scheduler.createJob(input.value);
      void reply.header('location', `/api/v1/jobs/${job.id}`);
      sendEtag(reply, job);
      return { ...(await jobDetail(scheduler, job)), ...input.notes };
    },
  });

  routes.add({
    method: 'PATCH',
    url: '/api/v1/jobs/:id',
    operationId: 'updateJob',
    summary: 'Change a job (only the fields given)',
    description: `${PATCH_WHEN}${WHEN_NOTES} ${CONCURRENCY}`,
    tags,
    params: jobIdParams,
    body: updateJobBody,
    responses: { 200: { description: 'The changed job', schema: jobDoc }, 400: invalid, 404: notFound, 412: changed, 422: refused },
    handler: async ({ params, body, request, reply }) => {
      const current = await mustGet(scheduler, params.id);
      const precondition = await preconditionOf(request, current, detail);
      const input = await patchFromBody(body, current, deps.input);
      const saved = await refusedIfChanged(request, detail, () => scheduler.updateJob(params.id, input.value, precondition));
      sendEtag(reply, saved);
      return { ...(await jobDetail(scheduler, saved)), ...input.notes };
    },
  });

  routes.add({
    method: 'DELETE',
    url: '/api/v1/jobs/:id',
    operationId: 'deleteJob',
    summary: 'Delete a job and its schedule',
    description: CONCURRENCY,
    tags,
    params: jobIdParams,
    status: 204,
    responses: { 204: { description: 'Deleted' }, 404: notFound, 412: changed },
    handler: async ({ params, request, reply }) => {
      const current = await mustGet(scheduler, params.id);
      const precondition = await preconditionOf(request, current, detail);
      if (!(await refusedIfChanged(request, detail, () => scheduler.deleteJob(params.id, precondition))))
        throw new NotFoundError('job', params.id);
      return reply.code(204).send();
    },
  });

  for (const [action, verb, call] of [
    ['pause', 'Pause a job', (id: string, pre?: JobPrecondition) => scheduler.pauseJob(id, pre)],
    ['resume', 'Resume a paused job', (id: string, pre?: JobPrecondition) => scheduler.resumeJob(id, pre)],
    ['cancel', 'Cancel a job (kept in history, never runs again)', (id: string, pre?: JobPrecondition) => scheduler.cancelJob(id, pre)],
  ] as const) {
    routes.add({
      method: 'POST',
      url: `/api/v1/jobs/:id/${action}`,
      operationId: `${action}Job`,
      summary: verb,
      tags,
      description: CONCURRENCY,
      params: jobIdParams,
      responses: { 200: { description: 'The job afterwards', schema: jobDoc }, 404: notFound, 412: changed, 422: refused },
      handler: async ({ params, request, reply }) => {
        const current = await mustGet(scheduler, params.id);
        const precondition = await preconditionOf(request, current, detail);
        const job = await refusedIfChanged(request, detail, () => call(params.id, precondition));
        sendEtag(reply, job);
        return jobDetail(scheduler, job);
      },
    });
  }

  routes.add({
    method: 'POST',
    url: '/api/v1/jobs/:id/run',
    operationId: 'runJob',
    summary: 'Run a job now, outside its schedule',
    description: "Answers 202 once the run is claimed; the run shows in the job's runs.",
    tags,
    params: jobIdParams,
    status: 202,
    responses: { 202: { description: 'Run started' }, 404: notFound, 422: refused },
    handler: async ({ params }) => {
      await mustGet(scheduler, params.id);
      const run = await scheduler.runNow(params.id);
      return { jobId: params.id, run: run ? runView(run) : null };
    },
  });
}
