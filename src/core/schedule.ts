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
 * `nextFire`, `nextFires`, `nextFireWithin`, `applyBounds`, `boundedAfter`, `isRecurring`,
 * `firesMoreThanOnce`, `nextFireAfterOccurrence`, `dueOccurrence`, `latestFireUpTo`,
 * `validateSchedule`. Specs: schedule-spec.ts. Zones and wall times: zoned-time.ts.
 * Durations: duration.ts.
 */

/** Runs once at an instant. */
export interface OnceSchedule {
  kind: 'once';
  at: Date;
}

/** Every `everyMs` of real elapsed time, counted from `anchor` (no drift: anchor + k*everyMs). */
export interface IntervalSchedule {
  kind: 'interval';
  everyMs: number;
  anchor: Date;
}

/**
 * Every `step` days/weeks/months/years at the wall-clock time of `anchor` in the job's zone
 * ("every other day at 8", "every 2 weeks on tuesday"). `anchor` is a local wall time
 * `YYYY-MM-DDTHH:mm:ss` and is itself the first occurrence. Month steps landing on a day that
 * does not exist (31st in April) use the month's last day.
 */
export interface CalendarSchedule {
  kind: 'calendar';
  unit: 'day' | 'week' | 'month' | 'year';
  step: number;
  anchor: string;
}

/** A croner pattern (5 or 6 fields, or an @nickname), evaluated in the job's zone. */
export interface CronSchedule {
  kind: 'cron';
  pattern: string;
}

/** Several triggers for one job ("every day at 9am and on saturdays at 10"): the earliest wins. */
export interface MultiSchedule {
  kind: 'multi';
  triggers: Array<OnceSchedule | IntervalSchedule | CalendarSchedule | CronSchedule>;
}

/** Runs only when triggered by hand. */
export interface ManualSchedule {
  kind: 'manual';
}

export type Schedule =
  | OnceSchedule
  | IntervalSchedule
  | CalendarSchedule
  | CronSchedule
  | MultiSchedule
  | ManualSchedule;

/** Bounds on a recurring schedule ("starting next monday", "until dec 31", "for 5 times"). */
export interface ScheduleBounds {
  /** No fire before this instant. */
  startAt?: Date;
  /** No fire after this instant (inclusive). */
  endAt?: Date;
  /** Total number of scheduled runs, after which the job completes. */
  maxRuns?: number;
}

// Computation lives in small sibling files; importing from here gives the whole schedule API.
export {
  applyBounds,
  boundedAfter,
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
export { validateBounds, validateSchedule, MIN_INTERVAL_MS, OPERATOR_MIN_INTERVAL_MS, MAX_INTERVAL_MS, MAX_CALENDAR_STEP, type ValidateOptions } from './schedule-validate.js';
