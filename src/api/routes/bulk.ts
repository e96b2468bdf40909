import { z } from 'zod';
import type { SchedulerApi } from '../../core/scheduler-api.js';
import { storeFilter } from '../job-query.js';
import { problemDoc } from '../job-schemas.js';
import type { RouteTable } from '../route-table.js';

const JOB_FILTER_FIELDS = ['kind', 'owner', 'chat', 'platform', 'workflow'] as const;

/**
 * Which jobs a bulk action touches: the list's store-side filters (not text search or
 * recurrence, which the store cannot apply in the same statement). An empty filter would touch
 * every job, so it must be asked for with `all: true`.
 */
const bulkBody = z
  .object({
    all: z.literal(true).optional().describe('Act on every job (required when no filter is given).'),
    kind: z.string().min(1).optional(),
    owner: z.string().min(1).optional().describe('Owner user id, or platform:user'),
    chat: z.string().min(1).optional().describe('Origin chat id, or platform:chat'),
    platform: z.string().min(1).optional(),
    workflow: z.string().min(1).optional(),
  })
  .strict()
  .refine((b) => b.all === true || JOB_FILTER_FIELDS.some((k) => b[k] !== undefined), {
    message: 'names no jobs | Fix: give a filter (kind, owner, chat, platform, workflow) or {"all":true}',
  });

const idsDoc = z.object({ ids: z.array(z.string()) });

export function registerBulkRoutes(routes: RouteTable, scheduler: SchedulerApi): void {
  const tags = ['bulk'];
  routes.add({
    method: 'POST',
    url: '/api/v1/bulk/pause',
    operationId: 'pauseJobs',
    summary: 'Pause every active job matching the filter',
    description: 'One store update: all matching jobs are paused together or none is.',
    tags,
    body: bulkBody,
    responses: { 200: { description: 'Ids paused', schema: idsDoc }, 400: { description: 'Invalid filter', schema: problemDoc } },
    handler: async ({ body }) => ({ ids: await scheduler.pauseAll(storeFilter(body)) }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/bulk/resume',
    operationId: 'resumeJobs',
    summary: 'Resume every paused job matching the filter',
    description: 'Each job gets its next fire from now, as a single resume does.',
    tags,
    body: bulkBody,
    responses: { 200: { description: 'Ids resumed', schema: idsDoc }, 400: { description: 'Invalid filter', schema: problemDoc } },
    handler: async ({ body }) => ({ ids: await scheduler.resumeAll(storeFilter(body)) }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/workflows/:workflow/cancel',
    operationId: 'cancelWorkflow',
    summary: 'Cancel every active or paused job of a workflow',
    tags,
    params: z.object({ workflow: z.string().min(1).max(100) }),
    responses: { 200: { description: 'Ids cancelled (empty when none matched)', schema: idsDoc } },
    handler: async ({ params }) => ({ ids: await scheduler.cancelWorkflow(params.workflow) }),
  });
}
