/**
 * When a job runs. A schedule is data (stored as JSON); the functions that compute
 * fire times live beside it. The time zone is not part of the schedule: it lives on the job
 * and every calendar computation takes it as an argument.
 *
 * DST rules (product decisions, tested): a wall time that does not exist (spring forward)
 * runs shifted forward by the gap (02:30 -> 03:30); a wall time that happens twice (fall back)
 * runs once, at its first occurrence. `interval` counts real elapsed time; `calendar` and
 * `cron` keep the wall-clock time.
 *
 * Cron detail (cron-fire.ts): the rules above apply to fixed-time patterns (no `*` or `/` in
 * the seconds/minutes/hours fields: `30 2 * * *`, `0 9-17 * * 1-5`, `@daily`). Patterns with
 * `*` or a step there (`*\/30 * * * *`, `@hourly`) fire at every real moment whose wall time
 * matches: wall times inside a gap are skipped (they never happen), and the repeated hour on
 * fall-back day fires in both occurrences (classic cron behaviour). No schedule ever fires
 * twice at the same instant.
 *
 * This is the one schedule engine: the confirmation, the parser's preview, the CLI and the
 * scheduler all ask it, so what a person is shown is what runs. API (re-exported below):
 * `nextFire`, `nextFires`, `nextFireWithin`, `applyBounds`, `isRecurring`,
 * `firesMoreThanOnce`, `nextFireAfterOccurrence`, `dueOccurrence`, `latestFireUpTo`,
 * `validateSchedule`. Specs: schedule-spec.ts. Zones and wall times: time/ (civil.ts, zone.ts, zoned.ts).
 * Durations: duration.ts.
 */

// The shapes live apart from the engine so that the engine can import them without a cycle.
export type {
  OnceSchedule,
  IntervalSchedule,
  CalendarSchedule,
  CronSchedule,
  MultiSchedule,
  Schedule,
  ScheduleBounds,
} from './schedule-kinds.js';

// Computation lives in small sibling files; importing from here gives the whole schedule API.
export {
  applyBounds,
  dueOccurrence,
  firesMoreThanOnce,
  isRecurring,
  latestFireUpTo,
  nextFire,
  nextFireAfterOccurrence,
  nextFires,
  nextFireWithin,
  type DueOccurrence,
} from './schedule-next.js';
export { validateBounds, validateSchedule, MIN_INTERVAL_MS, OPERATOR_MIN_INTERVAL_MS } from './schedule-validate.js';
