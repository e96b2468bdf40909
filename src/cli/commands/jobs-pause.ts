import { parseOptions } from '../args.js';
import { withContext } from '../context.js';
import type { CliIo } from '../io.js';

export const pauseUsage = 'chime jobs pause [--id <job id>]   (no --id: every active job)';
export const resumeUsage = 'chime jobs resume [--id <job id>]  (no --id: every paused job)';
export const pauseSummary = 'Pause one job, or all active jobs';
export const resumeSummary = 'Resume one job, or all paused jobs';

/** `jobs pause` and `jobs resume`: one job by id, or all at once. */
export function pauseOrResume(action: 'pause' | 'resume') {
  const usage = action === 'pause' ? pauseUsage : resumeUsage;
  return async (argv: string[], io: CliIo): Promise<number> => {
    const opts = parseOptions(argv, { id: { type: 'string' } }, usage);
    return withContext(io, async ({ scheduler }) => {
      const done = action === 'pause' ? 'Paused' : 'Resumed';
      if (opts.id !== undefined) {
        const job = action === 'pause' ? await scheduler.pauseJob(opts.id) : await scheduler.resumeJob(opts.id);
        io.stdout(`${done} job ${job.id} "${job.name}".\n`);
      } else {
        const ids = action === 'pause' ? await scheduler.pauseAll() : await scheduler.resumeAll();
        io.stdout(`${done} ${ids.length} job${ids.length === 1 ? '' : 's'}${ids.length ? `: ${ids.join(', ')}` : ''}.\n`);
      }
      return 0;
    });
  };
}
