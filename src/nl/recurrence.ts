/**
 * Our recurrence grammar compiled to schedules: croner patterns for fixed calendar slots
 * ("every weekday at 9" -> `0 9 * * 1-5`), calendar steps for "every N days/weeks/months"
 * (they keep the wall-clock time and need an anchor), intervals for minutes and hours.
 */
import type { CalendarSchedule, CronSchedule, IntervalSchedule, OnceSchedule, ScheduleBounds } from '../core/schedule.js';
import { isValidDate, toWall, type LocalDate } from './calendar.js';
import { daylessCalendars, monthCalendars, weeklyCalendars, yearlyCalendars, type Slots } from './calendar-triggers.js';
import type { Bounds, Group } from './groups.js';
import type { DateSpec, RepeatSpec, TimeOfDay } from './pieces.js';
import { DEFAULT_TIME, nextTimeOfDay, Reject, settleBare, type Ctx } from './resolve.js';
import { resolveOnce } from './instant.js';
import { windowHours } from './hour-minutes.js';
import { dowField, hourField, minuteWindowCrons, settleWindow, spokenClock } from './minute-window.js';
import { midnightOnRepeatDays } from './midnight-repeat.js';
import { spokenDays } from './date-words.js';

export type Trigger = OnceSchedule | IntervalSchedule | CalendarSchedule | CronSchedule;

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;

function settledTimes(g: Group, ctx: Ctx): TimeOfDay[] {
  const hint = g.defaultTime?.hint;
  const times = g.times.map((t) => settleBare(t.bare && hint && !t.hint ? { ...t, hint } : t));
  if (times.length > 0) return times;
  if (!g.defaultTime) ctx.timeDefaulted = true;
  return [settleBare(g.defaultTime ?? DEFAULT_TIME)];
}

/** One cron per distinct minute/second; hours of the same minute share a pattern. */
function crons(times: TimeOfDay[], dom: string, month: string, dow: string): CronSchedule[] {
  const byMinute = new Map<string, number[]>();
  for (const t of times) {
    const key = `${t.s} ${t.mi}`;
    const hours = byMinute.get(key) ?? [];
    if (!hours.includes(t.h)) hours.push(t.h);
    byMinute.set(key, hours);
  }
  return [...byMinute].map(([key, hours]) => {
    const [s, mi] = key.split(' ');
    const fields = `${mi} ${hours.sort((a, b) => a - b).join(',')} ${dom} ${month} ${dow}`;
    return { kind: 'cron', pattern: s === '0' ? fields : `${s} ${fields}` };
  });
}

/** Reference for anchors: the start bound when it is later than now. */
function reference(ctx: Ctx, startAt: Date | undefined): { ref: Date; date: LocalDate } {
  if (startAt && startAt.getTime() > ctx.now.getTime()) {
    const ms = startAt.getTime() - 1;
    const w = toWallDate(new Date(ms), ctx);
    return { ref: new Date(ms), date: w };
  }
  return { ref: ctx.now, date: ctx.today };
}

function toWallDate(d: Date, ctx: Ctx): LocalDate {
  const w = toWall(d, ctx.zone);
  return { y: w.y, m: w.m, d: w.d };
}

function subDaily(
  r: Extract<RepeatSpec, { kind: 'every' }>,
  g: Group,
  days: number[] | undefined,
  ctx: Ctx,
  startAt: Date | undefined,
): Trigger[] | Reject {
  const unit = r.unit as keyof typeof UNIT_MS;
  const everyMs = Math.round(r.step * UNIT_MS[unit]);
  if (everyMs < 60_000) return new Reject('Reminders can repeat at most once a minute.', 'every 5 minutes');
  if (!Number.isFinite(everyMs) || everyMs > 5 * 366 * 86_400_000)
    return new Reject('That repeat is too far apart; I keep reminders for up to 5 years.', 'every 2 hours');
  if ((g.windows ?? 0) > 1) {
    // only one window is kept: the others would be dropped without a word
    return new Reject('One window of hours per reminder, please: make one reminder per window.', 'every hour from 9 to 12 ping');
  }
  if (g.minutes) return minuteTriggers(r.step, g.minutes, g, days, ctx, startAt);
  const dow = days ? dowField(days) : '*';
  if (g.window || days) {
    // Windows and weekdays are cron fields: the step has to fit inside a day.
    if (everyMs >= 86_400_000 || unit === 'second') {
      return new Reject(`"every ${r.step} ${unit}s" does not fit inside a day's window.`, 'every 2 hours from 9 to 5 on weekdays');
    }
    // 1.5 hours is 90 minutes; 120 minutes is 2 hours
    if (unit === 'hour' && !Number.isInteger(r.step))
      return subDaily({ kind: 'every', unit: 'minute', step: r.step * 60 }, g, days, ctx, startAt);
    if (unit === 'minute' && r.step >= 60 && r.step % 60 === 0)
      return subDaily({ kind: 'every', unit: 'hour', step: r.step / 60 }, g, days, ctx, startAt);
    const { from, to } = g.window ? settleWindow(g.window.from, g.window.to) : { from: undefined, to: undefined };
    if (!Number.isInteger(r.step)) {
      return new Reject(
        'Within a window or on certain days, repeat every whole number of minutes.',
        'every 30 minutes from 9 to 5 on weekdays',
      );
    }
    const stepMinutes = unit === 'hour' ? r.step * 60 : r.step;
    // inclusive end: "every 30 minutes from 9 to 5" ends with 17:00, not 17:30; from 10:30pm to
    // 1:10am it is 22:30, 22:50, … 01:10, never 22:00 or 01:20; "from 10pm to 2am on fridays"
    // runs its hours after midnight on Saturday (minute-window.ts)
    if (from && to) return minuteWindowCrons(minuteOfDay(from), minuteOfDay(to), stepMinutes, days);
    const split = splitAtMidnight(r, stepMinutes, days);
    if (split) return split;
    if (unit === 'hour') return [{ kind: 'cron', pattern: `0 ${r.step > 1 ? `*/${r.step}` : '*'} * * ${dow}` }];
    if (60 % r.step === 0) return [{ kind: 'cron', pattern: `*/${r.step} * * * ${dow}` }];
    // "every 45 minutes on fridays": `*/45` would fire at :00 and :45, 15 minutes apart
    return minuteWindowCrons(0, 24 * 60 - 1, r.step, days);
  }
  // "every 2 hours starting at 9": the interval counts from the first time written. The anchor
  // is the first fire when it lies ahead; `now` as anchor fires one interval later.
  let anchor = startAt && startAt.getTime() > ctx.now.getTime() ? startAt : ctx.now;
  const first = g.times[0];
  if (first) {
    const at0 = nextTimeOfDay(first, ctx);
    if (at0) anchor = at0;
  }
  return [{ kind: 'interval', everyMs, anchor }];
}

/**
 * "every hour at :15" (cron, the clock's minute in every hour), "every 2 hours at :15 from 9 to
 * 5" (the window's hours whose :15 lies inside it), "every 2 hours at :15" (every 2 hours from
 * the next :15; `minutesProblem` has refused what does not fit).
 */
function minuteTriggers(
  step: number,
  minutes: number[],
  g: Group,
  days: number[] | undefined,
  ctx: Ctx,
  startAt: Date | undefined,
): Trigger[] | Reject {
  const dow = days ? dowField(days) : '*';
  if (g.window) {
    const { from, to } = settleWindow(g.window.from, g.window.to);
    if (days && minuteOfDay(to) < minuteOfDay(from)) {
      return new Reject(
        "A window past midnight on certain days would run in those days' own early hours: make one reminder until midnight and one from midnight on the next day.",
        'every hour at :15 from 6pm to 11pm on fridays ping',
      );
    }
    return minutes.flatMap((mi) => {
      const hours = windowHours(minuteOfDay(from), minuteOfDay(to), mi, step);
      return hours.length > 0 ? [{ kind: 'cron' as const, pattern: `${mi} ${hourField(hours, step)} * * ${dow}` }] : [];
    });
  }
  const field = [...new Set(minutes)].sort((a, b) => a - b).join(',');
  const split = splitAtMidnight({ kind: 'every', unit: 'hour', step }, step * 60, days, minutes.length === 1 ? minutes[0] : 0);
  if (split) return split;
  if (step === 1 || days) return [{ kind: 'cron', pattern: `${field} ${step > 1 ? `*/${step}` : '*'} * * ${dow}` }];
  const base = startAt && startAt.getTime() > ctx.now.getTime() ? startAt : ctx.now;
  // the first whole minute after `base` whose wall clock shows that minute
  const t = Math.floor(base.getTime() / 60_000) * 60_000 + 60_000;
  const wallMi = toWall(new Date(t), ctx.zone).mi;
  const anchor = new Date(t + ((minutes[0]! - wallMi + 60) % 60) * 60_000);
  return [{ kind: 'interval', everyMs: step * 3_600_000, anchor }];
}

/**
 * "every 7 hours on weekdays": on named days the step counts from each day's 00:00 (a cron
 * field), so a step that does not divide the day leaves a shorter gap at midnight between two
 * back-to-back days (Mon 21:00, then Tue 00:00: 3 hours, not 7). That is not the rhythm asked
 * for, and a steady 7 hours that skips some days is no rhythm a cron can hold: refused, with the
 * same step inside a window of each day, which reads exactly. One day alone ("every 5 hours on
 * fridays": 00:00 … 20:00) or days never adjacent keep every gap they show.
 */
function splitAtMidnight(
  r: Extract<RepeatSpec, { kind: 'every' }>,
  stepMinutes: number,
  days: number[] | undefined,
  minute = 0,
): Reject | undefined {
  if (!days || (24 * 60) % stepMinutes === 0) return undefined;
  if (!days.some((d) => days.includes((d + 1) % 7))) return undefined;
  const last = Math.floor((24 * 60 - 1) / stepMinutes) * stepMinutes;
  const gap = 24 * 60 - last;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const hours = Math.floor(gap / 60);
  const gapWords = [
    hours > 0 ? `${hours} hour${hours === 1 ? '' : 's'}` : '',
    gap % 60 > 0 ? `${gap % 60} minute${gap % 60 === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const every = `every ${r.step} ${r.unit}${r.step === 1 ? '' : 's'}`;
  return new Reject(
    `"${every}" does not fit a day evenly: on back-to-back days it would start again at 00:00, so ${hhmm(last + minute)} would be followed by ${hhmm(minute)} only ${gapWords} later. Give it hours of the day, or leave out the days for ${every} around the clock.`,
    `${every} from ${minute ? `9:${String(minute).padStart(2, '0')}am` : '9am'} to 9pm on ${spokenDays(days)}`,
    'time',
  );
}

function minuteOfDay(t: TimeOfDay): number {
  return t.h * 60 + t.mi;
}

/**
 * "every day from 9 to 5": a window needs a step inside it; read alone its end was dropped
 * without a word. The example is the request with "every hour" over the same window and days
 * (a window on days of the month has no such phrase: the general example then).
 */
function windowWithoutStep(window: { from: TimeOfDay; to: TimeOfDay }, days: number[] | undefined, datesNamed: boolean): Reject {
  const error =
    'A window of hours ("from … to …") needs to know how often in between: say "every hour from 9 to 5", or "every day at 9" for once at the start.';
  if (datesNamed) return new Reject(error, 'every hour from 9 to 5 drink water');
  const { from, to } = settleWindow(window.from, window.to);
  const on = days && days.length < 7 ? ` on ${spokenDays(days)}` : '';
  return new Reject(error, `every hour from ${spokenClock(from)} to ${spokenClock(to)}${on}`, 'time');
}

/** Triggers for one recurring group. */
function groupTriggers(g: Group, ctx: Ctx, startAt: Date | undefined): Trigger[] | Reject {
  const everies = g.repeats.filter((r): r is Extract<RepeatSpec, { kind: 'every' }> => r.kind === 'every');
  // "every 5 hours every day", "every 5 hours daily": the day names no day to keep to (groups.ts)
  const every = everies.find((r) => r.unit === 'second' || r.unit === 'minute' || r.unit === 'hour') ?? everies[0];
  const weekdaysRepeat = g.repeats.find((r): r is Extract<RepeatSpec, { kind: 'weekdays' }> => r.kind === 'weekdays');
  const days = repeatDays(g, weekdaysRepeat);
  if (days instanceof Reject) return days;
  if (every && (every.unit === 'second' || every.unit === 'minute' || every.unit === 'hour')) {
    return subDaily(every, g, days, ctx, startAt);
  }
  const other = g.repeats.find((r) => r.kind !== 'every' && r.kind !== 'weekdays');
  if (g.window) return windowWithoutStep(g.window, days, other !== undefined || g.dates.some((d) => d.kind !== 'weekday'));
  const weeks = every?.unit === 'week' ? every.step : (weekdaysRepeat?.step ?? 1);
  const named = other !== undefined || g.dates.some((d) => d.kind === 'dayOfMonth' || d.kind === 'ymd');
  const midnight = midnightOnRepeatDays(g, days, weeks, named);
  if (midnight) return midnight;
  const { ref, date: from } = reference(ctx, startAt);
  const slots: Slots = { times: settledTimes(g, ctx), from, ctx, ref };
  const slotted = namedSlotTriggers(other, every, slots);
  if (slotted) return slotted;
  const step = every ? every.step : (weekdaysRepeat?.step ?? 1);
  if (!Number.isInteger(step) || step < 1)
    return new Reject('Repeat days, weeks, months or years in whole numbers.', 'every 2 weeks on monday');
  // sub-daily units returned above
  const unit = (every ? every.unit : 'week') as CalendarSchedule['unit'];
  const stepDays = step * ({ day: 1, week: 7, month: 30.44, year: 365.25 } as Record<string, number>)[unit]!;
  if (stepDays > 5 * 366) return new Reject('That repeat is too far apart; I keep reminders for up to 5 years.', 'every 2 weeks');
  if (days && (unit === 'week' || unit === 'day')) {
    return step === 1 ? crons(slots.times, '*', '*', dowField(days)) : weeklyCalendars(days, step, slots);
  }
  if (unit === 'day' && step === 1) return crons(slots.times, '*', '*', '*');
  const dom = g.dates.flatMap((d) => (d.kind === 'dayOfMonth' ? [d.d] : []));
  if (unit === 'month' && dom.length > 0) {
    return step === 1 ? crons(slots.times, dom.join(','), '*', '*') : monthCalendars(dom, step, slots);
  }
  const ymd = g.dates.find((d): d is Extract<DateSpec, { kind: 'ymd' }> => d.kind === 'ymd');
  if (unit !== 'year' || !ymd) return daylessCalendars(g, unit, step, slots, startAt);
  if (!isValidDate(2024, ymd.m, ymd.d)) return new Reject('That is not a real date.', 'every year on dec 24');
  return step === 1 ? crons(slots.times, String(ymd.d), String(ymd.m), '*') : yearlyCalendars(ymd, step, slots);
}

/** The weekdays a group repeats on ("every monday", "on weekdays except friday"), or undefined for any day. */
function repeatDays(g: Group, weekdaysRepeat: Extract<RepeatSpec, { kind: 'weekdays' }> | undefined): number[] | undefined | Reject {
  const weekdayDates = g.dates.flatMap((d) => (d.kind === 'weekday' ? [d.weekday] : []));
  const days = weekdaysRepeat && weekdaysRepeat.days.length > 0 ? weekdaysRepeat.days : weekdayDates.length > 0 ? weekdayDates : undefined;
  if (!g.exceptDays) return days;
  const except = g.exceptDays;
  const kept = (days ?? [0, 1, 2, 3, 4, 5, 6]).filter((d) => !except.includes(d));
  if (kept.length === 0) return new Reject('That leaves no day to remind you on.', 'every day at 9 except weekends');
  return kept;
}

/** Repeats that name their slot: "the first monday", "on the 1st and 15th", "every year on dec 24". */
function namedSlotTriggers(
  other: RepeatSpec | undefined,
  every: Extract<RepeatSpec, { kind: 'every' }> | undefined,
  slots: Slots,
): Trigger[] | Reject | undefined {
  if (other?.kind === 'nthWeekday') {
    return crons(
      slots.times,
      '*',
      other.month === undefined ? '*' : String(other.month),
      other.nth.map((n) => `${other.weekday}#${n}`).join(','),
    );
  }
  if (other?.kind === 'monthDays') {
    const step = every?.unit === 'month' ? every.step : other.step;
    if (step === 1) return crons(slots.times, other.days.map(String).join(','), '*', '*');
    return monthCalendars(other.days, step, slots);
  }
  if (other?.kind === 'yearDate') {
    if (!isValidDate(2024, other.m, other.d)) return new Reject('That is not a real date.', 'every year on dec 24');
    return crons(slots.times, String(other.d), String(other.m), '*');
  }
  return undefined;
}

/**
 * "every 5 hours on fridays from 9am": a start that is only a clock time, with a repeat of hours
 * or minutes on named days, is where each of those days begins (a window to the day's end), not
 * one instant: read as an instant, the step counted from Friday 00:00 and its first fire was
 * 10:00. Returns the bounds left once such a start became the groups' window.
 */
export function startOfEachDay(groups: Group[], bounds: Bounds): Bounds {
  const start = bounds.start;
  if (!start?.time || start.date || start.duration) return bounds;
  const onDays = groups.filter(
    (g) =>
      !g.window &&
      g.repeats.some((r) => r.kind === 'every' && (r.unit === 'hour' || r.unit === 'minute')) &&
      (g.repeats.some((r) => r.kind === 'weekdays') || g.dates.some((d) => d.kind === 'weekday')),
  );
  if (onDays.length === 0 || onDays.length !== groups.length) return bounds;
  // "… starting at 9am until 5pm": a clock end is where each day stops, as "from 9am to 5pm"
  const end = bounds.end;
  const dailyEnd = end?.time && !end.date && !end.duration ? end.time : undefined;
  for (const g of onDays) g.window = { from: start.time, to: dailyEnd ?? { h: 23, mi: 59, s: 0, bare: false } };
  const { start: _start, end: _end, ...rest } = bounds;
  return dailyEnd || !end ? rest : { ...rest, end };
}

/** The step in years of a request's yearly repeat ("every jan 1", "every 2 years on jan 1"), if it has one. */
function yearlyStep(groups: Group[]): number | undefined {
  for (const g of groups) {
    for (const r of g.repeats) {
      if (r.kind === 'yearDate') return 1;
      if (r.kind === 'every' && r.unit === 'year' && g.dates.some((d) => d.kind === 'ymd')) return r.step;
    }
  }
  return undefined;
}

/** All triggers of a recurring request; groups without a repeat are weekly (weekday) or one-off. */
export function recurringTriggers(groups: Group[], ctx: Ctx, bounds: ScheduleBounds): Trigger[] | Reject {
  const out: Trigger[] = [];
  const yearly = yearlyStep(groups);
  for (const g of groups) {
    if (
      yearly !== undefined &&
      g.repeats.length === 0 &&
      g.dates.length > 0 &&
      g.dates.every((d) => d.kind === 'ymd' && d.y === undefined)
    ) {
      // "every jan 1 and jul 1": the later dates of a yearly repeat are yearly too (as "every
      // monday and friday" repeats both); read alone each was one reminder
      if (yearly !== 1) {
        return new Reject(
          'Several dates with a step of years: which of them does the step count from? Make one reminder per date.',
          'every 2 years on jan 1 at 9am',
        );
      }
      for (const d of g.dates) {
        if (d.kind !== 'ymd') continue;
        const r = groupTriggers({ ...g, dates: [], repeats: [{ kind: 'yearDate', m: d.m, d: d.d }] }, ctx, bounds.startAt);
        if (r instanceof Reject) return r;
        out.push(...r);
      }
      continue;
    }
    if (g.repeats.length === 0 && g.dates.length > 0 && g.dates.every((d) => d.kind === 'weekday')) {
      const r = groupTriggers({ ...g, repeats: [{ kind: 'weekdays', days: [], step: 1 }] }, ctx, bounds.startAt);
      if (r instanceof Reject) return r;
      out.push(...r);
      continue;
    }
    if (g.repeats.length === 0) {
      if (g.dates.length === 0 && g.duration === undefined && out.length > 0 && g.times.length > 0) {
        return new Reject('I could not tell which repeat that time belongs to.', 'every day at 9am and 9pm');
      }
      const r = resolveOnce(g, ctx);
      if (r instanceof Reject) return r;
      out.push(...r.map((at0) => ({ kind: 'once' as const, at: at0 })));
      continue;
    }
    const r = groupTriggers(g, ctx, bounds.startAt);
    if (r instanceof Reject) return r;
    out.push(...r);
  }
  return out;
}
