import type { JobStatus } from '../../core/job.js';
import { UserError } from '../../core/errors.js';
import { outputFormat, parseOptions, positiveInt } from '../args.js';
import { withContext } from '../context.js';
import { describeSchedule } from '../describe.js';
import type { Job } from '../../core/job.js';
import type { JobFilter } from '../../core/ports/job-store.js';
import { clip, instant, jsonArrayWriter, tableWriter } from '../format.js';
import type { CliIo } from '../io.js';

export const usage =
  'chime jobs list [--status active|paused|completed|failed|cancelled[,…]] [--kind reminder] [--limit 1000 | --all] [--format table|json]';
export const summary = 'List jobs, oldest first, optionally by status or kind';

/** Jobs shown without --limit or --all. */
const DEFAULT_LIMIT = 1000;
/** Jobs read from the store at a time: memory holds one page, however many jobs there are. */
const PAGE_SIZE = 500;

const STATUSES: JobStatus[] = ['active', 'paused', 'completed', 'failed', 'cancelled'];

/** Parses `--status a,b` into known statuses. */
export function statuses(value: string | undefined): JobStatus[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim());
  for (const s of list) {
    if (!STATUSES.includes(s as JobStatus))
      throw new UserError('cli.status', `Unknown status "${s}". Use ${STATUSES.join(', ')}.`, '--status active,paused');
  }
  return list as JobStatus[];
}

function tableRow(j: Job): string[] {
  return [j.id, clip(j.name, 30), j.kind, j.status, clip(describeSchedule(j), 40), instant(j.nextRunAt, j.timeZone), String(j.runCount)];
}

/**
 * Lists jobs in creation order, read and printed a page at a time (keyset pages from the
 * store), so a hundred thousand jobs take no more memory than five hundred. Stops at --limit
 * and then says how many were left out; --all lists every one.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(
    argv,
    {
      status: { type: 'string' },
      kind: { type: 'string' },
      limit: { type: 'string' },
      all: { type: 'boolean' },
      format: { type: 'string' },
    },
    usage,
  );
  const format = outputFormat(opts.format);
  const status = statuses(opts.status);
  if (opts.all && opts.limit !== undefined) throw new UserError('cli.limit', 'Give --limit or --all, not both.', 'chime jobs list --all');
  const limit = opts.all ? Number.POSITIVE_INFINITY : positiveInt(opts.limit, 'limit', DEFAULT_LIMIT);
  const filter: JobFilter = { ...(status ? { status } : {}), ...(opts.kind ? { kind: opts.kind } : {}) };
  return withContext(io, async ({ scheduler, database }) => {
    const asJson = jsonArrayWriter(io.stdout);
    const asTable = tableWriter(['ID', 'NAME', 'KIND', 'STATUS', 'SCHEDULE', 'NEXT RUN', 'RUNS'], io.stdout);
    let shown = 0;
    let after: string | undefined;
    let more = false;
    for (;;) {
      const page = await scheduler.pageJobs(filter, {
        size: Math.min(PAGE_SIZE, limit - shown),
        ...(after !== undefined ? { after } : {}),
      });
      if (format === 'json') asJson.items(page.jobs);
      else asTable.page(page.jobs.map(tableRow));
      shown += page.jobs.length;
      after = page.next;
      if (after === undefined) break;
      if (shown >= limit) {
        more = (await scheduler.pageJobs(filter, { size: 1, after })).jobs.length > 0;
        break;
      }
    }
    if (format === 'json') asJson.end();
    else if (shown === 0) {
      io.stdout(`No ${[status?.join(' or '), opts.kind].filter(Boolean).join(' ')}${status || opts.kind ? ' ' : ''}jobs in ${database}.\n`);
    }
    if (more) {
      const total = await scheduler.countJobs(filter);
      io.stderr(`Showed the first ${shown} of ${total} jobs (oldest first); --all lists every one, --limit N another number.\n`);
    }
    return 0;
  });
}
