/**
 * Schedule specs: the explicit text forms shared by the CLI (`--schedule`), the chat's explicit
 * forms and the NL parser's canonical `spec` output.
 *
 * Accepted by {@link parseScheduleSpec} (case-insensitive keywords):
 * - `now`; `manual`
 * - `in:1h`, `in 1h30m` — once, that long after `now`
 * - `at:2026-12-01T14:30:00` (also `…T14:30`, a bare date = midnight, `at:14:30` = the next
 *   14:30) — a wall time in the job's zone, DST rules applied; with `Z` or an offset
 *   (`at:2026-12-01T14:30:00+01:00`) it is that instant
 * - `cron:30 2 * * *`, a bare 5-field or 6-field (seconds first) pattern, `@yearly @annually
 *   @monthly @weekly @daily @midnight @hourly`
 * - `every 30m`, `every:30m`, bare `30s` `5m` `2h` `1d` `1w` — real-time intervals anchored at
 *   `now` (first run one interval later); `every:30m@<instant>` anchors explicitly
 * - `calendar:2w@2026-11-24T09:00:00` — every 2 weeks at that wall time (units d, w, mo, y)
 * - several triggers joined by `|`: `cron:0 9 * * * | cron:0 10 * * 6`
 * - bounds after `;`: `;from:<instant or wall time> ;until:<…> ;count:5`
 *
 * Canonical form ({@link formatScheduleSpec}): one spelling per schedule, with explicit anchors
 * and offsets, so `parseScheduleSpec(formatScheduleSpec(s, b, tz), { timeZone: tz, … })`
 * gives back `s` and `b` whatever `now` is. Examples: `at:2026-11-23T09:00:00+01:00`,
 * `every:30m@2026-11-22T10:00:00+01:00`, `cron:0 9 * * 1-5`, `calendar:2w@2026-11-24T09:00:00`,
 * `manual`, `cron:0 9 * * * | cron:0 10 * * 6 ;until:2026-12-31T23:59:59+01:00 ;count:5`.
 */
import { formatCompactDuration, tryParseDuration } from './duration.js';
import { UserError } from './errors.js';
import type { CalendarSchedule, MultiSchedule, Schedule, ScheduleBounds } from './schedule.js';
import { assertSupportedInstant } from './instant-range.js';
import { validateSchedule } from './schedule-validate.js';
import { parseWallTime } from './time/civil.js';
import { assertTimeZone } from './time/zone-id.js';
import { formatInZone, fromWallTime, toWallTime } from './time/zoned.js';

/** What a spec parses to. `bounds` is `{}` when the spec has none. */
export interface ParsedScheduleSpec {
  schedule: Schedule;
  bounds: ScheduleBounds;
}

export interface ParseSpecOptions {
  /** Reference instant for `now`, `in:`, bare intervals and `at:HH:mm` (from the caller's Clock). */
  now: Date;
  /** The job's IANA zone; wall times in the spec are read in it. */
  timeZone: string;
  /** Accept `at:` instants in the past (re-reading stored specs). Default false: a past `at:` is a typo. */
  allowPast?: boolean;
  /** No two fires closer than this (ms); default a minute, lower only for the operator (see validateSchedule). */
  minIntervalMs?: number;
}

const EXAMPLES = 'in:1h, at:2026-12-01T14:30:00, every 30m, 5m, cron:0 9 * * 1-5, @daily, manual';

function invalid(message: string, example = EXAMPLES): UserError {
  return new UserError('schedule.invalid', message, example);
}

const ISO_OFFSET_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})$/i;
const TIME_ONLY_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant written as ISO 8601 with `Z`/offset, or as a wall time (`YYYY-MM-DD[THH:mm[:ss]]`)
 * in `timeZone`; undefined if it is neither.
 */
export function parseInstantText(text: string, timeZone: string): Date | undefined {
  const s = text.trim();
  const m = ISO_OFFSET_RE.exec(s);
  if (m) {
    const wall = parseWallTime(m[1]!.replace(/\.\d+$/, ''));
    // `+0100` is valid ISO 8601 but not every Date parser takes it: add the colon.
    const d = new Date(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return wall && Number.isFinite(d.getTime()) ? d : undefined;
  }
  const wall = parseWallTime(s);
  return wall ? fromWallTime(wall, timeZone) : undefined;
}

/** ISO with the zone's offset; milliseconds only when non-zero, so specs round-trip exactly. */
export function formatInstantSpec(instant: Date, timeZone: string): string {
  const base = formatInZone(instant, timeZone);
  const ms = ((instant.getTime() % 1000) + 1000) % 1000;
  return ms === 0 ? base : `${base.slice(0, 19)}.${String(ms).padStart(3, '0')}${base.slice(19)}`;
}

function parseAt(body: string, opts: ParseSpecOptions): Date {
  const tm = TIME_ONLY_RE.exec(body.trim());
  if (tm) {
    const [h, mi, se] = [Number(tm[1]), Number(tm[2]), Number(tm[3] ?? 0)];
    if (h > 23 || mi > 59 || se > 59) throw invalid(`"${body}" is not a time of day.`, 'at:14:30');
    const today = toWallTime(opts.now, opts.timeZone);
    for (let add = 0; add < 3; add++) {
      const t = fromWallTime(
        { year: today.year, month: today.month, day: today.day + add, hour: h, minute: mi, second: se },
        opts.timeZone,
      );
      if (t.getTime() > opts.now.getTime()) return t;
    }
  }
  const at = parseInstantText(body, opts.timeZone);
  if (!at)
    throw invalid(
      `"${body}" is not a date and time. Write it as YYYY-MM-DDTHH:mm:ss (your time zone) or with an offset.`,
      'at:2026-12-01T14:30:00 or at:2026-12-01T14:30:00+01:00',
    );
  if (!opts.allowPast && at.getTime() < opts.now.getTime()) {
    throw invalid(
      `${formatInZone(at, opts.timeZone)} is in the past.`,
      `in:1h or at:${formatInZone(new Date(opts.now.getTime() + 86_400_000), opts.timeZone).slice(0, 19)}`,
    );
  }
  return at;
}

function parseDurationPart(text: string, form: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    const bare = /^\s*\d+(\.\d+)?\s*$/.test(text);
    throw invalid(
      bare
        ? `"${text.trim()}" has no unit: write ${text.trim()}s, ${text.trim()}m or ${text.trim()}h.`
        : `"${text.trim()}" is not a duration. Use a number with s, m, h, d or w.`,
      `${form}30m, ${form}1h30m, ${form}2h`,
    );
  }
  if (ms <= 0) throw invalid('A duration must be longer than zero.', `${form}30m`);
  return ms;
}

const CAL_UNITS: Record<string, CalendarSchedule['unit']> = { d: 'day', w: 'week', mo: 'month', y: 'year' };
const CAL_LETTER: Record<CalendarSchedule['unit'], string> = { day: 'd', week: 'w', month: 'mo', year: 'y' };

function parseCalendar(body: string): CalendarSchedule {
  const m = /^(\d+)(d|w|mo|y)@(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})$/i.exec(body.trim());
  if (!m) throw invalid(`"calendar:${body}" should be calendar:<step><d|w|mo|y>@YYYY-MM-DDTHH:mm:ss.`, 'calendar:2w@2026-11-24T09:00:00');
  return { kind: 'calendar', unit: CAL_UNITS[m[2]!.toLowerCase()]!, step: Number(m[1]), anchor: m[3]! };
}

const NICKNAME_RE = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/i;

/** One trigger (no `|`, no `;`). */
function parseTrigger(text: string, opts: ParseSpecOptions): Schedule {
  const s = text.trim().replace(/\s+/g, ' ');
  const lower = s.toLowerCase();
  if (lower === '') throw invalid('The schedule is empty.');
  if (lower === 'now') return { kind: 'once', at: new Date(opts.now.getTime()) };
  if (lower === 'manual') return { kind: 'manual' };
  const inSpan = /^in[: ]\s*(.+)$/i.exec(s)?.[1];
  if (inSpan !== undefined) return { kind: 'once', at: new Date(opts.now.getTime() + parseDurationPart(inSpan, 'in:')) };
  const atText = /^at[: ]\s*(.+)$/i.exec(s)?.[1];
  if (atText !== undefined) return { kind: 'once', at: parseAt(atText, opts) };
  const cron = /^cron:\s*(.+)$/i.exec(s)?.[1];
  if (cron !== undefined) return { kind: 'cron', pattern: NICKNAME_RE.test(cron) ? cron.toLowerCase() : cron };
  const calendar = /^calendar:(.+)$/i.exec(s)?.[1];
  if (calendar !== undefined) return parseCalendar(calendar);
  const m = /^every[: ]\s*([^@]+?)\s*(?:@(.+))?$/i.exec(s);
  if (m) {
    const everyMs = parseDurationPart(m[1]!, 'every ');
    let anchor = new Date(opts.now.getTime());
    if (m[2] !== undefined) {
      const a = parseInstantText(m[2], opts.timeZone);
      if (!a) throw invalid(`"${m[2]}" is not an anchor instant.`, 'every:30m@2026-11-22T10:00:00+01:00');
      anchor = a;
    }
    return { kind: 'interval', everyMs, anchor };
  }
  if (NICKNAME_RE.test(s)) return { kind: 'cron', pattern: lower };
  const ms = tryParseDuration(s);
  if (ms !== undefined) return { kind: 'interval', everyMs: ms, anchor: new Date(opts.now.getTime()) };
  const fields = s.split(' ');
  // Five or six words are only a cron pattern if most fields hold a digit or a star, so
  // "call mom at five pm" gets the general message rather than a cron syntax error.
  if (
    (fields.length === 5 || fields.length === 6) &&
    fields.every((f) => /^[\d*/,\-#LW?a-z]+$/i.test(f)) &&
    fields.filter((f) => /[\d*?]/.test(f)).length >= 3
  ) {
    return { kind: 'cron', pattern: s };
  }
  if (/^\d+(\.\d+)?$/.test(s)) parseDurationPart(s, '');
  throw invalid(`"${text.trim()}" is not a schedule I understand.`);
}

function parseBound(clause: string, bounds: ScheduleBounds, opts: ParseSpecOptions): void {
  const m = /^(from|until|count):\s*(.+)$/i.exec(clause.trim());
  if (!m)
    throw invalid(
      `"${clause.trim()}" is not a bound; use from:, until: or count:.`,
      'every 1d ;from:2026-12-01T09:00:00 ;until:2026-12-31T09:00:00 ;count:5',
    );
  const key = m[1]!.toLowerCase();
  const value = m[2]!.trim();
  if (key === 'count') {
    if (!/^\d+$/.test(value) || Number(value) < 1)
      throw invalid(`count must be a whole number of runs, 1 or more (got "${value}").`, ';count:5');
    bounds.maxRuns = Number(value);
    return;
  }
  const at = parseInstantText(value, opts.timeZone);
  if (!at) throw invalid(`"${value}" is not a date and time.`, `;${key}:2026-12-31T23:59:59`);
  assertSupportedInstant(at, key === 'from' ? 'That start' : 'That end');
  if (key === 'from') bounds.startAt = at;
  else bounds.endAt = at;
}

/**
 * Parses a schedule spec (forms in the file comment) into a validated schedule and bounds.
 * Throws UserError `schedule.invalid` (or `timezone.invalid`) saying what is wrong, with an
 * example that would work.
 */
export function parseScheduleSpec(spec: string, opts: ParseSpecOptions): ParsedScheduleSpec {
  assertTimeZone(opts.timeZone);
  if (typeof spec !== 'string' || spec.trim() === '') throw invalid('The schedule is empty.');
  if (spec.length > 1000) throw invalid('That schedule is too long.');
  const [head = '', ...clauses] = spec.split(';');
  const parts = head.split('|');
  const triggers = parts.map((p) => parseTrigger(p, opts));
  let schedule: Schedule;
  if (triggers.length === 1) schedule = triggers[0]!;
  else {
    for (const t of triggers) {
      if (t.kind === 'manual' || t.kind === 'multi')
        throw invalid('"manual" cannot be combined with other triggers.', 'cron:0 9 * * * | cron:0 10 * * 6');
    }
    schedule = { kind: 'multi', triggers: triggers as MultiSchedule['triggers'] };
  }
  const bounds: ScheduleBounds = {};
  for (const c of clauses) parseBound(c, bounds, opts);
  if (bounds.startAt && bounds.endAt && bounds.endAt.getTime() < bounds.startAt.getTime()) {
    throw invalid('until: is before from:.', ';from:2026-12-01T09:00:00 ;until:2026-12-31T09:00:00');
  }
  validateSchedule(schedule, opts.timeZone, opts.minIntervalMs !== undefined ? { minIntervalMs: opts.minIntervalMs } : {});
  return { schedule, bounds };
}

function formatTrigger(s: Schedule, timeZone: string): string {
  switch (s.kind) {
    case 'once':
      return `at:${formatInstantSpec(s.at, timeZone)}`;
    case 'interval':
      return `every:${formatCompactDuration(s.everyMs)}@${formatInstantSpec(s.anchor, timeZone)}`;
    case 'calendar':
      return `calendar:${s.step}${CAL_LETTER[s.unit]}@${s.anchor}`;
    case 'cron':
      return `cron:${s.pattern}`;
    case 'manual':
      return 'manual';
    case 'multi':
      return s.triggers.map((t) => formatTrigger(t, timeZone)).join(' | ');
  }
}

/**
 * The canonical spec of a schedule and its bounds in `timeZone` (see the file comment). Stable:
 * the same input always gives the same string, and parsing it gives the input back.
 */
export function formatScheduleSpec(schedule: Schedule, bounds: ScheduleBounds | undefined, timeZone: string): string {
  let out = formatTrigger(schedule, timeZone);
  if (bounds?.startAt) out += ` ;from:${formatInstantSpec(bounds.startAt, timeZone)}`;
  if (bounds?.endAt) out += ` ;until:${formatInstantSpec(bounds.endAt, timeZone)}`;
  if (bounds?.maxRuns !== undefined) out += ` ;count:${bounds.maxRuns}`;
  return out;
}
