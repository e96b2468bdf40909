import type { HousekeepingReport } from '../../core/housekeeping.js';
import { outputFormat, parseOptions } from '../args.js';
import { withContext } from '../context.js';
import { json } from '../format.js';
import type { CliIo } from '../io.js';

export const usage = 'chime cleanup [--dry-run] [--format table|json]';
export const summary = 'Prune old execution history and registered directories now (--dry-run: only show what would go)';

/** File names listed per directory; the rest are counted. */
const NAMES_SHOWN = 20;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The report as a person reads it: counts first, then each directory and its files. */
export function describeCleanup(report: HousekeepingReport, database: string): string {
  const h = report.history;
  const keep = h.keepPerJob === null ? '' : `, and beyond the newest ${h.keepPerJob} of each job`;
  const lines = [
    report.dryRun ? `Dry run: nothing was deleted. \`chime cleanup\` would remove:` : 'Removed:',
    `  ${plural(h.runsDeleted, 'run')} of history finished before ${h.olderThan.toISOString()}${keep} (${database})`,
    `  ${plural(h.outboxDeleted, 'delivered or undeliverable message')} from before then`,
    `  ${plural(h.conversationMessagesDeleted, 'agent conversation message')} from before ${h.conversationsOlderThan.toISOString()}`,
    `  ${plural(h.eventsDeleted, 'event log entry', 'event log entries')} from before ${h.eventsOlderThan.toISOString()}`,
  ];
  for (const d of report.directories) {
    lines.push(
      `  ${plural(d.filesRemoved, 'file')}, ${plural(d.bytesRemoved, 'byte')} in ${d.directory} (${d.pattern}, priority ${d.priority}); ${d.filesKept} kept`,
    );
    for (const f of d.files.slice(0, NAMES_SHOWN)) lines.push(`    ${f}`);
    if (d.files.length > NAMES_SHOWN) lines.push(`    … and ${d.files.length - NAMES_SHOWN} more`);
  }
  const files = report.directories.length > 0 ? `, ${plural(report.totalFiles, 'file')} (${plural(report.totalBytes, 'byte')})` : '';
  lines.push(`Total: ${plural(h.runsDeleted, 'run')}, ${plural(h.outboxDeleted, 'message')}${files}.`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, { 'dry-run': { type: 'boolean' }, format: { type: 'string' } }, usage);
  const format = outputFormat(opts.format);
  return withContext(io, async ({ housekeeper, database }) => {
    const report = await housekeeper.run({ dryRun: opts['dry-run'] ?? false });
    io.stdout(format === 'json' ? json(report) : describeCleanup(report, database));
    for (const d of report.directories) for (const e of d.errors) io.stderr(`error in ${d.directory}: ${e}\n`);
    return 0;
  });
}
