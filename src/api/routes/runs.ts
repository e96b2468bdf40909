import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import type { SchedulerApi } from '../../core/scheduler-api.js';
import { formatInZone } from '../../core/time/zoned.js';
import type { ParseResult } from '../../nl/types.js';
import { jobIdParams, listRunsQuery, parseBody, problemDoc } from '../job-schemas.js';
import { runView } from '../job-view.js';
import type { RouteTable } from '../route-table.js';
import type { RunFilter } from '../../core/ports/job-store.js';
import { validationProblem } from '../problem.js';
import { isValidTimeZone } from '../../core/time/zone-id.js';

export interface RunRoutesDeps {
  scheduler: SchedulerApi;
  parse: (text: string, opts: { now: Date; timeZone: string }) => ParseResult;
  now: () => Date;
  defaultTimeZone: string;
}

const runsDoc = z.object({ runs: z.array(z.object({ runId: z.string(), jobId: z.string(), status: z.string() }).loose()) });

export function registerRunRoutes(routes: RouteTable, deps: RunRoutesDeps): void {
  const { scheduler } = deps;

  routes.add({
    method: 'GET',
    url: '/api/v1/runs',
    operationId: 'listRuns',
    summary: 'Run history across jobs, newest first',
    tags: ['runs'],
    query: listRunsQuery,
    responses: { 200: { description: 'Runs', schema: runsDoc }, 400: { description: 'Invalid query', schema: problemDoc } },
    handler: async ({ query }) => {
      const filter: RunFilter = { limit: query.limit ?? 50 };
      if (query.status) filter.status = query.status;
      if (query.job_id) filter.jobId = query.job_id;
      return { runs: (await scheduler.history(filter)).map(runView) };
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/jobs/:id/runs',
    operationId: 'listJobRuns',
    summary: 'Run history of one job, newest first',
    tags: ['runs'],
    params: jobIdParams,
    query: listRunsQuery.omit({ job_id: true }),
    responses: { 200: { description: 'Runs', schema: runsDoc }, 404: { description: 'No job with that id', schema: problemDoc } },
    handler: async ({ params, query }) => {
      if (!(await scheduler.getJob(params.id))) throw new NotFoundError('job', params.id);
      const filter: RunFilter = { jobId: params.id, limit: query.limit ?? 50 };
      if (query.status) filter.status = query.status;
      return { runs: (await scheduler.history(filter)).map(runView) };
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/stats',
    operationId: 'stats',
    summary: 'Jobs by status, runs by outcome, outbox depth, runs in progress',
    tags: ['runs'],
    responses: { 200: { description: 'Counts' } },
    handler: async () => scheduler.stats(),
  });

  routes.add({
    method: 'POST',
    url: '/api/v1/parse',
    operationId: 'parse',
    summary: 'How a text is understood (nothing is created)',
    description: 'The same parser as the chat: the schedule it reads, its canonical spec, and the next fire times in the zone.',
    tags: ['parse'],
    body: parseBody,
    responses: {
      200: { description: 'The reading, or ok:false with the reason and an example' },
      400: { description: 'Invalid request', schema: problemDoc },
    },
    handler: async ({ body }) => {
      const timeZone = body.zone ?? deps.defaultTimeZone;
      if (!isValidTimeZone(timeZone))
        throw validationProblem([{ field: 'body.zone', message: `"${timeZone}" is not an IANA time zone.`, fix: 'e.g. Europe/Berlin' }]);
      const r = deps.parse(body.text, { now: body.now !== undefined ? new Date(body.now) : deps.now(), timeZone });
      if (!r.ok) return { ok: false, error: r.error, ...(r.example !== undefined ? { example: r.example } : {}) };
      return {
        ok: true,
        kind: r.kind,
        text: r.text,
        timeZone: r.timeZone,
        spec: r.spec,
        schedule: r.schedule,
        next: r.next.map((d) => ({ at: d.toISOString(), local: formatInZone(d, r.timeZone) })),
      };
    },
  });
}
