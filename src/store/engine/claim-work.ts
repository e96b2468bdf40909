import { ghostSessionId } from '../../core/ghost.js';
import type { EventActor } from '../../core/ports/event-log.js';
import type { InstantClaim } from '../../core/ports/job-store.js';
import type { ClaimedRun, Lease, RunTrigger, Settlement } from '../../core/run.js';
import { type EventRecorder, schedulerActor } from './event-log.js';
import type { JobStoreQueries } from './job-queries.js';
import { settleWork } from './job-work.js';
import { type DueJobRow, type JobRow, claimedRunFromRow, jobFromRow } from './rows.js';
import { newRunId } from './run-history.js';
import { type Work, requests } from './work.js';

/**
 * Claims, as work: due jobs, expired leases taken over, a job claimed by hand. Each runs inside
 * one write transaction of its runner.
 */

const q = requests<JobStoreQueries>();

/** Takeovers of one occurrence after which its job is failed instead of run again. */
const MAX_ABANDONED_RUNS = 3;

/** The error recorded on the abandoned run of a lease that ran out. */
const leaseExpiredError = (row: Pick<JobRow, 'lease_owner'>): string => `lease of ${row.lease_owner ?? '?'} expired`;

/** The occurrence an expired lease was running: it is claimed again for the same one. */
function leasedOccurrence(row: JobRow, now: number): { scheduledFor: number; trigger: RunTrigger } {
  return { scheduledFor: row.lease_scheduled_for ?? row.next_run_at ?? now, trigger: row.lease_trigger ?? 'schedule' };
}

/**
 * The `last_error` of a job whose occurrence was abandoned `abandoned` times already (its run
 * keeps killing the process), or undefined while it may be tried again.
 */
function poisonJobError(abandoned: number): string | undefined {
  return abandoned >= MAX_ABANDONED_RUNS ? `run abandoned ${abandoned} times: the process died while running it each time` : undefined;
}

/** No lower bound on a due time: the whole due range. */
const EVER = Number.MIN_SAFE_INTEGER;

/** A claim's split between on-time jobs and the backlog (see ClaimLanes), in epoch ms. */
export interface LaneLimits {
  freshAfter: number;
  freshLimit: number;
  backlogLimit: number;
}

/**
 * Up to `limit` claims at `t`: expired leases taken over first, then due jobs, oldest
 * occurrence first (ties in creation order). With `lanes`, the jobs due after
 * `lanes.freshAfter` come before the older backlog, each lane within its own limit.
 */
export function* claimDueWork(t: number, limit: number, lease: Lease, ev: EventRecorder, lanes?: LaneLimits): Work<ClaimedRun[]> {
  const claimed = yield* takeOverExpired(t, limit, lease, ev);
  yield* eachLane(t, limit - claimed.length, lanes, (after, dueBy, most) => claimRange(claimed, after, dueBy, t, most, lease));
  for (const run of claimed) ev.started(run, schedulerActor(run.job.id, lease.owner));
  return claimed;
}

/**
 * A claim whose instant runs are settled in the same transaction (JobStore.claimDueSettlingInstant).
 * Expired leases are taken over first, as by claimDueWork. The due jobs of each lane are then
 * read (on PostgreSQL locked) without a lease: `decide` is asked about each, and an instant run
 * is settled right away under a guard that the job still holds no lease, so its job row is
 * written once, not leased and then settled. A job `decide` leaves to the pool is leased as
 * claimDueWork leases it. Runs come back in claim order (takeovers, on-time lane, backlog).
 */
export function* claimDueSettlingWork(
  t: number,
  limit: number,
  lease: Lease,
  ev: EventRecorder,
  lanes: LaneLimits | undefined,
  decide: (run: ClaimedRun) => Settlement | undefined,
): Work<InstantClaim[]> {
  const claims: InstantClaim[] = (yield* takeOverExpired(t, limit, lease, ev)).map((run) => ({ run }));
  const rows: DueJobRow[] = [];
  yield* eachLane(t, limit - claims.length, lanes, function* (after, dueBy, most) {
    const got = yield* q.selectDueBatch(after, dueBy, most);
    got.sort((a, b) => a.next_run_at! - b.next_run_at! || a.seq - b.seq);
    rows.push(...got);
    return got.length;
  });
  const items: Array<{ run: ClaimedRun; settlement: Settlement }> = [];
  const unleased = new Set<string>();
  // Takeovers hold leases already; they are settled under theirs.
  for (const claim of claims) {
    const settlement = decide(claim.run);
    if (settlement) items.push({ run: claim.run, settlement });
  }
  for (const row of rows) {
    const run = unleasedRun(row, t, lease);
    const settlement = decide(run);
    if (settlement) {
      items.push({ run, settlement });
      unleased.add(run.runId);
      claims.push({ run });
      continue;
    }
    const leased = yield* q.leaseJob(row.id, t, lease.owner, t + lease.durationMs, run.scheduledFor.getTime(), run.trigger);
    claims.push({ run: claimedRunFromRow(leased) });
  }
  for (const { run } of claims) ev.started(run, schedulerActor(run.job.id, lease.owner));
  if (items.length === 0) return claims;
  const kept = yield* settleWork(items, t, ev, true, unleased);
  const settled = new Map(items.map((item, i) => [item.run.runId, kept[i]!]));
  for (const claim of claims) {
    const s = settled.get(claim.run.runId);
    if (s !== undefined) claim.settled = s;
  }
  return claims;
}

/**
 * The run of a due job read without a lease, as a claim at `t` would have leased it (what
 * claimedRunFromRow makes of the row claimDueBatch returns), built from the row directly: no
 * copy of the whole row with the lease columns set.
 */
function unleasedRun(row: DueJobRow, t: number, lease: Lease): ClaimedRun {
  return {
    runId: newRunId(t, row.id),
    job: jobFromRow(row),
    scheduledFor: new Date(row.next_run_at!),
    claimedAt: new Date(t),
    leaseOwner: lease.owner,
    leaseExpiresAt: new Date(t + lease.durationMs),
    trigger: row.attempts > 0 ? 'retry' : 'schedule',
    attempt: row.attempts + 1,
  };
}

/**
 * Takes due jobs lane by lane with `take(after, dueBy, most)` (how many it took), `room` in all:
 * without `lanes` the whole due range; with them the jobs due after `lanes.freshAfter` first
 * (the on-time lane), then the older backlog, each within its own limit.
 */
function* eachLane(
  t: number,
  room: number,
  lanes: LaneLimits | undefined,
  take: (after: number, dueBy: number, most: number) => Work<number>,
): Work<void> {
  if (!lanes) {
    if (room > 0) yield* take(EVER, t, room);
    return;
  }
  const fresh = Math.min(room, lanes.freshLimit);
  const took = fresh > 0 ? yield* take(lanes.freshAfter, t, fresh) : 0;
  const backlog = Math.min(room - took, lanes.backlogLimit);
  if (backlog > 0) yield* take(EVER, Math.min(lanes.freshAfter, t), backlog);
}

/** Claims at `t` up to `limit` jobs due in (`after`, `dueBy`], oldest first, onto `into`; how many. */
function* claimRange(into: ClaimedRun[], after: number, dueBy: number, t: number, limit: number, lease: Lease): Work<number> {
  const rows = yield* q.claimDueBatch(after, dueBy, t, limit, lease.owner, t + lease.durationMs);
  rows.sort((a, b) => a.lease_scheduled_for! - b.lease_scheduled_for! || a.seq - b.seq);
  for (const row of rows) into.push(claimedRunFromRow(row));
  return rows.length;
}

/**
 * Expired leases: the old run goes to the history as `abandoned`; an active job is claimed
 * again for the same occurrence (same scheduledFor and trigger), any other job just loses the
 * lease. An occurrence abandoned {@link MAX_ABANDONED_RUNS} times fails its job instead: its
 * run keeps killing the process, and retrying it would take every restart down.
 */
function* takeOverExpired(t: number, limit: number, lease: Lease, ev: EventRecorder): Work<ClaimedRun[]> {
  const out: ClaimedRun[] = [];
  for (const row of yield* q.expiredLeases(t, limit)) {
    yield* abandonLease(row, t, ev, schedulerActor(row.id, lease.owner));
    const { scheduledFor, trigger } = leasedOccurrence(row, t);
    if (row.status !== 'active') {
      yield* q.clearLease(row.id, row.lease_run_id!);
      continue;
    }
    const error = poisonJobError(yield* q.countAbandoned(row.id, scheduledFor));
    if (error) {
      yield* q.failPoisonJob(row.id, t, error);
      ev.status(row.id, row.status, 'failed', { error }, schedulerActor(row.id, lease.owner));
      continue;
    }
    out.push(claimedRunFromRow(yield* q.leaseJob(row.id, t, lease.owner, t + lease.durationMs, scheduledFor, trigger)));
  }
  return out;
}

function* abandonLease(row: JobRow, t: number, ev: EventRecorder, actor: EventActor): Work<void> {
  const error = leaseExpiredError(row);
  yield* q.abandonLeasedRun(row.id, t, error, ghostSessionId(row.id));
  ev.abandoned(row.id, row.lease_run_id!, error, actor);
}

/**
 * Claims job `id` now whatever its schedule (run now); undefined if it is missing or holds a
 * live lease. An expired lease's run becomes abandoned first.
 */
export function* claimJobWork(id: string, t: number, lease: Lease, ev: EventRecorder): Work<ClaimedRun | undefined> {
  const row = yield* q.getJobForUpdate(id);
  if (!row) return undefined;
  if (row.lease_owner !== null && (row.lease_expires_at ?? 0) > t) return undefined;
  if (row.lease_run_id) yield* abandonLease(row, t, ev, ev.actor);
  const run = claimedRunFromRow(yield* q.leaseJob(id, t, lease.owner, t + lease.durationMs, t, 'manual'));
  // A run someone asked for: it starts as their act (the run itself then executes as SCHEDULER).
  ev.started(run, ev.actor);
  return run;
}
