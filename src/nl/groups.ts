/**
 * Splits the pieces of one request into schedules: "on wednesday at 3 pm and on saturday at
 * 10 am" is two, "every day at 9am and 9pm" is one with two times, "every month on the 1st
 * and 15th" is one. Bounds ("until dec 31", "for 5 times", "starting monday") apply to all.
 */
import type { DateSpec, Piece, RepeatSpec, TimeOfDay } from './pieces.js';
import type { DurationParts } from './duration-phrase.js';

/** One schedule's worth of pieces. */
export interface Group {
  repeats: RepeatSpec[];
  dates: DateSpec[];
  times: TimeOfDay[];
  defaultTime?: TimeOfDay;
  /** Every day part named ("morning and evening"), in order: several become the group's times. */
  dayParts?: TimeOfDay[];
  duration?: DurationParts;
  window?: { from: TimeOfDay; to: TimeOfDay };
  /** Days a repeat skips ("except weekends"). */
  exceptDays?: number[];
  /** Minutes of each hour an hourly repeat fires at ("every hour at :15 and :45"). */
  minutes?: number[];
  /** More than one window of hours was written ("from 9 to 12 and from 1 to 5"). */
  windows?: number;
  /** "15 minutes before 5pm": shift the resolved time by this duration. */
  offset?: { duration: DurationParts; sign: -1 | 1 };
  past: boolean;
  unknown?: string;
  /** Index of the first anchor piece (repeat, date, duration) in the request, -1 if none. */
  anchorAt: number;
  /** Start offsets of the time pieces, to move trailing ones to the next group. */
  timeAt: number[];
}

/** Bounds shared by every schedule of the request. */
export interface Bounds {
  start?: Piece;
  end?: Piece;
  /** "every day in january": from its first day through its last. */
  during?: Piece;
  count?: number;
  forDuration?: DurationParts;
}

function emptyGroup(): Group {
  return { repeats: [], dates: [], times: [], past: false, anchorAt: -1, timeAt: [] };
}

function hasAnchor(g: Group): boolean {
  return g.repeats.length > 0 || g.dates.length > 0 || g.duration !== undefined;
}

function isSubDaily(r: RepeatSpec): boolean {
  return r.kind === 'every' && (r.unit === 'hour' || r.unit === 'minute' || r.unit === 'second');
}

/** "every day", "daily": with a repeat of hours it restricts no day ("every 5 hours every day"). */
function everyDay(r: RepeatSpec): boolean {
  return r.kind === 'every' && r.unit === 'day' && r.step === 1;
}

/** "every 2 weeks", "biweekly", "weekly": a step of whole weeks that days of the week can qualify. */
function weeklyStep(r: RepeatSpec): boolean {
  return r.kind === 'every' && r.unit === 'week';
}

/** Whether a date can qualify a repeat ("every 2 weeks" + "on tuesday"). */
function dateFitsRepeat(r: RepeatSpec, d: DateSpec): boolean {
  if (r.kind !== 'every') return false;
  if (d.kind === 'weekday') return r.unit === 'week' || r.unit === 'day' || isSubDaily(r);
  if (d.kind === 'dayOfMonth') return r.unit === 'month';
  if (d.kind === 'ymd') return r.unit === 'year' && d.y === undefined;
  return false;
}

function canJoin(g: Group, p: Piece, glued: boolean): boolean {
  if (!hasAnchor(g)) return true;
  // "in 2 weeks on friday": one request that names both; kept together so it is rejected as
  // ambiguous instead of becoming two reminders
  if (glued && g.repeats.length === 0 && ((p.date && g.duration) || (p.duration && g.dates.length > 0))) return true;
  if (p.repeat) {
    if (g.duration) return false;
    if (g.repeats.length === 0) return g.dates.every((d) => dateFitsRepeat(p.repeat!, d));
    if (g.repeats.length === 1) {
      const r = g.repeats[0]!;
      // "hourly ... on weekdays", "every 30 minutes on mondays", "biweekly on thursdays"
      return (
        (isSubDaily(r) && (p.repeat.kind === 'weekdays' || everyDay(p.repeat))) ||
        (everyDay(r) && isSubDaily(p.repeat)) ||
        (r.kind === 'weekdays' && isSubDaily(p.repeat)) ||
        (weeklyStep(r) && p.repeat.kind === 'weekdays' && p.repeat.step === 1) ||
        (r.kind === 'weekdays' && r.step === 1 && weeklyStep(p.repeat))
      );
    }
    return false;
  }
  if (p.date) {
    if (g.duration) return false;
    if (g.repeats.length > 0) {
      if (!g.repeats.every((r) => dateFitsRepeat(r, p.date!))) return false;
      // several days for one repeat only when of the same kind ("on the 1st and 15th")
      return g.dates.every((d) => d.kind === p.date!.kind && (d.kind === 'weekday' || d.kind === 'dayOfMonth'));
    }
    // "tuesday dec 1": a weekday next to a calendar date only qualifies it
    const only = g.dates.length === 1 ? g.dates[0]! : undefined;
    if (only && (only.kind === 'weekday') !== (p.date.kind === 'weekday')) {
      const other = only.kind === 'weekday' ? p.date : only;
      return other.kind === 'ymd' || other.kind === 'dayOfMonth';
    }
    return g.dates.length === 0;
  }
  if (p.duration) return false;
  return true;
}

/**
 * "every tuesday and every thursday at 6", "tomorrow and friday at 10": a day without a time
 * takes the times of the next day that has them (else of the previous one).
 */
function shareTimes(groups: Group[]): void {
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g.times.length > 0 || g.defaultTime || g.duration || (g.dates.length === 0 && g.repeats.length === 0)) continue;
    if (g.repeats.some((r) => r.kind === 'every' && (r.unit === 'hour' || r.unit === 'minute' || r.unit === 'second'))) continue;
    const donor =
      groups.slice(i + 1).find((o) => o.times.length > 0) ??
      groups
        .slice(0, i)
        .reverse()
        .find((o) => o.times.length > 0);
    if (donor) g.times = [...donor.times];
  }
}

/** Groups pieces (sorted by position) into schedules and shared bounds. */
export function groupPieces(pieces: Piece[], text = ''): { groups: Group[]; bounds: Bounds } {
  const groups: Group[] = [];
  const bounds: Bounds = {};
  let cur = emptyGroup();
  let lastEnd = -1;
  for (const p of pieces) {
    if (p.role === 'start') {
      bounds.start = p;
      continue;
    }
    if (p.role === 'end') {
      bounds.end = p;
      continue;
    }
    if (p.role === 'during') {
      bounds.during = p;
      continue;
    }
    if (p.role === 'for') {
      if (p.count !== undefined) bounds.count = p.count;
      if (p.duration) bounds.forDuration = p.duration;
      continue;
    }
    if (p.offsetSign && p.duration) {
      cur.offset = { duration: p.duration, sign: p.offsetSign };
      continue;
    }
    if (p.exceptDays) {
      // "except weekends" qualifies the repeat before it
      const target = cur.repeats.length > 0 || groups.length === 0 ? cur : groups[groups.length - 1]!;
      target.exceptDays = [...(target.exceptDays ?? []), ...p.exceptDays];
      continue;
    }
    if (p.minuteOfHour !== undefined) {
      cur.minutes = [...(cur.minutes ?? []), p.minuteOfHour];
      // "every 15 past the hour" is its repeat too
      if (!p.repeat) continue;
    }
    const anchor = p.repeat !== undefined || p.date !== undefined || p.duration !== undefined;
    const glued = lastEnd >= 0 && !/\b(?:and|or|then|also|plus)\b|[,;&]/.test(text.slice(lastEnd, p.start));
    if (anchor && !canJoin(cur, p, glued)) {
      const next = emptyGroup();
      // "at 3pm on wednesday and 10am on saturday": times after the anchor go with the next day.
      if (cur.timeAt.length >= 2 && cur.timeAt[0]! < cur.anchorAt) {
        const keep = cur.timeAt.filter((t) => t < cur.anchorAt).length;
        next.times = cur.times.splice(keep);
        next.timeAt = cur.timeAt.splice(keep);
      }
      groups.push(cur);
      cur = next;
    }
    if (anchor && cur.anchorAt < 0) cur.anchorAt = p.start;
    lastEnd = p.end;
    if (p.repeat) cur.repeats.push(p.repeat);
    if (p.date) cur.dates.push(p.date);
    if (p.duration) cur.duration = p.duration;
    if (p.time) {
      cur.times.push(p.time);
      cur.timeAt.push(p.start);
    }
    if (p.defaultTime) {
      cur.defaultTime = p.defaultTime;
      cur.dayParts = [...(cur.dayParts ?? []), p.defaultTime];
    }
    if (p.window) {
      cur.window = p.window;
      cur.windows = (cur.windows ?? 0) + 1;
    }
    if (p.past) cur.past = true;
    if (p.unknown) cur.unknown = p.unknown;
  }
  groups.push(cur);
  // "tomorrow morning and evening": both day parts, not only the last one named
  for (const g of groups) {
    const parts = g.dayParts ?? [];
    if (g.times.length === 0 && new Set(parts.map((t) => t.h * 60 + t.mi)).size > 1) g.times = parts.map((t) => ({ ...t, bare: false }));
  }
  shareTimes(groups);
  return {
    groups: groups.filter((g) => hasAnchor(g) || g.times.length > 0 || g.defaultTime || g.window || g.unknown || g.minutes),
    bounds,
  };
}
