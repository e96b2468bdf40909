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

/** Where the next page starts: the last row's sort value and id, or the store's own cursor. */
interface Cursor {
  sort: string;
  value?: string | number;
  id?: string;
  /** Set when the page came straight from the store's creation-order keyset (see storePage). */
  store?: string;
}

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(text: string, sort: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (c.sort !== sort) throw new Error('another sort');
    if (typeof c.store === 'string' || (typeof c.id === 'string' && (typeof c.value === 'string' || typeof c.value === 'number'))) return c;
  } catch {
    // fall through to the refusal
  }
  throw badCursor();
}

const badCursor = () =>
  validationProblem([
    {
      field: 'query.cursor',
      message: 'is not a cursor of this listing (or its sort or filters changed)',
      fix: 'use the `next` of the previous page with the same query, or omit it',
    },
  ]);

/**
 * The default listing (creation order, only filters the store applies) pages on the store's
 * keyset, so a page costs the same however many jobs there are. A one-row look past the page
 * tells whether a next page exists, so the last page never hands out an empty next one.
 */
async function storePage(
  scheduler: SchedulerApi,
  filter: JobFilter,
  sort: string,
  limit: number,
  after: string | undefined,
): Promise<JobListPage> {
  const got = await scheduler.pageJobs(filter, { size: limit, ...(after !== undefined ? { after } : {}) });
  if (got.next === undefined) return { jobs: got.jobs };
  const peek = await scheduler.pageJobs(filter, { size: 1, after: got.next });
  return { jobs: got.jobs, ...(peek.jobs.length > 0 ? { next: encode({ sort, store: got.next }) } : {}) };
}

function compare(a: { value: string | number; id: string }, b: { value?: string | number | undefined; id?: string | undefined }): number {
  if (b.value === undefined || b.id === undefined) return 1;
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
  const storeCursor = after?.store;
  if (key === 'created' && !desc && q.recurring === undefined && needle === undefined) {
    if (after !== undefined && storeCursor === undefined) throw badCursor();
    return storePage(scheduler, filter, sort, limit, storeCursor);
  }
  if (storeCursor !== undefined) throw badCursor();

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
