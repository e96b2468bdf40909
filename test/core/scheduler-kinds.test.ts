/**
 * Every schedule kind through the real scheduler on the fake clock: each fire, worked out here
 * from the calendar, is run at its time (not a second before) and leaves one message in the
 * outbox for the origin chat; the job ends as it should. Zone: Europe/Berlin (UTC+1 in Nov).
 * The clock starts on Sunday 2026-11-22 at 10:00 UTC (11:00 in Berlin).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Job, NewJob } from '../../src/core/job.js';
import { makeHarness } from './scheduler-harness.js';

type Harness = ReturnType<typeof makeHarness>;
let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function start(): Promise<Harness> {
  h = makeHarness();
  await h.scheduler.start();
  return h;
}

/** Runs of the job, oldest first. */
async function runsOf(job: Job) {
  return (await h.store.jobs.listRuns({ jobId: job.id })).sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
}

/**
 * Walks the clock to each expected fire: a second before it nothing new has run; at it, one
 * successful run for exactly that occurrence and one more outbox message with the text.
 */
async function expectFires(job: Job, fires: string[], text: string, firedBefore = 0): Promise<void> {
  for (const [k, iso] of fires.entries()) {
    const i = firedBefore + k;
    const at = new Date(iso);
    await h.clock.jump(new Date(at.getTime() - 1000));
    await h.settle();
    expect(await runsOf(job), `nothing before ${iso}`).toHaveLength(i);
    await h.clock.jump(at);
    await h.settle();
    const runs = await runsOf(job);
    expect(runs, `fire ${i + 1} at ${iso}`).toHaveLength(i + 1);
    expect(runs[i]).toMatchObject({ scheduledFor: at, status: 'success', trigger: 'schedule' });
    const out = await h.store.jobs.listOutbox({ jobId: job.id });
    expect(out, `message ${i + 1}`).toHaveLength(i + 1);
    expect(out.every((m) => m.text === text && m.to.chatId === '10018049')).toBe(true);
  }
}

async function create(text: string, schedule: NewJob['schedule'], extra: Partial<NewJob> = {}): Promise<Job> {
  return h.scheduler.createJob(h.reminder(text, schedule, extra));
}

async function statusOf(job: Job): Promise<Job['status'] | undefined> {
  return (await h.scheduler.getJob(job.id))?.status;
}

describe('every schedule kind is run and delivered at each fire', () => {
  it('once: runs at its instant, then the job is completed', async () => {
    await start();
    const job = await create('stretch', { kind: 'once', at: new Date('2026-11-22T10:02:00Z') });
    await expectFires(job, ['2026-11-22T10:02:00Z'], 'stretch');
    expect(await statusOf(job)).toBe('completed');
  });

  it('interval: every 15 minutes from its anchor, on the grid, still active', async () => {
    await start();
    const job = await create('water', { kind: 'interval', everyMs: 15 * 60_000, anchor: new Date('2026-11-22T10:00:00Z') });
    await expectFires(job, ['2026-11-22T10:15:00Z', '2026-11-22T10:30:00Z', '2026-11-22T10:45:00Z'], 'water');
    expect(await statusOf(job)).toBe('active');
  });

  it('calendar: every other day at 12:00 Berlin time from the anchor', async () => {
    await start();
    const job = await create('plants', { kind: 'calendar', unit: 'day', step: 2, anchor: '2026-11-22T12:00:00' });
    // 12:00 CET = 11:00 UTC on Sun 22, Tue 24, Thu 26 November.
    await expectFires(job, ['2026-11-22T11:00:00Z', '2026-11-24T11:00:00Z', '2026-11-26T11:00:00Z'], 'plants');
    expect(await statusOf(job)).toBe('active');
  });

  it('cron: weekdays at 08:30 Berlin time, so Monday to Wednesday after a Sunday start', async () => {
    await start();
    const job = await create('standup', { kind: 'cron', pattern: '30 8 * * 1-5' });
    await expectFires(job, ['2026-11-23T07:30:00Z', '2026-11-24T07:30:00Z', '2026-11-25T07:30:00Z'], 'standup');
    expect(await statusOf(job)).toBe('active');
  });

  it('multi of one-offs: Wednesday 15:00 and Saturday 10:00 both fire; done after the last', async () => {
    await start();
    const job = await create('call bob', {
      kind: 'multi',
      triggers: [
        { kind: 'once', at: new Date('2026-11-25T14:00:00Z') },
        { kind: 'once', at: new Date('2026-11-28T09:00:00Z') },
      ],
    });
    await expectFires(job, ['2026-11-25T14:00:00Z'], 'call bob');
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-28T09:00:00Z') });
    await expectFires(job, ['2026-11-28T09:00:00Z'], 'call bob', 1);
    expect(await statusOf(job)).toBe('completed');
  });

  it('multi mixed: a one-off Tuesday 17:00 and every Saturday at 09:00 interleave', async () => {
    await start();
    const job = await create('review', {
      kind: 'multi',
      triggers: [
        { kind: 'cron', pattern: '0 9 * * 6' },
        { kind: 'once', at: new Date('2026-11-24T16:00:00Z') },
      ],
    });
    await expectFires(job, ['2026-11-24T16:00:00Z', '2026-11-28T08:00:00Z', '2026-12-05T08:00:00Z'], 'review');
    expect(await statusOf(job)).toBe('active');
  });

  it('manual: never fires by itself; a run by hand runs and delivers', async () => {
    await start();
    const job = await create('on demand', { kind: 'manual' });
    await h.clock.jump('2026-11-29T10:00:00Z');
    await h.settle();
    expect(await runsOf(job)).toHaveLength(0);
    await h.scheduler.runNow(job.id, { wait: true });
    await h.settle();
    expect(await runsOf(job)).toMatchObject([{ status: 'success', trigger: 'manual' }]);
    expect(await h.store.jobs.listOutbox({ jobId: job.id })).toMatchObject([{ text: 'on demand' }]);
  });

  it('bounded: daily at 12:00 starting Tuesday, twice in all, then completed', async () => {
    await start();
    const job = await create(
      'pills',
      { kind: 'cron', pattern: '0 12 * * *' },
      { bounds: { startAt: new Date('2026-11-24T00:00:00Z'), maxRuns: 2 } },
    );
    await expectFires(job, ['2026-11-24T11:00:00Z', '2026-11-25T11:00:00Z'], 'pills');
    expect(await statusOf(job)).toBe('completed');
    await h.clock.jump('2026-11-27T12:00:00Z');
    await h.settle();
    expect(await runsOf(job)).toHaveLength(2);
  });

  it('bounded by an end: hourly until 13:00 UTC inclusive runs at 11, 12 and 13, then completed', async () => {
    await start();
    const job = await create(
      'check',
      { kind: 'interval', everyMs: 3_600_000, anchor: new Date('2026-11-22T10:00:00Z') },
      { bounds: { endAt: new Date('2026-11-22T13:00:00Z') } },
    );
    await expectFires(job, ['2026-11-22T11:00:00Z', '2026-11-22T12:00:00Z', '2026-11-22T13:00:00Z'], 'check');
    expect(await statusOf(job)).toBe('completed');
  });
});
