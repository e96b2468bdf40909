/**
 * Upcoming fire times of a parsed schedule, for the `next` list and for checking that a
 * schedule fires at all: the core's nextFires (src/core/schedule-next.ts), so the parser
 * promises exactly what the scheduler will do (DST rules included).
 */
import { nextFires, type Schedule, type ScheduleBounds } from '../core/schedule.js';

/** The first `n` fires strictly after `after`, honouring bounds (a new job: no runs yet). */
export function upcomingFires(schedule: Schedule, zone: string, after: Date, n: number, bounds: ScheduleBounds = {}): Date[] {
  return nextFires(schedule, zone, after, n, bounds);
}
