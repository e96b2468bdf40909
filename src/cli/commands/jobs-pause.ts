import { UserError } from '../../core/errors.js';
import { parseOptions } from '../args.js';
import { withContext } from '../context.js';
import type { CliIo } from '../io.js';

export const pauseUsage = 'chime jobs pause (--id <job id> | --all)   (--all: every active job)';
export const resumeUsage = 'chime jobs resume (--id <job id> | --all)  (--all: every paused job)';
export const pauseSummary = 'Pause one job, or all active jobs (--all)';
export const resumeSummary = 'Resume one job, or all paused jobs (--all)';

/**
 * `jobs pause` and `jobs resume`: one job by id, or all at once. Touching every job needs
 * `--all` said out loud (like `jobs delete --confirm`): a forgotten `--id` must not stop every
 * reminder.
 */
export function pauseOrResume(action: 'pause' | 'resume') {
  const usage = action === 'pause' ? pauseUsage : resumeUsage;
  return async (argv: string[], io: CliIo): Promise<number> => {
    const opts = parseOptions(argv, { id: { type: 'string' }, all: { type: 'boolean' } }, usage);
    const which = action === 'pause' ? 'active' : 'paused';
    if (opts.id !== undefined && opts.all) {
      throw new UserError(
        'cli.arguments',
        'Give either --id (one job) or --all (every job), not both.',
        `chime jobs ${action} --id k7m2qd`,
      );
    }
    if (opts.id === undefined && !opts.all) {
      throw new UserError(
        'cli.confirm',
        `Say which job to ${action} with --id, or add --all to ${action} every ${which} job.`,
        `chime jobs ${action} --id k7m2qd   or   chime jobs ${action} --all`,
      );
    }
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
