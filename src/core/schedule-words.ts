import type { Job } from './job.js';
import { expandNickname } from './cron-cache.js';
import { type FixedTimeCron, fixedTimeCron } from './cron-fixed-time.js';
import type { Schedule } from './schedule.js';
import { parseWallTime } from './time/civil.js';
import { toWallTime } from './time/zoned.js';
import { formatSpan } from '../shared/span-words.js';

/**
 * A job's rule in words, as /list shows it (and the API's `scheduleText`, which the dashboard
 * shows, so a person reads the same words everywhere): "every weekday at 09:00, Europe/Berlin",
 * "every 10 minutes", "every 2 weeks on Tuesday at 08:00, Europe/Berlin". Wall-clock rules
 * name their zone (their times are that zone's); "every hour from 09:00 to 17:00" for a run of
 * hours. A cron pattern with no exact plain reading is shown as it is ("cron 0 9-17 1-7 * 1").
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "every 10 minutes", "every hour", "every 1 hour 30 minutes". */
function every(ms: number): string {
  const span = formatSpan(ms);
  return `every ${span.replace(/^1 (minute|hour|day)$/, '$1')}`;
}

/**
 * "every 2 hours at :15": an interval of whole hours fires at one minute of each hour, its
 * anchor's, in the job's zone (a zone whose offset has half hours moves it). ":00" goes without
 * saying, as for a cron. Other spans ("every 10 minutes", "every 1 hour 30 minutes") have none.
 */
function intervalInWords(s: Extract<Schedule, { kind: 'interval' }>, zone: string): string {
  const words = every(s.everyMs);
  if (s.everyMs % 3_600_000 !== 0) return words;
  const { minute } = toWallTime(s.anchor, zone);
  return minute === 0 ? words : `${words} at :${pad(minute)}`;
}

function weekdaysInWords(set: Set<number>): string {
  const days = [...set].sort((a, b) => a - b);
  const key = days.join(',');
  if (key === '1,2,3,4,5') return 'every weekday';
  if (key === '0,6') return 'every Saturday and Sunday';
  if (days.length === 7) return 'every day';
  // Monday first, as people list a week.
  const mondayFirst = [...days.filter((d) => d !== 0), ...days.filter((d) => d === 0)];
  return `every ${joinWords(mondayFirst.map((d) => WEEKDAYS[d] as string))}`;
}

function monthsInWords(months: Set<number>): string {
  return joinWords([...months].sort((a, b) => a - b).map((m) => MONTHS[m - 1] as string));
}

/** The days a fixed-time cron fires on, in words ("every weekday", "on the 1st of every month"). */
function cronDaysInWords(c: FixedTimeCron): string {
  const inMonths = c.months ? ` of ${monthsInWords(c.months)}` : ' of every month';
  if (c.nth) {
    const which = c.nth.map((x) => `${x.n === 'L' ? 'last' : ordinal(x.n)} ${WEEKDAYS[x.weekday]}`);
    return `on the ${joinWords(which)}${inMonths}`;
  }
  if (c.dows) return `${weekdaysInWords(c.dows)}${c.months ? ` in ${monthsInWords(c.months)}` : ''}`;
  if (c.dom) {
    const days = [...c.dom].map((d) => (d === 'L' ? 'last day' : ordinal(d)));
    const [only] = [...c.dom];
    if (c.months?.size === 1 && c.dom.size === 1 && only !== 'L') return `every year on ${only} ${monthsInWords(c.months)}`;
    return `on the ${joinWords(days)}${inMonths}`;
  }
  return c.months ? `every day in ${monthsInWords(c.months)}` : 'every day';
}

/** The values of a cron field up to `max` (numbers, ranges, lists, `*`, steps), or undefined for anything else. */
function fieldValues(field: string, max: number): number[] | undefined {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] ? 0 : Number(m[2]);
    const to = m[1] ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (to > max || from > to || step < 1) return undefined;
    for (let h = from; h <= to; h += step) out.add(h);
  }
  return [...out].sort((a, b) => a - b);
}

const cronHours = (field: string) => fieldValues(field, 23);

/**
 * Hours as one run "from `first` every `step` hours to `last`": evenly spaced, or (step 1) a
 * run that passes midnight (22, 23, 0, 1 is 22:00 to 01:00). Undefined when they are not.
 */
function hourRun(hours: number[]): { first: number; last: number; step: number } | undefined {
  if (hours.length < 2) return undefined;
  const step = (hours[1] as number) - (hours[0] as number);
  if (hours.every((h, i) => i === 0 || h - (hours[i - 1] as number) === step)) {
    return { first: hours[0] as number, last: hours[hours.length - 1] as number, step };
  }
  // Consecutive hours across midnight: exactly one break in the run, and 23 and 0 both in it.
  const breaks = hours.filter((h, i) => i > 0 && h - (hours[i - 1] as number) !== 1);
  if (breaks.length !== 1 || hours[0] !== 0 || hours[hours.length - 1] !== 23) return undefined;
  const first = breaks[0] as number;
  return { first, last: hours[hours.indexOf(first) - 1] as number, step: 1 };
}

/** The days of a cron's day fields in words ("every weekday"), or undefined when they have no plain reading. */
function daysOf(days: string[]): string | undefined {
  const c = fixedTimeCron(`0 0 ${days.join(' ')}`);
  return c ? cronDaysInWords(c) : undefined;
}

/** "every weekday, every hour from 09:00 to 17:00"; "every day" goes without saying. */
function onDays(days: string, times: string): string {
  return days === 'every day' ? times : `${days}, ${times}`;
}

/**
 * A pattern firing every few minutes, or at one minute of many hours, in words, with its first
 * and last fire of the day; `last` of a run of minutes is its last minute (16:30 for every 30
 * minutes from 9 to 16). Undefined when the fires are not evenly spaced through the day's run.
 */
function runInWords(minute: string, hour: string): { every: number; first: number; last: number } | undefined {
  const hours = cronHours(hour);
  if (!hours) return undefined;
  const step = minute === '*' ? 1 : /^\*\/(\d+)$/.test(minute) ? Number(minute.slice(2)) : undefined;
  if (step !== undefined) {
    // "*/45" fires at :00 and :45, 15 minutes apart across the hour: only divisors of 60 are even.
    if (step < 1 || 60 % step !== 0) return undefined;
    if (hours.length === 24) return { every: step, first: 0, last: 24 * 60 - step };
    const run = hours.length === 1 ? { first: hours[0] as number, last: hours[0] as number, step: 1 } : hourRun(hours);
    if (run?.step !== 1) return undefined;
    return { every: step, first: run.first * 60, last: run.last * 60 + 60 - step };
  }
  if (!/^\d+$/.test(minute) || Number(minute) > 59) return undefined;
  const run = hourRun(hours);
  if (!run) return undefined;
  return { every: run.step * 60, first: run.first * 60 + Number(minute), last: run.last * 60 + Number(minute) };
}

/**
 * A run past midnight (22:00 to 01:50) on some days only is not one run: the hours after
 * midnight belong to the listed day, not the day after the evening's. Its pattern is shown.
 */
const wrapsOnSomeDays = (run: { first: number; last: number }, days: string) => run.last < run.first && days !== 'every day';

const clockOf = (minutes: number) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;

function runWords(r: { every: number; first: number; last: number }): string {
  const span = every(r.every * 60_000);
  // Round the clock at most hourly: "every 15 minutes", "every hour at :30". Longer steps say
  // their hours: "every 3 hours" alone would read as counted from when it was set.
  const allDay = (r.last - r.first + r.every) % (24 * 60) === 0 && r.first < r.every && r.every <= 60;
  if (allDay) return r.first === 0 ? span : `${span} at :${pad(r.first)}`;
  return `${span} from ${clockOf(r.first)} to ${clockOf(r.last)}`;
}

/**
 * The minutes of the day a cron fires at, with its day fields, or undefined when its minute or
 * hour field is not a plain list (seconds, `L`, …).
 */
function dayFires(s: Schedule): { days: string; fires: number[] } | undefined {
  if (s.kind !== 'cron') return undefined;
  const [minute = '', hour = '', ...days] = expandNickname(s.pattern).split(' ');
  const minutes = fieldValues(minute, 59);
  const hours = cronHours(hour);
  if (days.length !== 3 || !minutes || !hours) return undefined;
  return { days: days.join(' '), fires: hours.flatMap((h) => minutes.map((mi) => h * 60 + mi)) };
}

/**
 * Minutes of the day evenly spaced as one run, possibly through midnight (23:00 … 00:30 is one
 * run from 23:00), or undefined.
 */
function evenRun(fires: number[]): { every: number; first: number; last: number } | undefined {
  const sorted = [...new Set(fires)].sort((a, b) => a - b);
  if (sorted.length < 3) return undefined;
  const gaps = sorted.slice(1).map((m, i) => m - (sorted[i] as number));
  const every = Math.min(...gaps);
  const breaks = gaps.flatMap((g, i) => (g === every ? [] : [i]));
  if (breaks.length === 0) return { every, first: sorted[0] as number, last: sorted[sorted.length - 1] as number };
  // one break, and the run closes through midnight with the same step
  const [b] = breaks;
  if (breaks.length !== 1 || b === undefined || (sorted[0] as number) + 24 * 60 - (sorted[sorted.length - 1] as number) !== every)
    return undefined;
  return { every, first: sorted[b + 1] as number, last: sorted[b] as number };
}

/**
 * A window stored as several patterns on the same days ("every 30 minutes between 9 and 5":
 * every 30 minutes from 09:00 to 16:30, then 17:00; "every 20 minutes from 10:30pm to 1:10am":
 * :30 and :50 of 22, :10, :30, :50 of 23 and 0, then 01:10) in words, as one run. Undefined
 * unless the patterns together fire evenly through one run of the day and one of them fires
 * more than once (three set times "at 9, 9:30 and 10" stay set times).
 */
function mergedRun(triggers: Schedule[]): string | undefined {
  const each = triggers.map(dayFires);
  const [head] = each;
  if (!head || each.some((e) => e?.days !== head.days) || !each.some((e) => (e?.fires.length ?? 0) > 1)) return undefined;
  const run = evenRun(each.flatMap((e) => e?.fires ?? []));
  const days = daysOf(head.days.split(' '));
  if (!run || !days || wrapsOnSomeDays(run, days)) return undefined;
  return onDays(days, runWords(run));
}

/**
 * An hour field written as a step ("9-15/2", "*\/5") at one minute is a rule, said as one:
 * "every 2 hours from 09:30 to 15:30", not the hours listed ("every 2 hours from 9:30 to 5" was
 * "every day at 09:30, 11:30, 13:30 and 15:30"). Hours written as a list stay set times.
 */
function steppedHours(minute: string, hour: string, dayFields: string[]): string | undefined {
  if (!/^\d+$/.test(minute) || !/^(?:\*|\d+-\d+)\/\d+$/.test(hour)) return undefined;
  const days = daysOf(dayFields);
  const hours = cronHours(hour);
  if (!days || !hours || hours.length < 2) return undefined;
  const run = runInWords(minute, hour);
  return run ? onDays(days, runWords(run)) : undefined;
}

/** A cron pattern in words, or undefined when it has no plain reading. */
function cronInWords(pattern: string): string | undefined {
  const fields = expandNickname(pattern).split(' ');
  if (fields.length !== 5) return undefined;
  const [minute = '', hour = '', ...dayFields] = fields;
  const stepped = steppedHours(minute, hour, dayFields);
  if (stepped) return stepped;
  const c = fixedTimeCron(pattern);
  if (c && c.hours.length <= 6) return `${cronDaysInWords(c)} at ${joinWords(c.hours.map((h) => `${pad(h)}:${pad(c.minute)}`))}`;
  const days = daysOf(dayFields);
  const hours = /^\d+$/.test(minute) ? cronHours(hour) : undefined;
  // A few listed hours read best as their times, whatever wrote them ("9-17/2").
  if (days && hours && hours.length <= 6) return `${days} at ${joinWords(hours.map((h) => `${pad(h)}:${pad(Number(minute))}`))}`;
  const run = runInWords(minute, hour);
  return days && run && !wrapsOnSomeDays(run, days) ? onDays(days, runWords(run)) : undefined;
}

/** A calendar rule from its anchor (a local wall time `YYYY-MM-DDTHH:mm:ss`). */
function calendarInWords(s: Extract<Schedule, { kind: 'calendar' }>): string {
  const {
    month: mo,
    day: d,
    hour: h,
    minute: mi,
    weekday: wd,
  } = parseWallTime(s.anchor) ?? { month: 1, day: 1, hour: 0, minute: 0, weekday: 6 };
  const time = `at ${pad(h)}:${pad(mi)}`;
  const unit = s.step === 1 ? s.unit : `${s.step} ${s.unit}s`;
  const weekday = WEEKDAYS[wd] as string;
  switch (s.unit) {
    case 'day':
      return `every ${unit} ${time}`;
    case 'week':
      return `every ${unit} on ${weekday} ${time}`;
    case 'month':
      return `every ${unit} on the ${ordinal(d)} ${time}`;
    case 'year':
      return `every ${unit} on ${d} ${MONTHS[mo - 1]} ${time}`;
  }
}

/** The triggers, with the crons of each set of days that {@link mergedRun} reads as one run replaced by its words. */
function mergeRuns(triggers: Schedule[]): Array<Schedule | string> {
  const byDays = new Map<string, number[]>();
  for (const [i, t] of triggers.entries()) {
    const days = dayFires(t)?.days;
    if (days !== undefined) byDays.set(days, [...(byDays.get(days) ?? []), i]);
  }
  const out: Array<Schedule | string> = [];
  const done = new Set<number>();
  for (const [i, t] of triggers.entries()) {
    if (done.has(i)) continue;
    const group = byDays.get(dayFires(t)?.days ?? '') ?? [];
    const words = group.length > 1 ? mergedRun(group.map((k) => triggers[k] as Schedule)) : undefined;
    if (words === undefined) {
      out.push(t);
      done.add(i);
      continue;
    }
    for (const k of group) done.add(k);
    out.push(words);
  }
  return out;
}

function triggerInWords(s: Schedule, zone: string): { words: string; wallClock: boolean } {
  switch (s.kind) {
    case 'once':
      return { words: 'once', wallClock: false };
    case 'manual':
      return { words: 'only when run by hand', wallClock: false };
    case 'interval':
      return { words: intervalInWords(s, zone), wallClock: false };
    case 'calendar':
      return { words: calendarInWords(s), wallClock: true };
    case 'cron':
      return { words: cronInWords(s.pattern) ?? `cron ${s.pattern}`, wallClock: true };
    case 'multi': {
      const parts = mergeRuns(s.triggers).map((t) => (typeof t === 'string' ? { words: t, wallClock: true } : triggerInWords(t, zone)));
      const repeating = parts.filter((p) => p.words !== 'once');
      const onceCount = parts.length - repeating.length;
      const words = [...repeating.map((p) => p.words), ...(onceCount ? [`${onceCount} set time${onceCount === 1 ? '' : 's'}`] : [])];
      return { words: joinWords(words), wallClock: parts.some((p) => p.wallClock) };
    }
  }
}

/** The rule of `job` in words, with its zone when its times are wall-clock times. */
export function ruleInWords(job: Pick<Job, 'schedule' | 'timeZone'>): string {
  const { words, wallClock } = triggerInWords(job.schedule, job.timeZone);
  return wallClock ? `${words}, ${job.timeZone}` : words;
}

/** A wall time of `zone` as "2026-12-06 12:00". */
function wallWords(at: Date, zone: string): string {
  const w = toWallTime(at, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The rule of `job` in words with its bounds, for readers that have no other place for them
 * (the API's `scheduleText`, the dashboard): "every day at 09:00, Europe/London, until
 * 2026-12-06 12:00", "every day at 09:00, Europe/London, 3 times in all". The chat says its
 * bounds in its own words and counts (chat/describe.ts), so it takes {@link ruleInWords}.
 */
export function scheduleInWords(job: Pick<Job, 'schedule' | 'timeZone' | 'bounds'>): string {
  const { startAt, endAt, maxRuns } = job.bounds;
  const bounds = [
    ...(startAt ? [`from ${wallWords(startAt, job.timeZone)}`] : []),
    ...(endAt ? [`until ${wallWords(endAt, job.timeZone)}`] : []),
    ...(maxRuns !== undefined ? [`${maxRuns} time${maxRuns === 1 ? '' : 's'} in all`] : []),
  ];
  return [ruleInWords(job), ...bounds].join(', ');
}
