/**
 * Natural-language reminder parsing: `parse(text, { now, timeZone, dateOrder })` returns a
 * schedule plus the reminder text, or a rejection a person understands. Never throws.
 *
 * Pipeline: explicit forms (`in:1h`, `cron:…`) -> shorthand normalisation -> zone in the text
 * -> recognisers (repeats, durations, dates, times; chrono for other date formats) -> groups
 * (one per schedule) -> one-off instants or recurring triggers -> checks (past, 5-year limit)
 * -> reminder text.
 */
import { approximateTimes } from './approximate.js';
import { isSupportedInstant, outOfRange } from '../core/instant-range.js';
import type { DateOrder } from '../core/date-order.js';
import { isRecurring, latestFireUpTo, nextFires, nextFireWithin, type Schedule, type ScheduleBounds } from '../core/schedule.js';
import type { ParsedReminder, ParseOptions, ParseRejection, ParseResult } from './types.js';
import { calendarCaveats, lateNightTomorrow, monthEndClamp } from './caveats.js';
import { scheduleWallNotes } from './wall-notes.js';
import { defaultDateOrder } from './date-order.js';
import { dateRecognizers } from './date-phrases.js';
import { explicitSchedule, findExplicit } from './explicit.js';
import { groupPieces, type Bounds as BoundPieces, type Group } from './groups.js';
import { chronoPieces } from './chrono-dates.js';
import { DURATION_RECOGNIZERS, LEADING_DURATION_RE, resolveOnce } from './instant.js';
import { parseDurationPhrase } from './duration-phrase.js';
import { scan, type Piece, type Recognizer } from './pieces.js';
import { reject } from './rejection.js';
import { absorbPrepositions, dropAttributive, dropAttributiveRepeats, dropLooseHolidays, markRoles, unreadTime } from './piece-filters.js';
import { RECURRENCE_RECOGNIZERS } from './recurrence-phrases.js';
import { HOUR_MINUTE_RECOGNIZERS, minutesProblem } from './hour-minutes.js';
import { resolveBounds } from './bounds.js';
import { oneDayRepeat } from './one-day-repeat.js';
import { recurringTriggers, startOfEachDay, type Trigger } from './recurrence.js';
import { makeCtx, Reject, type Ctx } from './resolve.js';
import { normalize, type Normalized } from './shorthand.js';
import { formatSpec } from './spec-bridge.js';
import { shiftedByGap, toWall } from './calendar.js';
import { pad, parseWallTime } from '../core/time/civil.js';
import { PREFIX, reminderText } from './text.js';
import { correctedRequest, midnightAsClock } from './corrected-request.js';
import { TIME_RECOGNIZERS } from './time-phrases.js';
import { twoTasks } from './two-tasks.js';
import { nextWeekdayQuestion } from './next-weekday.js';
import { dropOccasions } from './occasion-dates.js';
import { canonicalTimeZone } from '../core/time/zone-id.js';
import { findZones, type ZoneMatch } from './zones.js';

/** How far ahead a reminder may be: 5 years. */
export const MAX_AHEAD_MS = 5 * 366 * 86_400_000;
/** How many fires `next` lists for recurring schedules. */
export const NEXT_COUNT = 4;
/** Most triggers one request may hold ("every 45 minutes on weekdays" needs 4). */
const MAX_TRIGGERS = 24;
/** Longest request we read. */
const MAX_LENGTH = 2000;

const recognizerCache = new Map<string, Recognizer[]>();

/** Recognisers in priority order (built once per date order). */
function recognizers(order: 'dmy' | 'mdy'): Recognizer[] {
  let list = recognizerCache.get(order);
  if (!list) {
    const dates = dateRecognizers(order);
    const iso = dates.filter((r) => r.name === 'date-iso');
    const rest = dates.filter((r) => r.name !== 'date-iso');
    list = [...HOUR_MINUTE_RECOGNIZERS, ...RECURRENCE_RECOGNIZERS, ...DURATION_RECOGNIZERS, ...iso, ...TIME_RECOGNIZERS, ...rest];
    recognizerCache.set(order, list);
  }
  return list;
}

function isRejection(x: object): x is ParseRejection {
  return (x as Partial<ParseRejection>).ok === false;
}

/** Parses a reminder request. Never throws: junk becomes a rejection. */
export function parse(text: string, options: ParseOptions): ParseResult {
  const r = parseSafely(text, options);
  return r.ok ? r : withExampleThatWorks(r, options);
}

function parseSafely(text: string, options: ParseOptions): ParseResult {
  try {
    return parseOrReject(text, options);
  } catch (err) {
    if (err instanceof Reject) return reject(err.error, err.example);
    return reject('Sorry, I could not read a time in that.', 'remind me to call mom tomorrow at 9am');
  }
}

/**
 * A refusal's example must work when pasted back. One that keeps a weekday name that is today's
 * ("remind me on friday to call mom at 9", offered on a Friday for "… at 9 and dad at 10")
 * would be asked about in turn (today or next week?, same-weekday.ts): it is offered as that
 * question's own example instead, with the day written out ("remind me today at 9am to call mom").
 */
function withExampleThatWorks(r: ParseRejection, options: ParseOptions): ParseRejection {
  if (r.asksDay || r.example === undefined || !/\b(?:mon|tue|wed|thu|fri|sat|sun)/i.test(r.example)) return r;
  const again = parseSafely(r.example, options);
  return !again.ok && again.asksDay && again.example !== undefined ? { ...r, example: again.example } : r;
}

/**
 * The instant relative phrases ("in 30m") count from: `now` cut to whole seconds, since specs
 * are written to the second, so what is stored reads back exactly. A caller that turns "in 30m"
 * back into a span subtracts this, not its own `now`.
 */
export function parseReference(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

function parseOrReject(input: string, given: ParseOptions): ParseResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return reject('Tell me what to remind you about and when.', 'remind me to call mom tomorrow at 9am');
  }
  const maxLength = given.maxLength ?? MAX_LENGTH;
  if (input.length > maxLength) return reject(`That is too long for me (over ${maxLength} characters).`);
  if (!(given.now instanceof Date) || Number.isNaN(given.now.getTime())) return reject('Internal: no valid reference time.');
  const timeZone = canonicalTimeZone(given.timeZone);
  if (timeZone === undefined) return reject(`"${given.timeZone}" is not a time zone I know.`, 'Europe/Berlin');
  // The reading names the zone in its one spelling (europe/london is Europe/London), as it is stored.
  const options = timeZone === given.timeZone ? given : { ...given, timeZone };
  const explicit = findExplicit(input);
  if (explicit) return fromExplicit(explicit.spec, explicit.rest, parseReference(options.now), options.timeZone, options.now);
  return fromWords(input, options);
}

/** A request in words: pieces read from the text, grouped into a schedule, its fires checked. */
function fromWords(input: string, options: ParseOptions): ParseResult {
  const now = parseReference(options.now);
  const norm = normalize(input);
  const zones = findZones(norm.text);
  if (new Set(zones.map((z) => z.zone)).size > 1) {
    return reject('Please use one time zone per reminder.', 'at 9am EST every weekday');
  }
  const zone = zones[0]?.zone ?? options.timeZone;
  const ctx = makeCtx(now, zone);
  const read = readPieces(input, norm, zones, ctx, options.dateOrder ?? defaultDateOrder(options.timeZone));
  if (isRejection(read)) return read;
  const loose = approximateTimes(
    norm.text,
    read.pieces.filter((p) => !read.keepAsText.has(p)),
  );
  const split = twoTasks(
    input,
    norm,
    read.pieces.filter((p) => !read.keepAsText.has(p)),
    zones,
  );
  if (split) return reject(split.error, split.example);
  const timeWords = read.pieces.filter((p) => !read.keepAsText.has(p));
  const nextDay = nextWeekdayQuestion(input, norm, now, zone, (start, end) => timeWords.some((p) => p.start < end && p.end > start));
  if (nextDay) return nextDay;
  // a repeat's bounds ("until march") stay as written in a corrected example
  const said = read.pieces.filter((p) => !read.keepAsText.has(p) && !p.role);
  const vague = said.find((p) => p.needsTime);
  if (vague && !timeSaid(said)) {
    return reject(
      `"${vague.needsTime}" says no time: when should I remind you? Say a time, or how long from now.`,
      correctedRequest(input, norm, [[vague.start, vague.end]], 'in 2 hours'),
    );
  }
  const built = buildSchedule(read.pieces, read.recurring, norm.text, ctx, (r) =>
    r.inPlaceOf === 'midnight'
      ? midnightAsClock(input)
      : // the zone's words stay: the example is read in the zone the request named
        correctedRequest(
          input,
          norm,
          said.map((p): [number, number] => [p.start, p.end]),
          r.example ?? '',
        ),
  );
  if (isRejection(built)) return built;
  const { schedule, bounds } = built;
  const next = checkedFires(schedule, zone, now, options.now, bounds, read.recurring, norm.text);
  if (isRejection(next)) return next;
  const spans: Array<[number, number]> = [
    ...read.pieces.filter((p) => !read.keepAsText.has(p)).map((p): [number, number] => [p.start, p.end]),
    ...zones.map((z): [number, number] => [z.start, z.end]),
  ];
  const kind = isRecurring(schedule) ? 'recurring' : 'once';
  return {
    ok: true,
    kind,
    text: reminderText(input, norm, spans),
    schedule,
    bounds,
    timeZone: zone,
    spec: formatSpec(schedule, zone, bounds),
    next,
    ...(zones[0]?.abbreviation ? { zoneAbbreviation: zones[0].abbreviation } : {}),
    ...(schedule.kind === 'once' && ctx.meridiemGuessed ? { meridiemGuessed: true as const } : {}),
    ...(ctx.timeDefaulted && !timeSaid(said) ? { timeOfDayDefaulted: true as const } : {}),
    ...(zones.length === 0 && clockTimeOnly(read.pieces.filter((p) => !read.keepAsText.has(p))) ? { clockTimeOnly: true as const } : {}),
    ...notes(
      schedule,
      zone,
      next,
      ctx,
      bounds,
      lateNightTomorrow(read.pieces, ctx.wall.h, ctx.today),
      loose,
      schedule.kind === 'once' ? monthEndClamp(read.pieces, ctx.today) : undefined,
    ),
  };
}

/** One clock time and nothing else: no day, delay, repeat, window or bound ("at 9:30", "3pm"). */
function clockTimeOnly(said: Piece[]): boolean {
  if (said.length !== 1) return false;
  const p = said[0]!;
  return (
    p.time !== undefined &&
    p.date === undefined &&
    p.duration === undefined &&
    p.repeat === undefined &&
    p.window === undefined &&
    p.role === undefined &&
    p.defaultTime === undefined &&
    p.sameTimeAsNow === undefined &&
    p.minuteOfHour === undefined &&
    p.offsetSign === undefined
  );
}

/** Some time of day was said, even a part of the day ("friday morning", "nightly"). */
function timeSaid(said: Piece[]): boolean {
  return said.some((p) => p.time !== undefined || p.defaultTime !== undefined || p.window !== undefined || p.minuteOfHour !== undefined);
}

interface ReadPieces {
  pieces: Piece[];
  /** Pieces that stay in the reminder text ("the monday meeting"). */
  keepAsText: Set<Piece>;
  recurring: boolean;
}

/**
 * "tomorrow at 9 and at the same time on friday": "the same time" may be the 09:00 just said or
 * now's clock; asked, not guessed. Alone ("same time on friday") it is now's clock.
 */
function sameTimeWithOther(pieces: Piece[], ctx: Ctx): ParseRejection | undefined {
  if (!pieces.some((p) => p.sameTimeAsNow) || !pieces.some((p) => p.time && !p.sameTimeAsNow)) return undefined;
  const now = `${pad(ctx.wall.h)}:${pad(ctx.wall.mi)}`;
  return reject(
    `Is "the same time" now (${now}), or the other time you said? Write the time itself.`,
    `tomorrow at 9am and on friday at 9am`,
  );
}

/** The time pieces of `text` (zones already found), filtered, or why they cannot be used. */
function readPieces(input: string, norm: Normalized, zones: ZoneMatch[], ctx: Ctx, dateOrder: DateOrder): ReadPieces | ParseRejection {
  const text = norm.text;
  const claimed = new Array<boolean>(text.length).fill(false);
  for (const z of zones) for (let i = z.start; i < z.end; i++) claimed[i] = true;
  const pieces = scan(text, recognizers(dateOrder), claimed);
  for (const p of pieces) if (p.sameTimeAsNow) p.time = { h: ctx.wall.h, mi: ctx.wall.mi, s: 0, bare: false };
  // "same day next month" on 31 Jan is 31 Feb: placing it refuses it as no real date
  for (const p of pieces) {
    if (p.sameDayNext === 'month')
      p.date = {
        kind: 'ymd',
        ...(ctx.today.m === 12 ? { y: ctx.today.y + 1, m: 1 } : { y: ctx.today.y, m: ctx.today.m + 1 }),
        d: ctx.today.d,
      };
    if (p.sameDayNext === 'year') p.date = { kind: 'ymd', y: ctx.today.y + 1, m: ctx.today.m, d: ctx.today.d };
  }
  const sameTime = sameTimeWithOther(pieces, ctx);
  if (sameTime) return sameTime;
  if (pieces.length === 0 || pieces.every((p) => p.role)) leadingDuration(text, pieces, claimed);
  dropLooseHolidays(text, pieces);
  dropAttributiveRepeats(text, pieces);
  const keepAsText = dropAttributive(text, pieces);
  pieces.push(...chronoPieces(text, claimed, ctx, dateOrder));
  pieces.sort((a, b) => a.start - b.start);
  const occasion = dropOccasions(input, norm, pieces, claimed);
  if (occasion) return occasion;
  absorbPrepositions(text, pieces, claimed);
  const recurring = pieces.some((p) => p.repeat);
  markRoles(text, pieces, recurring);
  if (!recurring) {
    // "for the next 3 days at 9 call": a span before any word of the task says how long to
    // repeat, but not how often (it was one reminder at 21:00 with the text "for the next 3 days")
    const leading = pieces.find((p) => p.role === 'for' && p.duration && text.slice(0, p.start).replace(PREFIX, '').trim() === '');
    if (leading) {
      return reject(
        `"${text.slice(leading.start, leading.end)}" says how long, but not how often: say "every day" (or how often) with it.`,
        'every day at 9am for the next 3 days call mum',
        true,
      );
    }
    // "until 7", "for 3 days" in a one-off request are part of the text ("book the hotel for 3 days")
    for (let i = pieces.length - 1; i >= 0; i--) if (pieces[i]!.role) pieces.splice(i, 1);
  }
  const refused = pieces.find((p) => p.refuse);
  if (refused?.refuse) {
    // a sentence with a repeat in it asked for a reminder, even when a phrase of it cannot be kept
    return reject(refused.refuse.error, refused.refuse.example, refused.refuse.repeat === true || recurring);
  }
  const movingFeast = recurring ? pieces.find((p) => p.date?.kind === 'holiday' && !p.role) : undefined;
  if (movingFeast?.date?.kind === 'holiday') {
    // a cron or calendar step cannot follow Easter; as a repeat's bound ("until easter") it is fine
    return reject(
      `I can't repeat on "${movingFeast.date.name}" yet: it moves every year. I can remind you on the next one.`,
      `on ${movingFeast.date.name} at 9am`,
    );
  }
  return unreadTime(text, claimed) ?? { pieces, keepAsText, recurring };
}

/** "30 minutes stretch": a duration leading the text is a delay when nothing else gives a time. */
function leadingDuration(text: string, pieces: Piece[], claimed: boolean[]): void {
  const lead = LEADING_DURATION_RE.exec(text);
  const duration = lead ? parseDurationPhrase(lead[1]!) : undefined;
  if (!lead || !duration) return;
  const start = lead[0].length - lead[1]!.length;
  pieces.push({ start, end: lead[0].length, duration });
  for (let i = start; i < lead[0].length; i++) claimed[i] = true;
}

/** The schedule the pieces describe: one-off instants, or recurring triggers within bounds. */
function buildSchedule(
  pieces: Piece[],
  recurring: boolean,
  text: string,
  ctx: Ctx,
  corrected: (r: Reject) => string,
): { schedule: Schedule; bounds: ScheduleBounds } | ParseRejection {
  const { groups, bounds } = groupPieces(pieces, text);
  if (groups.length === 0) {
    return reject('When should I remind you? I could not find a time in that.', 'remind me to call mom tomorrow at 9am');
  }
  // "every day at 15 past": minutes of the hour without an hourly repeat are asked about
  const minutes = groups.map(minutesProblem).find((r) => r !== undefined);
  if (minutes) return reject(minutes.error, minutes.example, recurring);
  const built = recurring ? recurringSchedule(groups, bounds, ctx) : oneOffSchedule(groups, ctx);
  if (built instanceof Reject) {
    // one schedule: its time words can be swapped for the example's; with several, which ones?
    const whole = built.inPlaceOf === 'midnight' || (built.inPlaceOf === 'time' && built.example && groups.length === 1);
    const example = whole ? corrected(built) : built.example;
    const r = reject(built.error, example, recurring || built.request === true);
    if (!built.asksDay) return r;
    return { ...r, asksDay: true, ...(built.asksDay.timeDefaulted ? { timeOfDayDefaulted: true as const } : {}) };
  }
  const { schedule } = built;
  if (schedule.kind === 'multi' && schedule.triggers.length > MAX_TRIGGERS) {
    return reject(
      `That is ${schedule.triggers.length} different times; one reminder holds at most ${MAX_TRIGGERS}. Please split it up.`,
      'every day at 9am and 9pm',
    );
  }
  return built;
}

function recurringSchedule(groups: Group[], writtenBounds: BoundPieces, ctx: Ctx): { schedule: Schedule; bounds: ScheduleBounds } | Reject {
  const oneDay = oneDayRepeat(groups, writtenBounds, ctx);
  if (oneDay instanceof Reject) return oneDay;
  const written = startOfEachDay(oneDay?.groups ?? groups, writtenBounds);
  const bounds = oneDay?.bounds ?? resolveBounds(written, ctx);
  if (bounds instanceof Reject) return bounds;
  const triggers = recurringTriggers(oneDay?.groups ?? groups, ctx, bounds);
  if (triggers instanceof Reject) return triggers;
  const seen = new Set<string>();
  const schedule = combine(triggers.filter((t) => !seen.has(JSON.stringify(t)) && seen.add(JSON.stringify(t))));
  return { schedule, bounds: written.forDuration ? endAtLastFire(schedule, ctx.zone, ctx.now, bounds) : bounds };
}

/**
 * "every day at 9 for 3 days" said at 12:00 ends with its third 09:00, not at 12:00 three days
 * on: the same fires, but the end shown ("Until Sun 6 Dec 09:00, 3 times left") is one the
 * person can recognise. No fire inside the span: left as it is, for the "never fires" refusal.
 */
function endAtLastFire(schedule: Schedule, zone: string, now: Date, bounds: ScheduleBounds): ScheduleBounds {
  const end = bounds.endAt;
  const first = end ? nextFireWithin(schedule, zone, now, bounds) : null;
  if (!end || !first) return bounds;
  return { ...bounds, endAt: latestFireUpTo(schedule, zone, first, end, bounds, 0) };
}

function oneOffSchedule(groups: Group[], ctx: Ctx): { schedule: Schedule; bounds: ScheduleBounds } | Reject {
  const instants: Date[] = [];
  for (const g of groups) {
    const r = resolveOnce(g, ctx);
    if (r instanceof Reject) return r;
    instants.push(...r);
  }
  instants.sort((a, b) => a.getTime() - b.getTime());
  const unique = [...new Set(instants.map((d) => d.getTime()))].map((ms) => new Date(ms));
  const passed = unique.filter((d) => d.getTime() <= ctx.now.getTime());
  if (unique.length > 1 && passed.length > 0) {
    // "today at 9am and 5pm" at 10:00: keeping only 17:00 would drop the 9am without a word
    const w = toWall(passed[0]!, ctx.zone);
    return new Reject(
      `${pad(w.h)}:${pad(w.mi)} on ${w.y}-${pad(w.m)}-${pad(w.d)} has already passed. Say only the times still ahead.`,
      'today at 5pm',
    );
  }
  return { schedule: combine(unique.map((at) => ({ kind: 'once', at }))), bounds: {} };
}

/**
 * The fires shown with the confirmation, from the core schedule engine, or why the schedule
 * cannot be kept (past, never fires, over 5 years ahead, outside the supported dates).
 */
function checkedFires(
  schedule: Schedule,
  zone: string,
  now: Date,
  realNow: Date,
  bounds: ScheduleBounds,
  recurring: boolean,
  text: string,
): Date[] | ParseRejection {
  const next = previewFires(schedule, zone, now, Math.max(NEXT_COUNT, schedule.kind === 'multi' ? schedule.triggers.length : 0), bounds);
  const first = next[0];
  if (!withinRange(next, bounds)) return rangeRejection();
  if (!first || first.getTime() <= realNow.getTime()) {
    if (recurring && first === undefined)
      return reject('That repeat would never fire: check its start and end.', 'every day at 9am until dec 31');
    const part = /\b(tonight|this (?:morning|afternoon|evening)|today)\b/.exec(text);
    if (part)
      return reject(
        `That time ${part[1]} has already passed. Say a later time.`,
        `${part[1]} at ${part[1] === 'this morning' ? '11am' : '11pm'}`,
      );
    return reject('That time is in the past. Pick a time from now on.', 'tomorrow at 9am');
  }
  if (first.getTime() - now.getTime() > MAX_AHEAD_MS) {
    // "every 5th monday in february" first comes in 2044: say when, or it reads like a wrong guess
    const year = recurring ? ` (it first comes in ${toWall(first, zone).y})` : '';
    return reject(`That is more than 5 years away${year}; I only keep reminders for up to 5 years.`, 'on dec 24 at 6pm');
  }
  return next;
}

/**
 * The next fires after `now` from the core engine. A single one-off lists its own instant even
 * when it is past or beyond year 9999 (the engine would list nothing), so that the checks can
 * say which of the two it is.
 */
function previewFires(schedule: Schedule, zone: string, now: Date, count: number, bounds: ScheduleBounds): Date[] {
  return schedule.kind === 'once' ? [schedule.at] : nextFires(schedule, zone, now, count, bounds);
}

/** Every computed date (fires, start, end) lies within the dates Chime can keep (years 1 to 9999). */
function withinRange(next: Date[], bounds: ScheduleBounds): boolean {
  return [...next, ...(bounds.startAt ? [bounds.startAt] : []), ...(bounds.endAt ? [bounds.endAt] : [])].every(isSupportedInstant);
}

function rangeRejection(): ParseRejection {
  const err = outOfRange();
  return reject(err.message, err.example);
}

/**
 * The daylight-saving notes on the listed fires and, for a repeat, on its fires around the next
 * year's offset changes; and the calendar caveats. Each only when there is one.
 */
function notes(
  schedule: Schedule,
  zone: string,
  next: Date[],
  ctx: Pick<Ctx, 'gapShifted' | 'now'>,
  bounds: ScheduleBounds,
  ...more: Array<string | undefined>
): Pick<ParsedReminder, 'wallNotes' | 'caveats'> {
  const wall = scheduleWallNotes(schedule, zone, next, ctx, bounds);
  const caveats = [...calendarCaveats(schedule), ...more.filter((c): c is string => c !== undefined)];
  return { ...(wall.length ? { wallNotes: wall } : {}), ...(caveats.length ? { caveats } : {}) };
}

/**
 * The notes a schedule written as a spec gets (an API job's `schedule`, read by core's spec
 * reader): what this parser says when it reads that spec, so a cron at 02:30 is not shifted on
 * a DST day without a word.
 */
export function specNotes(
  spec: string,
  schedule: Schedule,
  bounds: ScheduleBounds,
  zone: string,
  now: Date,
): Pick<ParsedReminder, 'wallNotes' | 'caveats'> {
  if (schedule.kind === 'manual') return {};
  const next = previewFires(schedule, zone, now, NEXT_COUNT, bounds);
  return notes(schedule, zone, next, { gapShifted: explicitGapShift(spec, schedule, zone), now }, bounds);
}

function combine(triggers: Trigger[]): Schedule {
  if (triggers.length === 1) return triggers[0]!;
  return { kind: 'multi', triggers };
}

/** `at:2027-03-14T02:30` (a wall time, no offset) that the zone skipped: its instant, to be said so. */
function explicitGapShift(spec: string, schedule: Schedule, zone: string): Set<number> {
  const wall = schedule.kind === 'once' && /^at:/i.test(spec) ? parseWallTime(spec.slice(3).replace(/\s*;.*$/, '')) : undefined;
  if (!wall || schedule.kind !== 'once') return new Set();
  const asked = { y: wall.year, m: wall.month, d: wall.day, h: wall.hour, mi: wall.minute, s: wall.second };
  return shiftedByGap(asked, schedule.at, zone) ? new Set([schedule.at.getTime()]) : new Set();
}

function fromExplicit(spec: string, rest: string, now: Date, zone: string, realNow: Date): ParseResult {
  const parsed = explicitSchedule(spec, now, zone);
  if ('error' in parsed) return reject(parsed.error, parsed.example);
  const { schedule, bounds } = parsed;
  if (schedule.kind === 'manual') return reject('A reminder needs a time.', 'in:1h');
  const next = previewFires(schedule, zone, now, NEXT_COUNT, bounds);
  const first = next[0];
  if (!withinRange(next, bounds)) return rangeRejection();
  if (!first || first.getTime() <= realNow.getTime()) return reject('That time is in the past. Pick a time from now on.', 'in:1h');
  if (first.getTime() - now.getTime() > MAX_AHEAD_MS) return reject('That is more than 5 years away.', 'in:1h');
  return {
    ok: true,
    kind: isRecurring(schedule) ? 'recurring' : 'once',
    text: rest,
    schedule,
    bounds,
    timeZone: zone,
    spec: formatSpec(schedule, zone, bounds),
    next,
    ...notes(schedule, zone, next, { gapShifted: explicitGapShift(spec, schedule, zone), now }, bounds),
  };
}
