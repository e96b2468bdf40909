import { createHash } from 'node:crypto';
import type { Job } from '../core/job.js';
import type { JobFilter, JobOrder, JobSortKey } from '../core/ports/job-store.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import type { ListJobsQuery } from './job-schemas.js';
import { validationProblem } from './problem.js';

const DEFAULT_LIMIT = 50;

/** A page of the list, and the cursor of the next one (absent after the last). */
export interface JobListPage {
  jobs: Job[];
  next?: string;
}

/** `platform:id` or a bare id, split for the store filter. */
function scoped(value: string): { platform?: string; id: string } {
  const i = value.indexOf(':');
  return i > 0 ? { platform: value.slice(0, i), id: value.slice(i + 1) } : { id: value };
}

type FilterQuery = Pick<ListJobsQuery, 'status' | 'kind' | 'owner' | 'chat' | 'platform' | 'workflow' | 'recurring' | 'q'>;

/** The list's (and bulk actions') filters as the store's: the store applies every one of them. */
export function storeFilter(q: FilterQuery): JobFilter {
  const f: JobFilter = {};
  if (q.status && q.status.length > 0) f.status = q.status.length === 1 ? q.status[0]! : q.status;
  if (q.kind) f.kind = q.kind;
  if (q.workflow) f.workflowId = q.workflow;
  if (q.platform) f.originPlatform = q.platform;
  if (q.recurring !== undefined) f.recurring = q.recurring;
  if (q.q !== undefined) f.text = q.q;
  if (q.owner) {
    const o = scoped(q.owner);
    f.ownerUserId = o.id;
    if (o.platform) f.ownerPlatform = o.platform;
  }
  if (q.chat) {
    const c = scoped(q.chat);
    f.originChatId = c.id;
    if (c.platform) {
      if (q.platform && q.platform !== c.platform)
        throw validationProblem([
          { field: 'query.chat', message: `names platform ${c.platform} but platform=${q.platform}`, fix: 'drop one of them' },
        ]);
      f.originPlatform = c.platform;
    }
  }
  return f;
}

/** `-next_run` as the store's order. */
export function orderOf(sort: string | undefined): JobOrder {
  const s = sort ?? 'created';
  const desc = s.startsWith('-');
  return { key: (desc ? s.slice(1) : s) as JobSortKey, ...(desc ? { desc } : {}) };
}

/**
 * The API's cursor: the store's keyset cursor, with the sort and a digest of the filters it
 * was made under, so a cursor used with another query is refused instead of silently skipping
 * or repeating jobs.
 */
interface Cursor {
  sort: string;
  filter: string;
  store: string;
}

const digest = (filter: JobFilter): string =>
  createHash('sha256')
    .update(JSON.stringify(filter, Object.keys(filter).sort()))
    .digest('base64url')
    .slice(0, 12);

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

const badCursor = () =>
  validationProblem([
    {
      field: 'query.cursor',
      message: 'is not a cursor of this listing (or its sort or filters changed)',
      fix: 'use the `next` of the previous page with the same query, or omit it',
    },
  ]);

function decode(text: string, sort: string, filter: string): string {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (c.sort === sort && c.filter === filter && typeof c.store === 'string') return c.store;
  } catch {
    // fall through to the refusal
  }
  throw badCursor();
}

/**
 * One page of jobs matching `q`, filtered, sorted and cut by the store (keyset pagination on
 * the sort value and creation order): a page costs one query however many jobs there are, and
 * never repeats or skips a job when others are added between pages.
 */
export async function listJobsPage(scheduler: SchedulerApi, q: ListJobsQuery): Promise<JobListPage> {
  const sort = q.sort ?? 'created';
  const filter = storeFilter(q);
  const fingerprint = digest(filter);
  const after = q.cursor !== undefined ? decode(q.cursor, sort, fingerprint) : undefined;
  let page: Awaited<ReturnType<SchedulerApi['pageJobs']>>;
  try {
    page = await scheduler.pageJobs(filter, {
      size: q.limit ?? DEFAULT_LIMIT,
      order: orderOf(sort),
      ...(after !== undefined ? { after } : {}),
    });
  } catch (err) {
    // The store refuses a cursor it cannot read; the cursor came from the client.
    if (err instanceof Error && err.message.startsWith('store: bad page cursor')) throw badCursor();
    throw err;
  }
  return { jobs: page.jobs, ...(page.next !== undefined ? { next: encode({ sort, filter: fingerprint, store: page.next }) } : {}) };
}
