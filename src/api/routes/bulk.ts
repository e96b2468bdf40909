import { z } from 'zod';
import type { JobFilter } from '../../core/ports/job-store.js';
import type { SchedulerApi } from '../../core/scheduler-api.js';
import { ApiProblem } from '../problem.js';
import { storeFilter } from '../job-query.js';
import { problemDoc } from '../job-schemas.js';
import type { RouteTable } from '../route-table.js';

const JOB_FILTER_FIELDS = ['ids', 'kind', 'owner', 'chat', 'platform', 'workflow', 'recurring', 'q'] as const;
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a job id | Fix: use ids from GET /api/v1/jobs');

/**
 * Which jobs a bulk action touches: the list's filters, or a list of ids. An empty filter would
 * touch every job, so it must be asked for with `all: true`.
 */
const bulkBody = z
  .object({
    all: z.literal(true).optional().describe('Act on every job (required when no filter is given).'),
    ids: z.array(jobId).min(1, 'is empty | Fix: give at least one id').max(1000).optional().describe('These jobs (every one must exist).'),
    kind: z.string().min(1).optional(),
    owner: z.string().min(1).optional().describe('Owner user id, or platform:user'),
    chat: z.string().min(1).optional().describe('Origin chat id, or platform:chat'),
    platform: z.string().min(1).optional(),
    workflow: z.string().min(1).optional(),
    recurring: z.boolean().optional(),
    q: z.string().min(1).max(200).optional().describe('Text in name, reminder text or command.'),
  })
  .strict()
  .refine((b) => b.all === true || JOB_FILTER_FIELDS.some((k) => b[k] !== undefined), {
    message: 'names no jobs | Fix: give a filter (ids, kind, owner, chat, platform, workflow, recurring, q) or {"all":true}',
  });
type BulkBody = z.output<typeof bulkBody>;

/**
 * The store filter of a bulk body. Ids that name no job are refused (404, listing them) before
 * anything changes: an action on "these five jobs" with a typo never applies to four of them.
 */
async function bulkFilter(scheduler: SchedulerApi, body: BulkBody): Promise<JobFilter> {
  const filter = storeFilter(body);
  if (body.ids === undefined) return filter;
  const ids = [...new Set(body.ids)];
  const missing: string[] = [];
  for (const id of ids) if (!(await scheduler.getJob(id))) missing.push(id);
  if (missing.length > 0) {
    throw new ApiProblem(
      404,
      'not-found',
      'Not found',
      `No job with id ${missing.join(', ')}; nothing was changed. GET /api/v1/jobs lists the ids.`,
    );
  }
  return { ...filter, ids };
}

/** How many skipped jobs an answer names; `unchangedCount` says how many there were. */
const UNCHANGED_LISTED = 1000;

const idsDoc = z.object({
  ids: z.array(z.string()).describe('The jobs changed.'),
  unchanged: z
    .array(z.object({ id: z.string(), status: z.string() }))
    .describe(
      `The listed ids, or the jobs the filter matched, that the action did not take (a pause takes active jobs, a resume paused ones), with their status; at most ${UNCHANGED_LISTED}, oldest first.`,
    ),
  unchangedCount: z.number().int().describe('How many were not taken (more than `unchanged` lists when over the limit).'),
});

/**
 * The bulk action's answer, one shape by ids or by filter: the ids it changed, and each job it
 * was pointed at but did not take with its status, so "pause these five" (or "every matching
 * job") that paused four says which one and why. By filter, those are the matching jobs not
 * changed, read after the action.
 */
async function bulkResult(scheduler: SchedulerApi, body: BulkBody, filter: JobFilter, changed: string[]) {
  const done = new Set(changed);
  const unchanged: Array<{ id: string; status: string }> = [];
  let unchangedCount = 0;
  const skip = (id: string, status: string): void => {
    unchangedCount++;
    if (unchanged.length < UNCHANGED_LISTED) unchanged.push({ id, status });
  };
  if (body.ids !== undefined) {
    for (const id of new Set(body.ids)) {
      if (done.has(id)) continue;
      const job = await scheduler.getJob(id);
      skip(id, job?.status ?? 'deleted');
    }
  } else {
    // Page by page: a filter may match any number of jobs.
    let after: string | undefined;
    do {
      const page = await scheduler.pageJobs(filter, { size: 500, ...(after !== undefined ? { after } : {}) });
      for (const job of page.jobs) if (!done.has(job.id)) skip(job.id, job.status);
      after = page.next;
    } while (after !== undefined);
  }
  return { ids: changed, unchanged, unchangedCount };
}

/** Runs a bulk action on the jobs `body` names and answers with bulkResult. */
async function bulk(scheduler: SchedulerApi, body: BulkBody, action: (filter: JobFilter) => Promise<string[]>) {
  const filter = await bulkFilter(scheduler, body);
  return bulkResult(scheduler, body, filter, await action(filter));
}

export function registerBulkRoutes(routes: RouteTable, scheduler: SchedulerApi): void {
  const tags = ['bulk'];
  const responses = (what: string) => ({
    200: { description: what, schema: idsDoc },
    400: { description: 'Invalid filter', schema: problemDoc },
    404: { description: 'An id names no job (nothing changed)', schema: problemDoc },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/bulk/pause',
    operationId: 'pauseJobs',
    summary: 'Pause every active job matching the filter',
    description: 'One store update: all matching jobs are paused together or none is.',
    tags,
    body: bulkBody,
    responses: responses('Ids paused'),
    handler: async ({ body }) => bulk(scheduler, body, (filter) => scheduler.pauseAll(filter)),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/bulk/resume',
    operationId: 'resumeJobs',
    summary: 'Resume every paused job matching the filter',
    description: 'Each job gets its next fire from now, as a single resume does.',
    tags,
    body: bulkBody,
    responses: responses('Ids resumed'),
    handler: async ({ body }) => bulk(scheduler, body, (filter) => scheduler.resumeAll(filter)),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/workflows/:workflow/cancel',
    operationId: 'cancelWorkflow',
    summary: 'Cancel every active or paused job of a workflow',
    tags,
    params: z.object({ workflow: z.string().min(1).max(100) }),
    responses: { 200: { description: 'Ids cancelled (empty when none matched)', schema: z.object({ ids: z.array(z.string()) }) } },
    handler: async ({ params }) => ({ ids: await scheduler.cancelWorkflow(params.workflow) }),
  });
}
