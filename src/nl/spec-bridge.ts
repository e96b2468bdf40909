/**
 * The bridge to the core's spec strings: the canonical `spec` of a parsed schedule is the
 * core's formatScheduleSpec, so the CLI, the chat and the store all spell it the same way.
 */
import type { Schedule, ScheduleBounds } from '../core/schedule.js';
import { formatScheduleSpec } from '../core/schedule-spec.js';

/** Canonical spec string of a schedule and its bounds in `zone`. */
export function formatSpec(schedule: Schedule, zone: string, bounds: ScheduleBounds = {}): string {
  return formatScheduleSpec(schedule, bounds, zone);
}
