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
 *
 * scheduler_burst_postgres_cpu_ms: CPU time the one-scheduler burst took (median of its three
 * rounds), this process plus the PostgreSQL backends serving the schema (found by their
 * application_name `chime/<schema>`, read from /proc, so only with the server on this machine;
 * the split follows on a `#` line). On a machine shared with other work, throughput follows the
 * load; CPU per burst hardly does, so A/B comparisons of the store's cost read this figure.
 */
import { readFileSync } from 'node:fs';
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

/** CPU ms of a process so far (utime + stime, Linux's 100 ticks a second), or undefined where /proc has none. */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** CPU ms so far of each backend serving `schema` (connectionConfig names them `chime/<schema>`). */
async function backendCpu(schema: string): Promise<Map<number, number | undefined>> {
  const { rows } = await admin((c) =>
    c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`chime/${schema}`]),
  );
  return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
}

interface Round {
  seconds: number;
  nodeCpuMs: number;
  /** Undefined when the backends' CPU cannot be read (PostgreSQL elsewhere). */
  pgCpuMs: number | undefined;
}

/** N due jobs run and settled by `instances` schedulers sharing a fresh schema: time and CPU taken. */
async function round(instances: number): Promise<Round> {
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
    const pg0 = await backendCpu(schema);
    const node0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(schedulers.map((s) => s.start()));
    await finished;
    const seconds = (performance.now() - t0) / 1000;
    const node = process.cpuUsage(node0);
    // Backends opened during the burst count from zero; one gone since cannot be read (undefined).
    let pgCpuMs: number | undefined = 0;
    for (const [pid, ms] of await backendCpu(schema)) {
      const before = pg0.has(pid) ? pg0.get(pid) : 0;
      pgCpuMs = ms === undefined || before === undefined || pgCpuMs === undefined ? undefined : pgCpuMs + ms - before;
    }
    await Promise.all(schedulers.map((s) => s.stop()));
    const stats = await stores[0]!.jobs.stats();
    if (stats.outboxPending !== N || stats.runsByStatus.success !== N)
      throw new Error(`expected ${N} messages and runs, found ${stats.outboxPending} and ${stats.runsByStatus.success}`);
    return { seconds, nodeCpuMs: (node.user + node.system) / 1000, pgCpuMs };
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
  console.log(`scheduler_burst_postgres: ${Math.round(N / median(one.map((r) => r.seconds)))} jobs/s`);
  const two = [await round(2), await round(2), await round(2)];
  console.log(`scheduler_burst_postgres_two: ${Math.round(N / median(two.map((r) => r.seconds)))} jobs/s`);
  const pgCpu = one.map((r) => r.pgCpuMs);
  if (pgCpu.every((ms): ms is number => ms !== undefined)) {
    const total = one.map((r, i) => r.nodeCpuMs + pgCpu[i]!);
    const mid = one[total.indexOf(median([...total]))]!;
    console.log(`scheduler_burst_postgres_cpu_ms: ${Math.round(median(total))} ms`);
    console.log(
      `# of which this process ${Math.round(mid.nodeCpuMs)} ms, PostgreSQL backends ${mid.pgCpuMs} ms (the median round; one scheduler, ${N} jobs)`,
    );
  }
}
