import { outputFormat, parseOptions } from '../args.js';
import { withContext } from '../context.js';
import { json } from '../format.js';
import type { CliIo } from '../io.js';

export const usage = 'chime cleanup [--dry-run] [--format table|json]';
export const summary = 'Prune old execution history and registered directories now';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, { 'dry-run': { type: 'boolean' }, format: { type: 'string' } }, usage);
  const format = outputFormat(opts.format);
  return withContext(io, async ({ housekeeper }) => {
    const report = await housekeeper.run({ dryRun: opts['dry-run'] ?? false });
    if (format === 'json') {
      io.stdout(json(report));
      return 0;
    }
    const h = report.history;
    const keep = h.keepPerJob === null ? '' : `, keeping at most ${h.keepPerJob} per job`;
    io.stdout(
      report.dryRun
        ? `Dry run: nothing deleted. History: runs finished before ${h.olderThan.toISOString()} would be pruned${keep}.\n`
        : `History: ${h.runsDeleted} run${h.runsDeleted === 1 ? '' : 's'} pruned (finished before ${h.olderThan.toISOString()}${keep}).\n`,
    );
    for (const d of report.directories) {
      io.stdout(`${d.directory} (${d.pattern}, priority ${d.priority}): ${d.filesRemoved} file(s), ${d.bytesRemoved} bytes ${report.dryRun ? 'would be ' : ''}removed, ${d.filesKept} kept\n`);
      for (const e of d.errors) io.stderr(`  error: ${e}\n`);
    }
    if (report.directories.length > 0) io.stdout(`Total: ${report.totalFiles} file(s), ${report.totalBytes} bytes.\n`);
    return 0;
  });
}
