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
