import { afterEach, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/core/executor.js';
import { makeHarness } from './scheduler-harness.js';

/** A job kind whose runs take one minute of the (manual) clock each. */
const slow: Executor<unknown> = {
  kind: 'slow',
  parsePayload: (raw) => raw,
  async run(_job, ctx) {
    await ctx.clock.sleepUntil(new Date(ctx.clock.now().getTime() + 60_000), ctx.signal);
    return { status: 'done', result: 'slow done' };
  },
};

const open: Array<ReturnType<typeof makeHarness>> = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

describe('due loop lanes: timed jobs do not queue behind a backlog', () => {
  it('a reminder due while 30 overdue one-minute runs hold the pool starts on time, before the backlog is done', async () => {
    // 10 slots: 9 for any claim, 1 kept for jobs coming due on time.
    const h = makeHarness({ executors: [slow], options: { maxConcurrent: 10, claimBatchSize: 10 } });
    open.push(h);
    const started = new Map<string, Date[]>();
    h.scheduler.on('task-event', (e) => {
      if (e.type === 'executed') started.set(e.job.kind, [...(started.get(e.job.kind) ?? []), h.clock.now()]);
    });
    const missed = new Date(h.clock.now().getTime() - 60_000);
    for (let i = 0; i < 30; i++)
      await h.scheduler.createJob({ ...h.reminder(`slow ${i}`, { kind: 'once', at: missed }), kind: 'slow', payload: {} });
    const dueAt = new Date(h.clock.now().getTime() + 10_000);
    await h.scheduler.createJob(h.reminder('on time', { kind: 'once', at: dueAt }));
    await h.scheduler.start();
    await h.settle();
    expect(started.get('slow')).toHaveLength(9); // the backlog leaves the reserve slot free

    await h.advance(10_000);
    expect(started.get('reminder')).toEqual([dueAt]);
    const [run] = await h.store.jobs.listRuns({ status: 'success', limit: 5 });
    expect(run).toMatchObject({ scheduledFor: dueAt, startedAt: dueAt, lateMs: 0 });
    expect(started.get('slow')).toHaveLength(9); // the backlog still waits for its slots

    // The backlog then runs in full.
    for (let i = 0; i < 10 && h.scheduler.runningCount > 0; i++) await h.advance(60_000);
    expect(started.get('slow')).toHaveLength(30);
    expect(h.scheduler.runningCount).toBe(0);
  });

  it('on-time jobs the reserve could not take stay ahead of the backlog', async () => {
    const h = makeHarness({ executors: [slow], options: { maxConcurrent: 10, claimBatchSize: 10 } });
    open.push(h);
    const started: Array<{ name: string; at: number }> = [];
    const t0 = h.clock.now().getTime();
    h.scheduler.on('task-event', (e) => {
      if (e.type === 'executed') started.push({ name: e.job.name, at: h.clock.now().getTime() - t0 });
    });
    const job = (name: string, at: number) =>
      h.scheduler.createJob({ ...h.reminder(name, { kind: 'once', at: new Date(t0 + at) }, { name }), kind: 'slow', payload: {} });
    for (let i = 0; i < 30; i++) await job(`backlog ${i}`, -60_000);
    // Three timed jobs due 1 ms apart while the backlog holds the main slots: the one reserve
    // slot takes the first; the other two must not fall behind the 21 backlog jobs still waiting.
    for (const [i, at] of [10_000, 10_001, 10_002].entries()) await job(`timed ${i}`, at);
    await h.scheduler.start();
    await h.settle();
    // One round sees all three due (as after a stall of the event loop).
    await h.clock.jump(t0 + 10_002);
    await h.settle();
    expect(started.filter((s) => s.name.startsWith('timed'))).toEqual([{ name: 'timed 0', at: 10_002 }]);
    await h.advance(60_000 - 10_002); // the backlog's first nine end
    const timedStarts = started.filter((s) => s.name.startsWith('timed')).map((s) => s.at);
    expect(timedStarts).toEqual([10_002, 60_000, 60_000]);
    expect(started.filter((s) => s.name.startsWith('backlog')).length).toBeLessThan(30);
    for (let i = 0; i < 10 && h.scheduler.runningCount > 0; i++) await h.advance(60_000);
    expect(started).toHaveLength(33);
  });
});
