/**
 * The wall clock stepped while Chime runs (NTP correcting a drifted clock, a VM resumed, an
 * operator fixing the date): a step back never fires an occurrence again, a step forward
 * fires what it passed the way downtime does (README "After downtime": missed runs of a
 * repeating job coalesce into one, one-offs run once, late), and a run in flight when the
 * clock leaps past its lease is not run a second time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/core/executor.js';
import { reminderExecutor } from '../../src/core/executors/reminder.js';
import { makeHarness } from './scheduler-harness.js';

type Harness = ReturnType<typeof makeHarness>;
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const texts = async (jobId?: string) => (await h.store.jobs.listOutbox(jobId ? { jobId } : {})).map((o) => o.text);

describe('wall clock stepped while running', () => {
  it('a step back of minutes does not fire the minutes already fired again; the schedule resumes at its next minute', async () => {
    h = makeHarness();
    await h.scheduler.start();
    // Every minute (UTC cron); 10:01 … 10:05 fire on the real timeline.
    const job = await h.scheduler.createJob(h.reminder('tick', { kind: 'cron', pattern: '* * * * *' }, { timeZone: 'UTC' }));
    for (let i = 0; i < 5; i++) await h.advance(60_000);
    expect(await texts(job.id)).toHaveLength(5);

    // The clock steps back 3 minutes (10:05:00 → 10:02:00) and time goes on from there.
    await h.clock.set('2026-11-22T10:02:00Z', true);
    await h.settle();
    for (let i = 0; i < 6; i++) await h.advance(30_000); // back to 10:05:00
    expect(await texts(job.id), '10:03, 10:04 and 10:05 already fired').toHaveLength(5);
    await h.advance(60_000); // 10:06
    expect(await texts(job.id)).toHaveLength(6);
    const runs = await h.store.jobs.listRuns({ jobId: job.id, limit: 100 });
    expect(runs.filter((r) => r.status === 'success')).toHaveLength(6);
  });

  it('a one-off that fired is not fired again when the clock steps back before its time', async () => {
    h = makeHarness();
    await h.scheduler.start();
    const job = await h.scheduler.createJob(h.reminder('once', { kind: 'once', at: new Date('2026-11-22T10:02:00Z') }));
    await h.advance(3 * 60_000);
    expect(await texts(job.id)).toEqual(['once']);
    await h.clock.set('2026-11-22T10:00:30Z', true);
    await h.settle();
    for (let i = 0; i < 8; i++) await h.advance(30_000);
    expect(await texts(job.id)).toEqual(['once']);
  });

  it('a step forward of three hours fires an every-minute job once (coalesced), then keeps its minutes', async () => {
    h = makeHarness();
    await h.scheduler.start();
    const job = await h.scheduler.createJob(h.reminder('tick', { kind: 'cron', pattern: '* * * * *' }, { timeZone: 'UTC' }));
    await h.advance(60_000); // 10:01 fires
    expect(await texts(job.id)).toHaveLength(1);
    // 180 minutes pass at once; the latest (13:01) is 30 s ago, within the grace window.
    await h.clock.jump('2026-11-22T13:01:30Z');
    await h.settle();
    expect(await texts(job.id), 'one run for the minutes the step passed, not 180').toHaveLength(2);
    expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-22T13:02:00.000Z');
    await h.advance(30_000);
    expect(await texts(job.id)).toHaveLength(3);
  });

  it('a step forward past several one-offs runs each once, marked late', async () => {
    h = makeHarness();
    await h.scheduler.start();
    const ids: string[] = [];
    for (const at of ['10:10', '10:20', '10:30']) {
      const job = await h.scheduler.createJob(h.reminder(`at ${at}`, { kind: 'once', at: new Date(`2026-11-22T${at}:00Z`) }));
      ids.push(job.id);
    }
    await h.clock.jump('2026-11-22T12:00:00Z');
    await h.settle();
    await h.advance(1000);
    for (const id of ids) {
      const runs = await h.store.jobs.listRuns({ jobId: id });
      expect(runs.map((r) => r.status)).toEqual(['success']);
      expect(runs[0]!.lateMs).toBeGreaterThan(80 * 60_000);
      expect(await texts(id)).toHaveLength(1);
    }
  });

  it('a run in flight when the clock leaps past its lease is not run a second time', async () => {
    // A reminder whose run waits until the test lets it go: in flight across the step.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    const slow: Executor = {
      kind: 'reminder',
      parsePayload: reminderExecutor.parsePayload,
      async run(job, ctx) {
        started++;
        await gate;
        return (reminderExecutor as Executor).run(job, ctx);
      },
    };
    h = makeHarness({ executors: [slow], instant: false, options: { leaseMs: 60_000 } });
    await h.scheduler.start();
    const job = await h.scheduler.createJob(h.reminder('in flight', { kind: 'once', at: new Date('2026-11-22T10:01:00Z') }));
    await h.advance(60_000);
    expect(started).toBe(1);
    // Two hours pass at once: the lease written at 10:01 has long expired by the clock.
    await h.clock.jump('2026-11-22T10:21:00Z');
    await h.settle();
    await h.advance(30_000);
    await h.advance(30_000);
    release();
    await h.settle();
    await h.advance(1000);
    expect(started, 'the run was started once').toBe(1);
    expect(await texts(job.id)).toEqual(['in flight']);
    const runs = await h.store.jobs.listRuns({ jobId: job.id });
    expect(runs.map((r) => r.status)).toEqual(['success']);
  });
});

describe('wall clock leaping hours past a run in flight', () => {
  it('its reminder is delivered once, and the job has one successful run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Executor = {
      kind: 'reminder',
      parsePayload: reminderExecutor.parsePayload,
      async run(job, ctx) {
        await gate;
        return (reminderExecutor as Executor).run(job, ctx);
      },
    };
    h = makeHarness({ executors: [slow], instant: false });
    await h.scheduler.start();
    const job = await h.scheduler.createJob(h.reminder('in flight', { kind: 'once', at: new Date('2026-11-22T10:01:00Z') }));
    await h.advance(60_000);
    // Two hours at once: past the lease and past the task timeout (1 h) by the clock.
    await h.clock.jump('2026-11-22T12:01:00Z');
    await h.settle();
    for (let i = 0; i < 4; i++) await h.advance(30_000);
    release();
    await h.settle();
    await h.advance(1000);
    expect(await texts(job.id)).toEqual(['in flight']);
    const runs = await h.store.jobs.listRuns({ jobId: job.id });
    expect(runs.filter((r) => r.status === 'success')).toHaveLength(1);
    expect((await h.scheduler.getJob(job.id))?.status).toBe('completed');
  });
});
