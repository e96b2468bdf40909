/**
 * Daylight-saving notes on the fires a request got. The rule itself (core/time/zoned.ts) stays:
 * a wall time in a spring-forward gap runs shifted forward by the gap, a repeated one runs at
 * its first occurrence. What this adds is that the person is told, never left to find out: for
 * each listed fire, whether the wall time asked for did not exist (and what was taken instead)
 * or happens twice (and which one was taken).
 */
import { cronMatcher } from '../core/cron-cache.js';
import { nextFires, type Schedule, type ScheduleBounds } from '../core/schedule.js';
import { pad, utcMsToWall } from '../core/time/civil.js';
import { nextOffsetChange, offsetMsAt } from '../core/time/zone-offset.js';
import type { Ctx } from './resolve.js';
import type { WallNote } from './types.js';

const HOUR = 3_600_000;

/** "Wall time read as UTC" milliseconds of `instant` in `zone`. */
function wallMs(instant: number, zone: string): number {
  return instant + offsetMsAt(instant, zone);
}

function clock(wall: number): string {
  const w = utcMsToWall(wall);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The clock-time jump that ended just before `at` (spring forward: clocks skipped `gap` ms and
 * `at` lies less than `gap` after the jump), or undefined.
 */
function gapBefore(at: number, zone: string): number | undefined {
  const off = offsetMsAt(at, zone);
  const gap = off - offsetMsAt(at - 25 * HOUR, zone);
  if (gap <= 0 || offsetMsAt(at - gap, zone) === off) return undefined;
  return gap;
}

/** Whether a trigger of `schedule` asks for wall time `wall` (a cron's fixed time, a calendar step's clock time). */
function asksFor(schedule: Schedule, wall: number, onceAsked: ReadonlySet<number>, at: number): boolean {
  switch (schedule.kind) {
    case 'multi':
      return schedule.triggers.some((t) => asksFor(t, wall, onceAsked, at));
    case 'once':
      return schedule.at.getTime() === at && onceAsked.has(at);
    case 'cron': {
      const m = cronMatcher(schedule.pattern);
      return m.fixedTime && m.nextWall(wall - 1000) === wall;
    }
    case 'calendar':
      return schedule.anchor.slice(11, 19) === new Date(wall).toISOString().slice(11, 19);
    default:
      return false;
  }
}

/**
 * Notes for `fires` of `schedule` in `zone`. `ctx.gapShifted` holds the one-off instants the
 * parser placed from a wall time that did not exist.
 */
export function wallNotes(schedule: Schedule, zone: string, fires: Date[], ctx: Pick<Ctx, 'gapShifted'>): WallNote[] {
  const notes: WallNote[] = [];
  const wallTimed = schedule.kind !== 'interval';
  for (const fire of fires) {
    const at = fire.getTime();
    // Most fires are nowhere near an offset change: then neither check below finds one.
    const off = offsetMsAt(at, zone);
    const offBefore = offsetMsAt(at - 25 * HOUR, zone);
    const offAfter = offsetMsAt(at + 25 * HOUR, zone);
    if (offBefore === off && offAfter === off) continue;
    const wall = at + off;
    const gap = gapBefore(at, zone);
    if (gap !== undefined && asksFor(schedule, wall - gap, ctx.gapShifted, at)) {
      notes.push({ kind: 'gap', at: fire, asked: clock(wall - gap), minutes: gap / 60_000 });
      continue;
    }
    if (!wallTimed) continue;
    // The same wall time an offset change earlier or later: clocks went back over it.
    const back = offBefore - offAfter;
    if (back <= 0) continue;
    const twin = [at - back, at + back].find((t) => wallMs(t, zone) === wall);
    if (twin !== undefined) notes.push({ kind: 'fold', at: fire, which: at < twin ? 'first' : 'second', minutes: back / 60_000 });
  }
  return notes;
}

/**
 * The notes a schedule gets when it is set: those of its listed fires (`next`) and, for a
 * repeat, those of the next gap and the next overlap its listed fires do not reach. The next of
 * each is enough to tell: not every year's again.
 */
export function scheduleWallNotes(
  schedule: Schedule,
  zone: string,
  next: Date[],
  ctx: Pick<Ctx, 'gapShifted' | 'now'>,
  bounds: ScheduleBounds,
): WallNote[] {
  const listed = wallNotes(schedule, zone, next, ctx);
  const upcoming = upcomingWallNotes(schedule, zone, ctx.now, bounds).filter(
    (n, i, all) => !listed.some((l) => l.kind === n.kind) && all.findIndex((o) => o.kind === n.kind) === i,
  );
  return [...listed, ...upcoming].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** How far ahead a repeat's DST days are looked for: the next change each way. */
const AHEAD_MS = 366 * 24 * HOUR;
/** Fires looked at around one offset change: enough for any fixed-time pattern's hours near it. */
const FIRES_NEAR_CHANGE = 8;

/**
 * A repeat's notes on the next year's offset changes, even when its listed fires do not reach
 * them: "every day at 2:30am" set in December says now that 14 March runs at 03:30. Only the
 * fires within a few hours of each change are looked at, so this costs a few engine calls.
 */
function upcomingWallNotes(schedule: Schedule, zone: string, now: Date, bounds: ScheduleBounds): WallNote[] {
  if (schedule.kind === 'once' || schedule.kind === 'interval' || schedule.kind === 'manual') return [];
  const notes: WallNote[] = [];
  for (const change of offsetChanges(now.getTime(), zone)) {
    // The wall times skipped or repeated at this change; most repeats ask for none of them.
    const before = offsetMsAt(change - 1000, zone);
    const after = offsetMsAt(change, zone);
    const window = { from: change + Math.min(before, after), to: change + Math.max(before, after) };
    if (!mayAskWithin(schedule, window)) continue;
    const near = nextFires(schedule, zone, new Date(Math.max(now.getTime(), change - 3 * HOUR)), FIRES_NEAR_CHANGE, bounds).filter(
      (f) => f.getTime() < change + 3 * HOUR,
    );
    notes.push(...wallNotes(schedule, zone, near, { gapShifted: new Set() }));
  }
  return notes;
}

/**
 * Whether `schedule` may ask for a wall time in [from, to) (wall-as-UTC ms): a fixed-time
 * cron matching one, a calendar step whose clock time lies in it (its day is left to the
 * engine). A cheap filter before asking the engine for fires.
 */
function mayAskWithin(schedule: Schedule, window: { from: number; to: number }): boolean {
  switch (schedule.kind) {
    case 'multi':
      return schedule.triggers.some((t) => mayAskWithin(t, window));
    case 'cron':
      return cronAsksWithin(schedule.pattern, window);
    case 'calendar': {
      const [h = 0, mi = 0, sec = 0] = schedule.anchor.slice(11, 19).split(':').map(Number);
      const day = 86_400_000;
      const clock = ((h * 60 + mi) * 60 + sec) * 1000;
      const from = window.from % day;
      const to = from + (window.to - window.from);
      return (clock >= from && clock < to) || (clock + day >= from && clock + day < to);
    }
    default:
      return false;
  }
}

/**
 * {@link mayAskWithin} of a cron, remembered per pattern and window: a zone's windows are the
 * same for every request in a year, and finding the cron's next wall time costs microseconds.
 */
const cronWithin = new Map<string, Map<number, { to: number; asks: boolean }>>();
const CRON_WITHIN_MAX = 1024;

function cronAsksWithin(pattern: string, window: { from: number; to: number }): boolean {
  let byFrom = cronWithin.get(pattern);
  const hit = byFrom?.get(window.from);
  if (hit?.to === window.to) return hit.asks;
  const m = cronMatcher(pattern);
  const next = m.fixedTime ? m.nextWall(window.from - 1000) : null;
  const asks = next !== null && next < window.to;
  if (!byFrom) {
    if (cronWithin.size >= CRON_WITHIN_MAX) cronWithin.clear();
    byFrom = new Map();
    cronWithin.set(pattern, byFrom);
  }
  if (byFrom.size >= CRON_WITHIN_MAX) byFrom.clear();
  byFrom.set(window.from, { to: window.to, asks });
  return asks;
}

/** Probe step for offset changes: shorter than the time between two changes in any zone. */
const PROBE_MS = 14 * 24 * HOUR;

/**
 * The offset changes of `zone` in the year after `from`. Requests read in the same second (a
 * burst, a benchmark) share one probe run: it is 27 offset reads and a bisection per change.
 */
function offsetChanges(from: number, zone: string): number[] {
  const last = lastChanges.get(zone);
  if (last?.from === from) return last.changes;
  const changes = probeOffsetChanges(from, zone);
  if (lastChanges.size >= LAST_CHANGES_MAX) lastChanges.clear();
  lastChanges.set(zone, { from, changes });
  return changes;
}

/** The last {@link offsetChanges} answer per zone. */
const lastChanges = new Map<string, { from: number; changes: number[] }>();
const LAST_CHANGES_MAX = 1024;

/** {@link offsetChanges} found by probing every {@link PROBE_MS}, then bisecting. */
function probeOffsetChanges(from: number, zone: string): number[] {
  const out: number[] = [];
  let prev = offsetMsAt(from, zone);
  for (let t = from + PROBE_MS; t < from + AHEAD_MS + PROBE_MS; t += PROBE_MS) {
    const off = offsetMsAt(t, zone);
    if (off === prev) continue;
    const change = nextOffsetChange(t - PROBE_MS, t, zone);
    if (change !== null) out.push(change);
    prev = off;
  }
  return out;
}
