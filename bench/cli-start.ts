/**
 * The real `chime start` (bin/chime.js, console adapter, stdin a pipe left open, SQLite), as a
 * user starts it, in a fresh process each time; median of three starts:
 * - cli_start_ready_<db>: ms from spawning the process to its "chime ready" log line (Node's own
 *   start, module loading, opening the store, the scheduler's first look at the due jobs);
 * - cli_start_http_<db>: ms from spawning the process to the API's banner ("Dashboard and API:",
 *   printed once the HTTP server listens, after ready): the HTTP stack loads after ready, so this
 *   says what a dashboard or API user waits;
 * - cli_start_rss_idle_<db>: the process's VmRSS after 3 s idle.
 * `<db>` is `empty` (a new database) or `1m` (1,000,000 pending jobs, due in a year).
 *
 * `npm start` runs the compiled build in dist/ (built first here if it is missing or stale, as
 * `npm install` does); the `_tsx` figures are the same start through tsx (CHIME_FROM_SOURCE=1),
 * what it cost before the build existed, measured in the same run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fill } from './_pending-fill.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IDLE_MS = 3000;
const ROUNDS = 3;

interface Start {
  readyMs: number;
  httpMs: number;
  rssMb: number;
}

function vmRssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** One `chime start` on `db`: time to ready, RSS after IDLE_MS, then SIGTERM and a clean exit. */
async function start(db: string, home: string, fromSource: boolean): Promise<Start> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/chime.js'), 'start'], {
    cwd: home,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CHIME_DB: db,
      LOG_LEVEL: 'info',
      CHIME_LOG_FILE: 'stderr',
      // Any free port: a second Chime (or a bench beside this one) may hold the default.
      CHIME_HTTP_PORT: '0',
      CHIME_FROM_SOURCE: fromSource ? '1' : '',
    },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyMs = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      const before = err.includes('"msg":"chime ready"');
      err += d.toString();
      if (!before && err.includes('"msg":"chime ready"')) resolve(performance.now() - t0);
    });
    void exited.then((code) => reject(new Error(`chime start exited ${code} before ready:\n${err.slice(-2000)}`)));
  });
  const httpMs = await new Promise<number>((resolve, reject) => {
    const check = (): void => {
      if (!err.includes('Dashboard and API:')) return;
      child.stderr.off('data', check);
      resolve(performance.now() - t0);
    };
    child.stderr.on('data', check);
    check();
    void exited.then((code) => reject(new Error(`chime start exited ${code} before listening:\n${err.slice(-2000)}`)));
  });
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const rssMb = vmRssMb(child.pid!);
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`chime start exited ${code} on SIGTERM:\n${err.slice(-2000)}`);
  return { readyMs, httpMs, rssMb };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

execFileSync(process.execPath, [join(ROOT, 'bin/build.js'), '--if-stale'], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'chime-bench-start-'));
try {
  const big = join(dir, '1m.db');
  fill(big, 1_000_000, 0, Date.now() + 365 * 86_400_000);
  for (const [label, db] of [
    ['empty', join(dir, 'empty.db')],
    ['1m', big],
  ] as const) {
    for (const fromSource of [false, true]) {
      const runs: Start[] = [];
      for (let i = 0; i < ROUNDS; i++) runs.push(await start(db, dir, fromSource));
      const suffix = fromSource ? '_tsx' : '';
      console.log(`cli_start_ready_${label}${suffix}: ${Math.round(median(runs.map((r) => r.readyMs)))} ms`);
      console.log(`cli_start_http_${label}${suffix}: ${Math.round(median(runs.map((r) => r.httpMs)))} ms`);
      console.log(`cli_start_rss_idle_${label}${suffix}: ${median(runs.map((r) => r.rssMb)).toFixed(1)} MB`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
