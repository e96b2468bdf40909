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
 * store_rss_<n>_with_checkpointer: a second later, with the WAL checkpointer of `chime start`
 * running, idle: its worker thread (a second V8 isolate, about 10 MB) starts only when the WAL
 * holds frames to copy, and leaves 30 s after it last did; store_rss_<n>_checkpointer_active:
 * 1.5 s after a write, with that worker up, before the claims (a `#` line says whether it was
 * up each time).
 * store_rss_baseline is the same child's RSS before opening the store (Node + modules, + tsx
 * when it runs the sources); store_next_due_at_1m the mean cost of nextDueAt (two MINs over
 * partial indexes).
 *
 * The child (_store-ready-child.mjs) loads Chime as `chime start` does: the compiled build in
 * dist/ when it is fresh, else the sources through tsx (a `#` line says which). With a fresh
 * build, the 1M file is also opened once through tsx first (read only): the `_tsx` figures are
 * what the start cost before the build, measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BURST, fill, T0 } from './_pending-fill.js';

interface ChildReport {
  /** What the child ran: the compiled build or the sources through tsx. */
  from: 'dist' | 'source';
  readyMs: number;
  rss: number;
  /** RSS a second later with the checkpointer running, nothing written (worker not started). */
  rssRunning: number;
  /** RSS 1.5 s after a write: the checkpointer's worker up. */
  rssActive: number;
  workerIdle: boolean;
  workerActive: boolean;
  baselineRss: number;
  burstRate: number;
  scatteredRate: number;
  /** Mean cost of one nextDueAt on the warm store (µs). */
  nextDueUs: number;
}

/** Opens the file in a fresh child; `fromSource` runs it through tsx even when dist/ is fresh. */
function measure(path: string, claim: boolean, fromSource = false): ChildReport {
  const child = fileURLToPath(new URL('./_store-ready-child.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [child, path, claim ? 'claim' : 'ready', String(T0)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CHIME_FROM_SOURCE: fromSource ? '1' : '' },
  });
  return JSON.parse(out) as ChildReport;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-store-'));
  try {
    for (const [label, count] of [
      ['100k', 100_000],
      ['1m', 1_000_000],
    ] as const) {
      const path = join(dir, `${label}.db`);
      const big = label === '1m';
      fill(path, count, big ? BURST : 0);
      // The same start through tsx first (it only reads), for comparison with the build.
      const viaTsx = big ? measure(path, false, true) : undefined;
      const r = measure(path, big);
      const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);
      if (big)
        console.log(
          `# store-ready: children ran ${r.from === 'dist' ? 'the build in dist/' : 'the sources through tsx (no fresh build in dist/)'}`,
        );
      console.log(`store_time_to_ready_${label}: ${r.readyMs.toFixed(1)} ms`);
      console.log(`store_rss_${label}: ${mb(r.rss)} MB`);
      console.log(`store_rss_${label}_with_checkpointer: ${mb(r.rssRunning)} MB`);
      console.log(`store_rss_${label}_checkpointer_active: ${mb(r.rssActive)} MB`);
      console.log(`# store_rss_${label}: checkpoint worker up when idle: ${r.workerIdle}, after a write: ${r.workerActive}`);
      if (big) {
        console.log(`store_rss_baseline: ${mb(r.baselineRss)} MB`);
        console.log(`store_next_due_at_1m: ${r.nextDueUs.toFixed(2)} us`);
        console.log(`store_claim_rate: ${Math.round(r.burstRate)} rows/s`);
        console.log(`store_claim_rate_scattered: ${Math.round(r.scatteredRate)} rows/s`);
        if (viaTsx && r.from === 'dist') {
          console.log(`store_time_to_ready_1m_tsx: ${viaTsx.readyMs.toFixed(1)} ms`);
          console.log(`store_rss_1m_with_checkpointer_tsx: ${mb(viaTsx.rssRunning)} MB`);
          console.log(`store_rss_baseline_tsx: ${mb(viaTsx.baselineRss)} MB`);
        }
      }
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
