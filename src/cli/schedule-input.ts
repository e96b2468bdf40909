import type { Origin, Owner } from '../core/job.js';
import type { Schedule, ScheduleBounds } from '../core/schedule.js';
import { parseScheduleSpec } from '../core/schedule-spec.js';

/** Jobs made on the command line belong to the console user and report to the console chat. */
export const CLI_OWNER: Owner = { platform: 'console', userId: 'cli', name: 'cli' };
export const CLI_ORIGIN: Origin = { platform: 'console', chatId: 'console', chatType: 'private' };

/**
 * Turns a `--schedule` spec (`5m`, `cron:0 2 * * *`, `@daily`, `in:1h`, `now`, `manual`,
 * `at:2026-12-01T14:30:00`) into a schedule. `once` (seed 003 `--once`) limits a recurring
 * schedule to its first run. Throws the spec parser's UserError for bad input.
 */
export function scheduleFromSpec(spec: string, opts: { now: Date; timeZone: string; once: boolean }): { schedule: Schedule; bounds: ScheduleBounds } {
  const parsed = parseScheduleSpec(spec, { now: opts.now, timeZone: opts.timeZone });
  const bounds: ScheduleBounds = { ...(parsed.bounds ?? {}) };
  if (opts.once && parsed.schedule.kind !== 'once' && parsed.schedule.kind !== 'manual') bounds.maxRuns = 1;
  return { schedule: parsed.schedule, bounds };
}
