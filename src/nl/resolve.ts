/**
 * Places written dates and times on the calendar, following the conventions in src/nl/README.md:
 * weekday names mean the next such day after today (today's own is settled in same-weekday.ts),
 * "next week" is Monday of next week, a date without a time is 09:00, a bare hour without a date
 * is the next future one on a 12-hour face.
 */
import {
  addDays,
  addMonths,
  at,
  compareWall,
  daysInMonth,
  fromWall,
  isValidDate,
  mondayOf,
  nextWeekday,
  shiftedByGap,
  toWall,
  weekdayOf,
  type LocalDate,
  type Wall,
} from './calendar.js';
import type { DateSpec, TimeOfDay } from './pieces.js';
import { exactMs, type DurationParts } from './duration-phrase.js';
import { movingHoliday, nthWeekdayOf } from './holidays.js';
import { WEEKDAY_NAMES } from './shorthand.js';

/** The reference point of one parse. */
export interface Ctx {
  now: Date;
  zone: string;
  /** Wall time of `now` in `zone`. */
  wall: Wall;
  today: LocalDate;
  /** Set when a bare hour ("at 3") was placed at the sooner of its two 12-hour readings. */
  meridiemGuessed?: boolean;
  /** Set when a day was placed at DEFAULT_TIME because no time of day was said ("friday"). */
  timeDefaulted?: boolean;
  /** One-off instants placed from a wall time that did not exist (a DST gap), to be said so. */
  gapShifted: Set<number>;
}

export function makeCtx(now: Date, zone: string): Ctx {
  const wall = toWall(now, zone);
  return { now, zone, wall, today: { y: wall.y, m: wall.m, d: wall.d }, gapShifted: new Set() };
}

/** The instant `ctx.zone` shows `w` (DST rule of core/time/zoned.ts), noting a gap shift. */
export function place(w: Wall, ctx: Ctx): Date {
  const instant = fromWall(w, ctx.zone);
  if (shiftedByGap(w, instant, ctx.zone)) ctx.gapShifted.add(instant.getTime());
  return instant;
}

/** A failure a person can fix. */
export class Reject {
  constructor(
    readonly error: string,
    readonly example?: string,
    /**
     * The refusal's example is the whole request, corrected (corrected-request.ts): `time`, the
     * example is a time phrase to say in place of the request's own time words; `midnight`, the
     * request with its "midnight" written "00:00" (the day's start, which reads exactly).
     */
    readonly inPlaceOf?: 'time' | 'midnight',
    /** A request for a reminder even in a plain sentence: the chat says why, not its hint. */
    readonly request?: true,
    /**
     * The question of a weekday name that is today's ("friday" on a Friday: today or next
     * week?, same-weekday.ts); `timeDefaulted` when no time of day was said (read at 09:00), so
     * an edit that keeps the reminder's own time asks again with that time (edit-when.ts).
     */
    readonly asksDay?: { timeDefaulted: boolean },
  ) {}
}

const END_OF_DAY: TimeOfDay = { h: 17, mi: 0, s: 0, bare: false };

/** Default time of a date without one: 09:00. */
export const DEFAULT_TIME: TimeOfDay = { h: 9, mi: 0, s: 0, bare: false };

/**
 * Hour of a bare time on a given (non-today) date: 7-11 are morning, 12 is noon, 1-6 are
 * afternoon/evening ("tomorrow at 5" means 17:00); a day-part hint wins.
 */
export function settleBare(t: TimeOfDay): TimeOfDay {
  if (!t.bare) return t;
  const h12 = t.h % 12;
  if (t.hint === 'pm') return { ...t, h: h12 + 12, bare: false };
  if (t.hint === 'am') return { ...t, h: h12, bare: false };
  return { ...t, h: t.h === 12 ? 12 : t.h >= 1 && t.h <= 6 ? t.h + 12 : t.h, bare: false };
}

/** The next instant after now showing time `t` (bare hours: either half of the day). */
export function nextTimeOfDay(t: TimeOfDay, ctx: Ctx, fromDate: LocalDate = ctx.today, strictDay = false): Date | undefined {
  const hours = t.bare && !t.hint ? [t.h % 12, (t.h % 12) + 12] : [settleBare(t).h];
  if (hours.length === 2) ctx.meridiemGuessed = true;
  const days = strictDay ? [0] : [0, 1, 2];
  for (const dd of days) {
    const date = addDays(fromDate, dd);
    for (const h of hours) {
      const instant = place(at(date, h, t.mi, t.s), ctx);
      if (instant.getTime() > ctx.now.getTime()) return instant;
    }
  }
  return undefined;
}

/** Wall time now + duration: calendar units on the wall clock, then exact hours/minutes/seconds. */
export function addDuration(ctx: Ctx, d: DurationParts, base: Date = ctx.now): Date {
  // "in 99999999 years" would overflow the calendar; it is simply too far (the 5-year rule).
  if (d.years + d.months / 12 + d.weeks / 52 + d.days / 365 + exactMs(d) / 31_536_000_000 > 100) {
    throw new Reject('That is more than 5 years away; I only keep reminders for up to 5 years.', 'in 2 years');
  }
  const wholeDays = Math.trunc(d.days + d.weeks * 7);
  const fracMs = (d.days + d.weeks * 7 - wholeDays) * 86_400_000;
  const months = d.months + d.years * 12;
  const wholeMonths = Math.trunc(months);
  const monthFracDays = Math.round((months - wholeMonths) * 30);
  let result = base;
  if (wholeDays !== 0 || wholeMonths !== 0 || monthFracDays !== 0) {
    const w = toWall(base, ctx.zone);
    const date = addDays(addMonths(w, wholeMonths), wholeDays + monthFracDays);
    result = place({ ...w, y: date.y, m: date.m, d: date.d }, ctx);
    // keep sub-second precision of the base
    result = new Date(result.getTime() + (base.getTime() % 1000));
  }
  return new Date(result.getTime() + exactMs(d) + fracMs);
}

/** Where a date spec lands, and whether the person named a specific day (so the past is an error). */
export interface PlacedDate {
  date: LocalDate;
  /** Time implied by the date itself (end of week -> 17:00). */
  defaultTime?: TimeOfDay;
  /** For yearless dates: try again a year later when the result has passed. */
  yearless?: { m: number; d: number };
  /** For day-of-month only: next month when passed. */
  dayOfMonth?: number;
}

/** Resolves a written date to a calendar day (not yet checked against the time). */
export function placeDate(spec: DateSpec, ctx: Ctx): PlacedDate | Reject {
  switch (spec.kind) {
    case 'dayOfMonth':
      return placeDayOfMonth(spec, ctx.today);
    case 'nthWeekdayOfMonth':
      return placeNthWeekday(spec, ctx);
    case 'month':
      return placeMonth(spec, ctx);
    case 'holiday':
      return placeHoliday(spec, ctx);
    case 'ymd':
      return placeYmd(spec, ctx.today);
    default:
      return placeRelative(spec, ctx.today);
  }
}

/** Days named relative to today: "tomorrow", "friday", "next week", "the weekend", "end of the month". */
function placeRelative(
  spec: Exclude<DateSpec, { kind: 'dayOfMonth' | 'nthWeekdayOfMonth' | 'month' | 'holiday' | 'ymd' }>,
  today: LocalDate,
): PlacedDate {
  const monthStart = { y: today.y, m: today.m, d: 1 };
  switch (spec.kind) {
    case 'relDay':
      return { date: addDays(today, spec.days) };
    case 'weekday':
      // "this friday" said on a Friday is this week's: today (same-weekday.ts says when it has passed)
      if (spec.said === 'this' && weekdayOf(today) === spec.weekday) return { date: today };
      if (spec.nextWeek) return { date: addDays(mondayOf(today), 7 + ((spec.weekday + 6) % 7)) };
      return { date: addDays(nextWeekday(today, spec.weekday), 7 * (spec.plusWeeks ?? 0)) };
    case 'nextWeek':
      return { date: addDays(mondayOf(today), 7) };
    case 'nextMonth':
      return { date: addMonths(monthStart, 1) };
    case 'nextYear':
      return { date: { y: today.y + 1, m: 1, d: 1 } };
    case 'weekend':
      return { date: addDays(mondayOf(today), spec.next ? 12 : 5) };
    case 'endOfWeek':
      return { date: addDays(mondayOf(today), spec.next ? 11 : 4), defaultTime: END_OF_DAY };
    case 'endOfMonth': {
      const month = addMonths(monthStart, spec.next ? 1 : 0);
      return { date: { ...month, d: daysInMonth(month.y, month.m) }, defaultTime: END_OF_DAY };
    }
    case 'endOfYear':
      return { date: { y: today.y + (spec.next ? 1 : 0), m: 12, d: 31 }, defaultTime: END_OF_DAY };
  }
}

/** "the 15th" (this month's, or the next month holding it), "the 5th of next month". */
function placeDayOfMonth(spec: Extract<DateSpec, { kind: 'dayOfMonth' }>, today: LocalDate): PlacedDate | Reject {
  if (spec.d < 1 || spec.d > 31) return new Reject(`There is no day ${spec.d} in a month.`, 'on the 15th at 9am');
  if (spec.monthsAhead !== undefined) {
    const month = addMonths({ y: today.y, m: today.m, d: 1 }, spec.monthsAhead);
    if (!isValidDate(month.y, month.m, spec.d)) return impossible(month.m, spec.d, month.y);
    return { date: { ...month, d: spec.d } };
  }
  let date: LocalDate = { y: today.y, m: today.m, d: spec.d };
  for (
    let i = 0;
    !isValidDate(date.y, date.m, date.d) || date.y * 400 + date.m * 32 + date.d < today.y * 400 + today.m * 32 + today.d;
    i++
  ) {
    const next = addMonths({ y: today.y, m: today.m, d: 1 }, i + 1);
    date = { y: next.y, m: next.m, d: spec.d };
    if (i > 3) break;
  }
  return { date, dayOfMonth: spec.d };
}

/** "dec 24 2026" as written; a yearless date is the next one on or after today (feb 29 waits for a leap year). */
function placeYmd(spec: Extract<DateSpec, { kind: 'ymd' }>, today: LocalDate): PlacedDate | Reject {
  if (spec.y !== undefined) {
    if (!isValidDate(spec.y, spec.m, spec.d)) return impossible(spec.m, spec.d, spec.y);
    return { date: { y: spec.y, m: spec.m, d: spec.d } };
  }
  if (!isValidDate(2024, spec.m, spec.d)) return impossible(spec.m, spec.d);
  for (let y = today.y; y < today.y + 9; y++) {
    if (!isValidDate(y, spec.m, spec.d)) continue;
    const date = { y, m: spec.m, d: spec.d };
    if (compareWall(at(date, 0), at(today, 0)) >= 0) return { date, yearless: { m: spec.m, d: spec.d } };
  }
  return impossible(spec.m, spec.d);
}

/**
 * A month alone is its 1st (at 09:00 unless a time is given), or its last day for "end of".
 * Yearless, it is the next such month; the current month is not guessed (it has begun: this
 * one's rest, or next year's?) and is rejected with a hint, except "next <month>" (next
 * year's) and "end of <month>" (this one's end).
 */
function placeMonth(spec: Extract<DateSpec, { kind: 'month' }>, ctx: Ctx): PlacedDate | Reject {
  const today = ctx.today;
  const name = MONTHS[spec.m - 1]!;
  let y = spec.y ?? (spec.m > today.m ? today.y : spec.m < today.m || spec.next ? today.y + 1 : today.y);
  if (spec.next && spec.y === undefined && spec.m === today.m) y = today.y + 1;
  if (y === today.y && spec.m === today.m && !spec.end && !(spec.next && spec.y === undefined)) {
    return new Reject(`It is ${name} already. Say which day, or "next ${name}" for next year's.`, `next ${name}`);
  }
  if (spec.end) return { date: { y, m: spec.m, d: daysInMonth(y, spec.m) }, defaultTime: END_OF_DAY };
  return { date: { y, m: spec.m, d: 1 } };
}

/**
 * "the third friday in march" (the next march holding it from today on), "the first friday of
 * next month". A fifth weekday the month does not have is refused, never moved.
 */
function placeNthWeekday(spec: Extract<DateSpec, { kind: 'nthWeekdayOfMonth' }>, ctx: Ctx): PlacedDate | Reject {
  const today = ctx.today;
  const months: LocalDate[] =
    spec.monthsAhead !== undefined
      ? [addMonths({ y: today.y, m: today.m, d: 1 }, spec.monthsAhead)]
      : spec.y !== undefined
        ? [{ y: spec.y, m: spec.m!, d: 1 }]
        : [0, 1].map((k) => ({ y: today.y + k, m: spec.m!, d: 1 }));
  for (const month of months) {
    if (months.length > 1 && month.y * 12 + month.m < today.y * 12 + today.m) continue;
    const date = nthWeekdayOf(month.y, month.m, spec.weekday, spec.nth);
    if (!date)
      return new Reject(
        `${capitalized(MONTHS[month.m - 1]!)} ${month.y} has no ${spec.nth}th ${WEEKDAY_NAMES[spec.weekday]}.`,
        `on the last ${WEEKDAY_NAMES[spec.weekday]} of ${MONTHS[month.m - 1]}`,
      );
    if (months.length === 1 || compareWall(at(date, 0), at(today, 0)) >= 0) return { date };
  }
  return new Reject('That day has already passed. Pick a time from now on.', 'on the first friday of next month');
}

/** A moving holiday's next date (today counts), or the one of the year written. */
function placeHoliday(spec: Extract<DateSpec, { kind: 'holiday' }>, ctx: Ctx): PlacedDate | Reject {
  const holiday = movingHoliday(spec.name);
  const years = spec.y !== undefined ? [spec.y] : [ctx.today.y, ctx.today.y + 1, ctx.today.y + 2];
  for (const y of years) {
    const date = holiday?.on(y, ctx.zone);
    if (!date) {
      return new Reject(
        `I can't tell which day "${spec.name}" is in your time zone (${ctx.zone}): it differs by region. Write the date instead.`,
        'on may 5 at 9am',
      );
    }
    if (spec.y !== undefined || compareWall(at(date, 0), at(ctx.today, 0)) >= 0) return { date };
  }
  return new Reject(`I can't tell which day "${spec.name}" is. Write the date instead.`, 'on may 5 at 9am');
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function impossible(m: number, d: number, y?: number): Reject {
  const name = MONTHS[m - 1];
  const what = name ? `${name} ${d}${y ? `, ${y}` : ''}` : `month ${m}`;
  return new Reject(`${what.charAt(0).toUpperCase()}${what.slice(1)} is not a real date.`, 'on dec 24 at 6pm');
}
