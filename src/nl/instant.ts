/**
 * One-off times: durations ("in 20 minutes", "in 2h30m", "in a fortnight", "72hr from now"),
 * and a date and/or time placed by the conventions in resolve.ts. chrono-node covers absolute
 * date formats our own grammar does not know (it runs last, on what is left).
 */
import {
  addDays,
  addMonths,
  at,
  compareWall,
  dayName,
  daysInMonth,
  isValidDate,
  toWall,
  weekdayOf,
  type LocalDate,
  type Wall,
} from './calendar.js';
import { DURATION_SRC, exactMs, parseDurationPhrase, type DurationParts } from './duration-phrase.js';
import type { Group } from './groups.js';
import type { Recognizer, TimeOfDay } from './pieces.js';
import { addDuration, DEFAULT_TIME, nextTimeOfDay, place, placeDate, Reject, settleBare, type Ctx } from './resolve.js';
import { MONTH_NAMES, WEEKDAY_NAMES } from './shorthand.js';
import { settleWindow, spokenClock } from './minute-window.js';
import { sameWeekday } from './same-weekday.js';

/** Under a second: "in 0 minutes", "in 0.1 seconds" are now, not a time to wait for. */
function isZero(d: DurationParts): boolean {
  return d.years === 0 && d.months === 0 && d.weeks === 0 && d.days === 0 && exactMs(d) < 1000;
}

/** Durations after "in"/"within"/"after", or before "from now"/"later". */
export const DURATION_RECOGNIZERS: Recognizer[] = [
  {
    name: 'duration-in',
    re: new RegExp(
      `\\b(?:in|within|after)\\s+(?:about\\s+|around\\s+|another\\s+|roughly\\s+|approx\\.?\\s+|like\\s+|just\\s+)?(${DURATION_SRC})`,
      'g',
    ),
    make(m) {
      const duration = parseDurationPhrase(m[1]!);
      if (duration && isZero(duration)) {
        return {
          refuse: { error: `"${m[0]}" is now, not a time to remind you: say how long from now.`, example: 'in 5 minutes check the oven' },
        };
      }
      return duration ? { duration } : null;
    },
  },
  {
    // "2 days ago", "an hour before now": explicitly past
    name: 'duration-ago',
    re: new RegExp(`\\b(${DURATION_SRC})\\s+(?:ago|back|before now|earlier)\\b`, 'g'),
    make(m) {
      const duration = parseDurationPhrase(m[1]!);
      return duration ? { duration, past: true } : null;
    },
  },
  {
    // "15 minutes before 5pm", "an hour after the meeting at 3"
    name: 'duration-offset',
    re: new RegExp(`\\b(${DURATION_SRC})\\s+(before|after|prior to|from)\\b(?!\\s+(?:that|this|it|now|today)\\b)`, 'g'),
    make(m) {
      const duration = parseDurationPhrase(m[1]!);
      return duration ? { duration, offsetSign: m[2] === 'after' || m[2] === 'from' ? 1 : -1 } : null;
    },
  },
  {
    // "the day after christmas", "the week before dec 24": one day or week from the date named
    // right after it ("the day after the meeting" names no date: text)
    name: 'duration-offset-the-day',
    re: /\b(?:the\s+)?(day|week)\s+(before|after)\b(?!\s+(?:the|that|this|it|now|today|tomorrow|yesterday|next|lunch|dinner|breakfast|work|school)\b)(?=\s+[a-z0-9])/g,
    make(m) {
      const duration = parseDurationPhrase(`1 ${m[1]}`);
      return duration ? { duration, offsetSign: m[2] === 'after' ? 1 : -1 } : null;
    },
  },
  {
    name: 'duration-from-now',
    re: new RegExp(`\\b(${DURATION_SRC})\\s+(?:from\\s+now|from\\s+today|later|hence)\\b`, 'g'),
    make(m) {
      const duration = parseDurationPhrase(m[1]!);
      return duration ? { duration } : null;
    },
  },
];

/**
 * A compact duration standing alone at the start ("5m check the oven", "remind me 72hr to …"):
 * only digits with a unit, so ordinary numbers in the text are left alone.
 */
const COMPACT_TERM = String.raw`\d+(?:\.\d+)?\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|mo|s|m|h|d|w|y)(?![a-z])`;
export const LEADING_DURATION_RE = new RegExp(
  String.raw`^(?:\s*remind\s+(?:me|us|@\S+|#\S+)\s+)?(${COMPACT_TERM}(?:\s*${COMPACT_TERM})*)(?![\d.])`,
);

/** The time a group names, with day-part hints applied; undefined when none. */
function groupTimes(g: Group): TimeOfDay[] {
  const hint = g.defaultTime?.hint;
  return g.times.map((t) => (t.bare && hint && !t.hint ? { ...t, hint } : t));
}

/** Instants of a one-off group (several when it names several times: "tomorrow at 9 and 5"). */
export function resolveOnce(g: Group, ctx: Ctx): Date[] | Reject {
  // "friday" said on a Friday: today, next week, or asked (same-weekday.ts); read whole, with
  // any offset ("15 minutes before 5pm friday"), so the readings it names are the ones set
  const day = g.dates.find((d) => d.kind !== 'weekday') ?? g.dates[0];
  if (day?.kind === 'weekday') {
    const same = sameWeekday(g, day, ctx, resolveOnce);
    if (same) return same;
  }
  if (!g.offset) return resolvePlain(g, ctx);
  // "15 minutes before 5pm": place 5pm, then move by the duration
  const { offset, ...rest } = g;
  if (rest.times.length === 0 && rest.dates.length === 0 && !rest.defaultTime) {
    return new Reject('Before or after what? Add a time.', '15 minutes before 5pm');
  }
  const base = resolvePlain(rest, ctx);
  if (base instanceof Reject) return base;
  return base.map((t) => {
    const signed = Object.fromEntries(
      Object.entries(offset.duration).map(([k, v]) => [k, v * offset.sign]),
    ) as unknown as typeof offset.duration;
    return addDuration(ctx, signed, t);
  });
}

function resolvePlain(g: Group, ctx: Ctx): Date[] | Reject {
  if (g.window) {
    const { window, ...rest } = g;
    return windowOnce(rest, window, ctx);
  }
  if (g.unknown) return new Reject(`I don't know which day "${g.unknown}" is. Write the date instead.`, 'on apr 5 at 9am');
  if (g.past) return new Reject('That time is in the past. Pick a time from now on.', 'tomorrow at 9am');
  const times = groupTimes(g);
  if (g.duration && g.dates.length > 0) {
    return new Reject('Say either how long from now or which day, not both.', 'friday after next at 9am');
  }
  if (g.duration) {
    const base = addDuration(ctx, g.duration);
    if (times.length === 0 && g.dates.length === 0) return [base];
    const { years, months, weeks, days } = g.duration;
    // "in 2 hours at 5": a span of hours says the time itself; keeping only "at 5" dropped it
    if (years + months + weeks + days === 0) {
      return new Reject('Say either how long from now or what time, not both.', 'in 2 hours');
    }
    // "in 3 days at 5pm": the day from the duration, the time as written
    const w = toWallOf(base, ctx);
    const late = times.find((t) => t.midnight);
    if (late) return midnightOn(w, late.mi);
    return times.map((t) => place(at(w, settleBare(t).h, t.mi, t.s), ctx));
  }
  const spec = g.dates.find((d) => d.kind !== 'weekday') ?? g.dates[0];
  const weekday = g.dates.find((d) => d.kind === 'weekday');
  if (!spec) {
    if (times.length === 0) {
      const t = g.defaultTime;
      if (!t) return new Reject('When should I remind you? I could not find a time.', 'remind me to call mom tomorrow at 9am');
      return [nextTimeOfDay(t.hint ? { ...t, bare: true } : t, ctx)!];
    }
    return times.map((t) => nextTimeOfDay(t, ctx)!);
  }
  const placed = placeDate(spec, ctx);
  if (placed instanceof Reject) return placed;
  if (weekday && weekday !== spec && weekday.kind === 'weekday' && weekdayOf(placed.date) !== weekday.weekday) {
    return weekdayMismatch(placed.date, weekday.weekday, times[0]);
  }
  const chosen = times.length > 0 ? times : [g.defaultTime ?? placed.defaultTime ?? DEFAULT_TIME];
  if (times.length === 0 && !g.defaultTime && !placed.defaultTime) ctx.timeDefaulted = true;
  const out: Date[] = [];
  const isToday = compareWall(at(placed.date, 0), at(ctx.today, 0)) === 0;
  // "tomorrow at midnight", "on new year's eve at midnight": the day's start or its end? (today's
  // can only be its end, the coming 00:00)
  const late = chosen.find((t) => t.midnight);
  if (!isToday && late) return midnightOn(placed.date, late.mi);
  const small = afterMidnight(g, times, placed.date, isToday, ctx);
  if (small instanceof Reject) return small;
  if (small) return [place(at(addDays(placed.date, 1), small.h, small.mi, small.s), ctx)];
  for (const t of chosen) {
    if (t.midnight) {
      // "tonight at midnight", "today at midnight": the coming 00:00 (it was refused as passed)
      out.push(place(at(addDays(placed.date, 1), 0, t.mi), ctx));
      continue;
    }
    let instant: Date | undefined;
    // ("this friday at 8" on a Friday is a named day's 08:00, as next friday's: same-weekday.ts)
    if (isToday && t.bare && !t.hint && spec.kind !== 'weekday') {
      // "today at 3" / "tonight at 9": the next such hour today on a 12-hour face
      instant = nextTimeOfDay(t, ctx, ctx.today, true);
      instant ??= place(at(placed.date, (t.h % 12) + 12, t.mi, t.s), ctx);
    } else {
      const settled = settleBare(t);
      instant = place(at(placed.date, settled.h, settled.mi, settled.s), ctx);
    }
    if (instant.getTime() <= ctx.now.getTime()) {
      const rolled = rollForward(spec.kind, placed, settleBare(t), ctx);
      if (rolled) instant = rolled;
    }
    out.push(instant);
  }
  return out;
}

/**
 * An hour after midnight with a night's day part ("tonight at 1", "friday night at 2"): the
 * night's hint made it 13:00 or 14:00, an afternoon. "tonight at 1am" is the coming 01:00 (the
 * night goes on into tomorrow; it was refused as passed); a bare hour, an am hour on another
 * day's night, or one said in the small hours, is asked, the next such hour after midnight as
 * the example. Undefined when neither.
 */
function afterMidnight(g: Group, times: TimeOfDay[], day: LocalDate, isToday: boolean, ctx: Ctx): TimeOfDay | Reject | undefined {
  const night = g.defaultTime?.hint === 'pm' && g.defaultTime.h >= 18;
  const t = night ? times.find((x) => (x.bare ? x.h === 12 || x.h <= 4 : x.h < 6)) : undefined;
  if (!t || t.midnight) return undefined;
  // said in the small hours, "tonight" may be the night that is on now: asked, with the next such time
  const small = isToday && ctx.wall.h < 6;
  if (isToday && !t.bare && !small) return t;
  const ahead = small && (t.h % 12) * 60 + t.mi > ctx.wall.h * 60 + ctx.wall.mi;
  const next = ahead ? day : addDays(day, 1);
  const clock = `${String(t.h % 12).padStart(2, '0')}:${String(t.mi).padStart(2, '0')}`;
  const example = `on ${MONTHS[next.m - 1]} ${next.d} at ${clock}`;
  const said = t.h % 12 === 0 && t.mi === 0 ? 'midnight' : 'after midnight';
  return new Reject(
    `At night, ${t.h % 12 || 12}${t.mi ? `:${String(t.mi).padStart(2, '0')}` : ''} is ${said}: ${clock} on ${dayName(next)}? Say "${example}", or the day and the hour in full.`,
    example,
    'time',
  );
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "tomorrow from 3 to 5pm call": a span of hours in a one-off request. A reminder goes off at
 * one time, and which end is meant is not said (the window was dropped: tomorrow 09:00); asked,
 * with the span's start and end on its day.
 */
function windowOnce(g: Omit<Group, 'window'>, window: { from: TimeOfDay; to: TimeOfDay }, ctx: Ctx): Reject {
  const { from, to } = settleWindow(window.from, window.to);
  const { defaultTime: _, ...timeless } = g;
  const first = resolveOnce({ ...timeless, times: [from] }, ctx);
  if (first instanceof Reject) return first;
  const day = toWall(first[0]!, ctx.zone);
  // "from 11pm to 1am" ends on the next day
  const endDay = to.h * 60 + to.mi <= from.h * 60 + from.mi ? addDays(day, 1) : day;
  const on = (d: LocalDate, t: TimeOfDay) => `on ${MONTHS[d.m - 1]} ${d.d} at ${spokenClock(t)}`;
  const [start, end] = [on(day, from), on(endDay, to)];
  return new Reject(
    `"from ${spokenClock(from)} to ${spokenClock(to)}" is a span of time, and a reminder goes off at one time. Say which: "${start}" for its start, or "${end}" for its end.`,
    start,
    'time',
    true,
  );
}

/**
 * "midnight" (or "10 past midnight", `mi` 10) on a day other than today: both readings, each
 * written so that it reads exactly.
 */
function midnightOn(d: LocalDate, mi = 0): Reject {
  const next = addDays(d, 1);
  const clock = `00:${String(mi).padStart(2, '0')}`;
  const start = `on ${MONTHS[d.m - 1]} ${d.d} at ${clock}`;
  const end = `on ${MONTHS[next.m - 1]} ${next.d} at ${clock}`;
  const said = mi === 0 ? 'midnight' : `${mi} past midnight`;
  return new Reject(
    `Is "${said}" the start of ${dayName(d)} (${clock}, right after ${dayName(addDays(d, -1))}) or its end (${clock} on ${dayName(next)})? Say "${start}" or "${end}".`,
    end,
    'time',
  );
}

/**
 * Dates that name a repeating point move to the next one once passed: end of week/month/year,
 * "this weekend" (Sunday, then next Saturday), "the 5th" (next month that has one).
 */
function rollForward(kind: string, placed: ReturnType<typeof placeDate>, t: TimeOfDay, ctx: Ctx): Date | undefined {
  if (placed instanceof Reject) return undefined;
  const d = placed.date;
  const candidates: LocalDate[] = [];
  if (kind === 'endOfWeek') candidates.push(addDays(d, 7));
  else if (kind === 'endOfMonth') {
    const next = addMonths({ y: d.y, m: d.m, d: 1 }, 1);
    candidates.push({ ...next, d: daysInMonth(next.y, next.m) });
  } else if (kind === 'endOfYear') candidates.push({ y: d.y + 1, m: 12, d: 31 });
  else if (kind === 'weekend') candidates.push(addDays(d, 1), addDays(d, 7));
  else if (placed.dayOfMonth !== undefined) {
    for (let i = 1; i < 4; i++) {
      const month = addMonths({ y: d.y, m: d.m, d: 1 }, i);
      if (isValidDate(month.y, month.m, placed.dayOfMonth)) candidates.push({ ...month, d: placed.dayOfMonth });
    }
  }
  for (const date of candidates) {
    const instant = place(at(date, t.h, t.mi, t.s), ctx);
    if (instant.getTime() > ctx.now.getTime()) return instant;
  }
  return undefined;
}

function toWallOf(instant: Date, ctx: Ctx): Wall {
  return toWall(instant, ctx.zone);
}

/**
 * "on friday the 12th" when the 12th is a Saturday: which of the two was meant cannot be known.
 * The example keeps the date with its own weekday, and the time said, settled as it would be.
 */
function weekdayMismatch(date: LocalDate, said: number, time: TimeOfDay | undefined): Reject {
  const names = WEEKDAY_NAMES.map((n) => n[0]!.toUpperCase() + n.slice(1));
  const real = weekdayOf(date);
  const iso = `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
  const settled = time ? settleBare(time) : undefined;
  const clock = settled ? `${String(settled.h).padStart(2, '0')}:${String(settled.mi).padStart(2, '0')}` : '9am';
  return new Reject(
    `${iso} is a ${names[real]}, not a ${names[said]}.`,
    `on ${WEEKDAY_NAMES[real]} ${MONTH_NAMES[date.m - 1]!.slice(0, 3)} ${date.d} ${date.y} at ${clock}`,
    'time',
  );
}
