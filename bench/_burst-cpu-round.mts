/**
 * One round of the 10,000-job burst (bench/scheduler-burst.ts) in this process, on the tree
 * given as argv[2] (its bench/_scheduler-setup.ts), after argv[5] warm-up rounds (default 1:
 * the JIT). Prints one JSON line, per job: the process's CPU (every thread: checkpointer, GC,
 * compiler), the main thread's and the claims' CPU (from /proc/thread-self/schedstat), and the
 * WAL frames the claims' transactions appended. Driven by bench/_burst-cpu-ab.mts.
 *
 * Claims go in batches of 500 whatever the load (set BUDGET_MS for the default sizing by wall
 * time, which shrinks batches on a busy machine and so adds commits per job).
 * mode `cpu`: as `chime start` runs it (checkpointer worker on).
 * mode `wal`: a second connection holds a read transaction from before the burst, so no
 * checkpoint resets the WAL: its size at the end (pinnedWalBytesPerJob) checks the frame count.
 * argv[4] = 'aged': 300,000 old runs and messages first, as scheduler-burst.ts ages a file.
 * EXP_SQL: SQL run on each fresh store before the burst (as in bench/_stmt-prof.mts).
 * THREADS=1: each thread's CPU per job on stderr (the main thread, V8's helpers, the checkpointer).
 * CPUPROF=file: a V8 CPU profile of the measured burst; PERF_CTL=fifo: `perf record
 * --control=fifo:…` enabled for the burst only.
 */
import { openSync, readFileSync, readSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** CPU time of this thread (ns), from the scheduler's own accounting: precise, unlike clock ticks. */
const threadNs = (): number => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);

const [tree, mode = 'cpu', aged, warmArg = '1'] = process.argv.slice(2);
const { benchScheduler } = (await import(`${tree}/bench/_scheduler-setup.ts`)) as typeof import('./_scheduler-setup.ts');

const N = 10_000;
const AGED_ROWS = 300_000;

// Warm-up rounds first (not reported): the JIT, as in scheduler-burst.ts's later rounds.
let warming = true;
for (let i = 0; i < Number(warmArg); i++) await round();
warming = false;
console.log(await round());

/** Starts the V8 profiler; the function returned stops it and gives the profile. */
async function startProfile(): Promise<() => Promise<object>> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => (await session.post('Profiler.stop')).profile;
}

async function round(): Promise<string> {
  const { store, scheduler, clock, insert, dispose } = benchScheduler({
    maxConcurrent: 1000,
    claimBatchSize: 500,
    // BUDGET_MS unset: claims of 500 whatever the machine's load (the default 50 ms sizes them by wall time).
    instantBudgetMs: Number(process.env.BUDGET_MS ?? 1e9),
  });
  // EXP_SQL: SQL run on each fresh store first (e.g. `DROP INDEX events_job`, to price an index).
  if (process.env.EXP_SQL) store.db.exec(process.env.EXP_SQL);
  if (aged === 'aged') age(store.db, clock.now().getTime());
  insert(Array.from({ length: N }, () => new Date(clock.now().getTime() - 1000)));
  // Settle the set-up's WAL into the file so both modes start from an empty WAL.
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = store.db.pragma('page_size', { simple: true }) as number;
  let reader: Database.Database | undefined;
  if (mode === 'wal') {
    reader = new Database(store.db.name, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM jobs').get();
  }
  // WAL frames each claim's transaction appended, from the WAL index's mxFrame (offset 16 of
  // <db>-shm, little-endian hosts) read before and after it: a transaction that restarted the
  // WAL starts from 0.
  const shm = openSync(`${store.db.name}-shm`, 'r');
  const header = Buffer.alloc(20);
  const mxFrame = (): number => {
    readSync(shm, header, 0, 20, 0);
    return header.readUInt32LE(16);
  };
  const jobs = store.jobs as { claimDueSettlingInstant: (...a: unknown[]) => unknown[] };
  const claim = jobs.claimDueSettlingInstant.bind(jobs);
  let frames = 0;
  let claims = 0;
  let claimNs = 0;
  jobs.claimDueSettlingInstant = (...a: unknown[]) => {
    const before = mxFrame();
    const ns0 = threadNs();
    const out = claim(...a);
    claimNs += threadNs() - ns0;
    const after = mxFrame();
    frames += after >= before ? after - before : after;
    claims++;
    if (process.env.SIZES) process.stderr.write(`${(out as unknown[]).length}@${a[1]} `);
    return out;
  };
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    scheduler.on('task-event', (e: { type: string }) => {
      if (e.type !== 'executed' && ++done === N) resolve();
    });
  });
  // CPUPROF=file: a V8 CPU profile of the measured burst only.
  const profiling = process.env.CPUPROF && !warming ? await startProfile() : undefined;
  // Under `perf record --control=fifo:…`, record the burst only.
  if (process.env.PERF_CTL) writeFileSync(process.env.PERF_CTL, 'enable\n');
  const threads0 = threadTimes();
  const cpu0 = process.cpuUsage();
  const main0 = threadNs();
  const t0 = performance.now();
  await scheduler.start();
  await finished;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const mainNs = threadNs() - main0;
  if (process.env.THREADS && !warming) {
    const after = threadTimes();
    const byName = new Map<string, number>();
    for (const [tid, t] of after) {
      const key = `${t.name}/${tid === String(process.pid) ? 'main' : tid}`;
      byName.set(key, (byName.get(key) ?? 0) + t.ticks - (threads0.get(tid)?.ticks ?? 0));
    }
    const tick = 10_000; // µs per clock tick (USER_HZ 100)
    process.stderr.write(
      `threads µs/job: ${[...byName]
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k} ${((v * tick) / N).toFixed(1)}`)
        .join(', ')}\n`,
    );
  }
  if (process.env.PERF_CTL) writeFileSync(process.env.PERF_CTL, 'disable\n');
  if (profiling) writeFileSync(process.env.CPUPROF!, JSON.stringify(await profiling()));
  await scheduler.stop();
  const walBytes = statSync(`${store.db.name}-wal`).size;
  const { outboxPending, runsByStatus } = store.jobs.stats();
  const events = (store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  reader?.exec('COMMIT');
  reader?.close();
  await dispose();
  if (outboxPending !== N || runsByStatus.success !== N + (aged === 'aged' ? AGED_ROWS : 0)) throw new Error('burst incomplete');
  return JSON.stringify({
    tree,
    mode,
    aged: aged === 'aged',
    pageSize,
    cpuUsPerJob: (cpu.user + cpu.system) / N,
    mainUsPerJob: mainNs / 1000 / N,
    claimUsPerJob: claimNs / 1000 / N,
    userUsPerJob: cpu.user / N,
    sysUsPerJob: cpu.system / N,
    jobsPerSec: (N * 1000) / ms,
    walBytesPerJob: (frames * (pageSize + 24)) / N,
    walFramesPerJob: frames / N,
    pinnedWalBytesPerJob: mode === 'wal' ? walBytes / N : null,
    claims,
    events,
  });
}

/** THREADS=1: each thread's CPU (utime + stime, clock ticks) by name, from /proc/self/task. */
function threadTimes(): Map<string, { name: string; ticks: number }> {
  const out = new Map<string, { name: string; ticks: number }>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/** As bench/scheduler-burst.ts ages a file. */
function age(db: Database.Database, now: number): void {
  const month = 30 * 86_400_000;
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${AGED_ROWS - 1}),
    r AS (SELECT i, ${now - month} + i * ${Math.floor(month / AGED_ROWS)} AS t, printf('old%03d', i % 3000) AS job FROM n)
    INSERT INTO runs (run_id, job_id, scheduled_for, started_at, finished_at, status, trigger, attempt, late_ms, duration_ms, result, error, ghost_session_id)
    SELECT printf('%012x-%s-%04x', t, job, i % 65536), job, t, t, t + 3, 'success', 'schedule', 1, 0, 3, 'done', NULL, 'ghost_scheduler_' || job FROM r;
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${AGED_ROWS - 1}),
    r AS (SELECT i, ${now - month} + i * ${Math.floor(month / AGED_ROWS)} AS t, printf('old%03d', i % 3000) AS job FROM n)
    INSERT INTO outbox (key, job_id, platform, chat_id, text, status, attempts, available_at, created_at, sent_at, sent_ref)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', t / 1000.0, 'unixepoch') || ':' || job || ':success', job, 'bench', job,
      'Reminder: water the plants', 'sent', 0, t, t, t + 50, 'm' || i FROM r;`);
}
