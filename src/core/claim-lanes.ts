/**
 * How much the due loop claims in one round, and from which lane (pure; see DueLoop).
 *
 * The pool's slots are split in two: the main part, for every claim, and a reserve (a tenth
 * of the pool) that only on-time jobs may take, and only once the main part is full. So
 * however long a backlog's runs take, a job coming due meanwhile finds a slot.
 */

/** What the loop knows when it decides. */
export interface LaneState {
  maxConcurrent: number;
  claimBatchSize: number;
  /** Slots only on-time jobs may take (see reserveSize). */
  reserve: number;
  /** Runs in progress, all of them. */
  running: number;
  /** Of those, the ones started in reserve slots. */
  reserveRunning: number;
  /** A job came due since the last claim. */
  onTimeDue: boolean;
  /** Jobs due at or before the last claim are still unclaimed. */
  backlog: boolean;
  /** A lease ran out: its run is taken over first by any claim. */
  leaseDue: boolean;
}

/** One claim: at most `limit` jobs, of them at most `freshLimit` on time and `backlogLimit` overdue. */
export interface ClaimPlan {
  limit: number;
  freshLimit: number;
  backlogLimit: number;
  /** The runs take reserve slots. */
  reserve: boolean;
}

const NOTHING: ClaimPlan = { limit: 0, freshLimit: 0, backlogLimit: 0, reserve: false };

/** A tenth of the pool; none below 10 slots, where one lane is all there is. */
export const reserveSize = (maxConcurrent: number): number => Math.floor(maxConcurrent / 10);

/**
 * The claim to make now (limit 0: none). The backlog is claimed in batches worth a store round
 * trip (half the main part, or any room when nothing runs); while it claims, on-time jobs take
 * at most half of the claim, so a stream of them cannot starve it. On-time jobs beyond that
 * stay unclaimed and join the backlog at the next claim, whose instant passes them.
 */
export function planClaim(s: LaneState): ClaimPlan {
  const mainSize = s.maxConcurrent - s.reserve;
  const mainRunning = Math.max(0, s.running - s.reserveRunning);
  const mainFree = Math.max(0, mainSize - mainRunning);
  if (mainFree === 0) {
    const room = Math.min(s.claimBatchSize, Math.max(0, s.reserve - s.reserveRunning));
    return s.onTimeDue && room > 0 ? { limit: room, freshLimit: room, backlogLimit: 0, reserve: true } : NOTHING;
  }
  const limit = Math.min(s.claimBatchSize, mainFree);
  const worth = s.running === 0 || mainFree >= Math.min(s.claimBatchSize, Math.ceil(mainSize / 2));
  const backlogLimit = s.backlog && worth ? limit : 0;
  const freshLimit = !s.onTimeDue ? 0 : backlogLimit > 0 ? Math.ceil(limit / 2) : limit;
  // Expired leases are taken over first, within the limit.
  const total = s.leaseDue ? limit : Math.min(limit, freshLimit + backlogLimit);
  return total > 0 ? { limit: total, freshLimit, backlogLimit, reserve: false } : NOTHING;
}
