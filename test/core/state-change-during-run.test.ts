import { afterEach, describe, expect, it } from 'vitest';
import { gatedExecutor as gated, makeHarness } from './scheduler-harness.js';

/**
 * A run settles with the job's next state computed from what its claim read. A person who
 * snoozed, resumed or un-cancelled the job while it ran (a prompt or command job takes a while)
 * had that change overwritten: a one-off snoozed during its run ended completed and never came
 * at the snooze time. The settle keeps where the person put the job; the run itself is still
 * recorded (history, run count, its message).
 */

type Harness = ReturnType<typeof makeHarness>;
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function running(schedule: Parameters<ReturnType<typeof makeHarness>['reminder']>[1]) {
  const g = gated();
  const h = makeHarness({ executors: [g.executor], start: '2026-11-22T07:59:00Z' });
  harnesses.push(h);
  await h.scheduler.start();
  const job = await h.scheduler.createJob({ ...h.reminder('x', schedule), kind: 'slow', payload: {} });
  await h.advance(60_000);
  expect(await h.store.jobs.listRuns({ jobId: job.id, status: 'running' })).toHaveLength(1);
  return { h, job, finish: g.finish };
}

describe('a change of where the job stands, made while it runs', () => {
  it('a one-off snoozed during its run comes at the snooze time instead of ending completed', async () => {
    const { h, job, finish } = await running({ kind: 'once', at: new Date('2026-11-22T08:00:00Z') });
    const at = new Date('2026-11-22T08:30:00Z');
    await h.scheduler.snoozeJob(job.id, at);
    finish();
    await h.settle();
    const after = (await h.scheduler.getJob(job.id))!;
    expect(after).toMatchObject({ status: 'active', nextRunAt: at, completedAt: null, runCount: 1 });
    expect(await h.store.jobs.listRuns({ jobId: job.id, status: 'success' })).toHaveLength(1);
    // And it does come then.
    await h.advance(30 * 60_000);
    expect(await h.store.jobs.listRuns({ jobId: job.id, status: 'running' })).toHaveLength(1);
    finish();
    await h.settle();
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'completed', nextRunAt: null, runCount: 2 });
  });

  it('a series cancelled and brought back (Undo) during its run keeps the time the Undo gave it', async () => {
    // Every day at 09:00 Berlin (08:00Z).
    const { h, job, finish } = await running({ kind: 'cron', pattern: '0 9 * * *' });
    await h.scheduler.cancelJob(job.id);
    const back = new Date('2026-11-22T08:20:00Z');
    await h.scheduler.updateJob(job.id, { status: 'active', nextRunAt: back, completedAt: null });
    finish();
    await h.settle();
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'active', nextRunAt: back, runCount: 1 });
  });

  it('a paused series resumed during a Run now stays resumed (the manual run settled it paused again)', async () => {
    const g = gated();
    const h = makeHarness({ executors: [g.executor], start: '2026-11-22T07:00:00Z' });
    harnesses.push(h);
    await h.scheduler.start();
    const job = await h.scheduler.createJob({ ...h.reminder('x', { kind: 'cron', pattern: '0 9 * * *' }), kind: 'slow', payload: {} });
    await h.scheduler.pauseJob(job.id);
    void h.scheduler.runNow(job.id);
    await h.settle();
    expect(await h.store.jobs.listRuns({ jobId: job.id, status: 'running' })).toHaveLength(1);
    await h.scheduler.resumeJob(job.id);
    g.finish();
    await h.settle();
    // 09:00 Berlin today is 08:00Z.
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-22T08:00:00Z') });
  });

  it('without a change the settle moves the series on as before', async () => {
    const { h, job, finish } = await running({ kind: 'cron', pattern: '0 9 * * *' });
    await h.scheduler.updateJob(job.id, { name: 'renamed' });
    finish();
    await h.settle();
    expect(await h.scheduler.getJob(job.id)).toMatchObject({
      status: 'active',
      name: 'renamed',
      nextRunAt: new Date('2026-11-23T08:00:00Z'),
      runCount: 1,
    });
  });
});
