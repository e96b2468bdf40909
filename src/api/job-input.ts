import type { Job, NewJob, Origin, Owner } from '../core/job.js';
import type { Schedule, ScheduleBounds } from '../core/schedule.js';
import { parseScheduleSpec } from '../core/schedule-spec.js';
import { isValidTimeZone, zoneIdFromUser } from '../core/time/zone-id.js';
import { UserError } from '../core/errors.js';
import { editWhen, readsAsEdit } from '../nl/edit-when.js';
import { specNotes } from '../nl/parse.js';
import type { ParsedReminder, ParseResult } from '../nl/types.js';
import type { JobPatch } from '../core/ports/job-store.js';
import type { CreateJobBody, UpdateJobBody } from './job-schemas.js';
import { hasVisibleText } from '../core/text-limit.js';
import { type ApiProblem, type FieldProblem, validationProblem } from './problem.js';
import { type ScheduleNotesView, scheduleNotesView } from './schedule-notes-view.js';

/** What turning a request into a job needs from the rest of Chime. */
export interface JobInputDeps {
  /** The chat's parser (`nl/parse`), so `when` means exactly what it means in chat. */
  parse: (text: string, opts: { now: Date; timeZone: string }) => ParseResult;
  now: () => Date;
  defaultTimeZone: string;
  /** Longest reminder text, as in chat and the CLI. */
  maxTextLength: number;
}

type Timing = { schedule: Schedule; bounds: ScheduleBounds; timeZone: string; parsedText?: string; notes?: ScheduleNotesView };

/** `when` (chat language) or `schedule` (spec), in `zone`; bad input names its field. */
function timing(body: { when?: string | undefined; schedule?: string | undefined }, zone: string, deps: JobInputDeps): Timing {
  if (body.when !== undefined) return fromParsed(readWhen(body.when, zone, deps));
  const spec = body.schedule ?? '';
  let parsed: { schedule: Schedule; bounds?: ScheduleBounds };
  try {
    parsed = parseScheduleSpec(spec, { now: deps.now(), timeZone: zone });
  } catch (err) {
    const e = err as Error & { example?: string };
    throw refused('body.schedule', e.message, e.example);
  }
  const bounds: ScheduleBounds = { ...(parsed.bounds ?? {}) };
  const notes = specNotes(spec, parsed.schedule, bounds, zone, deps.now());
  return { schedule: parsed.schedule, bounds, timeZone: zone, notes: scheduleNotesView({ ...notes, timeZone: zone }) };
}

/**
 * `once` limits a recurring schedule to one more run, as the CLI's --once does, whether the
 * schedule came as `when` or as `schedule` (a job's count of runs includes those it has had,
 * so an edited job gets its next run and no more). A one-off already runs once.
 */
function limitedToOnce(schedule: Schedule, bounds: ScheduleBounds, runsSoFar: number): ScheduleBounds {
  if (schedule.kind === 'once' || schedule.kind === 'manual') return bounds;
  return { ...bounds, maxRuns: runsSoFar + 1 };
}

function readWhen(when: string, zone: string, deps: JobInputDeps): ParsedReminder {
  const parsed = deps.parse(when, { now: deps.now(), timeZone: zone });
  if (!parsed.ok) throw refused('body.when', parsed.error, parsed.example);
  return parsed;
}

function fromParsed(parsed: ParsedReminder): Timing {
  return {
    schedule: parsed.schedule,
    bounds: parsed.bounds,
    timeZone: parsed.timeZone,
    parsedText: parsed.text,
    notes: scheduleNotesView(parsed),
  };
}

/** What PATCH {when} makes of `when` for a job: the reading it stores, or why it refuses. */
export type EditedReading =
  | { ok: true; parsed: ParsedReminder }
  /** `code` only for the edit rule's refusals (422 on PATCH); without it the parser could not read `when` (400). */
  | { ok: false; error: string; example?: string; code?: string };

/**
 * A new `when` for an existing job, by the rule the chat's /edit follows (nl/edit-when.ts):
 * "at 9:30" keeps a one-off's day and a repeat's days; another single time for a repeating job
 * is refused (with a `when` that works) instead of silently ending the repeat; "friday" or
 * "every weekday" keeps the job's time(s) of day. `zone` is the `zone` given beside `when`, if
 * any. PATCH stores this reading and POST /parse with `jobId` shows it: one path, so the
 * dashboard's preview of an edit is what Save stores.
 */
export async function editedReading(when: string, zone: string | undefined, current: Job, deps: JobInputDeps): Promise<EditedReading> {
  const inZone = editZone(zone, current);
  const now = deps.now();
  const parsed = deps.parse(when, { now, timeZone: inZone });
  if (!readsAsEdit(parsed)) return { ok: false, error: parsed.error, ...(parsed.example !== undefined ? { example: parsed.example } : {}) };
  const read = (text: string) => deps.parse(text, { now, timeZone: inZone });
  // A `zone` given beside `when` is the repeat's new zone: its days, times and DST notes are read there.
  const result = await editWhen({ job: { ...current, timeZone: inZone }, input: when, parsed, now, zone: inZone, read });
  if (!result.ok) return { ok: false, error: result.reason, example: result.example, code: result.code };
  return { ok: true, parsed: result.parsed };
}

async function editedTiming(when: string, zone: string | undefined, current: Job, deps: JobInputDeps): Promise<Timing> {
  const r = await editedReading(when, zone, current, deps);
  if (r.ok) return fromParsed(r.parsed);
  if (r.code === undefined) throw refused('body.when', r.error, r.example);
  throw new UserError(r.code, r.error, JSON.stringify({ when: r.example }));
}

/** The zone an edit is read in: a `zone` given beside it (the job's new zone), else the job's own. */
function editZone(zone: string | undefined, current: Job): string {
  return zone !== undefined ? zoneOf(zone, current.timeZone) : current.timeZone;
}

function refused(field: string, message: string, example?: string): ApiProblem {
  return validationProblem([example !== undefined ? { field, message, fix: `e.g. ${example}` } : { field, message }]);
}

function zoneOf(zone: string | undefined, fallback: string): string {
  if (zone === undefined) {
    // Only a zone given now is checked by the person's rules: a job stored with one before keeps working.
    if (!isValidTimeZone(fallback)) throw refused('body.zone', `"${fallback}" is not an IANA time zone.`, 'Europe/Berlin');
    return fallback;
  }
  const read = zoneIdFromUser(zone);
  if (!read.ok) throw refused('body.zone', read.reason, read.example);
  return read.zone;
}

function checkText(field: string, text: string | undefined, deps: JobInputDeps, problems: FieldProblem[]): void {
  if (text !== undefined && text.length > deps.maxTextLength) {
    problems.push({ field, message: `is ${text.length} characters; at most ${deps.maxTextLength} are allowed.`, fix: 'shorten it' });
  }
}

/** The origin as a job keeps it: absent parts left out, not stored as undefined. */
function originOf(o: {
  platform: string;
  chatId: string;
  chatType?: 'private' | 'group' | undefined;
  threadId?: string | undefined;
}): Origin {
  return {
    platform: o.platform,
    chatId: o.chatId,
    ...(o.chatType ? { chatType: o.chatType } : {}),
    ...(o.threadId ? { threadId: o.threadId } : {}),
  };
}

/** A job's name when none is given: a reminder's text (its first 80 characters), else its kind. */
function defaultName(kind: string, payload: unknown): string {
  return kind === 'reminder' ? String((payload as { text?: unknown } | undefined)?.text ?? kind).slice(0, 80) : kind;
}

/** The executor kind and payload a body asks for: a reminder's text, a command, or a kind's own payload. */
function work(
  body: Pick<CreateJobBody, 'text' | 'command' | 'kind' | 'payload'>,
  parsedText: string | undefined,
): { kind: string; payload: unknown } {
  if (body.command !== undefined)
    return { kind: 'command', payload: { command: body.command, ...(body.payload ? { data: body.payload } : {}) } };
  if (body.kind !== undefined && body.kind !== 'reminder') return { kind: body.kind, payload: body.payload ?? {} };
  const text = body.text ?? parsedText ?? '';
  if (!hasVisibleText(text)) {
    throw refused(
      'body.text',
      'A reminder needs a text: give "text", or say it in "when" ("remind me to call Sam at 5pm").',
      '{"when":"at 5pm","text":"call Sam"}',
    );
  }
  return { kind: 'reminder', payload: { text, ...(body.payload ? { data: body.payload } : {}) } };
}

/**
 * What a request asks for, and, when it gave a schedule, the parser's notes on it (DST days,
 * months a repeat skips): the response carries them, as the chat's confirmation says them.
 */
export interface JobInput<T> {
  value: T;
  notes?: ScheduleNotesView;
}

/**
 * A create request as a NewJob owned by the API token. Everything is checked here or by the
 * scheduler before anything is written, so a refused request changes nothing.
 */
export function newJobFromBody(body: CreateJobBody, owner: Owner, deps: JobInputDeps): JobInput<NewJob> {
  const problems: FieldProblem[] = [];
  checkText('body.text', body.text, deps, problems);
  checkText('body.command', body.command, deps, problems);
  if (problems.length > 0) throw validationProblem(problems);
  const t = timing(body, zoneOf(body.zone, deps.defaultTimeZone), deps);
  if (body.once) t.bounds = limitedToOnce(t.schedule, t.bounds, 0);
  const { kind, payload } = work(body, t.parsedText);
  const origin = originOf(body.origin);
  const value: NewJob = {
    ...(body.id !== undefined ? { id: body.id } : {}),
    name: body.name ?? defaultName(kind, payload),
    kind,
    payload,
    owner,
    origin,
    schedule: t.schedule,
    bounds: t.bounds,
    timeZone: t.timeZone,
    ...(body.workflowId !== undefined ? { workflowId: body.workflowId } : {}),
    ...(body.retries !== undefined ? { retries: body.retries } : {}),
    ...(body.timeoutMs !== undefined ? { timeoutMs: body.timeoutMs } : {}),
  };
  return { value, ...(t.notes ? { notes: t.notes } : {}) };
}

/**
 * An update request as one patch, applied by the scheduler in one store write (all or nothing).
 * `when` is an edit of the job's timing (editedTiming); `schedule` is a full spec and replaces it.
 */
export async function patchFromBody(body: UpdateJobBody, current: Job, deps: JobInputDeps): Promise<JobInput<JobPatch>> {
  const problems: FieldProblem[] = [];
  checkText('body.text', body.text, deps, problems);
  checkText('body.command', body.command, deps, problems);
  if (problems.length > 0) throw validationProblem(problems);
  const patch: JobPatch = {};
  let notes: ScheduleNotesView | undefined;
  if (typeof body.name === 'string') patch.name = body.name;
  if (body.zone !== undefined) patch.timeZone = editZone(body.zone, current);
  if (body.when !== undefined || body.schedule !== undefined) {
    const t =
      body.when !== undefined ? await editedTiming(body.when, body.zone, current, deps) : timing(body, editZone(body.zone, current), deps);
    patch.schedule = t.schedule;
    patch.bounds = body.once ? limitedToOnce(t.schedule, t.bounds, current.runCount) : t.bounds;
    if (t.timeZone !== current.timeZone) patch.timeZone = t.timeZone;
    notes = t.notes;
  } else if (body.once) {
    // `once` alone limits the job's own schedule: before, it was accepted and changed nothing.
    patch.bounds = limitedToOnce(current.schedule, current.bounds, current.runCount);
  }
  if (body.text !== undefined || body.command !== undefined || body.payload !== undefined) {
    if (body.text !== undefined && current.kind !== 'reminder')
      throw refused('body.text', `Job ${current.id} is a ${current.kind} job; "text" belongs to reminders.`);
    if (body.command !== undefined && current.kind !== 'command')
      throw refused('body.command', `Job ${current.id} is a ${current.kind} job; "command" belongs to command jobs.`);
    const old = (current.payload ?? {}) as Record<string, unknown>;
    if (current.kind === 'reminder' || current.kind === 'command') {
      patch.payload = {
        ...old,
        ...(body.text !== undefined ? { text: body.text } : {}),
        ...(body.command !== undefined ? { command: body.command } : {}),
        ...(body.payload !== undefined ? { data: body.payload } : {}),
      };
    } else {
      patch.payload = body.payload;
    }
  }
  // Cleared: named as on create, from the text as it is after this change.
  if (body.name === null) patch.name = defaultName(current.kind, patch.payload ?? current.payload);
  if (body.origin !== undefined) patch.origin = originOf(body.origin);
  if (body.workflowId !== undefined) patch.workflowId = body.workflowId;
  if (body.retries !== undefined) patch.retries = body.retries;
  if (body.timeoutMs !== undefined) patch.timeoutMs = body.timeoutMs;
  return { value: patch, ...(notes ? { notes } : {}) };
}
