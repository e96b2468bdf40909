import { NotFoundError, UserError } from '../../core/errors.js';
import { parseOptions, required } from '../args.js';
import { withContext } from '../context.js';
import type { CliIo } from '../io.js';

export const usage = 'chime jobs delete --id <job id> --confirm';
export const summary = 'Delete a job and its history (needs --confirm)';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, { id: { type: 'string' }, confirm: { type: 'boolean' } }, usage);
  const id = required(opts.id, 'id', usage);
  if (!opts.confirm)
    throw new UserError(
      'cli.confirm',
      `Deleting job ${id} cannot be undone; add --confirm to go ahead.`,
      `chime jobs delete --id ${id} --confirm`,
    );
  return withContext(io, async ({ scheduler }) => {
    if (!(await scheduler.deleteJob(id))) throw new NotFoundError('job', id);
    io.stdout(`Deleted job ${id}.\n`);
    return 0;
  });
}
