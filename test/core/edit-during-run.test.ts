import { afterEach, describe, expect, it } from 'vitest';
import { gatedExecutor as gated, makeHarness } from './scheduler-harness.js';

/**
 * A run settles with the next time of the schedule it was claimed with. A schedule changed
 * while it ran would be overwritten by that time: once, the job fired at the old time under
 * the new schedule ("every day at 10" firing at 9). Such an edit is refused until the run ends.
 */

type Harness = ReturnType<typeof makeHarness>;
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

describe('a schedule edit while the job runs', () => {
  for (const trigger of ['manual', 'schedule'] as const) {
    it(`during a ${trigger} run is refused and changes nothing; after it, the new schedule is the one the job fires by`, async () => {
      const g = gated();
      const h = makeHarness({ executors: [g.executor], start: '2026-11-22T07:59:00Z' });
      harnesses.push(h);
      await h.scheduler.start();
      // Every day at 09:00 Berlin (08:00Z).
      const job = await h.scheduler.createJob({ ...h.reminder('x', { kind: 'cron', pattern: '0 9 * * *' }), kind: 'slow', payload: {} });
      if (trigger === 'manual') void h.scheduler.runNow(job.id);
      else await h.advance(60_000);
      await h.settle();
      expect(await h.store.jobs.listRuns({ jobId: job.id, status: 'running' })).toHaveLength(1);

      const tenOClock = { schedule: { kind: 'cron' as const, pattern: '0 10 * * *' } };
      await expect(h.scheduler.updateJob(job.id, tenOClock)).rejects.toThrow(
        /is running right now; change its schedule when this run has finished/,
      );
      expect((await h.scheduler.getJob(job.id))?.schedule).toEqual({ kind: 'cron', pattern: '0 9 * * *' });
      // A change that is not the timing is not refused.
      expect((await h.scheduler.updateJob(job.id, { name: 'renamed' })).name).toBe('renamed');

      g.finish();
      await h.settle();
      const edited = await h.scheduler.updateJob(job.id, tenOClock);
      // 10:00 Berlin today (09:00Z): before, the edit was taken during the run and the settle put
      // back 09:00 (a manual run's kept time, or tomorrow's 09:00 after a scheduled one).
      expect(edited.nextRunAt?.toISOString()).toBe('2026-11-22T09:00:00.000Z');
    });
  }
});
