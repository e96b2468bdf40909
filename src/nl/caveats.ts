/**
 * What a repeat does that its words may not say. "every 31st" is a cron day of month, which
 * months without a 31st skip; "every feb 29" fires in leap years only; "every 5th friday" only
 * in months that have five; "monthly starting jan 31" steps the calendar and lands on the last
 * day of shorter months. The schedule is kept as read; the person is told, with the phrase that
 * gives the other behaviour.
 */
import type { Schedule } from '../core/schedule.js';
import { addDays, addMonths, dayName, daysInMonth, type LocalDate } from './calendar.js';
import type { Piece } from './pieces.js';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Days in each month of a leap year. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function ordinal(n: number): string {
  const s = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${s}`;
}

/** The plain numbers of a cron field ("15,31" → [15, 31]); undefined for `*`, ranges or steps. */
function numbers(field: string | undefined): number[] | undefined {
  if (!field || !/^\d+(?:,\d+)*$/.test(field)) return undefined;
  return field.split(',').map(Number);
}

/** {@link cronCaveats} per pattern: a request's cron is usually one of a few common ones. */
const cronCaveatCache = new Map<string, readonly string[]>();
const CRON_CAVEAT_CACHE_MAX = 1024;

function cachedCronCaveats(pattern: string): readonly string[] {
  let hit = cronCaveatCache.get(pattern);
  if (hit === undefined) {
    hit = cronCaveats(pattern);
    if (cronCaveatCache.size >= CRON_CAVEAT_CACHE_MAX) cronCaveatCache.clear();
    cronCaveatCache.set(pattern, hit);
  }
  return hit;
}

function cronCaveats(pattern: string): string[] {
  const fields = pattern.trim().split(/\s+/);
  // 5 fields (minute first) or 6 (seconds first)
  const [dom, month, dow] = fields.length === 6 ? fields.slice(3) : fields.slice(2);
  const out: string[] = [];
  const days = numbers(dom) ?? [];
  const months = month === '*' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : (numbers(month) ?? []);
  for (const d of days.filter((x) => x >= 29)) {
    if (months.length === 1 && months[0] === 2 && d === 29) {
      out.push('Feb 29 comes only in leap years, so this fires every 4 years; for every year say "every feb 28" or "every mar 1".');
      continue;
    }
    const short = months.filter((m) => MONTH_DAYS[m - 1]! < d || (m === 2 && d === 29));
    if (short.length === 0) continue;
    const names = short.map((m) => (m === 2 && d === 29 ? 'Feb (except in leap years)' : MONTH_NAMES[m - 1]!));
    out.push(`Months without a ${ordinal(d)} are skipped (${names.join(', ')}); say "every last day of the month" to fire in every month.`);
  }
  for (const m of (dow ?? '').matchAll(/(\d)#5/g)) {
    const day = WEEKDAY_NAMES[Number(m[1]) % 7]!;
    out.push(
      `Only months with a fifth ${day} have one (4 or 5 a year), the others are skipped; say "every last ${day.toLowerCase()} of the month" to fire in every month.`,
    );
  }
  return out;
}

/** Month and year steps from the 29th–31st land on the last day of shorter months (core calendar rule). */
function calendarCaveat(unit: string, anchor: string): string | undefined {
  const month = Number(anchor.slice(5, 7));
  const day = Number(anchor.slice(8, 10));
  if (unit === 'month' && day >= 29) return `In months without a ${ordinal(day)} it fires on their last day.`;
  if (unit === 'year' && month === 2 && day === 29) return 'In years without Feb 29 it fires on Feb 28.';
  return undefined;
}

/** The caveats of `schedule`, each once. */
export function calendarCaveats(schedule: Schedule): string[] {
  const triggers = schedule.kind === 'multi' ? schedule.triggers : [schedule];
  const out: string[] = [];
  for (const t of triggers) {
    if (t.kind === 'cron') out.push(...cachedCronCaveats(t.pattern));
    if (t.kind === 'calendar') {
      const c = calendarCaveat(t.unit, t.anchor);
      if (c) out.push(c);
    }
  }
  return [...new Set(out)];
}

/**
 * Before this hour, a person still up often means the coming day by "tomorrow". The chat's
 * Tomorrow button goes by it too (chat/actions.ts).
 */
export const LATE_NIGHT_UNTIL = 5;

/**
 * "tomorrow" written between midnight and 05:00 is the day after today, as always; but someone
 * still up at 00:30 may mean the coming day. Said, with the word for the other reading.
 */
export function lateNightTomorrow(pieces: Piece[], hour: number, today: LocalDate): string | undefined {
  if (hour >= LATE_NIGHT_UNTIL || !pieces.some((p) => !p.role && p.date?.kind === 'relDay' && p.date.days === 1)) return undefined;
  return `It is past midnight, so "tomorrow" is ${dayName(addDays(today, 1))}; for ${dayName(today)} say "today".`;
}

/**
 * "in a month" said on 31 Jan: there is no 31 Feb, and the step lands on the month's last day
 * (28 Feb). Said, with the other day to write, so it is not a silent choice.
 */
export function monthEndClamp(pieces: Piece[], today: LocalDate): string | undefined {
  const p = pieces.find((x) => !x.role && !x.repeat && x.duration && (x.duration.months > 0 || x.duration.years > 0));
  const d = p?.duration;
  if (!d || !Number.isInteger(d.months) || !Number.isInteger(d.years)) return undefined;
  const months = d.months + d.years * 12;
  const target = addMonths({ ...today, d: 1 }, months);
  if (today.d <= daysInMonth(target.y, target.m)) return undefined;
  const landed = addMonths(today, months);
  return `There is no ${today.d} ${MONTH_NAMES[target.m - 1]}, so it is the month's last day, ${dayName(landed)}; for another day say the date.`;
}
