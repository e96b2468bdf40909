import type { Job } from '../core/job.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import { isRecurring } from '../core/schedule.js';
import type { ListJobsQuery } from './job-schemas.js';
import { validationProblem } from './problem.js';
import type { JobFilter } from '../core/ports/job-store.js';

const DEFAULT_LIMIT = 50;
const SCAN_PAGE = 1000;

type SortKey = 'created' | 'next_run' | 'name' | 'updated';

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

/** The part of the query the store answers itself (indexed columns). */
export function storeFilter(q: Pick<ListJobsQuery, 'status' | 'kind' | 'owner' | 'chat' | 'platform' | 'workflow'>): JobFilter {
  const f: JobFilter = {};
  if (q.status && q.status.length > 0) f.status = q.status.length === 1 ? q.status[0]! : q.status;
  if (q.kind) f.kind = q.kind;
  if (q.workflow) f.workflowId = q.workflow;
  if (q.platform) f.originPlatform = q.platform;
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

/** The text a search looks in: name, reminder text, command. */
function haystack(job: Job): string {
  const p = (job.payload ?? {}) as { text?: unknown; command?: unknown };
  return [job.name, typeof p.text === 'string' ? p.text : '', typeof p.command === 'string' ? p.command : ''].join('\n').toLowerCase();
}

function sortValue(job: Job, key: SortKey): string | number {
  switch (key) {
    case 'created':
      return job.createdAt.getTime();
    case 'updated':
      return job.updatedAt.getTime();
    case 'name':
      return job.name.toLowerCase();
    case 'next_run':
      // Nothing due sorts last whichever the direction, as "next run: never".
      return job.nextRunAt === null ? Number.MAX_SAFE_INTEGER : job.nextRunAt.getTime();
  }
}

interface Cursor {
  sort: string;
  value: string | number;
  id: string;
}

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(text: string, sort: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.id === 'string' && (typeof c.value === 'string' || typeof c.value === 'number') && c.sort === sort) return c;
  } catch {
    // fall through to the refusal
  }
  throw validationProblem([
    {
      field: 'query.cursor',
      message: 'is not a cursor of this listing (or its sort changed)',
      fix: 'use the `next` of the previous page with the same sort, or omit it',
    },
  ]);
}

function compare(a: { value: string | number; id: string }, b: { value: string | number; id: string }): number {
  if (a.value < b.value) return -1;
  if (a.value > b.value) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One page of jobs matching `q`. The store filters on its indexed columns; recurrence and text
 * search are read off each job, then the matches are sorted (ties by id) and cut after the
 * cursor, which holds the last row's sort value and id so a page never repeats or skips a job
 * when others are added meanwhile.
 */
export async function listJobsPage(scheduler: SchedulerApi, q: ListJobsQuery): Promise<JobListPage> {
  const sort = q.sort ?? 'created';
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as SortKey;
  const limit = q.limit ?? DEFAULT_LIMIT;
  const after = q.cursor !== undefined ? decode(q.cursor, sort) : undefined;
  const filter = storeFilter(q);
  const needle = q.q?.toLowerCase();

  const matches: Array<{ job: Job; value: string | number; id: string }> = [];
  let page: string | undefined;
  do {
    const got = await scheduler.pageJobs(filter, { size: SCAN_PAGE, ...(page !== undefined ? { after: page } : {}) });
    for (const job of got.jobs) {
      if (q.recurring !== undefined && isRecurring(job.schedule) !== q.recurring) continue;
      if (needle !== undefined && !haystack(job).includes(needle)) continue;
      const row = { job, value: sortValue(job, key), id: job.id };
      if (after && (desc ? compare(row, after) >= 0 : compare(row, after) <= 0)) continue;
      matches.push(row);
    }
    page = got.next;
  } while (page !== undefined);

  matches.sort((a, b) => (desc ? compare(b, a) : compare(a, b)));
  const rows = matches.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    jobs: rows.map((r) => r.job),
    ...(matches.length > limit && last ? { next: encode({ sort, value: last.value, id: last.id }) } : {}),
  };
}
