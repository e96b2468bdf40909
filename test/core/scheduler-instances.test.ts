import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness } from './scheduler-harness.js';

const dirs: string[] = [];
const open: Array<ReturnType<typeof makeHarness>> = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('several scheduler instances on one SQLite file', () => {
  it('200 due jobs: both instances work, no job runs twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-two-'));
    dirs.push(dir);
    const a = makeHarness({ dir, instanceId: 'a', options: { claimBatchSize: 7, maxConcurrent: 10 } });
    const b = makeHarness({ dir, instanceId: 'b', options: { claimBatchSize: 7, maxConcurrent: 10 } });
    open.push(a, b);
    for (let i = 0; i < 200; i++)
      await a.scheduler.createJob(a.reminder(`job ${i}`, { kind: 'once', at: new Date('2026-11-22T10:00:05Z') }));
    await Promise.all([a.scheduler.start(), b.scheduler.start()]);
    await Promise.all([a.clock.advance(5000), b.clock.advance(5000)]);
    for (let i = 0; i < 50; i++) {
      await Promise.all([a.settle(), b.settle()]);
      if ((await a.store.jobs.listRuns({ status: 'success', limit: 1000 })).length === 200) break;
    }
    const runs = await a.store.jobs.listRuns({ limit: 1000 });
    expect(runs.filter((r) => r.status === 'success')).toHaveLength(200);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(200);
    expect(await a.store.jobs.listOutbox({ limit: 1000 })).toHaveLength(200);
    const runsLogged = (h: typeof a) => h.lines.filter((l) => l.msg === 'scheduled run').length;
    expect(runsLogged(a)).toBeGreaterThan(0);
    expect(runsLogged(b)).toBeGreaterThan(0);
    expect(runsLogged(a) + runsLogged(b)).toBe(200);
  });

  it("a dead instance's lease expires and another instance takes the run over; the late settle is ignored", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-lease-'));
    dirs.push(dir);
    let release: (v: string) => void = () => {};
    const hanging = makeHarness({
      dir,
      instanceId: 'dead',
      options: { leaseMs: 3000, shutdownGraceMs: 0 },
      commandHandler: () => new Promise<string>((r) => (release = r)),
    });
    const healthy = makeHarness({ dir, instanceId: 'alive', options: { leaseMs: 3000 }, commandHandler: async () => 'done by alive' });
    open.push(healthy, hanging);
    const job = await hanging.scheduler.createJob({
      ...hanging.reminder('x', { kind: 'once', at: new Date('2026-11-22T10:00:01Z') }),
      kind: 'command',
      payload: { command: '/work' },
    });
    await hanging.scheduler.start();
    await hanging.advance(1000);
    expect((await hanging.store.jobs.listRuns({ jobId: job.id }))[0]?.status).toBe('running');
    // The hanging process stops heart-beating (as if frozen): only the healthy one's clock moves on.
    await healthy.clock.set('2026-11-22T10:00:10Z');
    await healthy.scheduler.start();
    await healthy.settle();
    release('done by dead');
    await hanging.settle();
    const runs = await healthy.store.jobs.listRuns({ jobId: job.id });
    expect(runs.map((r) => r.status).sort()).toEqual(['abandoned', 'success']);
    const out = await healthy.store.jobs.listOutbox();
    expect(out.map((o) => o.text)).toEqual(['done by alive']);
  });
});
