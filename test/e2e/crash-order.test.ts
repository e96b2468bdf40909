/**
 * Crash recovery in order, on both stores: real child processes run Chime with the default
 * one-minute lease on reminders spread over a few chats, and are killed with SIGKILL at several
 * points mid-burst; each time a new process starts on the same database (same host: it takes
 * over what the killed one held). The "platform" (a file the sender appends to before it
 * returns) must see every reminder, each chat's in the order they were written, a repeat only
 * for a message whose send was cut off before its acknowledgement, and the messages the killed
 * process held sent within seconds of the restart, not after their lease.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import type { JobStore } from '../../src/core/ports/job-store.js';
import { openStore } from '../../src/store/open-store.js';
import { describePg, freshDatabase } from '../store/pg-harness.js';

const N = 300;
const CHATS = 6;
/** Kill when the platform has seen these shares of the reminders. */
const KILL_AT = [0.15, 0.45, 0.75];
/** The default lease: what a restart must not wait for. */
const LEASE_MS = 60_000;
const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'crash-worker.ts');

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Line {
  chat: string;
  token: string;
  at: number;
}

function readLines(file: string): Line[] {
  if (!existsSync(file)) return [];
  const out: Line[] = [];
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    const [chat, text, at] = l.split('\t');
    const token = /crash-\d+/.exec(text ?? '')?.[0];
    if (chat && token && at) out.push({ chat, token, at: Number(at) });
  }
  return out;
}

function startWorker(
  env: Record<string, string>,
  sentFile: string,
): { child: ChildProcess; ready: Promise<number>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      CHIME_TEST_SENDER: 'file',
      CHIME_TEST_SENT_FILE: sentFile,
      CHIME_LEASE_MS: String(LEASE_MS),
      CHIME_TEST_SEND_DELAY_MS: '4',
      CHIME_TEST_RUN_DELAY_MS: '5',
      CHIME_MAX_CONCURRENT: '8',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve(Date.now());
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The measured run: kills × reminders, lost, repeats, out of order, and how long a restart took to send what the killed process held. */
async function crashRun(env: Record<string, string>, dir: string): Promise<void> {
  const sentFile = join(dir, 'sent.log');
  const config = loadConfig(env);
  // Seed through the real API with a clock a minute behind: everything is due when the first worker starts.
  const realNow = Date.now();
  const seedClock = new ManualClock(realNow - 60_000);
  const seeder = createApp({ config, clock: seedClock, logger: silentLogger(), store: await openStore(config, seedClock) });
  for (let i = 0; i < N; i++) {
    await seeder.scheduler.createJob({
      name: `crash-${i}`,
      kind: 'reminder',
      payload: { text: `crash-${i}` },
      owner: { platform: 'console', userId: 'tester' },
      origin: { platform: 'console', chatId: `chat-${i % CHATS}` },
      schedule: { kind: 'once', at: new Date(realNow - 30_000) },
      timeZone: 'UTC',
    });
  }
  await seeder.stop();
  const watch = await openStore(config);
  cleanups.push(() => watch.close());
  const store: JobStore = watch.jobs;

  const recoveries: number[] = [];
  let worker = startWorker(env, sentFile);
  await worker.ready;
  for (const share of KILL_AT) {
    await until(() => readLines(sentFile).length >= N * share, 90_000, `${share * 100}% sent`);
    worker.child.kill('SIGKILL');
    await worker.exited;
    // What the killed process held: runs in progress, and messages claimed for sending, not acknowledged.
    const held = new Set((await store.listOutbox({ status: 'sending' })).map((r) => /crash-\d+/.exec(r.text)?.[0]));
    for (const run of await store.listRuns({ status: 'running', limit: N })) held.add((await store.getJob(run.jobId))?.name);
    const seen = readLines(sentFile).length;
    worker = startWorker(env, sentFile);
    const readyAt = await worker.ready;
    // Recovery: until every message the killed process held has reached the platform after the restart.
    await until(
      () => {
        const after = readLines(sentFile).slice(seen);
        return [...held].every((t) => after.some((l) => l.token === t));
      },
      LEASE_MS * 2,
      'the held messages',
    );
    const after = readLines(sentFile).slice(seen);
    recoveries.push(Math.max(0, ...after.filter((l) => held.has(l.token)).map((l) => l.at - readyAt)));
  }
  await until(
    async () => new Set(readLines(sentFile).map((l) => l.token)).size >= N && (await store.stats()).outboxPending === 0,
    LEASE_MS * 2,
    'every reminder',
  );
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toBe(0);

  // The platform's view: lost, repeated, out of order within a chat (first sight of each message).
  const lines = readLines(sentFile);
  const rows = await store.listOutbox({});
  const idOf = new Map(rows.map((r) => [/crash-\d+/.exec(r.text)?.[0], r.id]));
  const firstSeen = new Set<string>();
  const maxIdInChat = new Map<string, number>();
  let outOfOrder = 0;
  for (const l of lines) {
    if (firstSeen.has(l.token)) continue;
    firstSeen.add(l.token);
    const id = idOf.get(l.token)!;
    if (id < (maxIdInChat.get(l.chat) ?? -1)) outOfOrder++;
    maxIdInChat.set(l.chat, Math.max(id, maxIdInChat.get(l.chat) ?? -1));
  }
  const figures = {
    kills: KILL_AT.length,
    reminders: N,
    lost: N - firstSeen.size,
    duplicates: lines.length - firstSeen.size,
    outOfOrder,
    recoveryMs: recoveries,
  };
  console.log(`crash figures (${env.CHIME_DATABASE_URL ? 'postgres' : 'sqlite'}): ${JSON.stringify(figures)}`);

  expect(figures.lost).toBe(0);
  expect(figures.outOfOrder).toBe(0);
  // A repeat only for a send cut off before its acknowledgement: at most one per chat per kill.
  expect(figures.duplicates).toBeLessThanOrEqual(KILL_AT.length * CHATS);
  // Taken over at the restart, not after the lease.
  expect(Math.max(...recoveries)).toBeLessThan(10_000);
  // Exactly once in the database: every job completed with one successful run, its message sent.
  const jobs = await store.listJobs({ limit: N + 10 });
  expect(jobs.filter((j) => j.status === 'completed')).toHaveLength(N);
  expect((await store.listRuns({ status: 'success', limit: N + 10 })).length).toBe(N);
  expect(rows.filter((r) => r.status === 'sent')).toHaveLength(N);
}

describe('crash recovery keeps each chat in order (SQLite file)', () => {
  it(`${KILL_AT.length} SIGKILLs over ${N} reminders in ${CHATS} chats, default lease`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-crash-order-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await crashRun({ CHIME_DB: join(dir, 'chime.db') }, dir);
  }, 400_000);
});

describePg('crash recovery keeps each chat in order (PostgreSQL)', () => {
  it(`${KILL_AT.length} SIGKILLs over ${N} reminders in ${CHATS} chats, default lease`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-crash-order-pg-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = await freshDatabase();
    cleanups.push(db.drop);
    await crashRun({ CHIME_DATABASE_URL: db.url }, dir);
  }, 400_000);
});
