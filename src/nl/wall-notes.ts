/**
 * Daylight-saving notes on the fires a request got. The rule itself (core/time/zoned.ts) stays:
 * a wall time in a spring-forward gap runs shifted forward by the gap, a repeated one runs at
 * its first occurrence. What this adds is that the person is told, never left to find out: for
 * each listed fire, whether the wall time asked for did not exist (and what was taken instead)
 * or happens twice (and which one was taken).
 */
import { cronMatcher } from '../core/cron-cache.js';
import type { Schedule } from '../core/schedule.js';
import { pad, utcMsToWall } from '../core/time/civil.js';
import { offsetMsAt } from '../core/time/zone-offset.js';
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
    const wall = wallMs(at, zone);
    const gap = gapBefore(at, zone);
    if (gap !== undefined && asksFor(schedule, wall - gap, ctx.gapShifted, at)) {
      notes.push({ kind: 'gap', at: fire, asked: clock(wall - gap), minutes: gap / 60_000 });
      continue;
    }
    if (!wallTimed) continue;
    // The same wall time an offset change earlier or later: clocks went back over it.
    const back = offsetMsAt(at - 25 * HOUR, zone) - offsetMsAt(at + 25 * HOUR, zone);
    if (back <= 0) continue;
    const twin = [at - back, at + back].find((t) => wallMs(t, zone) === wall);
    if (twin !== undefined) notes.push({ kind: 'fold', at: fire, which: at < twin ? 'first' : 'second', minutes: back / 60_000 });
  }
  return notes;
}
