import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardedFetch } from '../../src/core/executors/guarded-fetch.js';
import { currentContext, humanContext, runWithContext } from '../../src/core/runtime-context.js';
import type { TaskEvent } from '../../src/core/events.js';
import { makeHarness } from './scheduler-harness.js';

type Harness = ReturnType<typeof makeHarness>;
const harnesses: Harness[] = [];
const make = (...args: Parameters<typeof makeHarness>): Harness => {
  const h = makeHarness(...args);
  harnesses.push(h);
  return h;
};
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});
const at = (iso: string) => ({ kind: 'once' as const, at: new Date(iso) });

describe('runs', () => {
  it('retries with exponential backoff (1 s, 2 s, 4 s), then sends the failure message with {result}', async () => {
    const h = make({
      commandHandler: async () => {
        throw new Error('backend down');
      },
    });
    await h.scheduler.start();
    const job = await h.scheduler.createJob({
      ...h.reminder('x', at('2026-11-22T10:00:10Z')),
      kind: 'command',
      payload: { command: '/status' },
      retries: 3,
      retryDelayMs: 1000,
      failureMessage: 'status check failed: {result}',
    });
    await h.advance(10_000);
    for (const gap of [1000, 2000, 4000]) {
      expect((await h.scheduler.getJob(job.id))?.nextRunAt?.getTime()).toBe(h.clock.now().getTime() + gap);
      await h.advance(gap);
    }
    const runs = await h.store.jobs.listRuns({ jobId: job.id });
    expect(runs.map((r) => r.status)).toEqual(['failure', 'failure', 'failure', 'failure']);
    expect(runs.map((r) => r.attempt).sort()).toEqual([1, 2, 3, 4]);
    const out = await h.store.jobs.listOutbox();
    expect(out.map((o) => o.text)).toEqual(['status check failed: backend down']);
    expect((await h.scheduler.getJob(job.id))?.status).toBe('failed');
  });

  it('a run longer than its timeout ends as `timeout`', async () => {
    const h = make({ commandHandler: () => new Promise<string>(() => {}) });
    await h.scheduler.start();
    const job = await h.scheduler.createJob({
      ...h.reminder('x', at('2026-11-22T10:00:01Z')),
      kind: 'command',
      payload: { command: '/slow' },
      timeoutMs: 5000,
      retries: 0,
    });
    await h.advance(1000);
    expect((await h.store.jobs.listRuns({ jobId: job.id }))[0]?.status).toBe('running');
    await h.advance(5000);
    const runs = await h.store.jobs.listRuns({ jobId: job.id });
    expect(runs[0]).toMatchObject({ status: 'timeout', error: 'timed out after 5000 ms' });
  });

  it('each run executes as SCHEDULER in ghost_scheduler_{id} and logs job_id, ghost session, entity type and parent session once', async () => {
    let seen: ReturnType<typeof currentContext> | undefined;
    const h = make({
      commandHandler: async () => {
        seen = currentContext();
        return 'ok';
      },
    });
    await h.scheduler.start();
    const job = await h.scheduler.createJob({
      ...h.reminder('x', at('2026-11-22T10:00:01Z')),
      kind: 'command',
      payload: { command: '/ping' },
    });
    await h.advance(1000);
    expect(seen).toMatchObject({
      entityType: 'SCHEDULER',
      sessionId: `ghost_scheduler_${job.id}`,
      parentSessionId: 'tg_10018049',
      isAutomated: true,
    });
    const lines = h.lines.filter((l) => l.job_id === job.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      job_id: job.id,
      ghost_session_id: `ghost_scheduler_${job.id}`,
      entity_type: 'scheduler',
      is_automated: true,
      parent_session_id: 'tg_10018049',
      status: 'success',
    });
    expect(typeof lines[0]!.execution_time_seconds).toBe('number');
  });

  it("memory isolation: a scheduled command touching a person's notes is refused, recorded, not retried", async () => {
    let h!: Harness;
    h = make({ commandHandler: async (_cmd, j) => JSON.stringify(await h.store.notes.list(j.owner.platform, j.owner.userId)) });
    await runWithContext(humanContext('tg_10018049'), () => h.store.notes.add('telegram', '7', 'my bank pin is 1234'));
    await h.scheduler.start();
    const job = await h.scheduler.createJob({
      ...h.reminder('x', at('2026-11-22T10:00:01Z')),
      kind: 'command',
      payload: { command: '/recall' },
      retries: 3,
    });
    await h.advance(60_000);
    const runs = await h.store.jobs.listRuns({ jobId: job.id });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('failure');
    expect(runs[0]!.error).toMatch(/Memory read denied for entity type SCHEDULER/);
    const out = await h.store.jobs.listOutbox();
    expect(out).toHaveLength(1);
    expect(out[0]!.text).not.toContain('1234');
  });

  it('pause stops firing; resume of a recurring job continues at its next fire without running missed ones', async () => {
    const h = make();
    await h.scheduler.start();
    const job = await h.scheduler.createJob(
      h.reminder('tick', { kind: 'interval', everyMs: 60_000, anchor: new Date('2026-11-22T10:00:00Z') }),
    );
    await h.advance(60_000);
    await h.scheduler.pauseJob(job.id);
    await h.advance(5 * 60_000);
    expect(await h.store.jobs.listRuns({ jobId: job.id })).toHaveLength(1);
    const resumed = await h.scheduler.resumeJob(job.id);
    expect(resumed.nextRunAt?.toISOString()).toBe('2026-11-22T10:07:00.000Z');
    await h.advance(60_000);
    expect(await h.store.jobs.listRuns({ jobId: job.id })).toHaveLength(2);
  });

  it('cancelWorkflow cancels only that workflow, and events arrive in order', async () => {
    const h = make();
    const events: string[] = [];
    for (const name of ['task-created', 'task-updated', 'task-deleted', 'task-paused', 'task-resumed'] as const)
      h.scheduler.on(name, () => events.push(name));
    h.scheduler.on('task-event', (e: TaskEvent) => events.push(`task-event:${e.type}`));
    await h.scheduler.start();
    const a = await h.scheduler.createJob({ ...h.reminder('a', at('2026-11-23T10:00:00Z')), workflowId: 'wf-1' });
    const b = await h.scheduler.createJob({ ...h.reminder('b', at('2026-11-23T10:00:00Z')), workflowId: 'wf-1' });
    const c = await h.scheduler.createJob({ ...h.reminder('c', at('2026-11-22T10:00:01Z')), workflowId: 'wf-2' });
    await h.scheduler.pauseJob(b.id);
    expect((await h.scheduler.cancelWorkflow('wf-1')).sort()).toEqual([a.id, b.id].sort());
    await h.advance(1000);
    expect((await h.scheduler.getJob(c.id))?.status).toBe('completed');
    await h.scheduler.deleteJob(a.id);
    expect(events).toEqual([
      'task-created',
      'task-created',
      'task-created',
      'task-paused',
      'task-updated',
      'task-updated',
      'task-event:executed',
      'task-event:completed',
      'task-deleted',
    ]);
  });

  it('runNow with wait returns the finished run and leaves a recurring schedule untouched', async () => {
    const h = make();
    await h.scheduler.start();
    const job = await h.scheduler.createJob(h.reminder('daily', { kind: 'cron', pattern: '0 9 * * *' }));
    const record = await h.scheduler.runNow(job.id, { wait: true });
    expect(record).toMatchObject({ status: 'success', trigger: 'manual' });
    expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe(job.nextRunAt?.toISOString());
  });

  it('runNow on a one-off due tomorrow delivers now and still comes tomorrow (it is not used up)', async () => {
    const h = make(); // Sunday 22 Nov 10:00 UTC
    await h.scheduler.start();
    const job = await h.scheduler.createJob(h.reminder('passport', at('2026-11-23T10:00:00Z')));
    const record = await h.scheduler.runNow(job.id, { wait: true });
    expect(record).toMatchObject({ status: 'success', trigger: 'manual' });
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-23T10:00:00Z') });
    expect((await h.store.jobs.listOutbox()).map((o) => o.text)).toEqual(['passport']);
    // The real time still comes, once, and then the one-off is done.
    await h.advance(24 * 3600_000);
    expect(await h.scheduler.getJob(job.id)).toMatchObject({ status: 'completed', nextRunAt: null });
    expect((await h.store.jobs.listRuns({ jobId: job.id })).map((r) => r.trigger).sort()).toEqual(['manual', 'schedule']);
  });

  it('nextRuns without a job: the soonest active jobs, at most count, nothing paused or manual', async () => {
    const h = make();
    const at = (min: number) => new Date(Date.UTC(2026, 10, 22, 10, min));
    const late = await h.scheduler.createJob(h.reminder('late', { kind: 'once', at: at(50) }));
    const soon = await h.scheduler.createJob(h.reminder('soon', { kind: 'once', at: at(5) }));
    await h.scheduler.createJob(h.reminder('manual', { kind: 'manual' }));
    const paused = await h.scheduler.createJob(h.reminder('paused', { kind: 'once', at: at(1) }));
    await h.scheduler.pauseJob(paused.id);
    const mid = await h.scheduler.createJob(h.reminder('mid', { kind: 'once', at: at(20) }));
    const next = await h.scheduler.nextRuns({ count: 2 });
    expect(next.map((n) => [n.job.id, n.at])).toEqual([
      [soon.id, at(5)],
      [mid.id, at(20)],
    ]);
    expect((await h.scheduler.nextRuns({ count: 10 })).map((n) => n.job.id)).toEqual([soon.id, mid.id, late.id]);
  });

  it('bounds: maxRuns 3 completes the job after its third run', async () => {
    const h = make();
    await h.scheduler.start();
    const job = await h.scheduler.createJob({
      ...h.reminder('thrice', { kind: 'interval', everyMs: 60_000, anchor: new Date('2026-11-22T10:00:00Z') }),
      bounds: { maxRuns: 3 },
    });
    for (let i = 0; i < 5; i++) await h.advance(60_000);
    expect(await h.store.jobs.listRuns({ jobId: job.id })).toHaveLength(3);
    expect((await h.scheduler.getJob(job.id))?.status).toBe('completed');
  });

  it('DST: daily 02:30 in America/New_York runs at 03:30 EDT on 2027-03-14', async () => {
    const h = make({ start: '2027-03-13T12:00:00Z' });
    await h.scheduler.start();
    const job = await h.scheduler.createJob({
      ...h.reminder('dst', { kind: 'cron', pattern: '30 2 * * *' }),
      timeZone: 'America/New_York',
    });
    expect(job.nextRunAt?.toISOString()).toBe('2027-03-14T07:30:00.000Z'); // 03:30 EDT
    await h.clock.jump('2027-03-14T07:30:00Z');
    await h.settle();
    expect(await h.store.jobs.listRuns({ jobId: job.id })).toHaveLength(1);
    expect((await h.scheduler.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2027-03-15T06:30:00.000Z');
  });

  it('poll_url: pending while the URL answers 503, done with {result} when it answers 200', async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls += 1;
      res.writeHead(calls < 3 ? 503 : 200);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    try {
      // The server is on loopback: only an operator's CHIME_WATCH_ALLOW_PRIVATE lets a watch reach it.
      const h = make({ fetch: guardedFetch({ allowPrivate: true }) });
      await h.scheduler.start();
      const job = await h.scheduler.createJob({
        ...h.reminder('x', at('2026-11-22T10:00:01Z')),
        kind: 'poll_url',
        payload: { url, expected_status: 200, interval_seconds: 30 },
        successMessage: 'deploy is up: {result}',
      });
      const waitFor = async (n: number) => {
        for (let i = 0; i < 200 && (await h.store.jobs.listRuns({ jobId: job.id })).filter((r) => r.status !== 'running').length < n; i++)
          await new Promise((r) => setTimeout(r, 10));
      };
      await h.advance(1000);
      await waitFor(1);
      await h.advance(30_000);
      await waitFor(2);
      await h.advance(30_000);
      await waitFor(3);
      expect(calls).toBe(3);
      const out = await h.store.jobs.listOutbox();
      expect(out.map((o) => o.text)).toEqual([`deploy is up: ${url} answered 200`]);
      expect((await h.scheduler.getJob(job.id))?.status).toBe('completed');
    } finally {
      server.close();
    }
  });

  it('poll_url: a URL on a private address fails at once with the reason, and the server is never asked', async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls += 1;
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
    try {
      const h = make();
      await h.scheduler.start();
      const job = await h.scheduler.createJob({
        ...h.reminder('x', at('2026-11-22T10:00:01Z')),
        kind: 'poll_url',
        payload: { url, expected_status: 200, interval_seconds: 30 },
        failureMessage: 'gave up: {result}',
      });
      await h.advance(1000);
      for (let i = 0; i < 200 && (await h.scheduler.getJob(job.id))?.status === 'active'; i++) await new Promise((r) => setTimeout(r, 10));
      expect(calls).toBe(0);
      const after = await h.scheduler.getJob(job.id);
      expect(after?.status).toBe('failed');
      expect(after?.lastError).toContain('loopback');
      const runs = await h.store.jobs.listRuns({ jobId: job.id });
      expect(runs.map((r) => r.status)).toEqual(['failure']);
      expect((await h.store.jobs.listOutbox()).map((o) => o.text)).toEqual([
        expect.stringMatching(/^gave up: .*127\.0\.0\.1 is a loopback address/),
      ]);
    } finally {
      server.close();
    }
  });
});
