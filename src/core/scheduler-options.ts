/** Tuning of the scheduler; every field has a default (resolveSchedulerOptions). */
export interface SchedulerOptions {
  /** Runs in progress at once. Default 100. */
  maxConcurrent?: number;
  /** Jobs claimed per store round trip. Default 500. */
  claimBatchSize?: number;
  /**
   * Backlog claims in flight at once on an asynchronous store (PostgreSQL), so the process runs
   * one batch while the server writes another (see BacklogClaims). 1: one claim at a time.
   * A synchronous store (SQLite) always claims one at a time. Default 3: in a 10,000-reminder
   * burst on a shared 2-core machine, 3 claimed fastest (medians of 9 rounds: 1 claim 1,209
   * jobs/s, 2: 1,716, 3: 1,874; 4 claims, 4 rounds: 1,777). The claims share the pool's slots
   * (each claims at most a third of them), and PostgreSQL's pool of 10 has room for them, the
   * loop's on-time claim, the outbox dispatcher and the API. While another process writes to
   * the store (another scheduler sharing the burst), one claim at a time (see DueLoop.othersWrote).
   */
  claimsInFlight?: number;
  /** Lease length (ms), extended by a heartbeat every third of it. Default 60 s. */
  leaseMs?: number;
  /** A recurring occurrence started later than this is skipped (ms). Default 1 hour. */
  misfireGraceMs?: number;
  /** Retries for jobs created without their own. Default 3. */
  defaultRetries?: number;
  /** Base retry delay for jobs created without their own (ms). Default 5 s. */
  retryDelayMs?: number;
  /** Run timeout for jobs created without their own (ms). Default 1 hour. */
  taskTimeoutMs?: number;
  /**
   * The longest one claim that runs instant runs (reminders) inside its transaction may hold
   * the event loop on a synchronous store (SQLite) (ms); less when a job comes due sooner, so
   * that job starts on time. Default 50 ms: claims of a burst commit fewer times (every index
   * page a commit dirties goes to the WAL again; at 25 ms a burst cost 12% more CPU), and a
   * chat message or API call waits at most that long behind one.
   */
  instantBudgetMs?: number;
  /** How long `stop()` lets running jobs finish before aborting and releasing them (ms). Default 10 s. */
  shutdownGraceMs?: number;
}

export type ResolvedSchedulerOptions = Required<SchedulerOptions>;

export function resolveSchedulerOptions(o: SchedulerOptions = {}): ResolvedSchedulerOptions {
  return {
    maxConcurrent: o.maxConcurrent ?? 100,
    claimBatchSize: o.claimBatchSize ?? 500,
    claimsInFlight: o.claimsInFlight ?? 3,
    leaseMs: o.leaseMs ?? 60_000,
    misfireGraceMs: o.misfireGraceMs ?? 3_600_000,
    defaultRetries: o.defaultRetries ?? 3,
    retryDelayMs: o.retryDelayMs ?? 5_000,
    taskTimeoutMs: o.taskTimeoutMs ?? 3_600_000,
    shutdownGraceMs: o.shutdownGraceMs ?? 10_000,
    instantBudgetMs: o.instantBudgetMs ?? 50,
  };
}
