import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src/core/job.js';
import { makeHarness } from './scheduler-harness.js';

type Harness = ReturnType<typeof makeHarness>;
let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('scheduler loop', () => {
  it('a one-off fires at its time and writes one outbox message to the origin chat and thread', async () => {
    h = makeHarness();
    await h.scheduler.start();
    const job = await h.scheduler.createJob(h.reminder('stretch', { kind: 'once', at: new Date('2026-11-22T10:02:00Z') }));
    await h.advance(60_000);
    expect(await h.store.jobs.listOutbox()).toHaveLength(0);
    await h.advance(60_000);
    const out = await h.store.jobs.listOutbox();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ text: 'stretch', to: { platform: 'telegram', chatId: '10018049', threadId: '5', replyTo: '99' } });
    expect((await h.scheduler.getJob(job.id))?.status).toBe('completed');
  });

  it('one timer: a job 40 days ahead (beyond setTimeout 24.8-day limit) fires on time, never early', async () => {
    h = makeHarness();
    await h.scheduler.start();
    await h.scheduler.createJob(h.reminder('far', { kind: 'once', at: new Date('2027-01-01T10:00:00Z') }));
    await h.clock.jump(new Date('2027-01-01T09:59:59Z'));
    await h.settle();
    expect(await h.store.jobs.listRuns()).toHaveLength(0);
    expect(h.clock.pendingSleepers).toBeLessThanOrEqual(2);
    await h.advance(1000);
    const runs = await h.store.jobs.listRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.lateMs).toBeLessThan(30_000);
  });

  it('interval jobs stay on their grid (no drift) and recurring jobs coalesce missed runs into one', async () => {
    h = makeHarness();
    const job = await h.scheduler.createJob(
      h.reminder('tick', { kind: 'interval', everyMs: 60_000, anchor: new Date('2026-11-22T10:00:00Z') }),
    );
    expect(job.nextRunAt?.toISOString()).toBe('2026-11-22T10:01:00.000Z');
    // Down for 10 minutes: on start, one run for the missed ones, then back on the grid.
    await h.clock.advance(10 * 60_000 + 5_000);
    await h.scheduler.start();
    await h.settle();
    expect(await h.store.jobs.listRuns({ jobId: job.id })).toHaveLength(1);
    expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-22T10:11:00.000Z');
    await h.advance(55_000);
    expect(await h.store.jobs.listRuns({ jobId: job.id })).toHaveLength(2);
  });

  it('a missed one-off runs once on start, marked late by how much', async () => {
    h = makeHarness();
    await h.scheduler.createJob(h.reminder('late one', { kind: 'once', at: new Date('2026-11-22T10:05:00Z') }));
    await h.clock.advance(3 * 3_600_000);
    await h.scheduler.start();
    await h.settle();
    const runs = await h.store.jobs.listRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.lateMs).toBe(3 * 3_600_000 - 5 * 60_000);
    expect(runs[0]!.status).toBe('success');
  });

  it('after downtime longer than the grace window, an every-minute job runs once (its latest minute), then keeps its schedule', async () => {
    h = makeHarness({ options: { misfireGraceMs: 60 * 60_000 } });
    const job = await h.scheduler.createJob(h.reminder('tick', { kind: 'cron', pattern: '* * * * *' }));
    expect(job.nextRunAt?.toISOString()).toBe('2026-11-22T10:01:00.000Z');
    // Down from 10:00 to 12:00:30: 120 occurrences missed, the oldest 2 h ago, the latest 30 s ago.
    await h.clock.jump('2026-11-22T12:00:30Z');
    await h.scheduler.start();
    await h.settle();
    const runs = await h.store.jobs.listRuns({ jobId: job.id });
    expect(runs.map((r) => r.status)).toEqual(['success']);
    const out = await h.store.jobs.listOutbox({ jobId: job.id });
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toBe('tick');
    expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-22T12:01:00.000Z');
    await h.advance(30_000);
    await h.advance(60_000);
    expect((await h.store.jobs.listRuns({ jobId: job.id })).map((r) => r.status)).toEqual(['success', 'success', 'success']);
    expect(await h.store.jobs.listOutbox({ jobId: job.id })).toHaveLength(3);
  });

  it('a one-off time in a mixed schedule missed by more than the grace window still runs, late', async () => {
    h = makeHarness({ options: { misfireGraceMs: 60 * 60_000 } });
    const job = await h.scheduler.createJob(
      h.reminder('mixed', {
        kind: 'multi',
        triggers: [
          { kind: 'cron', pattern: '0 9 * * *' },
          { kind: 'once', at: new Date('2026-11-22T11:00:00Z') },
        ],
      }),
    );
    // Down until 15:00: the 11:00 one-off is four hours late, the daily 09:00 (08:00 UTC) is tomorrow.
    await h.clock.jump('2026-11-22T15:00:00Z');
    await h.scheduler.start();
    await h.settle();
    expect((await h.store.jobs.listRuns({ jobId: job.id })).map((r) => r.status)).toEqual(['success']);
    expect(await h.store.jobs.listOutbox({ jobId: job.id })).toHaveLength(1);
    expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it('a recurring occurrence missed by more than the grace window is skipped, the next one scheduled', async () => {
    h = makeHarness({ options: { misfireGraceMs: 60 * 60_000 } });
    const job = await h.scheduler.createJob(h.reminder('standup', { kind: 'cron', pattern: '0 9 * * *' }));
    expect(job.nextRunAt?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    await h.clock.set('2026-11-23T15:00:00Z');
    await h.scheduler.start();
    await h.settle();
    const runs = await h.store.jobs.listRuns({ jobId: job.id });
    expect(runs.map((r) => r.status)).toEqual(['skipped']);
    // Not the reminder itself: one notice that it was skipped (the chat layer words it).
    const out = await h.store.jobs.listOutbox();
    expect(out.map((o) => o.text)).toEqual(['skipped: 25200 s late, beyond the misfire grace window']);
    expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('a minute at least between fires for chat users; the operator may schedule every second', async () => {
    h = makeHarness();
    await expect(h.scheduler.createJob(h.reminder('spam', { kind: 'cron', pattern: '* * * * * *' }))).rejects.toMatchObject({
      code: 'schedule.invalid',
      message: expect.stringMatching(/at most once every 1 min/),
    });
    const mine = await h.scheduler.createJob(h.reminder('ok', { kind: 'cron', pattern: '* * * * *' }));
    await expect(
      h.scheduler.updateJob(mine.id, { schedule: { kind: 'interval', everyMs: 10_000, anchor: new Date('2026-11-22T10:00:00Z') } }),
    ).rejects.toMatchObject({ code: 'schedule.invalid' });
    const operators = await h.scheduler.createJob({
      ...h.reminder('heartbeat', { kind: 'cron', pattern: '* * * * * *' }),
      owner: OPERATOR,
    });
    await h.scheduler.start();
    await h.advance(1000);
    await h.advance(1000);
    await h.advance(1000);
    expect(await h.store.jobs.listRuns({ jobId: operators.id })).toHaveLength(3);
  });
});
