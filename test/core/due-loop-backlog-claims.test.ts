/**
 * On an asynchronous store the due loop keeps several backlog claims in flight (BacklogClaims),
 * and the lanes keep their promise: the on-time lane is claimed by one claim at a time, which
 * alone moves the horizon; the backlog claims take only jobs due at or before it. So a job
 * coming due during a burst is claimed on time, ahead of the backlog, and every job is claimed once.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock, flushMicrotasks } from '../../src/clock.js';
import { DueLoop } from '../../src/core/due-loop.js';
import type { Job } from '../../src/core/job.js';
import type { ClaimLanes, InstantClaim, JobStore } from '../../src/core/ports/job-store.js';

const T0 = new Date('2026-11-22T10:00:00Z').getTime();

interface Claim {
  lanes: ClaimLanes;
  /** Due times (ms after T0) of the jobs it took. */
  took: number[];
  /** Claims in flight when it started, itself included. */
  inFlight: number;
  /** On-time claims (freshLimit > 0) in flight when it started, itself included. */
  onTimeInFlight: number;
}

/**
 * An asynchronous store of jobs due at the given times (ms after T0), claimed the way the
 * store claims lanes: jobs due after `freshAfter` first (up to freshLimit), then those due by
 * it, oldest first; a claim holds its jobs from its start (as FOR UPDATE SKIP LOCKED does),
 * answers after a few event-loop turns (the server's time) and settles them all.
 */
function fakeStore(dueMs: number[], instant = true) {
  const waiting = dueMs.map((ms, i) => ({ id: `job-${i}`, due: T0 + ms })).sort((a, b) => a.due - b.due);
  const claims: Claim[] = [];
  let inFlight = 0;
  let onTimeInFlight = 0;
  const take = (from: (j: { due: number }) => boolean, most: number): typeof waiting => {
    const got: typeof waiting = [];
    for (let i = 0; i < waiting.length && got.length < most; ) {
      if (from(waiting[i]!)) got.push(...waiting.splice(i, 1));
      else i++;
    }
    return got;
  };
  const store: Pick<JobStore, 'claimDue' | 'dueTimes' | 'claimDueSettlingInstant'> = {
    dueTimes: (after) => {
      const due = waiting[0] ? new Date(waiting[0].due) : undefined;
      const fresh = waiting.find((j) => j.due > after.getTime());
      return { ...(due ? { due } : {}), ...(fresh ? { dueAfter: new Date(fresh.due) } : {}) };
    },
    claimDue: () => [],
    claimDueSettlingInstant: async (now, limit, lease, lanes) => {
      const t = now.getTime();
      const onTime = lanes && lanes.freshLimit > 0;
      inFlight++;
      if (onTime) onTimeInFlight++;
      const after = lanes?.freshAfter.getTime() ?? Number.NEGATIVE_INFINITY;
      const fresh = lanes ? take((j) => j.due > after && j.due <= t, Math.min(limit, lanes.freshLimit)) : [];
      const old = take((j) => j.due <= Math.min(after, t), Math.min(limit - fresh.length, lanes?.backlogLimit ?? limit));
      const got = [...fresh, ...old];
      claims.push({ lanes: lanes!, took: got.map((j) => j.due - T0), inFlight, onTimeInFlight });
      await flushMicrotasks(3);
      inFlight--;
      if (onTime) onTimeInFlight--;
      return got.map(
        (j): InstantClaim => ({
          run: {
            runId: `run-${j.id}`,
            job: { id: j.id } as Job,
            scheduledFor: new Date(j.due),
            claimedAt: now,
            leaseOwner: lease.owner,
            leaseExpiresAt: now,
            trigger: 'schedule',
            attempt: 1,
          },
          ...(instant ? { settled: true } : {}),
        }),
      );
    },
  };
  return {
    store,
    claims,
    left: () => waiting.length,
    /** A job due at `ms` after T0, as another process adds it (the loop hears of it later). */
    add: (ms: number) => {
      waiting.push({ id: `job-${dueMs.length}`, due: T0 + ms });
      waiting.sort((a, b) => a.due - b.due);
    },
  };
}

function dueLoop(
  store: ReturnType<typeof fakeStore>['store'],
  clock: ManualClock,
  claimsInFlight: number,
  fired: string[],
  pool: { maxConcurrent: number; claimBatchSize: number; runningCount: () => number; launch: () => Promise<unknown> } = {
    maxConcurrent: 1000,
    claimBatchSize: 100,
    runningCount: () => 0,
    launch: async () => undefined,
  },
  stopwatch?: () => number,
) {
  return new DueLoop({
    store,
    clock,
    logger: pino({ level: 'silent' }),
    lease: { owner: 'test', durationMs: 60_000 },
    ...pool,
    instant: { decide: () => undefined, report: (runs) => fired.push(...runs.map((r) => r.run.job.id)), discard: () => undefined },
    claimsInFlight,
    ...(stopwatch ? { stopwatch } : {}),
  });
}

describe('due loop: backlog claims in flight together on an asynchronous store', () => {
  it('a job due during a 3,000-job burst is claimed on time, by the one on-time claim, ahead of the backlog', async () => {
    // 3,000 jobs missed a minute ago.
    const { store, claims, left, add } = fakeStore(Array.from({ length: 3000 }, (_, i) => -60_000 + i));
    const clock = new ManualClock(new Date(T0));
    const fired: string[] = [];
    const loop = dueLoop(store, clock, 3, fired);
    loop.start();
    // The burst is under way, the loop itself asleep (nothing on time to claim).
    for (let i = 0; i < 30 && (fired.length < 300 || clock.pendingSleepers === 0); i++) await flushMicrotasks(1);
    expect(clock.pendingSleepers).toBe(1);
    expect(left()).toBeGreaterThan(1000);
    // Another process adds a job due in 5 s; the loop hears of it only after it came due, while
    // backlog claims went on meanwhile. Claiming at or before the horizon, they must not move
    // it past the job, which would make the job backlog, claimed after all the rest.
    add(5_000);
    await clock.advance(5_000);
    await flushMicrotasks(10);
    loop.wake();
    for (let i = 0; i < 60 && !fired.includes('job-3000'); i++) await flushMicrotasks(1);
    expect(fired).toContain('job-3000');
    expect(left()).toBeGreaterThan(0); // claimed before the backlog was done
    for (let i = 0; i < 2000 && left() > 0; i++) await flushMicrotasks(1);
    await loop.stop();

    // Three backlog claims were in flight at once (and beside them, at times, the on-time
    // lane's claim), and every job was claimed once.
    expect(Math.max(...claims.map((c) => c.inFlight - c.onTimeInFlight))).toBe(3);
    expect(fired).toHaveLength(3001);
    expect(new Set(fired).size).toBe(3001);
    // The on-time job went to a claim of the on-time lane; the lane had one claim at a time,
    // and the claims beside it were the backlog's only: none took a job due after its horizon.
    const onTimeClaim = claims.find((c) => c.took.includes(5_000))!;
    expect(onTimeClaim.lanes.freshLimit).toBeGreaterThan(0);
    expect(onTimeClaim.lanes.freshAfter.getTime()).toBeLessThan(T0 + 5_000);
    expect(Math.max(...claims.map((c) => c.onTimeInFlight))).toBe(1);
    for (const c of claims.filter((c) => c.lanes.freshLimit === 0)) {
      expect(c.took.every((ms) => T0 + ms <= c.lanes.freshAfter.getTime())).toBe(true);
    }
  });

  it('claims in flight never start more runs than the pool has slots, and wait while it is full', async () => {
    // 10 slots (1 kept for on-time jobs): claims of 4 while two are in flight. Runs take two
    // event-loop turns, and each that ends wakes the loop, as the pool does.
    const { store, left } = fakeStore(
      Array.from({ length: 200 }, (_, i) => -60_000 + i),
      false,
    );
    const clock = new ManualClock(new Date(T0));
    let running = 0;
    let most = 0;
    let ran = 0;
    const loop: DueLoop = dueLoop(store, clock, 2, [], {
      maxConcurrent: 10,
      claimBatchSize: 10,
      runningCount: () => running,
      launch: async () => {
        most = Math.max(most, ++running);
        await flushMicrotasks(2);
        running--;
        ran++;
        loop.wake();
      },
    });
    loop.start();
    for (let i = 0; i < 3000 && ran < 200; i++) await flushMicrotasks(1);
    await loop.stop();
    expect(left()).toBe(0);
    expect(ran).toBe(200);
    expect(most).toBeLessThanOrEqual(9);
  });

  it('claims one at a time when claimsInFlight is 1 (the default)', async () => {
    const { store, claims, left } = fakeStore(Array.from({ length: 1000 }, (_, i) => -60_000 + i));
    const clock = new ManualClock(new Date(T0));
    const fired: string[] = [];
    const loop = dueLoop(store, clock, 1, fired);
    loop.start();
    for (let i = 0; i < 500 && left() > 0; i++) await flushMicrotasks(1);
    await loop.stop();
    expect(fired).toHaveLength(1000);
    expect(Math.max(...claims.map((c) => c.inFlight))).toBe(1);
  });

  it('keeps one backlog claim in flight, in full batches, while another process writes; three again a second after', async () => {
    const { store, claims, left } = fakeStore(Array.from({ length: 6000 }, (_, i) => -60_000 + i));
    const clock = new ManualClock(new Date(T0));
    const fired: string[] = [];
    let ms = 0;
    const pool = { maxConcurrent: 1000, claimBatchSize: 500, runningCount: () => 0, launch: async () => undefined };
    const loop = dueLoop(store, clock, 3, fired, pool, () => ms);
    // Another scheduler on the schema commits its claims (its change notifications).
    loop.othersWrote();
    loop.start();
    for (let i = 0; i < 200 && left() > 3000; i++) await flushMicrotasks(1);
    const shared = claims.filter((c) => c.lanes.freshLimit === 0);
    expect(shared.length).toBeGreaterThan(3);
    // One backlog claim at a time, each as big as a claim may be (900 main slots, batches of 500).
    expect(Math.max(...shared.map((c) => c.inFlight - c.onTimeInFlight))).toBe(1);
    expect(shared.every((c) => c.lanes.backlogLimit === 500)).toBe(true);

    // The other process has been quiet for a second: three claims, each a third of the slots.
    ms += 1000;
    const from = claims.length;
    for (let i = 0; i < 2000 && left() > 0; i++) await flushMicrotasks(1);
    await loop.stop();
    const alone = claims.slice(from).filter((c) => c.lanes.freshLimit === 0);
    expect(Math.max(...alone.map((c) => c.inFlight - c.onTimeInFlight))).toBe(3);
    expect(alone.every((c) => c.lanes.backlogLimit === 300)).toBe(true);
    expect(fired).toHaveLength(6000);
    expect(new Set(fired).size).toBe(6000);
  });
});
