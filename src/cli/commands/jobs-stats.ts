import { outputFormat, parseOptions } from '../args.js';
import { withContext } from '../context.js';
import { json } from '../format.js';
import type { CliIo } from '../io.js';

export const usage = 'chime jobs stats [--format table|json]';
export const summary = 'Counts of jobs by status, runs by outcome, and the outbox';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, { format: { type: 'string' } }, usage);
  const format = outputFormat(opts.format);
  return withContext(io, async ({ scheduler }) => {
    const s = await scheduler.stats();
    if (format === 'json') {
      io.stdout(json(s));
      return 0;
    }
    const line = (counts: Record<string, number | undefined>): string =>
      Object.entries(counts)
        .map(([k, v]) => `${k} ${v ?? 0}`)
        .join(', ') || 'none';
    io.stdout(
      `Jobs:    ${line(s.jobsByStatus)}\n` +
        `Runs:    ${line(s.runsByStatus)}\n` +
        `Running: ${s.running}\n` +
        `Outbox:  ${s.outboxPending} pending, ${s.outboxDead} dead\n`,
    );
    return 0;
  });
}
