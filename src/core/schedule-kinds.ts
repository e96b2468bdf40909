/**
 * The shapes of a schedule: data, stored as JSON on the job. The engine that computes fire
 * times from them (schedule-next.ts, schedule-validate.ts) imports these shapes, and
 * schedule.ts offers shapes and engine together as the one schedule API.
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

export type Schedule = OnceSchedule | IntervalSchedule | CalendarSchedule | CronSchedule | MultiSchedule | ManualSchedule;

/** Bounds on a recurring schedule ("starting next monday", "until dec 31", "for 5 times"). */
export interface ScheduleBounds {
  /** No fire before this instant. */
  startAt?: Date;
  /** No fire after this instant (inclusive). */
  endAt?: Date;
  /** Total number of scheduled runs, after which the job completes. */
  maxRuns?: number;
}
