import { agentRunLines } from '../../core/agent-transcript.js';
import type { RunRecord, RunStatus } from '../../core/run.js';
import { UserError } from '../../core/errors.js';
import { outputFormat, parseOptions, positiveInt } from '../args.js';
import { withContext } from '../context.js';
import { clip, instant, json, table } from '../format.js';
import type { CliIo } from '../io.js';

export const usage =
  'chime jobs history [--task|--id <job id>] [--status success|failure|timeout|skipped|abandoned|running] [--limit 50] [--verbose] [--format table|json]';
export const summary = 'Show execution history, newest first';

const STATUSES: RunStatus[] = ['running', 'success', 'failure', 'timeout', 'skipped', 'abandoned'];

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(
    argv,
    {
      task: { type: 'string' },
      id: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      verbose: { type: 'boolean' },
      format: { type: 'string' },
    },
    usage,
  );
  if (opts.task !== undefined && opts.id !== undefined && opts.task !== opts.id) {
    throw new UserError('cli.task', '--task and --id name the same thing: give one.', '--id k7m2qd');
  }
  const task = opts.task ?? opts.id;
  const format = outputFormat(opts.format);
  const limit = positiveInt(opts.limit, 'limit', 50);
  if (opts.status !== undefined && !STATUSES.includes(opts.status as RunStatus)) {
    throw new UserError('cli.status', `Unknown run status "${opts.status}". Use ${STATUSES.join(', ')}.`, '--status failure');
  }
  return withContext(io, async ({ scheduler, database }) => {
    const runs = await scheduler.history({
      ...(task ? { jobId: task } : {}),
      ...(opts.status ? { status: opts.status as RunStatus } : {}),
      limit,
    });
    if (format === 'json') {
      io.stdout(json(runs));
      return 0;
    }
    io.stdout(
      table(
        ['RUN', 'JOB', 'SCHEDULED FOR', 'STATUS', 'TRIGGER', 'TRY', 'LATE', 'TOOK', 'RESULT'],
        runs.map((r) => [
          r.runId,
          r.jobId,
          instant(r.scheduledFor),
          r.status,
          r.trigger,
          String(r.attempt),
          `${r.lateMs}ms`,
          r.durationMs === null ? '-' : `${r.durationMs}ms`,
          clip(r.error ?? r.result ?? '', 50),
        ]),
        `No ${opts.status ? `${opts.status} ` : ''}runs${task ? ` of job ${task}` : ''} in ${database}.`,
      ),
    );
    if (opts.verbose) io.stdout(verboseAgentRuns(runs));
    return 0;
  });
}

/** --verbose: each agent run's transcript, system prompt included, under the table. */
function verboseAgentRuns(runs: RunRecord[]): string {
  const blocks = runs.flatMap((r) =>
    r.agent
      ? [
          `\nRun ${r.runId} of ${r.jobId} (${r.status}, ${instant(r.scheduledFor)}): ${agentRunLines(r.agent, { withSystem: true, clipAt: 2000 }).join('\n')}\n`,
        ]
      : [],
  );
  return blocks.join('');
}
