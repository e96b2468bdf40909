import { z } from 'zod';
import { RETRIES_RANGE, TIMEOUT_MS_RANGE } from '../core/run-limits.js';
import { hasVisibleText } from '../core/text-limit.js';

// Messages carry their fix after " | Fix: ", which the route table splits into the problem's
// `fix` field: every refusal says what would work.
const JOB_STATUSES = ['active', 'paused', 'completed', 'failed', 'cancelled'] as const;

export const jobIdParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a job id | Fix: use the id from GET /api/v1/jobs, e.g. k7m2qd')
    .describe('Job id'),
});

/**
 * The platforms Chime has adapters for (adapters/). A job for any other name would run and then
 * wait forever for a sender, so a typo ("telegarm") would be a reminder silently never delivered.
 */
export const CHAT_PLATFORMS = ['telegram', 'discord', 'console'] as const;

const origin = z
  .object(
    {
      platform: z
        .string()
        .min(1, 'is empty | Fix: telegram, discord or console')
        .refine((p) => (CHAT_PLATFORMS as readonly string[]).includes(p), {
          error: (issue) => `"${String(issue.input)}" is not a platform Chime delivers to | Fix: ${CHAT_PLATFORMS.join(', ')}`,
        }),
      chatId: z.string().min(1, 'is empty | Fix: the chat id messages go to'),
      chatType: z.enum(['private', 'group']).optional(),
      threadId: z.string().min(1).optional(),
    },
    {
      // A job with no chat would have nowhere to deliver: say which object is wanted, not zod's type words.
      error: (issue) =>
        issue.input === undefined
          ? 'is required: the chat the job reports to | Fix: e.g. {"platform":"telegram","chatId":"-1001234567890","threadId":"42"}'
          : undefined,
    },
  )
  .strict()
  .describe('The chat (and thread) the job reports to.');

const when = z
  .string()
  .trim()
  .min(1, 'is empty | Fix: e.g. "every weekday at 9am"')
  .max(2000)
  .describe('When, in the chat language: "tomorrow at 5pm", "every monday at 9".');
const schedule = z
  .string()
  .trim()
  .min(1, 'is empty | Fix: e.g. "cron:0 9 * * 1-5", "every 30m", "at:2026-12-01T09:00:00"')
  .describe('A schedule spec: cron:…, every …, at:…, in:…, manual.');
const text = z
  .string()
  .refine(
    hasVisibleText,
    'has nothing to read (empty, or only spaces or invisible characters) | Fix: say what to remind about, e.g. "call Sam"',
  )
  .describe('Reminder text.');
const command = z.string().regex(/^\//, 'must start with / | Fix: e.g. "/list"').describe('A chat command run as the scheduler.');
const payload = z.record(z.string(), z.unknown()).describe("Data for the job (a kind's payload, or extra data beside text/command).");
const zone = z.string().min(1).describe("IANA time zone, e.g. Europe/Berlin. Default: the server's CHIME_TZ.");

const common = {
  name: z.string().trim().min(1, 'is empty').max(200, 'is longer than 200 characters').optional(),
  when: when.optional(),
  schedule: schedule.optional(),
  once: z
    .boolean()
    .optional()
    .describe('Run a recurring schedule only once (on PATCH: once more), with `when` or `schedule`, or alone on PATCH.'),
  text: text.optional(),
  command: command.optional(),
  payload: payload.optional(),
  zone: zone.optional(),
  workflowId: z.string().min(1).max(100).optional(),
  retries: z.number().int().min(RETRIES_RANGE.min).max(RETRIES_RANGE.max).optional(),
  timeoutMs: z.number().int().min(TIMEOUT_MS_RANGE.min, `is below ${TIMEOUT_MS_RANGE.min} ms`).max(TIMEOUT_MS_RANGE.max).optional(),
};

const oneTiming = (b: { when?: unknown; schedule?: unknown }) => !(b.when !== undefined && b.schedule !== undefined);
const oneWork = (b: { text?: unknown; command?: unknown }) => !(b.text !== undefined && b.command !== undefined);

export const createJobBody = z
  .object({
    ...common,
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'may hold letters, digits, _ and - only')
      .optional()
      .describe('Choose the id (default: a generated one).'),
    kind: z.string().min(1).optional().describe('Executor kind; default reminder (with text) or command (with command).'),
    origin,
  })
  .strict()
  .refine((b) => b.when !== undefined || b.schedule !== undefined, {
    message: 'needs "when" or "schedule" | Fix: {"when":"every day at 9am"}',
    path: ['when'],
  })
  .refine(oneTiming, { message: 'give "when" or "schedule", not both', path: ['schedule'] })
  .refine(oneWork, { message: 'give "text" (a reminder) or "command", not both', path: ['command'] });
export type CreateJobBody = z.output<typeof createJobBody>;

export const updateJobBody = z
  .object({
    ...common,
    // null clears the name: the job is named as on create (its reminder text, or its kind).
    name: z
      .string()
      .trim()
      .min(1, 'is empty | Fix: null gives the job its default name back (the reminder text)')
      .max(200, 'is longer than 200 characters')
      .nullable()
      .optional()
      .describe('null: back to the default name (the reminder text, or the kind).'),
    origin: origin.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'changes nothing | Fix: give at least one field, e.g. {"name":"stand-up"}' })
  .refine(oneTiming, { message: 'give "when" or "schedule", not both', path: ['schedule'] })
  .refine(oneWork, { message: 'give "text" or "command", not both', path: ['command'] });
export type UpdateJobBody = z.output<typeof updateJobBody>;

const bool = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');
const list = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { message: `must be ${what}` })));

export const SORT_KEYS = ['created', 'next_run', 'name', 'id', 'updated'] as const;

export const listJobsQuery = z
  .object({
    status: list(JOB_STATUSES, `one or more of ${JOB_STATUSES.join(', ')} (comma-separated)`)
      .optional()
      .describe('Comma-separated statuses.'),
    kind: z.string().min(1).optional(),
    owner: z.string().min(1).optional().describe('Owner user id (with platform: "telegram:42").'),
    chat: z.string().min(1).optional().describe('Origin chat id (with platform: "telegram:-100…").'),
    platform: z.string().min(1).optional().describe('Origin platform.'),
    recurring: bool.optional(),
    workflow: z.string().min(1).optional(),
    q: z.string().min(1).max(200).optional().describe('Text search in name, reminder text and command (case-insensitive).'),
    sort: z
      .string()
      .regex(
        /^-?(created|next_run|name|id|updated)$/,
        `must be one of ${SORT_KEYS.join(', ')}, "-" first for descending | Fix: e.g. sort=-next_run`,
      )
      .optional()
      .describe('created (default), next_run (nothing due last), name, id or updated; "-" first for descending.'),
    limit: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(500, 'must be at most 500').optional(),
    cursor: z.string().min(1).max(500).optional().describe('The `next` of the previous page.'),
  })
  .strict();
export type ListJobsQuery = z.output<typeof listJobsQuery>;

export const RUN_STATUSES = ['running', 'success', 'failure', 'timeout', 'skipped', 'abandoned'] as const;
const instant = (example: string) =>
  z.iso.datetime({ offset: true, message: `is not an ISO date-time | Fix: e.g. ${example}` }).transform((v) => new Date(v));

const runsQueryShape = z
  .object({
    status: z.enum(RUN_STATUSES, { message: `must be one of ${RUN_STATUSES.join(', ')}` }).optional(),
    job_id: z.string().min(1).optional(),
    from: instant('2026-11-22T00:00:00Z').optional().describe('Runs started at or after this instant.'),
    to: instant('2026-11-23T00:00:00Z').optional().describe('Runs started before this instant.'),
    limit: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
    cursor: z
      .string()
      .regex(/^[0-9a-f]{12}-[A-Za-z0-9_-]{1,64}-[0-9a-f]{4}$/, 'is not a run cursor | Fix: use the `next` of the previous page, or omit it')
      .optional()
      .describe('The `next` of the previous page.'),
  })
  .strict();

const rangeInOrder = <S extends z.ZodType<{ from?: Date | undefined; to?: Date | undefined }>>(schema: S) =>
  schema.refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: 'is not after "from" | Fix: give a "to" later than "from"',
    path: ['to'],
  });

/** `GET /api/v1/runs`. */
export const listRunsQuery = rangeInOrder(runsQueryShape);
/** `GET /api/v1/jobs/{id}/runs`: the same without job_id. */
export const jobRunsQuery = rangeInOrder(runsQueryShape.omit({ job_id: true }));
export type ListRunsQuery = z.output<typeof runsQueryShape>;

export const runIdParams = z.object({
  runId: z
    .string()
    .regex(/^[0-9a-f]{12}-[A-Za-z0-9_-]{1,64}-[0-9a-f]{4}$/, 'is not a run id | Fix: use a runId from GET /api/v1/runs')
    .describe('Run id'),
});

export const parseBody = z
  .object({
    text: z.string().min(1, 'is empty | Fix: e.g. "every weekday at 9am stand-up"').max(2000),
    zone: zone.optional(),
    now: z.iso.datetime({ offset: true, message: 'is not an ISO date-time | Fix: e.g. 2026-11-22T10:00:00+01:00' }).optional(),
    jobId: jobIdParams.shape.id
      .describe('Read `text` as a new `when` for this job, as PATCH /api/v1/jobs/{id} would store it (what the dashboard editor previews)')
      .optional(),
  })
  .strict();

/** Documentation-only shapes (responses are not validated at run time). */
export const jobDoc = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    status: z.enum(JOB_STATUSES),
    scheduleSpec: z.string().describe('The schedule as a spec, what `schedule` accepts back: "cron:0 9 * * 5#L", "every:7200000".'),
    scheduleText: z
      .string()
      .describe(
        'The schedule in words, as the chat\'s /list says it, with its bounds: "on the last Friday of every month at 09:00, Europe/Berlin", "every 2 hours", "every day at 09:00, Europe/London, 3 times in all".',
      ),
    nextRunAt: z.string().nullable(),
    etag: z
      .string()
      .describe(
        "The job's version, as its `ETag` header says it (in lists too): send it as `If-Match` with a change (PATCH, DELETE, pause, resume, cancel) to apply it only to this version.",
      ),
  })
  .loose();
export const problemDoc = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), fix: z.string().optional() })).optional(),
  })
  .loose();
