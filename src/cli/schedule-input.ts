import { OPERATOR, type Origin, type Owner } from '../core/job.js';
import type { Schedule, ScheduleBounds } from '../core/schedule.js';
import { parseScheduleSpec } from '../core/schedule-spec.js';
import { OPERATOR_MIN_INTERVAL_MS } from '../core/schedule-validate.js';

/** Jobs made on the command line belong to the operator and report to the console chat. */
export const CLI_OWNER: Owner = OPERATOR;
export const CLI_ORIGIN: Origin = { platform: 'console', chatId: 'console', chatType: 'private' };

/**
 * Turns a `--schedule` spec (`5m`, `cron:0 2 * * *`, `@daily`, `in:1h`, `now`, `manual`,
 * `at:2026-12-01T14:30:00`) into a schedule. `once` (`--once`) limits a recurring
 * schedule to its first run. Throws the spec parser's UserError for bad input.
 */
export function scheduleFromSpec(
  spec: string,
  opts: { now: Date; timeZone: string; once: boolean },
): { schedule: Schedule; bounds: ScheduleBounds } {
  // The command line is the operator's: their jobs may fire more often than a chat user's.
  const parsed = parseScheduleSpec(spec, { now: opts.now, timeZone: opts.timeZone, minIntervalMs: OPERATOR_MIN_INTERVAL_MS });
  const bounds: ScheduleBounds = { ...(parsed.bounds ?? {}) };
  if (opts.once && parsed.schedule.kind !== 'once' && parsed.schedule.kind !== 'manual') bounds.maxRuns = 1;
  return { schedule: parsed.schedule, bounds };
}
