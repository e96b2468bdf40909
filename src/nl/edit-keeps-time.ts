import type { Job } from '../core/job.js';
import type { Schedule } from '../core/schedule-kinds.js';
import { pad } from '../core/time/civil.js';
import { toWallTime } from '../core/time/zoned.js';
import type { ParsedReminder, ParseRejection, ParseResult } from './types.js';

/**
 * A new day or repeat without a time ("friday", "every weekday") given to an existing reminder
 * keeps the reminder's own time(s) of day in its zone. Read on its own the parser puts such a
 * day at its default 09:00, so "/edit k7 friday" moved a 17:00 reminder to Friday 09:00: the
 * person meant to change the day, not the time. The reading is redone with the kept times said
 * ("at 17:00 friday"), so days, repeat, bounds, DST and notes come from the parser as always.
 */
export type KeptTime =
  | { ok: true; parsed: ParsedReminder }
  | { ok: false; code: 'edit.which_time' | 'edit.bad_time'; reason: string; example: string };

export interface KeptTimeInput {
  job: Job;
  input: string;
  /** `input` read alone: a reminder at 09:00, or the question of a day alone at 09:00 (`timeOfDayDefaulted`). */
  parsed: ParsedReminder | ParseRejection;
  /** The zone `input` was read in (the job's own zone is added to the new reading when it differs). */
  zone: string;
  read: (text: string) => ParseResult | Promise<ParseResult>;
}

export async function keptTimeOfDay({ job, input, parsed, zone, read }: KeptTimeInput): Promise<KeptTime> {
  const times = timesOfDay(job.schedule, job.timeZone);
  if (!times || times.length === 0) {
    return {
      ok: false,
      code: 'edit.which_time',
      reason: `"${input}" names no time of day, and ${job.id} has no one time of day to keep (or different times on different days). Say the time too.`,
      example: `${input} at 9:00`,
    };
  }
  const said = `at ${spoken(times)}`;
  // No zone written in the input: the kept times are the reminder's, in the reminder's zone.
  // (a question read alone names no zone of its own: it was read in `zone`)
  const inZone = (!parsed.ok || parsed.timeZone === zone) && job.timeZone !== zone ? ` ${job.timeZone}` : '';
  const result = await read(`${said}${inZone} ${input}`);
  if (!result.ok && result.asksDay && result.example) {
    // "friday" on a Friday with the kept 17:00 still ahead: today or next week, asked with 17:00
    return {
      ok: false,
      code: 'edit.bad_time',
      reason: `${job.id} keeps its time (${spoken(times)}). ${result.error}`,
      example: result.example,
    };
  }
  // The times must only fill in the time of day: the same kind and text, or the person is asked.
  const same = parsed.ok ? result.ok && result.kind === parsed.kind && result.text === parsed.text : result.ok && result.kind === 'once';
  if (!result.ok || !same || result.timeOfDayDefaulted) {
    const why = result.ok ? '' : ` ${result.error}`;
    return {
      ok: false,
      code: 'edit.which_time',
      reason: `"${input}" names no time of day, so ${job.id} would keep its time (${spoken(times)}), but that does not work here.${why} Say the time too.`,
      example: `${input} ${said}`,
    };
  }
  return { ok: true, parsed: result };
}

/** "09:00", "09:00 and 17:00", "09:00, 12:00 and 17:00". */
function spoken(times: string[]): string {
  return times.length === 1 ? times[0]! : `${times.slice(0, -1).join(', ')} and ${times.at(-1)!}`;
}

/**
 * The wall times of day (HH:MM or HH:MM:SS, sorted) `schedule` fires at in `zone`, when every
 * day it fires on has the same ones; undefined when it has no fixed time (an interval, a cron
 * step or range, a manual job) or when its days differ in their times ("every day at 9 and on
 * saturdays at 10", "tomorrow at 9 and friday at 5"): which would go with the new day is asked.
 */
function timesOfDay(schedule: Schedule, zone: string): string[] | undefined {
  const triggers = schedule.kind === 'multi' ? schedule.triggers : [schedule];
  const byDays = new Map<string, Set<string>>();
  for (const t of triggers) {
    const read = triggerTimes(t, zone);
    if (!read) return undefined;
    const set = byDays.get(read.days) ?? new Set<string>();
    for (const time of read.times) set.add(time);
    byDays.set(read.days, set);
  }
  if (byDays.size !== 1) return undefined;
  const times = [...byDays.values()][0]!;
  // 24 is the most one reminder holds (parse.ts MAX_TRIGGERS); more would be refused anyway
  return times.size > 0 && times.size <= 24 ? [...times].sort() : undefined;
}

/** One trigger's times of day and a key for the days it fires on. */
function triggerTimes(t: Schedule, zone: string): { days: string; times: string[] } | undefined {
  if (t.kind === 'once') {
    const w = toWallTime(t.at, zone);
    return { days: `once ${w.year}-${w.month}-${w.day}`, times: [clock(w.hour, w.minute, w.second)] };
  }
  if (t.kind === 'calendar') {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(t.anchor);
    if (!m) return undefined;
    return { days: `calendar ${t.unit} ${t.step} ${m[1]}`, times: [clock(Number(m[2]), Number(m[3]), Number(m[4]))] };
  }
  if (t.kind === 'cron') {
    const fields = t.pattern.trim().split(/\s+/);
    if (fields.length !== 5 && fields.length !== 6) return undefined;
    const [sec, min, hour, ...days] = fields.length === 6 ? fields : ['0', ...fields];
    const list = (f: string | undefined): number[] | undefined => (f && /^\d+(,\d+)*$/.test(f) ? f.split(',').map(Number) : undefined);
    const [secs, mins, hours] = [list(sec), list(min), list(hour)];
    if (!secs || !mins || !hours) return undefined;
    const times = hours.flatMap((h) => mins.flatMap((mi) => secs.map((s) => clock(h, mi, s))));
    return { days: `cron ${days.join(' ')}`, times };
  }
  return undefined;
}

function clock(h: number, mi: number, s: number): string {
  return `${pad(h)}:${pad(mi)}${s ? `:${pad(s)}` : ''}`;
}
