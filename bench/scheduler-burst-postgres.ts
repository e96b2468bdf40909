/**
 * scheduler_burst_postgres: the burst of scheduler-burst.ts (10,000 reminders due at once, run
 * and settled with history row and outbox message; no delivery) on the PostgreSQL store, one
 * scheduler; median of three rounds, each in a fresh schema. scheduler_burst_postgres_two: the
 * same burst shared by two schedulers (two stores, as two processes would have) on one schema.
 * Both run in this one Node process on a 2-core machine that also runs PostgreSQL, so `_two`
 * shows what sharing costs (claims skipping each other's locked rows), not scale-out.
 *
 * Needs PostgreSQL at CHIME_TEST_PG_URL (default the local server); says so on stderr and
 * prints nothing when none is reachable.
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { SystemClock } from '../src/core/system-clock.js';
import { createExecutors } from '../src/core/executors/index.js';
import { Scheduler } from '../src/core/scheduler.js';
import { openPostgresStore } from '../src/store/postgres/index.js';

const PG_URL = process.env.CHIME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = 10_000;
const clock = new SystemClock();
const logger = pino({ level: 'info' }, new Writable({ write: (_c, _e, cb) => cb() }));

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Seconds for N due jobs to be run and settled by `instances` schedulers sharing a fresh schema. */
async function round(instances: number): Promise<number> {
  const schema = `chime_bench_${Math.random().toString(36).slice(2, 10)}`;
  const stores: Array<Awaited<ReturnType<typeof openPostgresStore>>> = [];
  for (let i = 0; i < instances; i++) stores.push(await openPostgresStore(PG_URL, { schema }));
  try {
    const due = new Date(clock.now().getTime() - 1000);
    // Set-up through the store's own createJob, 50 at a time in parallel.
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, N - i) }, (_, k) =>
          stores[0]!.jobs.createJob(
            {
              kind: 'reminder',
              payload: { text: `bench ${i + k}` },
              owner: { platform: 'bench', userId: String((i + k) % 500) },
              origin: { platform: 'bench', chatId: String((i + k) % 500) },
              schedule: { kind: 'once', at: due },
              timeZone: 'UTC',
              nextRunAt: due,
            },
            clock.now(),
          ),
        ),
      );
    }
    const schedulers = stores.map(
      (s, i) =>
        new Scheduler({
          store: s.jobs,
          clock,
          logger,
          executors: createExecutors(),
          instanceId: `bench-${i}`,
          options: { maxConcurrent: 1000, claimBatchSize: 500 },
        }),
    );
    let done = 0;
    const finished = new Promise<void>((resolve) => {
      for (const s of schedulers) s.on('task-event', (e) => e.type !== 'executed' && ++done === N && resolve());
    });
    const t0 = performance.now();
    await Promise.all(schedulers.map((s) => s.start()));
    await finished;
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(schedulers.map((s) => s.stop()));
    const stats = await stores[0]!.jobs.stats();
    if (stats.outboxPending !== N || stats.runsByStatus.success !== N)
      throw new Error(`expected ${N} messages and runs, found ${stats.outboxPending} and ${stats.runsByStatus.success}`);
    return seconds;
  } finally {
    for (const s of stores) await s.close();
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }
}

const reachable = await admin(async () => true).catch(() => false);
if (!reachable) {
  process.stderr.write(`PostgreSQL not reachable at ${PG_URL}: no PostgreSQL burst figures\n`);
} else {
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const one = [await round(1), await round(1), await round(1)];
  console.log(`scheduler_burst_postgres: ${Math.round(N / median(one))} jobs/s`);
  const two = [await round(2), await round(2), await round(2)];
  console.log(`scheduler_burst_postgres_two: ${Math.round(N / median(two))} jobs/s`);
}
