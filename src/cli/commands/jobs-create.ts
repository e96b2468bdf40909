import type { NewJob } from '../../core/job.js';
import { UserError } from '../../core/errors.js';
import { jsonObject, outputFormat, parseOptions, positiveInt, required, withinTextLimit } from '../args.js';
import { withContext } from '../context.js';
import { describeSchedule } from '../describe.js';
import { instant, json } from '../format.js';
import type { CliIo } from '../io.js';
import { CLI_ORIGIN, CLI_OWNER, scheduleFromSpec } from '../schedule-input.js';

export const usage =
  'chime jobs create --name <name> --schedule <spec> (--text <reminder text> | --command "</command args>") [--data <json>] [--tz <IANA zone>] [--once] [--retries <n>] [--timeout <ms>] [--format table|json]';
export const summary = 'Create a reminder (--text) or a command job (--command)';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(
    argv,
    {
      name: { type: 'string' },
      schedule: { type: 'string' },
      text: { type: 'string' },
      command: { type: 'string' },
      data: { type: 'string' },
      tz: { type: 'string' },
      once: { type: 'boolean' },
      retries: { type: 'string' },
      timeout: { type: 'string' },
      format: { type: 'string' },
    },
    usage,
  );
  const name = required(opts.name, 'name', usage);
  const spec = required(opts.schedule, 'schedule', usage);
  if ((opts.text === undefined) === (opts.command === undefined)) {
    throw new UserError('cli.kind', 'Give exactly one of --text (a reminder) or --command (a chat command run as the scheduler).', usage);
  }
  const data = jsonObject(opts.data);
  const format = outputFormat(opts.format);
  return withContext(io, async ({ scheduler, config, clock }) => {
    withinTextLimit(opts, config.quotas.maxTextLength);
    const timeZone = opts.tz ?? config.defaultTimeZone;
    const { schedule, bounds } = scheduleFromSpec(spec, { now: clock.now(), timeZone, once: opts.once ?? false });
    const input: NewJob = {
      name,
      kind: opts.text !== undefined ? 'reminder' : 'command',
      payload:
        opts.text !== undefined ? { text: opts.text, ...(data ? { data } : {}) } : { command: opts.command, ...(data ? { data } : {}) },
      owner: CLI_OWNER,
      origin: CLI_ORIGIN,
      schedule,
      bounds,
      timeZone,
      retries: opts.retries === undefined ? config.scheduler.defaultRetries : positiveInt(opts.retries, 'retries', 0),
      retryDelayMs: config.scheduler.retryDelayMs,
      timeoutMs: positiveInt(opts.timeout, 'timeout', config.scheduler.taskTimeoutMs),
    };
    const job = await scheduler.createJob(input);
    if (format === 'json') io.stdout(json(job));
    else
      io.stdout(
        `Created job ${job.id} "${job.name}" (${job.kind}, ${describeSchedule(job)}); next run ${instant(job.nextRunAt, job.timeZone)}.\n`,
      );
    return 0;
  });
}
