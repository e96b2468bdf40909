import type { Job } from '../core/job.js';
import { isRecurring, nextFires } from '../core/schedule.js';
import type { CalendarSchedule, CronSchedule, Schedule } from '../core/schedule-kinds.js';
import { formatScheduleSpec } from '../core/schedule-spec.js';
import { ruleInWords } from '../core/schedule-words.js';
import { pad } from '../core/time/civil.js';
import { toWallTime } from '../core/time/zoned.js';
import { keptTimeOfDay } from './edit-keeps-time.js';
import { NEXT_COUNT, specNotes } from './parse.js';
import type { ParsedReminder, ParseRejection, ParseResult } from './types.js';

/**
 * What a new "when" given to an existing reminder means for its day and repeat; one rule for the
 * chat's `/edit` and the API's `PATCH … {when}`. Read on its own, a new "when" is a reminder from
 * now: "at 3pm" would move Tuesday's one-off to the next 3pm (tomorrow) and turn "every weekday
 * at 9" into a single reminder tonight, its repeat gone without a word. So:
 * - a clock time alone keeps the day of a one-off and the repeat of a recurring reminder, and
 *   changes only the time of day;
 * - any other single time for a recurring reminder is refused: the repeat would end;
 * - a day or repeat without a time of day ("friday", "every weekday") keeps the reminder's own
 *   time(s) of day instead of the parser's default 09:00 (edit-keeps-time.ts). That holds when
 *   the day alone was asked about at 09:00 ("friday" on a Friday morning: today or next week?):
 *   with the reminder's own time it reads one way, or is asked with that time.
 */
export type EditWhen =
  | { ok: true; parsed: ParsedReminder }
  | {
      ok: false;
      code: 'edit.ends_repeat' | 'edit.repeat_time' | 'edit.bad_time' | 'edit.which_time';
      reason: string;
      /** A "when" that works for this reminder (the caller says it as its own command or body). */
      example: string;
    };

export interface EditWhenInput {
  job: Job;
  /** The new "when" as given, and the parser's reading of it on its own (see {@link readsAsEdit}). */
  input: string;
  parsed: ParsedReminder | ParseRejection;
  now: Date;
  /** The zone the input was read in: "at 9:30" is on the one-off's day there. */
  zone: string;
  /** The caller's parser, with the same options it read `input` with. */
  read: (text: string) => ParseResult | Promise<ParseResult>;
}

/**
 * Whether the parser's reading of a new "when" goes to {@link editWhen}: a reminder, or a
 * question about a day said without a time of day, which the reminder's own time may settle.
 * Any other refusal is the parser's to say.
 */
export function readsAsEdit(r: ParseResult): r is ParsedReminder | (ParseRejection & { timeOfDayDefaulted: true }) {
  return r.ok || r.timeOfDayDefaulted === true;
}

export async function editWhen(e: EditWhenInput): Promise<EditWhen> {
  const { job, parsed } = e;
  const recurring = isRecurring(job.schedule) && job.status !== 'completed' && job.status !== 'failed';
  if (!parsed.ok) {
    // a day alone ("friday" on a Friday) is a one-off day: for a repeat, the repeat would end
    if (recurring) return endsRepeat(job);
    if (!parsed.timeOfDayDefaulted)
      return { ok: false, code: 'edit.bad_time', reason: parsed.error, example: parsed.example ?? 'tomorrow at 10' };
    return keptTimeOfDay(e);
  }
  if (parsed.clockTimeOnly) {
    if (recurring) return newTimeOfRepeat(e);
    if (job.nextRunAt && (job.status === 'active' || job.status === 'paused')) return sameDay(e, job.nextRunAt);
    return { ok: true, parsed };
  }
  if (recurring && parsed.kind === 'once') return endsRepeat(job);
  if (parsed.timeOfDayDefaulted) return keptTimeOfDay(e);
  return { ok: true, parsed };
}

function endsRepeat(job: Job): EditWhen {
  return {
    ok: false,
    code: 'edit.ends_repeat',
    reason: `${job.id} repeats (${ruleInWords(job)}); a single time would end the repeat. To change its time of day, give the time alone; to change the repeat, say the new one.`,
    example: 'at 9:30',
  };
}

/** `input` (a clock time, maybe a new text) on the day the one-off fires now, in the reader's zone. */
async function sameDay(e: EditWhenInput, firesAt: Date): Promise<EditWhen> {
  const day = toWallTime(firesAt, e.zone);
  const result = await e.read(`on ${day.year}-${pad(day.month)}-${pad(day.day)} ${e.input}`);
  if (!result.ok) return { ok: false, code: 'edit.bad_time', reason: result.error, example: result.example ?? 'tomorrow at 10' };
  return { ok: true, parsed: result };
}

/** The repeat of the job at the clock time `input` says, read as "every day <input>" reads it. */
async function newTimeOfRepeat({ job, input, now, read }: EditWhenInput): Promise<EditWhen> {
  const daily = await read(`every day ${input}`);
  const time = daily.ok && daily.schedule.kind === 'cron' ? /^(\d+) (\d+) \* \* \*$/.exec(daily.schedule.pattern) : null;
  const schedule = time ? atTimeOfDay(job.schedule, Number(time[1]), Number(time[2])) : undefined;
  if (!daily.ok || !schedule) {
    return {
      ok: false,
      code: 'edit.repeat_time',
      reason: `${job.id} repeats (${ruleInWords(job)}), at more than one time or without a fixed time of day, so a time alone cannot say which to change. Say the whole new repeat.`,
      example: 'every day at 9:30',
    };
  }
  // Built here, not read back from a spec: the zone, bounds and runs so far stay the job's.
  const spec = formatScheduleSpec(schedule, job.bounds, job.timeZone);
  const parsed: ParsedReminder = {
    ok: true,
    kind: 'recurring',
    // The text after the time ("at 9:30 standup in room 4") is the new text, as with any edit.
    text: daily.text,
    schedule,
    bounds: job.bounds,
    timeZone: job.timeZone,
    spec,
    next: nextFires(schedule, job.timeZone, now, NEXT_COUNT, job.bounds, job.runCount),
    ...specNotes(spec, schedule, job.bounds, job.timeZone, now),
  };
  return { ok: true, parsed };
}

/** `schedule` with its one time of day set to `hour:minute`; undefined where it has no single one. */
function atTimeOfDay(schedule: Schedule, minute: number, hour: number): CronSchedule | CalendarSchedule | undefined {
  if (schedule.kind === 'cron') {
    const fields = schedule.pattern.trim().split(/\s+/);
    if (fields.length !== 5 || !/^\d+$/.test(fields[0]!) || !/^\d+$/.test(fields[1]!)) return undefined;
    return { kind: 'cron', pattern: [String(minute), String(hour), ...fields.slice(2)].join(' ') };
  }
  if (schedule.kind === 'calendar') {
    return { ...schedule, anchor: `${schedule.anchor.slice(0, 11)}${pad(hour)}:${pad(minute)}:00` };
  }
  return undefined;
}
