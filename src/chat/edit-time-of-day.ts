import { UserError } from '../core/errors.js';
import type { Job } from '../core/job.js';
import { isRecurring, nextFires } from '../core/schedule.js';
import type { CronSchedule, CalendarSchedule, Schedule } from '../core/schedule-kinds.js';
import { formatScheduleSpec } from '../core/schedule-spec.js';
import { pad } from '../core/time/civil.js';
import { toWallTime } from '../core/time/zoned.js';
import { NEXT_COUNT, specNotes } from '../nl/parse.js';
import type { ParsedReminder } from '../nl/types.js';
import type { CommandContext } from './command.js';
import { parseWithPrefs } from './parse-input.js';
import { ruleInWords } from '../core/schedule-words.js';

/**
 * What `/edit <id> <when>` does to a reminder's day and repeat. Read on its own, a new "when" is
 * a reminder from now: "at 3pm" would move Tuesday's one-off to the next 3pm (tomorrow) and turn
 * "every weekday at 9" into a single reminder tonight, its repeat gone without a word. So:
 * - a clock time alone keeps the day of a one-off and the repeat of a recurring reminder, and
 *   changes only the time of day;
 * - any other single time for a recurring reminder is refused with the ways to say it: the
 *   repeat would end.
 * Returns the reading to store (a parse, as the caller stores any parse), or the parse as given.
 */
export async function editedWhen(ctx: CommandContext, job: Job, input: string, parsed: ParsedReminder): Promise<ParsedReminder> {
  const recurring = isRecurring(job.schedule) && job.status !== 'completed' && job.status !== 'failed';
  if (parsed.clockTimeOnly) {
    if (recurring) return newTimeOfRepeat(ctx, job, input);
    if (job.nextRunAt && (job.status === 'active' || job.status === 'paused')) return sameDay(ctx, job.nextRunAt, input);
    return parsed;
  }
  if (recurring && parsed.kind === 'once') {
    throw new UserError(
      'edit.ends_repeat',
      `${job.id} repeats (${ruleInWords(job)}); a single time would end the repeat. To change its time of day, give the time alone; to change the repeat, say the new one; to move only the next reminder, /snooze ${job.id} ${input}.`,
      `/edit ${job.id} at 9:30`,
    );
  }
  return parsed;
}

/** `input` (a clock time, maybe a new text) on the day the one-off fires now, in the reader's zone. */
async function sameDay(ctx: CommandContext, firesAt: Date, input: string): Promise<ParsedReminder> {
  const zone = (await ctx.prefs()).timeZone;
  const day = toWallTime(firesAt, zone);
  const result = await parseWithPrefs(ctx, `on ${day.year}-${pad(day.month)}-${pad(day.day)} ${input}`);
  if (!result.ok) throw new UserError('edit.bad_time', result.error, result.example ?? '/edit k7m2qd tomorrow at 10');
  return result;
}

/** The repeat of `job` at the clock time `input` says, read as "every day <input>" reads it. */
async function newTimeOfRepeat(ctx: CommandContext, job: Job, input: string): Promise<ParsedReminder> {
  const daily = await parseWithPrefs(ctx, `every day ${input}`);
  const time = daily.ok && daily.schedule.kind === 'cron' ? /^(\d+) (\d+) \* \* \*$/.exec(daily.schedule.pattern) : null;
  const schedule = time ? atTimeOfDay(job.schedule, Number(time[1]), Number(time[2])) : undefined;
  if (!daily.ok || !schedule) {
    throw new UserError(
      'edit.repeat_time',
      `${job.id} repeats (${ruleInWords(job)}), at more than one time or without a fixed time of day, so a time alone cannot say which to change. Say the whole new repeat.`,
      `/edit ${job.id} every day at 9:30`,
    );
  }
  // Built here, not read back from a spec: the zone, bounds and runs so far stay the job's.
  const spec = formatScheduleSpec(schedule, job.bounds, job.timeZone);
  return {
    ok: true,
    kind: 'recurring',
    // The text after the time ("at 9:30 standup in room 4") is the new text, as with any edit.
    text: daily.text,
    schedule,
    bounds: job.bounds,
    timeZone: job.timeZone,
    spec,
    next: nextFires(schedule, job.timeZone, ctx.now, NEXT_COUNT, job.bounds, job.runCount),
    ...specNotes(spec, schedule, job.bounds, job.timeZone, ctx.now),
  };
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
