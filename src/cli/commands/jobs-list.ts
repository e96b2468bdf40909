import type { JobStatus } from '../../core/job.js';
import { UserError } from '../../core/errors.js';
import { outputFormat, parseOptions, positiveInt } from '../args.js';
import { withContext } from '../context.js';
import { describeSchedule } from '../describe.js';
import { clip, instant, json, table } from '../format.js';
import type { CliIo } from '../io.js';

export const usage = 'chime jobs list [--status active|paused|completed|failed|cancelled[,…]] [--kind reminder] [--limit 50] [--format table|json]';
export const summary = 'List jobs, optionally by status or kind';

const STATUSES: JobStatus[] = ['active', 'paused', 'completed', 'failed', 'cancelled'];

/** Parses `--status a,b` into known statuses. */
export function statuses(value: string | undefined): JobStatus[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim());
  for (const s of list) {
    if (!STATUSES.includes(s as JobStatus)) throw new UserError('cli.status', `Unknown status "${s}". Use ${STATUSES.join(', ')}.`, '--status active,paused');
  }
  return list as JobStatus[];
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, { status: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' } }, usage);
  const format = outputFormat(opts.format);
  const status = statuses(opts.status);
  const limit = positiveInt(opts.limit, 'limit', 1000);
  return withContext(io, async ({ scheduler, database }) => {
    const jobs = await scheduler.listJobs({ ...(status ? { status } : {}), ...(opts.kind ? { kind: opts.kind } : {}), limit });
    if (format === 'json') {
      io.stdout(json(jobs));
      return 0;
    }
    io.stdout(
      table(
        ['ID', 'NAME', 'KIND', 'STATUS', 'SCHEDULE', 'NEXT RUN', 'RUNS'],
        jobs.map((j) => [j.id, clip(j.name, 30), j.kind, j.status, clip(describeSchedule(j), 40), instant(j.nextRunAt, j.timeZone), String(j.runCount)]),
        `No ${[status?.join(' or '), opts.kind].filter(Boolean).join(' ')}${status || opts.kind ? ' ' : ''}jobs in ${database}.`,
      ),
    );
    return 0;
  });
}
