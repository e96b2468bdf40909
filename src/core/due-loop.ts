import type { Logger } from './ports/logger.js';
import { type Clock, MAX_SINGLE_WAIT_MS } from './ports/clock.js';
import type { ClaimLanes, InstantClaim, JobStore } from './ports/job-store.js';
import { BacklogClaims } from './backlog-claims.js';
import { type ClaimPlan, planClaim, reserveSize } from './claim-lanes.js';
import type { ClaimedRun, Lease, Settlement } from './run.js';

/** Instant runs (instant-run.ts), settled inside the claim's transaction where the store can. */
export interface InstantRunHooks {
  /** Called by the store inside the claim's transaction, per claimed run. */
  decide: (run: ClaimedRun) => Settlement | undefined;
  /** After the commit: the runs settled there. */
  report: (fired: Array<{ run: ClaimedRun; settled: boolean }>) => void;
  /** After a rollback: forget what was decided for these runs (other claims may be in flight). */
  discard: (runIds: readonly string[]) => void;
}

export interface DueLoopDeps {
  store: Pick<JobStore, 'claimDue' | 'dueTimes' | 'claimDueSettlingInstant'>;
  clock: Clock;
  logger: Logger;
  lease: Lease;
  /** Runs in progress at once, at most. */
  maxConcurrent: number;
  /** Jobs claimed per store round trip, at most. */
  claimBatchSize: number;
  /** Runs in progress now. */
  runningCount: () => number;
  /** Starts a claimed run (without waiting for it); settles once the run is over. */
  launch: (run: ClaimedRun) => Promise<unknown>;
  instant?: InstantRunHooks;
  /**
   * The longest one claim with instant runs may hold the event loop on a synchronous store
   * (SQLite) (ms). Less when a job comes due sooner: the claim is sized to end before it, so
   * it starts on time (see withinBudget). Unset: claims are not sized.
   */
  instantBudgetMs?: number;
  /**
   * Milliseconds on a monotonic scale, for timing synchronous claims (the event-loop time they
   * hold, not the clock's time). Default performance.now; tests pass one their store moves.
   */
  stopwatch?: () => number;
  /**
   * Claim transactions in flight at once while a backlog is claimed, on an asynchronous store
   * (PostgreSQL): see BacklogClaims. Default 1, one at a time; a synchronous store's claims
   * hold the event loop, so there they always go one at a time.
   */
  claimsInFlight?: number;
}

/** Instant runs per claim before the first claim has been timed, and never fewer. */
const FIRST_INSTANT_BATCH = 32;
const MIN_INSTANT_BATCH = 8;
/** How long before the next job comes due a sized claim should have ended (ms). */
const DUE_MARGIN_MS = 1;

/**
 * How long after another process's last write to the store the backlog counts as shared (ms):
 * a scheduler sharing a burst commits a claim every few tens of milliseconds.
 */
const SHARED_FOR_MS = 1000;

/** Abort reason of the loop's wait when something changed. */
const WAKE_UP = new Error('scheduler woken');

/**
 * The one timer for all jobs: claims what is due, then sleeps until the next due time (at most
 * MAX_SINGLE_WAIT_MS at once) or until `wake()` says jobs changed or a run finished. Waking late
 * or early is fine: every round re-reads the clock and the store.
 *
 * Two lanes keep timed jobs on time under a backlog. The horizon is the instant of the last
 * claim (or of the loop's start): jobs due after it came due since (on time) and are claimed
 * first, the moment they are due; jobs due at or before it and still unclaimed are the backlog
 * (missed while down, or a burst too big for one claim), claimed oldest first in batches. A
 * claim that could not take every on-time job moves the horizon only to the last it took, so
 * the rest stay on time and go first next round. How much each lane gets, and the pool's
 * reserve of slots for on-time jobs, is claim-lanes.ts.
 *
 * On an asynchronous store, a backlog that fills a claim is handed to `claimsInFlight`
 * claimers (BacklogClaims) that keep that many backlog claims in flight; while they run, the
 * loop claims only the on-time lane, still one claim at a time and still the only one to move
 * the horizon. The claimers take jobs due at or before the horizon only, so the two never
 * compete for a job and on-time jobs keep their order and their lead. Backlog batches in flight
 * together may commit in either order (as two schedulers sharing the store do). While another
 * process writes to the store (`othersWrote`), one backlog claim at a time, in full batches: its
 * claims overlap ours already (see BacklogClaims).
 */
export class DueLoop {
  private wakeUp = new AbortController();
  private active = false;
  private done: Promise<void> = Promise.resolve();
  /** Up to where on-time jobs were claimed (see the class comment); unset before the first round. */
  private horizon: Date | undefined;
  /** Runs started in reserve slots, still in progress. */
  private reserveRunning = 0;
  /** The last claim took all it asked for: more jobs are due. */
  private moreDue = false;
  private readonly reserve: number;
  /** Event-loop time per run of recent synchronous claims (ms, claims' fixed cost included; see timeClaim). */
  private msPerRun: number | undefined;
  /** The store answered a claim with a promise: its transaction does not hold the event loop. */
  private asyncStore = false;
  /** Backlog runs the last claim took. */
  private backlogClaimed = 0;
  /** Concurrent backlog claims (asynchronous store, claimsInFlight > 1). */
  private readonly backlog: BacklogClaims | undefined;
  /** When another process last wrote to the store (the stopwatch's ms), if it did. */
  private othersWroteAt: number | undefined;
  private readonly stopwatch: () => number;

  constructor(private readonly deps: DueLoopDeps) {
    this.reserve = reserveSize(deps.maxConcurrent);
    this.stopwatch = deps.stopwatch ?? performance.now.bind(performance);
    const count = deps.claimsInFlight ?? 1;
    if (count > 1) {
      const mainSize = deps.maxConcurrent - this.reserve;
      this.backlog = new BacklogClaims({
        count,
        allowed: () => (this.sharingStore() ? 1 : count),
        // The claims in flight share the main part of the pool: their runs could all need a slot.
        share: (claimers) => Math.max(1, Math.min(deps.claimBatchSize, Math.floor(mainSize / claimers))),
        freeSlots: () => mainSize - Math.max(0, deps.runningCount() - this.reserveRunning),
        active: () => this.active,
        claim: (limit) => this.claimBacklog(limit),
        failed: (err) => deps.logger.error({ err }, 'backlog claim failed; the scheduler loop claims on'),
        idle: () => this.wake(),
      });
    }
  }

  start(): void {
    this.active = true;
    this.horizon = undefined;
    this.done = this.loop();
  }

  /** Stops claiming; resolves once the current round has ended. */
  stop(): Promise<void> {
    this.active = false;
    this.wake();
    return this.done;
  }

  /**
   * Another process committed a write to the store (PostgreSQL's change notifications): for a
   * while, its claims are taken to share the backlog, and this loop keeps one claim in flight.
   * Two schedulers on one schema with three claims each held six between them, each claim's
   * select stepping past the rows of the other five: 25-40% more PostgreSQL CPU per job, on a
   * machine whose cores they share with the server.
   */
  othersWrote(): void {
    this.othersWroteAt = this.stopwatch();
  }

  private sharingStore(): boolean {
    return this.othersWroteAt !== undefined && this.stopwatch() - this.othersWroteAt < SHARED_FOR_MS;
  }

  /** Ends the current wait now. */
  wake(): void {
    // A constant reason: every finished run wakes the loop, and abort() without one builds a
    // DOMException with a stack trace each time.
    this.wakeUp.abort(WAKE_UP);
  }

  private async loop(): Promise<void> {
    while (this.active) {
      this.wakeUp = new AbortController();
      const signal = this.wakeUp.signal;
      try {
        await this.round(signal);
      } catch (err) {
        this.deps.logger.error({ err }, 'scheduler loop error; retrying in 1 s');
        await this.sleep(new Date(this.deps.clock.now().getTime() + 1000), signal);
      }
    }
    await this.backlog?.drained();
  }

  /** One round: claim what is worth claiming now, else sleep until something may be. */
  private async round(signal: AbortSignal): Promise<void> {
    const { clock, store } = this.deps;
    // Jobs already due when the loop starts were missed while it was down: the backlog.
    this.horizon ??= clock.now();
    const horizon = this.horizon;
    const base = {
      maxConcurrent: this.deps.maxConcurrent,
      claimBatchSize: this.deps.claimBatchSize,
      reserve: this.reserve,
      running: this.deps.runningCount() + (this.backlog?.heldSlots ?? 0),
      reserveRunning: this.reserveRunning,
    };
    // A full claim with backlog in it on an asynchronous store: the claimers take the backlog on.
    if (this.moreDue && this.backlogClaimed > 0 && this.asyncStore && this.backlog && this.active) {
      this.backlog.start();
      base.running = this.deps.runningCount() + this.backlog.heldSlots;
    }
    const backlogOwned = this.backlog?.busy ?? false;
    if (this.moreDue && this.active) {
      // The last claim came back full, so more is due: claim on without reading the due times
      // first (on PostgreSQL that read walks the due index's dead entries of every row claimed
      // since the last vacuum: ~25 ms a claim in a burst). An empty on-time lane costs one seek.
      this.moreDue = false;
      const plan = planClaim({ ...base, onTimeDue: true, backlog: !backlogOwned, leaseDue: false });
      if (plan.limit > 0 && !plan.reserve) {
        await this.claim(clock.now(), horizon, plan);
        await new Promise<void>((r) => setImmediate(r));
        return;
      }
    }
    const times = await store.dueTimes(horizon);
    if (!this.active) return;
    const now = clock.now();
    const t = now.getTime();
    const plan = planClaim({
      ...base,
      running: this.deps.runningCount() + (this.backlog?.heldSlots ?? 0),
      onTimeDue: times.dueAfter !== undefined && times.dueAfter.getTime() <= t,
      // Bounded by now too: after the wall clock stepped back, jobs between now and the horizon are not due.
      // While the claimers run, the backlog is theirs.
      backlog: !(this.backlog?.busy ?? false) && times.due !== undefined && times.due.getTime() <= Math.min(horizon.getTime(), t),
      leaseDue: times.leaseExpiry !== undefined && times.leaseExpiry.getTime() <= t,
    });
    if (plan.limit > 0) {
      await this.claim(now, horizon, plan);
      // More may be due: look again once timers and I/O have had their turn.
      await new Promise<void>((r) => setImmediate(r));
      return;
    }
    // Nothing to claim now: sleep until the next on-time job or lease expiry. One that is due
    // while its lane is full waits for a run to end, which wakes the loop.
    let until = t + MAX_SINGLE_WAIT_MS;
    for (const at of [times.dueAfter, times.leaseExpiry]) if (at && at.getTime() > t) until = Math.min(until, at.getTime());
    await this.sleep(new Date(until), signal);
  }

  /**
   * Claims as planned (the on-time lane comes first) and launches the runs in that order;
   * instant runs were settled in the claim's transaction and are reported instead.
   */
  private async claim(now: Date, horizon: Date, planned: ClaimPlan): Promise<void> {
    const plan = await this.withinBudget(now, planned);
    const lanes = { freshAfter: horizon, freshLimit: plan.freshLimit, backlogLimit: plan.backlogLimit };
    const claimed = await this.claimRuns(now, plan.limit, lanes);
    this.moreDue = claimed.length === plan.limit;
    let onTime = 0;
    let lastOnTime = horizon;
    for (const { run } of claimed) {
      if (run.scheduledFor.getTime() > horizon.getTime()) {
        onTime++;
        if (run.scheduledFor > lastOnTime) lastOnTime = run.scheduledFor;
      }
    }
    this.backlogClaimed = claimed.length - onTime;
    this.horizon = plan.freshLimit > 0 && onTime >= plan.freshLimit ? lastOnTime : now;
    this.dispatch(claimed, plan.reserve);
  }

  /** A claimer's claim (BacklogClaims): the backlog lane only, up to the horizon; the horizon stays. */
  private async claimBacklog(limit: number): Promise<number> {
    const now = this.deps.clock.now();
    const claimed = await this.claimRuns(now, limit, { freshAfter: this.horizon ?? now, freshLimit: 0, backlogLimit: limit });
    this.dispatch(claimed, false);
    return claimed.length;
  }

  /** Launches the claimed runs for the pool in claim order; the instant ones, settled in the claim, are reported. */
  private dispatch(claimed: InstantClaim[], reserve: boolean): void {
    const fired: Array<{ run: ClaimedRun; settled: boolean }> = [];
    for (const { run, settled } of claimed) {
      if (settled !== undefined) fired.push({ run, settled });
      else {
        const done = this.deps.launch(run);
        if (reserve) {
          this.reserveRunning++;
          void done.finally(() => this.reserveRunning--);
        }
      }
    }
    if (fired.length > 0) this.deps.instant!.report(fired);
  }

  /**
   * The store's claim, with instant runs settled in it when the store and the scheduler can.
   * A claim with instant runs that throws (something in a settle the store refuses) is claimed
   * again without them, so the runs go through the pool, which settles each on its own: one
   * bad run cannot stop the loop.
   */
  private async claimRuns(now: Date, limit: number, lanes: ClaimLanes): Promise<InstantClaim[]> {
    const { store, instant, lease, logger } = this.deps;
    if (instant && store.claimDueSettlingInstant) {
      // What this claim decided, to forget if it rolls back (other claims may be in flight).
      const decided: string[] = [];
      const decide = (run: ClaimedRun): Settlement | undefined => {
        const settlement = instant.decide(run);
        if (settlement) decided.push(run.runId);
        return settlement;
      };
      try {
        const stopwatch = this.stopwatch;
        const started = stopwatch();
        const claims = store.claimDueSettlingInstant(now, limit, lease, lanes, decide);
        if (claims instanceof Promise) {
          this.asyncStore = true;
          return await claims;
        }
        this.timeClaim(stopwatch() - started, limit, claims.length);
        return claims;
      } catch (err) {
        instant.discard(decided);
        logger.warn({ err }, 'claim with instant runs failed; claiming the runs for the pool instead');
      }
    }
    const runs = store.claimDue(now, limit, lease, lanes);
    if (runs instanceof Promise) this.asyncStore = true;
    return (await runs).map((run) => ({ run }));
  }

  /**
   * Learns the time per run from a synchronous claim that took all it asked for. One slow
   * claim (a GC pause, the machine busy) moves the average by at most a quarter of its excess.
   */
  private timeClaim(ms: number, asked: number, got: number): void {
    if (got < asked || got < MIN_INSTANT_BATCH) return;
    const each = ms / got;
    const was = this.msPerRun;
    this.msPerRun = was === undefined ? each : 0.75 * was + 0.25 * Math.min(each, 4 * was);
  }

  /**
   * The plan cut to what one synchronous claim may do in its budget: the longest hold
   * (instantBudgetMs), or less when the next job comes due sooner, so the claim ends before it
   * and the job is claimed on time. A burst with nothing else coming is claimed in full
   * batches (a commit per few runs costs twice as much per run); a burst while timed jobs come
   * due goes in claims that fit between them.
   */
  private async withinBudget(now: Date, plan: ClaimPlan): Promise<ClaimPlan> {
    const { instant, instantBudgetMs, store } = this.deps;
    if (!instant || instantBudgetMs === undefined || this.asyncStore || plan.limit <= MIN_INSTANT_BATCH) return plan;
    const next = (await store.dueTimes(now)).dueAfter;
    const untilNext = next === undefined ? Number.POSITIVE_INFINITY : next.getTime() - now.getTime() - DUE_MARGIN_MS;
    const budget = Math.max(0, Math.min(instantBudgetMs, untilNext));
    const most = this.msPerRun === undefined ? FIRST_INSTANT_BATCH : Math.max(MIN_INSTANT_BATCH, Math.floor(budget / this.msPerRun));
    if (plan.limit <= most) return plan;
    return { ...plan, limit: most, freshLimit: Math.min(plan.freshLimit, most), backlogLimit: Math.min(plan.backlogLimit, most) };
  }

  private async sleep(until: Date, signal: AbortSignal): Promise<void> {
    if (until.getTime() <= this.deps.clock.now().getTime()) {
      await new Promise<void>((r) => setImmediate(r));
      return;
    }
    await this.deps.clock.sleepUntil(until, signal).catch(() => undefined);
  }
}
