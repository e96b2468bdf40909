// The child process of store-ready.ts: opens a filled store cold and reports on stdout (JSON).
// Plain JavaScript, loading Chime as `chime start` does (bin/load-chime.js: the build in dist/
// when fresh, else the sources through tsx; CHIME_FROM_SOURCE=1 forces the sources), so its
// RSS is that of the real start, loader included or not.
// Usage: node bench/_store-ready-child.mjs <db path> ready|claim <T0 ms>
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadChime } from '../bin/load-chime.js';

const CLAIM_BATCH = 500;
const CLAIM_ROWS = 50_000;
const [path, mode, t0Arg] = process.argv.slice(2);
const T0 = Number(t0Arg);

const { module: sqlite, from } = await loadChime('src/store/sqlite/index');
const { SystemClock } = (await loadChime('src/core/system-clock')).module;

/** Claims until `rows` are claimed (or nothing is due) and returns rows per second. */
function claimRate(store, now, rows) {
  const lease = { owner: 'bench:1', durationMs: 3_600_000 };
  let claimed = 0;
  const c0 = performance.now();
  while (claimed < rows) {
    const got = store.jobs.claimDue(now, CLAIM_BATCH, lease).length;
    if (got === 0) break;
    claimed += got;
  }
  return claimed / ((performance.now() - c0) / 1000);
}

// Node, the loader if any, and the store's modules, before the file is opened.
const baselineRss = process.memoryUsage().rss;
const t0 = performance.now();
const store = sqlite.openSqliteStore(path);
const due = store.jobs.nextDueAt();
const readyMs = performance.now() - t0;
const rss = process.memoryUsage().rss;
if (!due) throw new Error('no due job found');
// As chime start runs it: with the WAL checkpointer, whose worker thread (its own isolate and
// connection) starts when the WAL holds frames to copy.
const checkpointer = sqlite.startCheckpointer(store.db, { clock: new SystemClock() });
await sleep(1000);
const rssRunning = process.memoryUsage().rss;
const workerIdle = checkpointer.workerRunning();
// The worker runs only while the WAL holds frames to copy: up after a write (and for the claims).
store.db.exec('CREATE TABLE IF NOT EXISTS bench_touch (x); INSERT INTO bench_touch VALUES (1)');
await sleep(1500);
const rssActive = process.memoryUsage().rss;
const workerActive = checkpointer.workerRunning();
const n0 = performance.now();
for (let i = 0; i < 10_000; i++) store.jobs.nextDueAt();
const nextDueUs = ((performance.now() - n0) * 1000) / 10_000;
let burstRate = 0;
let scatteredRate = 0;
if (mode === 'claim') {
  burstRate = claimRate(store, new Date(T0 + 59_999), CLAIM_ROWS);
  scatteredRate = claimRate(store, new Date(T0 + 10 * 365 * 86_400_000), CLAIM_ROWS);
}
await checkpointer.stop();
store.close();
process.stdout.write(
  JSON.stringify({ from, readyMs, rss, rssRunning, rssActive, workerIdle, workerActive, baselineRss, burstRate, scatteredRate, nextDueUs }),
);
