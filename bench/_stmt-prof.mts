/**
 * Where a burst's claims spend the main thread's CPU, per SQL statement (better-sqlite3's
 * run/all/get wrapped with /proc/thread-self/schedstat readings), the rest being JavaScript.
 * argv: the tree (its bench/_scheduler-setup.ts) and rounds (the last one is printed).
 * EXP_SQL: SQL run on each fresh store first (e.g. `DROP INDEX events_job`, to price an index).
 */
import { readFileSync } from 'node:fs';
const threadNs = (): number => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
const [tree, roundsArg = '2'] = process.argv.slice(2);
const { benchScheduler } = (await import(`${tree}/bench/_scheduler-setup.ts`)) as typeof import('./_scheduler-setup.ts');
const N = 10_000;
const stats = new Map<string, { ns: number; calls: number }>();
let inClaim = false;
let patched = false;
let claimNs = 0;
for (let r = 0; r < Number(roundsArg); r++) {
  stats.clear();
  claimNs = 0;
  const { store, scheduler, clock, insert, dispose } = benchScheduler({ maxConcurrent: 1000, claimBatchSize: 500, instantBudgetMs: 1e9 });
  if (process.env.EXP_SQL) store.db.exec(process.env.EXP_SQL);
  if (!patched) {
    patched = true;
    const proto = Object.getPrototypeOf(store.db.prepare('SELECT 1'));
    for (const m of ['run', 'all', 'get']) {
      const orig = proto[m];
      proto[m] = function (this: { source: string }, ...a: unknown[]) {
        if (!inClaim) return orig.apply(this, a);
        const t0 = threadNs();
        try {
          return orig.apply(this, a);
        } finally {
          const key = this.source
            .replace(/\s+/g, ' ')
            .replace(/(\(\?[^)]*\),? ?)+/g, '(…)')
            .slice(0, 90);
          const s = stats.get(key) ?? stats.set(key, { ns: 0, calls: 0 }).get(key)!;
          s.ns += threadNs() - t0;
          s.calls++;
        }
      };
    }
  }
  insert(Array.from({ length: N }, () => new Date(clock.now().getTime() - 1000)));
  const jobs = store.jobs as unknown as { claimDueSettlingInstant: (...a: unknown[]) => unknown[] };
  const claim = jobs.claimDueSettlingInstant.bind(jobs);
  jobs.claimDueSettlingInstant = (...a: unknown[]) => {
    inClaim = true;
    const t0 = threadNs();
    try {
      return claim(...a);
    } finally {
      claimNs += threadNs() - t0;
      inClaim = false;
    }
  };
  let done = 0;
  const finished = new Promise<void>((res) =>
    scheduler.on('task-event', (e: { type: string }) => {
      if (e.type !== 'executed' && ++done === N) res();
    }),
  );
  await scheduler.start();
  await finished;
  await scheduler.stop();
  await dispose();
}
let sum = 0;
console.log(`claims: ${(claimNs / 1000 / N).toFixed(2)} µs/job`);
for (const [k, s] of [...stats].sort((a, b) => b[1].ns - a[1].ns)) {
  sum += s.ns;
  console.log(`${(s.ns / 1000 / N).toFixed(2).padStart(6)} µs/job ${String(s.calls).padStart(5)} calls  ${k}`);
}
console.log(
  `${(sum / 1000 / N).toFixed(2).padStart(6)} µs/job in statements (timer overhead included); rest ${((claimNs - sum) / 1000 / N).toFixed(2)}`,
);
