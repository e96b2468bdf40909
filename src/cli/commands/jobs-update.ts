import { NotFoundError, UserError } from '../../core/errors.js';
import type { JobPatch } from '../../core/ports/job-store.js';
import { zoneOption, intInRange, jsonObject, outputFormat, parseOptions, required, withinTextLimit } from '../args.js';
import { RETRIES_RANGE, TIMEOUT_MS_RANGE } from '../../core/run-limits.js';
import { withContext } from '../context.js';
import { describeSchedule } from '../describe.js';
import { instant, json } from '../format.js';
import type { CliIo } from '../io.js';
import { scheduleFromSpec } from '../schedule-input.js';

export const usage =
  'chime jobs update --id <job id> [--name <name>] [--schedule <spec>] [--text <text>] [--command "</command>"] [--data <json>] [--tz <IANA zone>] [--retries <n>] [--timeout <ms>] [--format table|json]';
export const summary = 'Change a job (a new schedule recomputes its next run)';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(
    argv,
    {
      id: { type: 'string' },
      name: { type: 'string' },
      schedule: { type: 'string' },
      text: { type: 'string' },
      command: { type: 'string' },
      data: { type: 'string' },
      tz: { type: 'string' },
      retries: { type: 'string' },
      timeout: { type: 'string' },
      format: { type: 'string' },
    },
    usage,
  );
  const id = required(opts.id, 'id', usage);
  const data = jsonObject(opts.data);
  const format = outputFormat(opts.format);
  return withContext(io, async ({ scheduler, clock, config }) => {
    withinTextLimit(opts, config.quotas.maxTextLength);
    const job = await scheduler.getJob(id);
    if (!job) throw new NotFoundError('job', id);
    const patch: JobPatch = {};
    if (opts.name !== undefined) patch.name = opts.name;
    if (opts.tz !== undefined) patch.timeZone = zoneOption(opts.tz)!;
    if (opts.schedule !== undefined) {
      const { schedule, bounds } = scheduleFromSpec(opts.schedule, {
        now: clock.now(),
        timeZone: patch.timeZone ?? job.timeZone,
        once: false,
      });
      patch.schedule = schedule;
      patch.bounds = bounds;
    }
    if (opts.text !== undefined || opts.command !== undefined || data !== undefined) {
      if (opts.text !== undefined && job.kind !== 'reminder')
        throw new UserError('cli.kind', `Job ${id} is a ${job.kind} job; --text applies to reminders.`);
      if (opts.command !== undefined && job.kind !== 'command')
        throw new UserError('cli.kind', `Job ${id} is a ${job.kind} job; --command applies to command jobs.`);
      const payload = { ...(job.payload as Record<string, unknown>) };
      if (opts.text !== undefined) payload.text = opts.text;
      if (opts.command !== undefined) payload.command = opts.command;
      if (data !== undefined) payload.data = data;
      patch.payload = payload;
    }
    if (opts.retries !== undefined) patch.retries = intInRange(opts.retries, 'retries', RETRIES_RANGE, job.retries);
    if (opts.timeout !== undefined) patch.timeoutMs = intInRange(opts.timeout, 'timeout', TIMEOUT_MS_RANGE, job.timeoutMs);
    if (Object.keys(patch).length === 0)
      throw new UserError(
        'cli.nothing',
        'Nothing to change: give at least one of --name, --schedule, --text, --command, --data, --tz, --retries, --timeout.',
        usage,
      );
    const updated = await scheduler.updateJob(id, patch);
    if (format === 'json') io.stdout(json(updated));
    else
      io.stdout(
        `Updated job ${updated.id} "${updated.name}" (${describeSchedule(updated)}); next run ${instant(updated.nextRunAt, updated.timeZone)}.\n`,
      );
    return 0;
  });
}
