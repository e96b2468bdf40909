/**
 * A weekday name that is today's: "friday at 5pm" said on a Friday morning. Read as the first
 * Friday after today, it was set a week late (Fri 11 Dec) while the person most likely meant
 * today 17:00, still ahead; yet some do mean next week's. So while the time is still ahead
 * today Chime asks, naming both days, each with a phrase that reads one way ("today at 5pm",
 * "next friday at 5pm"). Once the time has passed today there is one reading, next week's, and
 * the confirmation shows its date. "this friday" is this week's Friday, today: set for today,
 * refused once its time has passed; "next friday" is next week's. A repeat ("every friday at
 * 5pm") is not read here: it fires at its next time, today's when still ahead.
 */
import { addDays, at, dayName, toWall, weekdayOf, type LocalDate } from './calendar.js';
import type { Group } from './groups.js';
import { spokenClock } from './minute-window.js';
import type { DateSpec } from './pieces.js';
import { place, Reject, type Ctx } from './resolve.js';
import { WEEKDAY_NAMES } from './shorthand.js';

type WeekdaySpec = Extract<DateSpec, { kind: 'weekday' }>;
type Resolve = (g: Group, ctx: Ctx) => Date[] | Reject;

/**
 * For one-off group `g` whose day is `spec`, a weekday name that is today's: the question, or
 * the refusal of "this friday" whose time has passed; undefined when the usual reading stands
 * (resolve.ts: "this friday" today, a bare "friday" the first after today). `resolve` reads `g`
 * with another day.
 */
export function sameWeekday(g: Group, spec: WeekdaySpec, ctx: Ctx, resolve: Resolve): Date[] | Reject | undefined {
  if (spec.nextWeek || spec.plusWeeks || spec.said === 'next' || spec.weekday !== weekdayOf(ctx.today)) return undefined;
  const ahead = (d: Date) => d.getTime() > ctx.now.getTime();
  const name = WEEKDAY_NAMES[spec.weekday]!;
  const asksDay = { timeDefaulted: g.times.length === 0 && !g.defaultTime };
  const nextWeek = resolve(withDay(g, spec, { ...spec, said: 'next' }), probe(ctx));
  // Today's reading is next week's a week earlier: the same clock times, so a bare "at 8" is
  // 08:00 on both days, as on any named day. When next week's is a question of its own ("at
  // midnight": that day's start or its end?), the day is read as "today" reads it.
  const todays =
    nextWeek instanceof Reject ? resolve(withDay(g, spec, { kind: 'relDay', days: 0 }), probe(ctx)) : weekEarlier(nextWeek, ctx);
  const later = readingOf(nextWeek, ctx, addDays(ctx.today, 7));
  // next week's as a phrase that reads one way; a question of its own offers one ("friday night
  // at 2": "on dec 12 at 02:00"; "at midnight": its end, "on dec 12 at 00:00")
  const nextPhrase = (clocks: string) =>
    nextWeek instanceof Reject ? (nextWeek.example ?? `next ${name} at ${clocks}`) : `next ${name} at ${later.spoken!}`;
  if (spec.said === 'this') {
    // placed on today (resolve.ts); a time still ahead among several passed is refused as for
    // "today at 9am and 5pm"
    if (todays instanceof Reject || todays.some(ahead)) return undefined;
    const clocks = todays.map((d) => clockOn(d, ctx.today, ctx.zone)).join(' and ');
    const phrase = nextPhrase(spokenOf(todays, ctx.zone));
    return new Reject(
      `Today is ${dayName(ctx.today)}, so "this ${name}" is today, and ${clocks} ${todays.length > 1 ? 'have' : 'has'} passed. Say "${phrase}" for next week (${later.said}).`,
      phrase,
      'time',
      true,
      asksDay,
    );
  }
  // a question of its own ("friday night at 2") or a time passed today: next week's, as before
  if (todays instanceof Reject || !todays.some(ahead)) return undefined;
  const left = todays.filter(ahead);
  const now = readingOf(left, ctx, ctx.today);
  // past today's end ("friday night at 2am", "at midnight"): "tonight at 2am" is the coming one
  const todayPhrase = `${left.every((d) => sameDay(toWall(d, ctx.zone), ctx.today)) ? 'today' : 'tonight'} at ${now.spoken!}`;
  return new Reject(
    `Today is ${dayName(ctx.today)}, so "${name}" may be today (${now.said}) or next week (${later.said}). Say "${todayPhrase}" for today, or "${nextPhrase(now.spoken!)}" for next week.`,
    todayPhrase,
    'time',
    true,
    asksDay,
  );
}

/** The same wall clock times a week earlier. */
function weekEarlier(instants: Date[], ctx: Ctx): Date[] {
  return instants.map((d) => {
    const w = toWall(d, ctx.zone);
    return place(at(addDays(w, -7), w.h, w.mi, w.s), probe(ctx));
  });
}

/** `g` with its weekday `spec` replaced by `day`. */
function withDay(g: Group, spec: WeekdaySpec, day: DateSpec): Group {
  return { ...g, dates: g.dates.map((d) => (d === spec ? day : d)) };
}

/** A copy of `ctx` to read an alternative in: its notes (meridiem guessed, DST gap) stay out of the answer. */
function probe(ctx: Ctx): Ctx {
  return { ...ctx, gapShifted: new Set(ctx.gapShifted) };
}

/**
 * A reading as the question says it: `said` names the day and clock times ("Fri 11 Dec 17:00",
 * or "17:00" for today), `spoken` the clock times as a request writes them ("5pm and 9pm"). A
 * reading that is itself a question ("next friday at midnight": its start or its end?) names
 * only the day.
 */
function readingOf(read: Date[] | Reject, ctx: Ctx, day: LocalDate): { said: string; spoken?: string } {
  if (read instanceof Reject) return { said: dayName(day) };
  const clocks = read.map((d) => clockOn(d, day, ctx.zone)).join(' and ');
  return { said: sameDay(day, ctx.today) ? clocks : `${dayName(day)} ${clocks}`, spoken: spokenOf(read, ctx.zone) };
}

function sameDay(a: LocalDate, b: LocalDate): boolean {
  return a.d === b.d && a.m === b.m && a.y === b.y;
}

/** "17:00", or "00:00 on Sat 5 Dec" for an instant past the day's end ("at midnight"). */
function clockOn(d: Date, day: LocalDate, zone: string): string {
  const w = toWall(d, zone);
  const clock = `${String(w.h).padStart(2, '0')}:${String(w.mi).padStart(2, '0')}`;
  return sameDay(w, day) ? clock : `${clock} on ${dayName(w)}`;
}

/** "5pm", "9am and 5:30pm", "midnight": the instants' clock times as a request says them. */
function spokenOf(read: Date[], zone: string): string {
  return read
    .map((d) => {
      const w = toWall(d, zone);
      return spokenClock({ h: w.h, mi: w.mi, s: w.s, bare: false });
    })
    .join(' and ');
}
