import { describe, expect, it } from 'vitest';
import type { ClaimedRun, Settlement } from '../../src/core/run.js';
import { SettleBatcher } from '../../src/core/settle-batcher.js';
import type { JobStore } from '../../src/core/ports/job-store.js';

const run = (id: string) => ({ runId: id }) as ClaimedRun;
const settlement = {} as Settlement;

describe('settle batching', () => {
  it('settles of one event-loop turn share one settleAll call, results in order', async () => {
    const calls: string[][] = [];
    const store = {
      settleAll: (items: Array<{ run: ClaimedRun }>) => {
        calls.push(items.map((i) => i.run.runId));
        return items.map((i) => i.run.runId !== 'b');
      },
    } as unknown as JobStore;
    const b = new SettleBatcher(store);
    const now = new Date();
    const results = await Promise.all(['a', 'b', 'c'].map((id) => b.settle(run(id), settlement, now)));
    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(results).toEqual([true, false, true]);
  });

  it('one settle that throws fails only itself: the batch is retried one by one', async () => {
    const store = {
      settleAll: () => {
        throw new Error('batch failed');
      },
      settle: (r: ClaimedRun) => {
        if (r.runId === 'bad') throw new Error('bad row');
        return true;
      },
    } as unknown as JobStore;
    const b = new SettleBatcher(store);
    const now = new Date();
    const out = await Promise.allSettled(['ok1', 'bad', 'ok2'].map((id) => b.settle(run(id), settlement, now)));
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
