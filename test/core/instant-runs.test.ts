/**
 * Instant runs (core/instant-run.ts): reminders are run and settled inside the transaction that
 * claims them. What they leave must be exactly what a run through the pool leaves: the same
 * run records, job states, messages, events and task events, for every outcome (done, a bad
 * payload, a skipped occurrence, a recurring job, a manual run beside them). And a settle the
 * store refuses must not stop the loop or lose the other runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/core/executor.js';
import { reminderExecutor } from '../../src/core/executors/reminder.js';
import type { Job } from '../../src/core/job.js';
import { makeHarness } from './scheduler-harness.js';

type Harness = ReturnType<typeof makeHarness>;
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

/** The reminder kind, counting how often its pool run (not its instant run) was called. */
function countedReminder(): { executor: Executor; poolRuns: () => number } {
  let n = 0;
  const base = reminderExecutor as Executor;
  return {
    executor: {
      ...base,
      run: (job, ctx) => {
        n++;
        return base.run(job, ctx);
      },
    },
    poolRuns: () => n,
  };
}

/**
 * The same jobs, by name, created in `h`: one-offs, a recurring job, a reminder whose stored
 * payload is broken, an interval whose occurrence is two hours overdue (beyond the misfire
 * grace: skipped), one with a success template and one-off retries, and a paused one.
 */
async function scenario(h: Harness): Promise<Map<string, string>> {
  const t0 = h.clock.now().getTime();
  const at = (min: number) => new Date(t0 + min * 60_000);
  const names = new Map<string, string>();
  const add = async (job: Job) => names.set(job.id, job.name);
  await add(await h.scheduler.createJob(h.reminder('stretch', { kind: 'once', at: at(1) }, { name: 'once' })));
  await add(await h.scheduler.createJob(h.reminder('same minute', { kind: 'once', at: at(1) }, { name: 'twin' })));
  await add(await h.scheduler.createJob(h.reminder('water', { kind: 'cron', pattern: '*/5 * * * *' }, { name: 'cron' })));
  await add(
    await h.scheduler.createJob(
      h.reminder('tea', { kind: 'once', at: at(2) }, { name: 'templated', successMessage: 'Time for {result}!' }),
    ),
  );
  const paused = await h.scheduler.createJob(h.reminder('never', { kind: 'once', at: at(3) }, { name: 'paused' }));
  await add(paused);
  await h.scheduler.pauseJob(paused.id);
  // Written past the scheduler's checks, as an older version or another tool could have left them.
  const now = h.clock.now();
  await add(
    await h.store.jobs.createJob(
      { ...h.reminder('x', { kind: 'once', at: at(4) }, { name: 'broken' }), payload: { txt: 1 }, nextRunAt: at(4) },
      now,
    ),
  );
  await add(
    await h.store.jobs.createJob(
      { ...h.reminder('late', { kind: 'interval', everyMs: 86_400_000, anchor: at(-120) }, { name: 'overdue' }), nextRunAt: at(-120) },
      now,
    ),
  );
  return names;
}

/** Everything the runs left, with ids replaced by job names and run ids by their order. */
async function outcome(h: Harness, names: Map<string, string>, taskEvents: string[]) {
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
  const runs = (await h.store.jobs.listRuns({ limit: 100 })).map((r) => ({
    job: name(r.jobId),
    scheduledFor: r.scheduledFor.toISOString(),
    startedAt: r.startedAt.toISOString(),
    status: r.status,
    trigger: r.trigger,
    attempt: r.attempt,
    result: r.result,
    error: r.error,
  }));
  const jobs = (await h.store.jobs.listJobs({})).map((j) => ({
    job: j.name,
    status: j.status,
    nextRunAt: j.nextRunAt?.toISOString() ?? null,
    runCount: j.runCount,
    attempts: j.attempts,
    lastError: j.lastError,
  }));
  const outbox = (await h.store.jobs.listOutbox({})).map((m) => ({
    job: name(m.jobId),
    // A manual run's key holds its run id (random suffix).
    key: [...names].reduce((k, [id, n]) => k.replaceAll(id, n), m.key).replace(/manual-[0-9a-f]{12}-(\w+)-[0-9a-f]{4}/, 'manual-$1'),
    to: m.to,
    text: m.text,
    actions: m.actions,
  }));
  const events = (await h.store.jobs.listEvents({ since: 0, limit: 1000 }))
    .filter((e) => !e.type.startsWith('job.created') && e.type !== 'job.paused')
    .map((e) => {
      const { runId: _runId, ...body } = e.body;
      return { type: e.type, job: name(e.jobId), actor: e.actor.type, body };
    });
  const sort = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return { runs: sort(runs), jobs: sort(jobs), outbox: sort(outbox), events: sort(events), taskEvents: [...taskEvents].sort() };
}

async function runScenario(instant: boolean) {
  const counted = countedReminder();
  const h = makeHarness({ executors: [counted.executor], instant });
  open.push(h);
  const taskEvents: string[] = [];
  h.scheduler.on('task-event', (e) => taskEvents.push(`${e.type} ${e.job.name} ${e.run.status} ${e.run.scheduledFor.toISOString()}`));
  const names = await scenario(h);
  await h.scheduler.start();
  await h.settle();
  for (let i = 0; i < 12; i++) await h.advance(60_000);
  // A manual run beside the schedule goes through the pool either way.
  const cron = [...names].find(([, n]) => n === 'cron')![0];
  await h.scheduler.runNow(cron, { wait: true });
  await h.settle();
  return { result: await outcome(h, names, taskEvents), poolRuns: counted.poolRuns() };
}

describe('instant runs leave what runs through the pool leave', () => {
  it('the same runs, job states, messages, events and task events, for every outcome', async () => {
    const pool = await runScenario(false);
    const instant = await runScenario(true);
    // The scenario reached every outcome (a vacuous comparison would pass on nothing).
    const statuses = pool.result.runs.map((r) => JSON.parse(r).status as string);
    expect(new Set(statuses)).toEqual(new Set(['success', 'failure', 'skipped']));
    expect(pool.result.runs.length).toBeGreaterThanOrEqual(8);
    expect(pool.result.outbox.some((m) => m.includes('Time for tea!'))).toBe(true);

    expect(instant.result).toEqual(pool.result);
    // Every scheduled reminder ran instantly: only the manual run went through the pool.
    expect(instant.poolRuns).toBe(1);
    // Through the pool: once, twin, templated, cron at 10:05 and 10:10, and the manual run (the broken
    // payload fails before its run, the overdue occurrence is skipped without one).
    expect(pool.poolRuns).toBe(6);
  });
});

describe('a settle the store refuses', () => {
  it('rolls the instant claim back; the runs go through the pool, the others are delivered and the loop goes on', async () => {
    const h = makeHarness();
    open.push(h);
    // The store refuses one message, as a constraint or a full disk would.
    h.store.db.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON outbox WHEN NEW.text LIKE '%poison%'
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const at = new Date(h.clock.now().getTime() + 60_000);
    for (const text of ['first', 'poison', 'third']) await h.scheduler.createJob(h.reminder(text, { kind: 'once', at }));
    await h.scheduler.start();
    await h.advance(60_000);
    await h.settle();
    const texts = (await h.store.jobs.listOutbox({})).map((m) => m.text).sort();
    expect(texts).toEqual(['first', 'third']);
    const runs = await h.store.jobs.listRuns({ status: 'success' });
    expect(runs).toHaveLength(2);
    expect(h.lines.some((l) => l.msg === 'claim with instant runs failed; claiming the runs for the pool instead')).toBe(true);
    // The poison run was not counted as a success: its job still holds its lease, unsettled.
    const poison = (await h.scheduler.listJobs({})).find((j) => j.payload && (j.payload as { text: string }).text === 'poison')!;
    expect(poison.runCount).toBe(0);
    // The loop goes on: a reminder due later is delivered.
    await h.scheduler.createJob(h.reminder('later', { kind: 'once', at: new Date(at.getTime() + 5_000) }));
    await h.advance(5_000);
    expect((await h.store.jobs.listOutbox({})).map((m) => m.text)).toContain('later');
  });
});
