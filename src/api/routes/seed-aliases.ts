import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import type { SchedulerApi } from '../../core/scheduler-api.js';
import { type JobInputDeps, newJobFromBody, patchFromBody } from '../job-input.js';
import { listJobsPage } from '../job-query.js';
import { createJobBody, problemDoc, updateJobBody } from '../job-schemas.js';
import { jobView, runView } from '../job-view.js';
import { type RouteTable, zodProblem } from '../route-table.js';
import { apiOwner, jobDetail } from './jobs.js';

/**
 * Routes under the paths other schedulers' clients already call, answering from the same
 * operations as `/api/v1/jobs`: a task is a job, its schedule is the job's schedule.
 */
export interface SeedAliasDeps {
  scheduler: SchedulerApi;
  input: JobInputDeps;
}

const taskParams = z.object({ task_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a task id | Fix: letters, digits, _ and -') });
const alias = (of: string) => `Alias of ${of}, kept for clients of the task-scheduler API (paths and shapes as they expect).`;

/** Body of `POST /api/tasks/{task_id}/schedule`: a schedule, plus what a new task needs. */
const taskScheduleBody = z
  .object({
    schedule: z.string().trim().min(1, 'is empty | Fix: e.g. "cron:30 2 * * *", "every 1h", "at:2026-05-14T14:30:00", "in:30m"'),
    name: z.string().trim().min(1).max(200).optional(),
    text: z.string().min(1).optional(),
    command: z.string().regex(/^\//, 'must start with / | Fix: e.g. "/list"').optional(),
    zone: z.string().min(1).optional(),
    origin: z
      .object({ platform: z.string().min(1), chatId: z.string().min(1), threadId: z.string().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();

function taskSchedule(job: Parameters<typeof jobView>[0]): Record<string, unknown> {
  const v = jobView(job);
  return {
    task_id: job.id,
    schedule: v.scheduleSpec,
    next_run_time: v.nextRunAt,
    status: job.status,
    recurring: v.recurring,
    time_zone: job.timeZone,
  };
}

export function registerSeedAliases(routes: RouteTable, deps: SeedAliasDeps): void {
  const { scheduler } = deps;
  const tags = ['aliases'];

  routes.add({
    method: 'POST',
    url: '/api/tasks/:task_id/schedule',
    operationId: 'scheduleTask',
    summary: 'Schedule a task (creates the job, or reschedules it)',
    description: `${alias('POST /api/v1/jobs (new id) and PATCH /api/v1/jobs/{id} (existing id)')} A new task also needs "origin" and "text" or "command".`,
    tags,
    params: taskParams,
    body: taskScheduleBody,
    responses: {
      200: { description: 'Rescheduled' },
      201: { description: 'Created' },
      400: { description: 'Invalid', schema: problemDoc },
    },
    handler: async ({ params, body, auth, reply }) => {
      const current = await scheduler.getJob(params.task_id);
      if (current) {
        // Everything the body says applies, as PATCH would (before, all but schedule and zone was
        // dropped without a word: a new text answered 200 and the old text stayed).
        const { schedule, zone, name, text, command, origin } = body;
        const asked = {
          schedule,
          ...(zone !== undefined ? { zone } : {}),
          ...(name !== undefined ? { name } : {}),
          ...(text !== undefined ? { text } : {}),
          ...(command !== undefined ? { command } : {}),
          ...(origin !== undefined ? { origin } : {}),
        };
        // Checked as PATCH checks it (the origin's platform included).
        const update = updateJobBody.safeParse(asked);
        if (!update.success) throw zodProblem('body', update.error);
        return taskSchedule(await scheduler.updateJob(current.id, (await patchFromBody(update.data, current, deps.input)).value));
      }
      const create = createJobBody.safeParse({ ...body, id: params.task_id });
      // The same field problems as POST /api/v1/jobs would give.
      if (!create.success) throw zodProblem('body', create.error);
      const job = await scheduler.createJob(newJobFromBody(create.data, apiOwner(auth), deps.input).value);
      return reply.code(201).send(taskSchedule(job));
    },
  });

  routes.add({
    method: 'DELETE',
    url: '/api/tasks/:task_id/schedule',
    operationId: 'cancelTaskSchedule',
    summary: "Cancel a task's schedule",
    description: alias('POST /api/v1/jobs/{id}/cancel'),
    tags,
    params: taskParams,
    responses: { 200: { description: 'Cancelled' }, 404: { description: 'No such task', schema: problemDoc } },
    handler: async ({ params }) => {
      if (!(await scheduler.getJob(params.task_id))) throw new NotFoundError('task', params.task_id);
      return taskSchedule(await scheduler.cancelJob(params.task_id));
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/tasks/:task_id/schedule',
    operationId: 'getTaskSchedule',
    summary: "A task's schedule",
    description: alias('GET /api/v1/jobs/{id}'),
    tags,
    params: taskParams,
    responses: { 200: { description: 'The schedule' }, 404: { description: 'No such task', schema: problemDoc } },
    handler: async ({ params }) => {
      const job = await scheduler.getJob(params.task_id);
      if (!job) throw new NotFoundError('task', params.task_id);
      const detail = await jobDetail(scheduler, job);
      return { ...taskSchedule(job), next_run_times: (detail.nextRuns as Array<{ at: string }>).map((n) => n.at) };
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/tasks/:task_id/runs',
    operationId: 'getTaskRuns',
    summary: "A task's execution history",
    description: alias('GET /api/v1/jobs/{id}/runs'),
    tags,
    params: taskParams,
    responses: { 200: { description: 'Runs, newest first' }, 404: { description: 'No such task', schema: problemDoc } },
    handler: async ({ params }) => {
      if (!(await scheduler.getJob(params.task_id))) throw new NotFoundError('task', params.task_id);
      return (await scheduler.history({ jobId: params.task_id, limit: 100 })).map(runView);
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/schedules',
    operationId: 'listSchedules',
    summary: 'All scheduled tasks (active and paused)',
    description: alias('GET /api/v1/jobs?status=active,paused'),
    tags,
    responses: { 200: { description: 'Every scheduled task' } },
    handler: async () => {
      const out: Array<Record<string, unknown>> = [];
      let cursor: string | undefined;
      do {
        const page = await listJobsPage(scheduler, { status: ['active', 'paused'], limit: 500, ...(cursor ? { cursor } : {}) });
        out.push(...page.jobs.map(taskSchedule));
        cursor = page.next;
      } while (cursor !== undefined);
      return out;
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/scheduler/events',
    operationId: 'listSchedulerEvents',
    summary: 'Scheduled events, filtered by status, module, function and recurrence',
    description: `${alias('GET /api/v1/jobs')} module_id matches the job's workflow id, function_name its kind.`,
    tags,
    query: z
      .object({
        status: z
          .enum(['active', 'paused', 'completed', 'failed', 'cancelled'], {
            message: 'must be active, paused, completed, failed or cancelled',
          })
          .optional(),
        module_id: z.string().min(1).optional(),
        function_name: z.string().min(1).optional(),
        recurring: z
          .enum(['true', 'false'], { message: 'must be true or false' })
          .transform((v) => v === 'true')
          .optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        cursor: z.string().min(1).optional(),
      })
      .strict(),
    responses: { 200: { description: 'Events (jobs) and the next page cursor' } },
    handler: async ({ query }) => {
      const page = await listJobsPage(scheduler, {
        ...(query.status ? { status: [query.status] } : {}),
        ...(query.module_id ? { workflow: query.module_id } : {}),
        ...(query.function_name ? { kind: query.function_name } : {}),
        ...(query.recurring !== undefined ? { recurring: query.recurring } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return {
        events: page.jobs.map((job) => {
          const v = jobView(job);
          return {
            id: job.id,
            name: job.name,
            function_name: job.kind,
            module_id: job.workflowId,
            status: job.status,
            recurring: v.recurring,
            next_execution: v.nextRunAt,
            parameters: job.payload,
          };
        }),
        ...(page.next ? { next: page.next } : {}),
      };
    },
  });
}
