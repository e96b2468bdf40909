/**
 * Store start-up and claim throughput with many pending jobs.
 *
 * Fills a temp SQLite file with 100,000 and 1,000,000 pending reminders (one transaction, one
 * prepared insert; due times scattered, unrelated to insertion order, as reminders are), then,
 * in a fresh child process per file, measures time-to-ready (open + migrations + nextDueAt)
 * and RSS right after. On the big file the child then measures claimDue in batches of 500
 * (a claim writes only the lease; the run's history row is written when it settles):
 * - store_claim_rate: a burst of 50,000 jobs created together and due together (rows lie
 *   side by side in the file, the case of the scheduler's burst);
 * - store_claim_rate_scattered: 50,000 of the million scattered jobs, each on its own page
 *   (page I/O bound: every claimed row dirties a different page).
 * store_rss_<n>_with_checkpointer: a second later, with the WAL checkpoint worker thread of
 * `chime start` running (a worker is a second V8 isolate: about 7 MB).
 * store_rss_baseline is the same child's RSS before opening the store (Node + tsx + modules);
 * store_next_due_at_1m the mean cost of nextDueAt (two MINs over partial indexes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { JOB_ID_ALPHABET } from '../src/store/job-id.js';
import { jobFromNew } from '../src/store/job-defaults.js';
import { prepareJobQueries } from '../src/store/sqlite/job-queries.js';
import { SystemClock } from '../src/clock.js';
import { openSqliteStore, startCheckpointer } from '../src/store/sqlite/index.js';
import { jobToParams } from '../src/store/engine/rows.js';

const T0 = Date.UTC(2027, 0, 1);
const CLAIM_BATCH = 500;
const CLAIM_ROWS = 50_000;
/** Jobs of the burst, due at T0 + i ms, before any scattered job (those start at T0 + 60 s). */
const BURST = 50_000;

/** The i-th id in base 31 over the job-id alphabet: unique, unlike random ids at a million. */
function idOf(i: number): string {
  let s = '';
  for (let k = 0; k < 6; k++) {
    s = JOB_ID_ALPHABET[i % JOB_ID_ALPHABET.length] + s;
    i = Math.floor(i / JOB_ID_ALPHABET.length);
  }
  return s;
}

function fill(path: string, count: number, burst: number): void {
  const store = openSqliteStore(path);
  const q = prepareJobQueries(store.db);
  const now = new Date(T0);
  const base = jobToParams(
    jobFromNew(
      {
        kind: 'reminder',
        payload: { text: 'drink water' },
        owner: { platform: 'telegram', userId: '0' },
        origin: { platform: 'telegram', chatId: '0' },
        schedule: { kind: 'once', at: now },
        timeZone: 'Europe/Berlin',
      },
      'xxxxxx',
      now,
    ),
  );
  store.db.transaction(() => {
    for (let i = 0; i < count + burst; i++) {
      // Scattered: due order unrelated to insertion order. Burst: due in insertion order.
      const due = i < count ? T0 + 60_000 + ((i * 7919) % count) * 1000 : T0 + (i - count);
      const user = String(i % 5000);
      q.insertJob.run({
        ...base,
        id: idOf(i),
        owner_user_id: user,
        origin_chat_id: user,
        origin: `{"platform":"telegram","chatId":"${user}"}`,
        schedule: `{"kind":"once","at":"${new Date(due).toISOString()}"}`,
        next_run_at: due,
      });
    }
  })();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

interface ChildReport {
  readyMs: number;
  rss: number;
  /** RSS a second later with the checkpoint worker running. */
  rssRunning: number;
  baselineRss: number;
  burstRate: number;
  scatteredRate: number;
  /** Mean cost of one nextDueAt on the warm store (µs). */
  nextDueUs: number;
}

/** Claims until `rows` are claimed (or nothing is due) and returns rows per second. */
function claimRate(store: ReturnType<typeof openSqliteStore>, now: Date, rows: number): number {
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

/** Child: open the file cold and report. */
async function child(path: string, claim: boolean): Promise<void> {
  const baselineRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const store = openSqliteStore(path);
  const due = store.jobs.nextDueAt();
  const readyMs = performance.now() - t0;
  const rss = process.memoryUsage().rss;
  if (!due) throw new Error('no due job found');
  // As chime start runs it: with the WAL checkpoint worker (its own thread and connection).
  const checkpointer = startCheckpointer(store.db, { clock: new SystemClock() });
  await sleep(1000);
  const rssRunning = process.memoryUsage().rss;
  const n0 = performance.now();
  for (let i = 0; i < 10_000; i++) store.jobs.nextDueAt();
  const nextDueUs = ((performance.now() - n0) * 1000) / 10_000;
  let burstRate = 0;
  let scatteredRate = 0;
  if (claim) {
    burstRate = claimRate(store, new Date(T0 + 59_999), CLAIM_ROWS);
    scatteredRate = claimRate(store, new Date(T0 + 10 * 365 * 86_400_000), CLAIM_ROWS);
  }
  await checkpointer.stop();
  store.close();
  const report: ChildReport = { readyMs, rss, rssRunning, baselineRss, burstRate, scatteredRate, nextDueUs };
  process.stdout.write(JSON.stringify(report));
}

function measure(path: string, claim: boolean): ChildReport {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', path, claim ? 'claim' : 'ready'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out) as ChildReport;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-store-'));
  try {
    for (const [label, count] of [['100k', 100_000], ['1m', 1_000_000]] as const) {
      const path = join(dir, `${label}.db`);
      const big = label === '1m';
      fill(path, count, big ? BURST : 0);
      const r = measure(path, big);
      const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);
      console.log(`store_time_to_ready_${label}: ${r.readyMs.toFixed(1)} ms`);
      console.log(`store_rss_${label}: ${mb(r.rss)} MB`);
      console.log(`store_rss_${label}_with_checkpointer: ${mb(r.rssRunning)} MB`);
      if (big) {
        console.log(`store_rss_baseline: ${mb(r.baselineRss)} MB`);
        console.log(`store_next_due_at_1m: ${r.nextDueUs.toFixed(2)} us`);
        console.log(`store_claim_rate: ${Math.round(r.burstRate)} rows/s`);
        console.log(`store_claim_rate_scattered: ${Math.round(r.scatteredRate)} rows/s`);
      }
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1]!, args[2] === 'claim');
else main();
