import { describe, expect, it } from 'vitest';
import { type LaneState, planClaim, reserveSize } from '../../src/core/claim-lanes.js';

const idle: LaneState = {
  maxConcurrent: 100,
  claimBatchSize: 500,
  reserve: reserveSize(100),
  running: 0,
  reserveRunning: 0,
  onTimeDue: false,
  backlog: false,
  leaseDue: false,
};

describe('claim lanes', () => {
  it('a tenth of the pool is kept for on-time jobs; below 10 slots there is one lane', () => {
    expect(reserveSize(100)).toBe(10);
    expect(reserveSize(9)).toBe(0);
  });

  it('nothing due: no claim', () => {
    expect(planClaim(idle).limit).toBe(0);
  });

  it('a backlog takes the main part of the pool, never the reserve', () => {
    expect(planClaim({ ...idle, backlog: true })).toEqual({ limit: 90, freshLimit: 0, backlogLimit: 90, reserve: false });
  });

  it('the backlog is claimed in batches worth a round trip: half the main part free, or nothing running', () => {
    expect(planClaim({ ...idle, backlog: true, running: 50 }).limit).toBe(0);
    expect(planClaim({ ...idle, backlog: true, running: 45 }).backlogLimit).toBe(45);
    expect(planClaim({ ...idle, maxConcurrent: 1, reserve: 0, backlog: true }).limit).toBe(1);
  });

  it('on-time jobs are claimed the moment they are due, into the reserve once the main part is full', () => {
    expect(planClaim({ ...idle, onTimeDue: true, backlog: true, running: 89 })).toMatchObject({ limit: 1, freshLimit: 1, reserve: false });
    expect(planClaim({ ...idle, onTimeDue: true, backlog: true, running: 90 })).toEqual({
      limit: 10,
      freshLimit: 10,
      backlogLimit: 0,
      reserve: true,
    });
    expect(planClaim({ ...idle, onTimeDue: true, backlog: true, running: 97, reserveRunning: 7 }).limit).toBe(3);
    expect(planClaim({ ...idle, onTimeDue: true, running: 100, reserveRunning: 10 }).limit).toBe(0);
  });

  it('while the backlog claims too, on-time jobs take at most half the claim (no starvation)', () => {
    expect(planClaim({ ...idle, onTimeDue: true, backlog: true })).toEqual({ limit: 90, freshLimit: 45, backlogLimit: 90, reserve: false });
  });

  it('an expired lease is taken over within the free main slots even with nothing else due', () => {
    expect(planClaim({ ...idle, leaseDue: true, running: 80 })).toMatchObject({ limit: 10, freshLimit: 0, backlogLimit: 0 });
  });
});
