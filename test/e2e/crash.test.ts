/**
 * THE crash test: a real child process runs Chime on a SQLite file with hundreds of
 * jobs due at once, is killed with SIGKILL mid-burst, and a new process finishes the work on
 * the same file. Afterwards every job has exactly one successful run and exactly one outbox
 * message, sent; the "platform" saw every message, and a message twice only inside the
 * documented window (crash between send and its ack: at most one per chat in flight, and all
 * messages here go to one chat).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { CLI_ORIGIN, CLI_OWNER } from '../../src/cli/schedule-input.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

const N = 400;
const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'crash-worker.ts');

let dir: string;
let db: string;
let sentFile: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chime-crash-'));
  db = join(dir, 'chime.db');
  sentFile = join(dir, 'sent.log');
  // Seed through the real API, with a clock a minute behind: every job is due at once when
  // the worker (on the real clock) starts.
  const realNow = Date.now();
  const app = createApp({ config: loadConfig({ CHIME_DB: db }), clock: new ManualClock(realNow - 60_000), logger: silentLogger() });
  const at = new Date(realNow - 30_000);
  for (let i = 0; i < N; i++) {
    await app.scheduler.createJob({
      name: `crash-${i}`,
      kind: 'reminder',
      payload: { text: `crash-${i}` },
      owner: CLI_OWNER,
      origin: CLI_ORIGIN,
      schedule: { kind: 'once', at },
      timeZone: 'UTC',
    });
  }
  await app.stop();
});

afterAll(() => {
  watcher?.close();
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(extraEnv: Record<string, string>): {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    cwd: ROOT,
    env: {
      ...process.env,
      CHIME_DB: db,
      CHIME_TEST_SENDER: 'file',
      CHIME_TEST_SENT_FILE: sentFile,
      CHIME_LEASE_MS: '1000',
      LOG_LEVEL: 'silent',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => err };
}

let watcher: ReturnType<typeof openSqliteStore> | undefined;

/** Runs settled as success and messages sent, read over a second connection while the worker writes (WAL). */
function progress(): { success: number; sent: number; completed: number } {
  watcher ??= openSqliteStore(db);
  const stats = watcher.jobs.stats();
  return {
    success: stats.runsByStatus.success ?? 0,
    sent: watcher.jobs.listOutbox({ status: 'sent' }).length,
    completed: stats.jobsByStatus.completed,
  };
}

function sentLines(): string[] {
  return existsSync(sentFile) ? readFileSync(sentFile, 'utf8').split('\n').filter(Boolean) : [];
}

describe('crash test', () => {
  it('SIGKILL mid-burst, restart on the same file: every job runs once and its message exists once', async () => {
    // 1. First process: slow sends so the kill lands mid-burst.
    const first = startWorker({ CHIME_TEST_SEND_DELAY_MS: '3', CHIME_TEST_RUN_DELAY_MS: '15', CHIME_MAX_CONCURRENT: '4' });
    await first.ready;
    let seen = progress();
    for (let i = 0; i < 2000 && seen.success < N / 4; i++) {
      await sleep(5);
      seen = progress();
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = progress();
    expect(atKill.success, 'killed after some runs settled').toBeGreaterThan(0);
    expect(atKill.success, 'killed before every run settled').toBeLessThan(N);
    expect(atKill.sent, 'killed after some messages were sent').toBeGreaterThan(0);
    expect(atKill.sent, 'killed before every message was sent').toBeLessThan(N);

    // 2. Second process on the same file finishes the work.
    const second = startWorker({});
    await second.ready;
    let done = progress();
    for (let i = 0; i < 1500 && (done.completed < N || done.sent < N); i++) {
      await sleep(10);
      done = progress();
    }
    second.child.kill('SIGTERM');
    expect(await second.exited, second.stderr()).toBe(0);

    // 3. Exactly once in the database.
    const store = openSqliteStore(db);
    try {
      const jobs = store.jobs.listJobs({ limit: N + 10 });
      expect(jobs).toHaveLength(N);
      const problems: string[] = [];
      for (const job of jobs) {
        const runs = store.jobs.listRuns({ jobId: job.id, limit: 100 });
        const ok = runs.filter((r) => r.status === 'success');
        if (ok.length !== 1) problems.push(`${job.name}: ${ok.length} successful runs (${runs.map((r) => r.status).join(',')})`);
        if (job.status !== 'completed') problems.push(`${job.name}: status ${job.status}`);
        const outbox = store.jobs.listOutbox({ jobId: job.id });
        if (outbox.length !== 1 || outbox[0]?.status !== 'sent')
          problems.push(`${job.name}: outbox ${outbox.map((o) => o.status).join(',')}`);
      }
      expect(problems).toEqual([]);
    } finally {
      store.close();
    }

    // 4. The platform saw every message; duplicates only in the send-to-ack window.
    const counts = new Map<string, number>();
    for (const line of sentLines()) {
      const m = /crash-\d+/.exec(line);
      if (m) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
    expect(counts.size).toBe(N);
    const duplicates = [...counts.values()].filter((c) => c > 1).length;
    expect(duplicates).toBeLessThanOrEqual(1);
  }, 60_000);
});
