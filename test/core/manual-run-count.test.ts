import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness } from './scheduler-harness.js';

type Harness = ReturnType<typeof makeHarness>;
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/**
 * Run now is an extra delivery that leaves the schedule as it was. It used to count towards the
 * job's count: "3 times" plus one run now fired twice on its schedule, the third fire lost.
 */
describe('run now on a job with a count', () => {
  it('an extra run leaves the schedule as it was: every fire of "3 times" still comes', async () => {
    const h = makeHarness({ start: '2026-11-22T07:00:00Z' });
    harnesses.push(h);
    await h.scheduler.start();
    const job = await h.scheduler.createJob({ ...h.reminder('water', { kind: 'cron', pattern: '0 9 * * *' }), bounds: { maxRuns: 3 } });
    await h.scheduler.runNow(job.id, { wait: true });
    for (let day = 0; day < 4; day++) await h.advance(24 * 3600_000);
    const runs = await h.store.jobs.listRuns({ jobId: job.id, limit: 20 });
    expect(runs.filter((r) => r.trigger === 'schedule').map((r) => r.scheduledFor.toISOString())).toEqual([
      '2026-11-24T08:00:00.000Z',
      '2026-11-23T08:00:00.000Z',
      '2026-11-22T08:00:00.000Z',
    ]);
    expect(runs.filter((r) => r.trigger === 'manual')).toHaveLength(1);
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'completed', runCount: 3 });
  });
});

describe('retries on a job with a count', () => {
  it('an occurrence retried after a failure counts once: every fire of "3 times" still comes', async () => {
    let calls = 0;
    const h = makeHarness({
      start: '2026-11-22T07:00:00Z',
      commandHandler: async () => {
        calls++;
        if (calls === 1) throw new Error('flaky backend');
        return 'ok';
      },
    });
    harnesses.push(h);
    await h.scheduler.start();
    const job = await h.scheduler.createJob({
      ...h.reminder('x', { kind: 'cron', pattern: '0 9 * * *' }),
      kind: 'command',
      payload: { command: '/list' },
      bounds: { maxRuns: 3 },
    });
    for (let min = 0; min < 4 * 24 * 60; min += 10) await h.advance(10 * 60_000);
    const runs = await h.store.jobs.listRuns({ jobId: job.id, limit: 20 });
    // Before: the failed first attempt counted too, and 24 Nov never came.
    expect(new Set(runs.filter((r) => r.status === 'success').map((r) => r.scheduledFor.toISOString().slice(0, 10)))).toEqual(
      new Set(['2026-11-22', '2026-11-23', '2026-11-24']),
    );
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'completed', runCount: 3 });
  });
});
