import { outputFormat, parseOptions, positiveInt } from '../args.js';
import { withContext } from '../context.js';
import { clip, instant, json, table } from '../format.js';
import type { CliIo } from '../io.js';

export const usage = 'chime jobs next [--count 10] [--task <job id>] [--format table|json]';
export const summary = 'Show the next fire times (of one job, or the soonest across jobs)';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, { count: { type: 'string' }, task: { type: 'string' }, format: { type: 'string' } }, usage);
  const format = outputFormat(opts.format);
  const count = positiveInt(opts.count, 'count', opts.task ? 5 : 10);
  return withContext(io, async ({ scheduler, database }) => {
    const next = await scheduler.nextRuns({ count, ...(opts.task ? { jobId: opts.task } : {}) });
    if (format === 'json') {
      io.stdout(json(next.map(({ job, at }) => ({ jobId: job.id, name: job.name, at, timeZone: job.timeZone }))));
      return 0;
    }
    io.stdout(
      table(
        ['WHEN', 'JOB', 'NAME', 'ZONE'],
        next.map(({ job, at }) => [instant(at, job.timeZone), job.id, clip(job.name, 40), job.timeZone]),
        `Nothing due${opts.task ? ` for job ${opts.task}` : ''} in ${database}.`,
      ),
    );
    return 0;
  });
}
