/**
 * Calendar-step triggers: "every 2 weeks on tuesday", "every 3 months on the 31st", "every
 * 2 years on dec 24", "every 4 months". A calendar schedule keeps the wall-clock time and steps
 * from an anchor, so each trigger's anchor is its first fire after the reference instant.
 */
import type { CalendarSchedule } from '../core/schedule.js';
import {
  addDays,
  addMonths,
  at,
  compareWall,
  daysInMonth,
  formatWall,
  fromWall,
  mondayOf,
  toWall,
  weekdayOf,
  type LocalDate,
  type Wall,
} from './calendar.js';
import type { Group } from './groups.js';
import type { DateSpec, TimeOfDay } from './pieces.js';
import { addDuration, type Ctx } from './resolve.js';

/** What every trigger of a group shares: its times of day, the date and instant fires come after. */
export interface Slots {
  times: TimeOfDay[];
  /** The reference instant's date in the zone. */
  from: LocalDate;
  ctx: Ctx;
  /** Fires come strictly after this instant. */
  ref: Date;
}

function calendar(unit: CalendarSchedule['unit'], step: number, anchor: Wall): CalendarSchedule {
  return { kind: 'calendar', unit, step, anchor: formatWall(anchor) };
}

/** First wall time on or after `from` (date) at `t` strictly after the reference instant. */
function firstOnOrAfter(date: LocalDate, t: TimeOfDay, ctx: Ctx, ref: Date, stepDays: number): Wall {
  let d = date;
  for (let i = 0; i < 400; i++) {
    const w = at(d, t.h, t.mi, t.s);
    if (fromWall(w, ctx.zone).getTime() > ref.getTime()) return w;
    d = addDays(d, stepDays);
  }
  return at(d, t.h, t.mi, t.s);
}

/** First date on day `d` of a month (clamped) at `t` after ref, stepping `stepMonths`. */
function firstMonthly(from: LocalDate, d: number, t: TimeOfDay, ctx: Ctx, ref: Date, stepMonths: number): Wall {
  let month = { y: from.y, m: from.m, d: 1 };
  for (let i = 0; i < 60; i++) {
    const date = { y: month.y, m: month.m, d: Math.min(d, daysInMonth(month.y, month.m)) };
    const w = at(date, t.h, t.mi, t.s);
    if (fromWall(w, ctx.zone).getTime() > ref.getTime()) return w;
    month = addMonths(month, stepMonths);
  }
  return at(month, t.h, t.mi, t.s);
}

/** "every 3 months on the 31st": one calendar per day and time. */
export function monthCalendars(days: Array<number | 'L'>, step: number, { times, from, ctx, ref }: Slots): CalendarSchedule[] {
  return days.flatMap((d) => times.map((t) => calendar('month', step, firstMonthly(from, d === 'L' ? 31 : d, t, ctx, ref, 1))));
}

/**
 * "every 2 weeks on tuesday": one calendar per weekday and time. Several days share their
 * weeks ("every other week on monday and thursday": both in the same weeks), the weeks of
 * the first fire.
 */
export function weeklyCalendars(days: number[], step: number, { times, from, ctx, ref }: Slots): CalendarSchedule[] {
  const firsts = days.flatMap((wd) => times.map((t) => firstOnOrAfter(addDays(from, (wd - weekdayOf(from) + 7) % 7), t, ctx, ref, 7)));
  const earliest = firsts.reduce((a, b) => (compareWall(a, b) <= 0 ? a : b));
  const week = mondayOf(earliest);
  return days.flatMap((wd) =>
    times.map((t) => {
      const inWeek = at(addDays(week, (wd + 6) % 7), t.h, t.mi, t.s);
      const first = fromWall(inWeek, ctx.zone).getTime() > ref.getTime() ? inWeek : at(addDays(inWeek, 7 * step), t.h, t.mi, t.s);
      return calendar('week', step, first);
    }),
  );
}

/** "every 2 years on dec 24": the next Dec 24 at each time (Feb 29 clamped to Feb 28). */
export function yearlyCalendars(
  ymd: Extract<DateSpec, { kind: 'ymd' }>,
  step: number,
  { times, from, ctx, ref }: Slots,
): CalendarSchedule[] {
  return times.map((t) => {
    let y = from.y;
    let w = at({ y, m: ymd.m, d: Math.min(ymd.d, daysInMonth(y, ymd.m)) }, t.h, t.mi, t.s);
    if (fromWall(w, ctx.zone).getTime() <= ref.getTime()) {
      y += 1;
      w = at({ y, m: ymd.m, d: Math.min(ymd.d, daysInMonth(y, ymd.m)) }, t.h, t.mi, t.s);
    }
    return calendar('year', step, w);
  });
}

/**
 * No day written: "every 3 days", "every 2 weeks", "every 4 months", "weekly". Without a time
 * either, the first fire is one whole step from now at the same clock time (as "in 4 months"
 * would be), so it never comes sooner than the step; with a time, it is the next time the
 * clock shows it, and the steps count from that day.
 */
export function daylessCalendars(
  g: Group,
  unit: CalendarSchedule['unit'],
  step: number,
  slots: Slots,
  startAt: Date | undefined,
): CalendarSchedule[] {
  const { ctx } = slots;
  const untimed = g.times.length === 0 && !g.defaultTime;
  if (untimed && !(startAt && startAt.getTime() > ctx.now.getTime())) {
    const first = toWall(
      addDuration(ctx, { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, [`${unit}s`]: step }),
      ctx.zone,
    );
    // "every month" on Jan 31: the first fire is Feb 28, and anchoring there would make every
    // later one the 28th; anchored at now (never a fire: fires come strictly after now) the
    // series keeps the 31st (Feb 28, Mar 31, Apr 30)
    const clamped = first.d !== ctx.wall.d;
    return [calendar(unit, step, clamped ? ctx.wall : first)];
  }
  return slots.times.map((t) => calendar(unit, step, firstOnOrAfter(slots.from, t, ctx, slots.ref, 1)));
}
