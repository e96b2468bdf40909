/**
 * One round of the PostgreSQL burst (bench/scheduler-burst-postgres.ts: 10,000 reminders due at
 * once) on the tree given as argv[2], with argv[3] schedulers sharing one fresh schema, after a
 * warm-up burst of 2,000 (the JIT). Prints one JSON line: jobs/s, this process's CPU and the
 * PostgreSQL backends' CPU per job (µs), claim transactions and round trips per claim.
 * EXP_SQL runs SQL on the fresh schema first (to price an index). CLAIMS_IN_FLIGHT=n sets the schedulers' claimsInFlight; CPUPROF=file writes a V8 CPU profile
 * of the measured burst. Driven by bench/_pg-burst-ab.mts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';

const [tree, instancesArg = '1'] = process.argv.slice(2);
const instances = Number(instancesArg);
// The tree's own modules (typed as this tree's: the A/B trees differ inside, not in these).
const { SystemClock } = (await import(`${tree}/src/core/system-clock.ts`)) as typeof import('../src/core/system-clock.ts');
const { createExecutors } = (await import(`${tree}/src/core/executors/index.ts`)) as typeof import('../src/core/executors/index.ts');
const { Scheduler } = (await import(`${tree}/src/core/scheduler.ts`)) as typeof import('../src/core/scheduler.ts');
const { openPostgresStore } = (await import(`${tree}/src/store/postgres/index.ts`)) as typeof import('../src/store/postgres/index.ts');

const PG_URL = process.env.CHIME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const clock = new SystemClock();
const logger = pino({ level: 'info' }, new Writable({ write: (_c, _e, cb) => cb() }));

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
function processCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}
async function backendCpu(schema: string): Promise<Map<number, number>> {
  const { rows } = await admin((c) =>
    c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`chime/${schema}`]),
  );
  const out = new Map<number, number>();
  for (const r of rows) {
    try {
      out.set(r.pid, processCpuMs(r.pid));
    } catch {}
  }
  return out;
}
async function startProfile(): Promise<() => Promise<object>> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => (await session.post('Profiler.stop')).profile;
}

async function round(n: number, measured: boolean) {
  const schema = `pgburst_${Math.random().toString(36).slice(2, 10)}`;
  const stores: Array<Awaited<ReturnType<typeof openPostgresStore>>> = [];
  for (let i = 0; i < instances; i++) stores.push(await openPostgresStore(PG_URL, { schema }));
  try {
    const due = new Date(clock.now().getTime() - 1000);
    // 500 jobs through the store's own createJob (one per owner and chat), then copied by SQL
    // with fresh ids up to n: the store's 10,000 commits took ~40 s of set-up a round.
    const first = Math.min(500, n);
    for (let i = 0; i < first; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, first - i) }, (_, k) =>
          stores[0]!.jobs.createJob(
            {
              kind: 'reminder',
              payload: { text: `bench ${i + k}` },
              owner: { platform: 'bench', userId: String(i + k) },
              origin: { platform: 'bench', chatId: String(i + k) },
              schedule: { kind: 'once', at: due },
              timeZone: 'UTC',
              nextRunAt: due,
            },
            clock.now(),
          ),
        ),
      );
    }
    await admin(async (c) => {
      const { rows } = await c.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'jobs' AND column_name NOT IN ('id', 'seq') ORDER BY ordinal_position`,
        [schema],
      );
      const cols = rows.map((r: { column_name: string }) => r.column_name).join(', ');
      await c.query(
        `INSERT INTO ${schema}.jobs (id, ${cols}) SELECT j.id || '-' || g, ${cols
          .split(', ')
          .map((x: string) => `j.${x}`)
          .join(', ')} FROM generate_series(1, ${Math.ceil(n / first) - 1}) g, ${schema}.jobs j`,
      );
    });
    // EXP_SQL: SQL run on the fresh schema before the burst (e.g. `DROP INDEX events_job`, to price an index).
    if (process.env.EXP_SQL) await admin((c) => c.query(`SET search_path = ${schema}; ${process.env.EXP_SQL}`));
    await admin((c) => c.query(`VACUUM ANALYZE ${schema}.jobs`));
    const inFlight = process.env.CLAIMS_IN_FLIGHT ? { claimsInFlight: Number(process.env.CLAIMS_IN_FLIGHT) } : {};
    let claims = 0;
    let claimed = 0;
    const schedulers = stores.map((s, i) => {
      const jobs = s.jobs;
      const orig = jobs.claimDueSettlingInstant.bind(jobs);
      jobs.claimDueSettlingInstant = async (...a: Parameters<typeof orig>) => {
        const out = await orig(...a);
        claims++;
        claimed += out.length;
        if (process.env.SIZES && n > 2000) process.stderr.write(`${i}:${out.length}/${a[1]} `);
        return out;
      };
      return new Scheduler({
        store: jobs,
        clock,
        logger,
        executors: createExecutors(),
        instanceId: `bench-${i}`,
        options: { maxConcurrent: 1000, claimBatchSize: 500, ...inFlight },
      });
    });
    let done = 0;
    const finished = new Promise<void>((resolve) => {
      for (const s of schedulers) s.on('task-event', (e: { type: string }) => e.type !== 'executed' && ++done === n && resolve());
    });
    const pg0 = await backendCpu(schema);
    // PERF=file: `perf record -a` over the measured burst; the backends' pids go to stderr (perf report --pid).
    const perf =
      measured && process.env.PERF
        ? (await import('node:child_process')).spawn('perf', ['record', '-a', '-g', '-F', '999', '-o', process.env.PERF], {
            stdio: 'ignore',
          })
        : undefined;
    if (perf) await new Promise((r) => setTimeout(r, 300));
    const stopProfile = measured && process.env.CPUPROF ? await startProfile() : undefined;
    const node0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(schedulers.map((s) => s.start()));
    await finished;
    const seconds = (performance.now() - t0) / 1000;
    const node = process.cpuUsage(node0);
    if (perf) {
      perf.kill('SIGINT');
      await new Promise((r) => perf.on('exit', r));
      process.stderr.write(`backends ${[...(await backendCpu(schema)).keys()].join(',')}\n`);
    }
    if (stopProfile) writeFileSync(process.env.CPUPROF!, JSON.stringify(await stopProfile()));
    let pgMs = 0;
    for (const [pid, ms] of await backendCpu(schema)) pgMs += ms - (pg0.get(pid) ?? 0);
    await Promise.all(schedulers.map((s) => s.stop()));
    const stats = await stores[0]!.jobs.stats();
    if (stats.outboxPending !== n || stats.runsByStatus.success !== n)
      throw new Error(`expected ${n}, found ${stats.outboxPending} / ${stats.runsByStatus.success}`);
    return {
      jobsPerSec: Math.round(n / seconds),
      nodeUsPerJob: +((node.user + node.system) / n).toFixed(1),
      pgUsPerJob: +((pgMs * 1000) / n).toFixed(1),
      claims,
      claimedPerClaim: +(claimed / Math.max(1, claims)).toFixed(1),
    };
  } finally {
    for (const s of stores) await s.close();
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }
}
await round(2000, false);
console.log(JSON.stringify(await round(10_000, true)));
