import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRESH_MS, freshRuns } from '../../src/dashboard/fresh.js';

const run = (runId: string) => ({ runId });

describe('which runs of a redrawn table fade in', () => {
  afterEach(() => vi.useRealTimers());

  it('nothing on the first draw; a new run stays fresh across a redraw a few ms later, until FRESH_MS after it was first drawn', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const fresh = freshRuns();
    expect(fresh([run('a')])).toBeUndefined();
    vi.advanceTimersByTime(500);
    // run.started: b appears
    expect(fresh([run('b'), run('a')])?.('b')).toBe(true);
    vi.advanceTimersByTime(5);
    // run.succeeded 5 ms later redraws the table: b must not lose its fade
    const afterSuccess = fresh([run('b'), run('a')])!;
    expect(afterSuccess('b')).toBe(true);
    expect(afterSuccess('a')).toBe(false);
    vi.advanceTimersByTime(FRESH_MS);
    expect(fresh([run('b'), run('a')])?.('b')).toBe(false);
  });
});
