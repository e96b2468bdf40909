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

  it('settles arriving during a settle transaction wait for it: never two transactions at once', async () => {
    let open = 0;
    let most = 0;
    const calls: string[][] = [];
    const store = {
      settleAll: async (items: Array<{ run: ClaimedRun }>) => {
        open++;
        most = Math.max(most, open);
        calls.push(items.map((i) => i.run.runId));
        await new Promise((r) => setTimeout(r, 5));
        open--;
        return items.map(() => true);
      },
    } as unknown as JobStore;
    const b = new SettleBatcher(store);
    const now = new Date();
    const first = b.settle(run('a'), settlement, now);
    await new Promise((r) => setImmediate(r));
    // 'a' is in flight now; these two arrive during its transaction.
    const later = [b.settle(run('b'), settlement, now), b.settle(run('c'), settlement, now)];
    expect(await Promise.all([first, ...later])).toEqual([true, true, true]);
    expect(most).toBe(1);
    expect(calls).toEqual([['a'], ['b', 'c']]);
  });
});
