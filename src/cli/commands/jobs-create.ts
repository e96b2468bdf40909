import type { NewJob } from '../../core/job.js';
import { UserError } from '../../core/errors.js';
import { zoneOption, intInRange, jsonObject, outputFormat, parseOptions, positiveInt, required, withinTextLimit } from '../args.js';
import { RETRIES_RANGE, TIMEOUT_MS_RANGE } from '../../core/run-limits.js';
import { withContext } from '../context.js';
import { describeSchedule } from '../describe.js';
import { instant, json } from '../format.js';
import type { CliIo } from '../io.js';
import { CLI_ORIGIN, CLI_OWNER, scheduleFromSpec } from '../schedule-input.js';

export const usage =
  'chime jobs create --name <name> --schedule <spec> (--text <reminder text> | --command "</command args>" | --prompt <task for the agent> [--max-iterations <n>] [--no-tools] [--include-previous-output] [--tools a,b]) [--data <json>] [--tz <IANA zone>] [--once] [--retries <n>] [--timeout <ms>] [--format table|json]';
export const summary = 'Create a reminder (--text), a command job (--command) or an agent prompt job (--prompt)';

/** The payload of each kind, from the flags that name it. */
function kindAndPayload(opts: {
  text?: string | undefined;
  command?: string | undefined;
  prompt?: string | undefined;
  'max-iterations'?: string | undefined;
  'no-tools'?: boolean | undefined;
  'include-previous-output'?: boolean | undefined;
  tools?: string | undefined;
  data?: string | undefined;
}): Pick<NewJob, 'kind' | 'payload'> {
  const given = [opts.text, opts.command, opts.prompt].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new UserError(
      'cli.kind',
      'Give exactly one of --text (a reminder), --command (a chat command run as the scheduler) or --prompt (a task for the agent).',
      usage,
    );
  }
  const data = jsonObject(opts.data);
  if (opts.prompt !== undefined) {
    // The prompt executor checks it all (agent off, iteration ceiling, tool names) and says why.
    return {
      kind: 'prompt',
      payload: {
        prompt: opts.prompt,
        use_react_loop: opts['no-tools'] !== true,
        include_previous_output: opts['include-previous-output'] === true,
        ...(opts['max-iterations'] !== undefined ? { max_iterations: positiveInt(opts['max-iterations'], 'max-iterations', 1) } : {}),
        ...(opts.tools !== undefined
          ? {
              tools: opts.tools
                .split(',')
                .map((t) => t.trim())
                .filter((t) => t !== ''),
            }
          : {}),
      },
    };
  }
  if (opts.text !== undefined) return { kind: 'reminder', payload: { text: opts.text, ...(data ? { data } : {}) } };
  return { kind: 'command', payload: { command: opts.command, ...(data ? { data } : {}) } };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(
    argv,
    {
      name: { type: 'string' },
      schedule: { type: 'string' },
      text: { type: 'string' },
      command: { type: 'string' },
      prompt: { type: 'string' },
      'max-iterations': { type: 'string' },
      'no-tools': { type: 'boolean' },
      'include-previous-output': { type: 'boolean' },
      tools: { type: 'string' },
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
  const { kind, payload } = kindAndPayload(opts);
  const format = outputFormat(opts.format);
  return withContext(io, async ({ scheduler, config, clock }) => {
    withinTextLimit(opts, config.quotas.maxTextLength);
    const timeZone = zoneOption(opts.tz) ?? config.defaultTimeZone;
    const { schedule, bounds } = scheduleFromSpec(spec, { now: clock.now(), timeZone, once: opts.once ?? false });
    const input: NewJob = {
      name,
      kind,
      payload,
      owner: CLI_OWNER,
      origin: CLI_ORIGIN,
      schedule,
      bounds,
      timeZone,
      retries: intInRange(opts.retries, 'retries', RETRIES_RANGE, config.scheduler.defaultRetries),
      retryDelayMs: config.scheduler.retryDelayMs,
      timeoutMs: intInRange(opts.timeout, 'timeout', TIMEOUT_MS_RANGE, config.scheduler.taskTimeoutMs),
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
