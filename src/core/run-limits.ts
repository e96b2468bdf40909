/**
 * Bounds of a job's run settings, the same through every door (API, CLI). More retries than
 * this is a loop rather than a retry policy; a timeout under a second fails every real run, and
 * one beyond a week puts the deadline where the run's timer cannot wait (past 2^31 ms, or past
 * what a Date can hold, it fires at once and every run "times out" as it starts).
 */
export const RETRIES_RANGE = { min: 0, max: 100 } as const;
export const TIMEOUT_MS_RANGE = { min: 1000, max: 7 * 24 * 3600_000 } as const;
