import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import type { RunFilter } from '../../core/ports/job-store.js';
import type { SchedulerApi } from '../../core/scheduler-api.js';
import { formatInZone } from '../../core/time/zoned.js';
import { zoneIdFromUser } from '../../core/time/zone-id.js';
import type { ParsedReminder } from '../../nl/types.js';
import { editedReading, type JobInputDeps } from '../job-input.js';
import { type ListRunsQuery, jobIdParams, jobRunsQuery, listRunsQuery, parseBody, problemDoc, runIdParams } from '../job-schemas.js';
import { runDetail, runView } from '../job-view.js';
import { validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { scheduleNotesView } from '../schedule-notes-view.js';

export interface RunRoutesDeps {
  scheduler: SchedulerApi;
  /** The parser and clock `when` is read with, shared with the job routes (an edit is read as PATCH reads it). */
  input: JobInputDeps;
}

const runDoc = z
  .object({
    runId: z.string(),
    jobId: z.string(),
    status: z.string(),
    scheduledFor: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    lateMs: z.number(),
    durationMs: z.number().nullable(),
    error: z.string().nullable(),
    ghostSessionId: z.string(),
  })
  .loose();
const runsDoc = z.object({ runs: z.array(runDoc), next: z.string().optional() });
const invalid = { description: 'Invalid query (each bad parameter named, with a fix)', schema: problemDoc };

/**
 * A page of history, newest first: the store reads one run past the page, so `next` (the last
 * run id shown) is given only when older runs exist.
 */
async function runsPage(scheduler: SchedulerApi, q: Partial<ListRunsQuery>, jobId?: string): Promise<Record<string, unknown>> {
  const limit = q.limit ?? 50;
  const filter: RunFilter = { limit: limit + 1 };
  if (jobId !== undefined) filter.jobId = jobId;
  else if (q.job_id !== undefined) filter.jobId = q.job_id;
  if (q.status) filter.status = q.status;
  if (q.from) filter.startedFrom = q.from;
  if (q.to) filter.startedBefore = q.to;
  if (q.cursor) filter.afterRunId = q.cursor;
  const runs = await scheduler.history(filter);
  const page = runs.slice(0, limit);
  const last = page.at(-1);
  return { runs: page.map(runView), ...(runs.length > limit && last ? { next: last.runId } : {}) };
}

export function registerRunRoutes(routes: RouteTable, deps: RunRoutesDeps): void {
  const { scheduler } = deps;
  const describeRuns =
    'Newest first, each with its lateness (start after the scheduled time), duration, error and the ghost session it ran in. Filter by status and by start time (`from` inclusive, `to` exclusive); pages follow `next`.';

  routes.add({
    method: 'GET',
    url: '/api/v1/runs',
    operationId: 'listRuns',
    summary: 'Run history across jobs',
    description: describeRuns,
    tags: ['runs'],
    query: listRunsQuery,
    responses: { 200: { description: 'Runs', schema: runsDoc }, 400: invalid },
    handler: async ({ query }) => runsPage(scheduler, query),
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/jobs/:id/runs',
    operationId: 'listJobRuns',
    summary: 'Run history of one job',
    description: describeRuns,
    tags: ['runs'],
    params: jobIdParams,
    query: jobRunsQuery,
    responses: {
      200: { description: 'Runs', schema: runsDoc },
      400: invalid,
      404: { description: 'No job with that id', schema: problemDoc },
    },
    handler: async ({ params, query }) => {
      if (!(await scheduler.getJob(params.id))) throw new NotFoundError('job', params.id);
      return runsPage(scheduler, query, params.id);
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/runs/:runId',
    operationId: 'getRun',
    summary: 'One run: its outcome, result, error, timing and ghost session',
    description: 'Finished runs come from the history; a run in progress shows status `running`.',
    tags: ['runs'],
    params: runIdParams,
    responses: {
      200: { description: 'The run', schema: runDoc },
      400: invalid,
      404: { description: 'No run with that id (or pruned from history)', schema: problemDoc },
    },
    handler: async ({ params }) => {
      const run = await scheduler.getRun(params.runId);
      if (!run) throw new NotFoundError('run', params.runId);
      return runDetail(run, await scheduler.getJob(run.jobId));
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
    description:
      'The same parser as the chat: the schedule it reads, its canonical spec, the next fire times in the zone, ' +
      'the fires that meet a daylight-saving change (`wallNotes`: a wall time that does not exist, shifted forward; ' +
      'one that happens twice, which was taken; each with its `text`, one sentence) and what the schedule does that its words may not say (`caveats`). ' +
      'With `jobId`, the text is read as a new `when` for that job, exactly as `PATCH /api/v1/jobs/{id}` with `{when, zone}` would store it ' +
      '("friday" keeps the job\'s time of day; `zone`, if given, is the job\'s new zone): the answer is what the PATCH stores, and what the PATCH refuses ' +
      '(422) is `ok:false` with the same reason as `error`, its `code`, and a `when` that works as `example`. An unknown `jobId` is a 404.',
    tags: ['parse'],
    body: parseBody,
    responses: {
      200: { description: 'The reading, or ok:false with the reason and an example' },
      400: { description: 'Invalid request', schema: problemDoc },
      404: { description: 'No job with that `jobId`', schema: problemDoc },
    },
    handler: async ({ body }) => {
      const at = body.now;
      const input = at !== undefined ? { ...deps.input, now: () => new Date(at) } : deps.input;
      if (body.jobId !== undefined) {
        const job = await scheduler.getJob(body.jobId);
        if (!job) throw new NotFoundError('job', body.jobId);
        const r = await editedReading(body.text, body.zone, job, input);
        if (!r.ok) return r;
        return readingView(r.parsed);
      }
      const read = body.zone === undefined ? { ok: true as const, zone: input.defaultTimeZone } : zoneIdFromUser(body.zone);
      if (!read.ok) throw validationProblem([{ field: 'body.zone', message: read.reason, fix: `e.g. ${read.example}` }]);
      const r = input.parse(body.text, { now: input.now(), timeZone: read.zone });
      if (!r.ok) return { ok: false, error: r.error, ...(r.example !== undefined ? { example: r.example } : {}) };
      return readingView(r);
    },
  });
}

/** A reading as POST /parse answers it: the schedule, its spec, next fires in its zone and its notes. */
function readingView(r: ParsedReminder): Record<string, unknown> {
  return {
    ok: true,
    kind: r.kind,
    text: r.text,
    timeZone: r.timeZone,
    spec: r.spec,
    schedule: r.schedule,
    next: r.next.map((d) => ({ at: d.toISOString(), local: formatInZone(d, r.timeZone) })),
    ...scheduleNotesView(r),
  };
}
