/**
 * On a synchronous store (SQLite) a claim with instant runs holds the event loop for its whole
 * transaction, so the due loop sizes those claims by the time a run took before: a timer due
 * meanwhile waits about the budget, not a whole 500-run batch. An asynchronous store's
 * transaction does not hold the loop, and its claims keep the full batch.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock, flushMicrotasks } from '../../src/clock.js';
import { DueLoop } from '../../src/core/due-loop.js';
import type { Job } from '../../src/core/job.js';
import type { InstantClaim, JobStore } from '../../src/core/ports/job-store.js';
import type { ClaimedRun } from '../../src/core/run.js';

const MS_PER_RUN = 0.25;

function claimedRun(i: number, at: Date): ClaimedRun {
  return {
    runId: `run-${i}`,
    job: { id: `job-${i}` } as Job,
    scheduledFor: at,
    claimedAt: at,
    leaseOwner: 'test',
    leaseExpiresAt: at,
    trigger: 'schedule',
    attempt: 1,
  };
}

/**
 * A store with `backlog` overdue reminders whose claims take MS_PER_RUN per run on the loop's
 * stopwatch (moved by the claim, so a loaded machine cannot stretch it); with `nextDueInMs`,
 * another job always comes due that long after the time asked about.
 */
function fakeStore(backlog: number, async: boolean, nextDueInMs?: number) {
  let left = backlog;
  let elapsedMs = 0;
  const limits: number[] = [];
  const due = new Date('2026-11-22T09:00:00Z');
  const claim = (limit: number): InstantClaim[] => {
    limits.push(limit);
    const n = Math.min(limit, left);
    left -= n;
    elapsedMs += n * MS_PER_RUN; // the transaction's work
    return Array.from({ length: n }, (_, i) => ({ run: claimedRun(left + i, due), settled: true }));
  };
  const store: Pick<JobStore, 'claimDue' | 'dueTimes' | 'claimDueSettlingInstant'> = {
    dueTimes: (after) => ({
      ...(left > 0 ? { due } : {}),
      ...(nextDueInMs !== undefined ? { dueAfter: new Date(after.getTime() + nextDueInMs) } : {}),
    }),
    claimDue: () => [],
    claimDueSettlingInstant: (_now, limit) => (async ? Promise.resolve(claim(limit)) : claim(limit)),
  };
  return { store, limits, stopwatch: () => elapsedMs };
}

async function claimLimits(opts: { async: boolean; budgetMs?: number; nextDueInMs?: number }): Promise<number[]> {
  const { store, limits, stopwatch } = fakeStore(3000, opts.async, opts.nextDueInMs);
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  let reported = 0;
  const loop = new DueLoop({
    store,
    clock,
    logger: pino({ level: 'silent' }),
    lease: { owner: 'test', durationMs: 60_000 },
    maxConcurrent: 1000,
    claimBatchSize: 500,
    runningCount: () => 0,
    launch: async () => undefined,
    stopwatch,
    instant: {
      decide: () => undefined,
      report: (fired) => {
        reported += fired.length;
      },
      discard: () => undefined,
    },
    ...(opts.budgetMs !== undefined ? { instantBudgetMs: opts.budgetMs } : {}),
  });
  loop.start();
  for (let i = 0; i < 400 && reported < 3000; i++) await flushMicrotasks(1);
  await loop.stop();
  expect(reported).toBe(3000);
  return limits;
}

describe('claims with instant runs are sized to the event-loop budget', () => {
  it('on a synchronous store: 32 first, then about budget / time per run', async () => {
    const limits = await claimLimits({ async: false, budgetMs: 5 });
    expect(limits[0]).toBe(32);
    // 5 ms at 0.25 ms a run: 20.
    expect(limits.slice(1, -1).every((l) => l === 20)).toBe(true);
  });

  it('a job coming due sooner than the budget shrinks the claims to end before it', async () => {
    // 11 ms to the next job: 10 ms of room, 40 runs; 3 ms: the smallest claim, 8.
    expect((await claimLimits({ async: false, budgetMs: 25, nextDueInMs: 11 })).slice(1, -1).every((l) => l === 40)).toBe(true);
    expect((await claimLimits({ async: false, budgetMs: 25, nextDueInMs: 3 })).slice(1, -1).every((l) => l === 8)).toBe(true);
    // Nothing coming: the whole budget, 100 runs.
    expect((await claimLimits({ async: false, budgetMs: 25 })).slice(1, -1).every((l) => l === 100)).toBe(true);
  });

  it('without a budget, and on an asynchronous store, claims take the full batch', async () => {
    expect((await claimLimits({ async: false })).slice(0, -1).every((l) => l === 500)).toBe(true);
    const asyncLimits = await claimLimits({ async: true, budgetMs: 5 });
    expect(asyncLimits[0]).toBe(32);
    expect(asyncLimits.slice(1, -1).every((l) => l === 500)).toBe(true);
  });
});
