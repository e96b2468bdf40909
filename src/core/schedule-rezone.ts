/**
 * Moving a schedule to another zone so its clock times stay what they were: the 09:00
 * standup set while the user's zone was UTC stays 09:00 once they live in New York. Calendar
 * and cron schedules are wall-clock rules already, so only the job's zone changes; instants
 * (a one-off's `at`, an interval's anchor, the bounds) move to the same wall time in the new
 * zone. The other choice, keeping the instants, is no change at all: the job keeps its zone.
 */
import type { Schedule, ScheduleBounds } from './schedule.js';
import { fromWallTime, toWallTime } from './time/zoned.js';

/** The instant `to` shows the wall time `from` shows at `at` (DST gaps and overlaps as in time/zoned.ts). */
export function sameWallTimeIn(at: Date, from: string, to: string): Date {
  return fromWallTime(toWallTime(at, from), to);
}

/** `schedule` and `bounds` with every instant moved to the same wall time in `to`. */
export function rezoneKeepingWallTime(
  schedule: Schedule,
  bounds: ScheduleBounds,
  from: string,
  to: string,
): { schedule: Schedule; bounds: ScheduleBounds } {
  const move = (at: Date): Date => sameWallTimeIn(at, from, to);
  const moved: ScheduleBounds = { ...bounds };
  if (bounds.startAt) moved.startAt = move(bounds.startAt);
  if (bounds.endAt) moved.endAt = move(bounds.endAt);
  return { schedule: rezoneSchedule(schedule, move), bounds: moved };
}

function rezoneSchedule(schedule: Schedule, move: (at: Date) => Date): Schedule {
  switch (schedule.kind) {
    case 'once':
      return { kind: 'once', at: move(schedule.at) };
    case 'interval':
      return { ...schedule, anchor: move(schedule.anchor) };
    case 'multi':
      return { kind: 'multi', triggers: schedule.triggers.map((t) => rezoneSchedule(t, move) as typeof t) };
    case 'calendar':
    case 'cron':
    case 'manual':
      return schedule;
  }
}
