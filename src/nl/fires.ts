/**
 * Upcoming fire times of a parsed schedule, for the `next` list and for checking that a
 * schedule fires at all. Same rules as the core's nextFires (src/core/schedule-next.ts): the
 * parser promises exactly what the scheduler will do. Fixed-time cron patterns take a fast
 * path (fast-cron.ts); everything else is the core's code.
 */
import { boundedAfter, nextFires, type Schedule, type ScheduleBounds } from '../core/schedule.js';
import { simpleCron, simpleCronFires } from './fast-cron.js';

type Trigger = Exclude<Schedule, { kind: 'multi' } | { kind: 'manual' }>;

function triggerFires(t: Trigger, zone: string, after: Date, n: number, until: number): Date[] {
  if (t.kind === 'cron') {
    const simple = simpleCron(t.pattern);
    if (simple) return simpleCronFires(simple, zone, after, n, until);
  }
  return nextFires(t, zone, after, n, Number.isFinite(until) ? { endAt: new Date(until) } : undefined);
}

/**
 * The first `n` fires strictly after `after`, honouring bounds (a new job: no runs yet). A
 * multi schedule's fires are the merged fires of its triggers (the earliest trigger wins each
 * time, and two triggers at one instant fire once).
 */
export function upcomingFires(schedule: Schedule, zone: string, after: Date, n: number, bounds: ScheduleBounds = {}): Date[] {
  if (schedule.kind === 'manual') return [];
  const from = boundedAfter(after, bounds);
  const until = bounds.endAt ? bounds.endAt.getTime() : Infinity;
  const limit = Math.min(n, bounds.maxRuns ?? Infinity);
  if (limit <= 0) return [];
  const triggers = schedule.kind === 'multi' ? schedule.triggers : [schedule];
  const all = triggers.flatMap((t) => triggerFires(t, zone, from, limit, until));
  const unique = [...new Set(all.map((d) => d.getTime()))].sort((x, y) => x - y);
  return unique.slice(0, limit).map((ms) => new Date(ms));
}
