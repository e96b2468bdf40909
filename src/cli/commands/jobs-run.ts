import { NotFoundError, UserError } from '../../core/errors.js';
import { outputFormat, parseOptions, required } from '../args.js';
import { withContext } from '../context.js';
import { instant, json } from '../format.js';
import type { CliIo } from '../io.js';

export const usage = 'chime jobs run --id <job id> [--wait] [--format table|json]';
export const summary = 'Run a job now, outside its schedule (--wait prints the outcome)';

/**
 * The run happens in this process; its message goes to the outbox, which the running
 * `chime start` delivers. Without --wait the command prints the run id and still lets the run
 * finish before exiting (leaving it would abandon the run until its lease expires).
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, { id: { type: 'string' }, wait: { type: 'boolean' }, format: { type: 'string' } }, usage);
  const id = required(opts.id, 'id', usage);
  const format = outputFormat(opts.format);
  return withContext(io, async ({ scheduler }) => {
    const job = await scheduler.getJob(id);
    if (!job) throw new NotFoundError('job', id);
    // Always wait: this process runs the job, and leaving early would abandon it.
    const record = await scheduler.runNow(id, { wait: true });
    if (!record) throw new UserError('cli.busy', `Job ${id} is running right now; try again when it has finished.`);
    if (format === 'json') {
      io.stdout(json(record));
    } else if (opts.wait) {
      const detail = record.error ?? record.result ?? '';
      io.stdout(
        `Run ${record.runId} of job ${id}: ${record.status}${detail ? ` — ${detail}` : ''} (finished ${instant(record.finishedAt, job.timeZone)}).\n`,
      );
    } else {
      io.stdout(`Started run ${record.runId} of job ${id}.\n`);
    }
    return opts.wait && record.status !== 'success' ? 1 : 0;
  });
}
