/**
 * Real `chime start` processes killed mid-burst, on a SQLite file and on PostgreSQL. Two of them
 * on one database (README "SQLite or PostgreSQL": several processes may share a SQLite file on
 * one machine; several instances share a PostgreSQL database), each delivering through its own console adapter. A burst of reminders becomes due
 * while both run; the one delivering is killed with SIGKILL mid-burst, and the other takes its
 * runs and messages over once their lease expires. What the people saw, both consoles
 * together: every reminder, each once, a repeat only for the one message whose send was cut
 * off before its acknowledgement (README "Delivery guarantees"); in the history, each job has
 * exactly one successful run. The same when a single process is killed (runs settled, their
 * messages still unsent) and started again: the restart takes over at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { CLI_ORIGIN, CLI_OWNER } from '../../src/cli/schedule-input.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/open-store.js';
import { describePg, freshDatabase } from '../store/pg-harness.js';

const N = 150;
const LEASE_MS = 2000;
const ROOT = join(import.meta.dirname, '..', '..');

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `chime start` with the console adapter; its stdout is that console's screen. */
function chime(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/chime.js', 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: env.HOME ?? tmpdir(),
      CHIME_HTTP_PORT: '0',
      CHIME_LOG_FILE: 'stderr',
      LOG_LEVEL: 'info',
      CHIME_LEASE_MS: String(LEASE_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, tokens: () => out.match(/burst-\d+-end/g) ?? [], err: () => err };
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await sleep(20);
  }
}

/** Adds the burst as a third process would (the CLI): due in a second and a half. */
async function seedBurst(env: Record<string, string>): Promise<void> {
  const config = loadConfig(env);
  const realNow = Date.now();
  const clock = new ManualClock(realNow);
  const seeder = createApp({ config, clock, logger: silentLogger(), store: await openStore(config, clock) });
  const at = new Date(realNow + 1500);
  for (let i = 0; i < N; i++) {
    await seeder.scheduler.createJob({
      name: `burst-${i}`,
      kind: 'reminder',
      payload: { text: `burst-${i}-end` },
      owner: CLI_OWNER,
      origin: CLI_ORIGIN,
      schedule: { kind: 'once', at },
      timeZone: 'UTC',
    });
  }
  await seeder.stop();
}

const ready = (p: ReturnType<typeof chime>) => /"msg":"chime ready"/.test(p.err());

/**
 * Runs the burst on `first` (and `second`, running beside it), kills the one delivering
 * mid-burst, lets `after()` (the other, or a restarted process) finish, and checks what the
 * consoles showed and what the history says.
 */
async function killMidBurst(env: Record<string, string>, mode: 'other-takes-over' | 'restart'): Promise<void> {
  const procs = mode === 'restart' ? [chime(env)] : [chime(env), chime(env)];
  await until(
    () => procs.every(ready),
    20_000,
    () => `ready:\n${procs.map((p) => p.err()).join('\n')}`,
  );
  // Both running instances hear of the new jobs (file watch, LISTEN/NOTIFY) and claim from them.
  await seedBurst(env);

  // Kill the one delivering (the console chat's messages go out one at a time, from one holder).
  const all = () => procs.flatMap((p) => p.tokens());
  await until(
    () => all().length >= N / 4,
    20_000,
    () => 'a quarter of the burst',
  );
  const victim = procs.reduce((x, y) => (y.tokens().length > x.tokens().length ? y : x));
  victim.child.kill('SIGKILL');
  await victim.exited;
  const seenByVictim = victim.tokens();
  expect(seenByVictim.length, 'killed mid-burst').toBeLessThan(N);

  const config = loadConfig(env);
  const store = await openStore(config);
  try {
    if (mode === 'restart') {
      // Runs settled with their messages still in the outbox, unsent: they must go out once.
      expect((await store.jobs.stats()).outboxPending, 'messages settled but not sent at the kill').toBeGreaterThan(0);
      procs.push(chime(env));
    }
    const survivor = procs.find((p) => p !== victim)!;
    const killedAt = Date.now();
    const unique = () => new Set(all()).size;
    await until(
      () => unique() >= N,
      20_000,
      () => `every reminder (${unique()} of ${N})`,
    );
    const tookOverAfter = Date.now() - killedAt;
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited, survivor.err()).toBe(0);

    // What the people saw: each reminder once; a repeat only for the victim's last, cut-off send.
    const counts = new Map<string, number>();
    for (const t of all()) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(counts.size).toBe(N);
    const repeated = [...counts].filter(([, c]) => c > 1).map(([t]) => t);
    expect(repeated.length, `repeated: ${repeated.join(', ')}`).toBeLessThanOrEqual(1);
    for (const t of repeated) expect(t, 'a repeat only for the send cut off by the kill').toBe(seenByVictim.at(-1));
    expect(survivor.tokens().length, 'the other process delivered the rest').toBeGreaterThan(0);
    expect(tookOverAfter).toBeLessThan(15_000);

    // The history: each job completed, with exactly one successful run and its message sent.
    const problems: string[] = [];
    const jobs = await store.jobs.listJobs({ limit: N + 10 });
    expect(jobs).toHaveLength(N);
    for (const job of jobs) {
      const runs = await store.jobs.listRuns({ jobId: job.id, limit: 10 });
      const ok = runs.filter((r) => r.status === 'success').length;
      const box = await store.jobs.listOutbox({ jobId: job.id });
      if (ok !== 1 || job.status !== 'completed' || box.length !== 1 || box[0]?.status !== 'sent')
        problems.push(`${job.name}: ${job.status}, runs ${runs.map((r) => r.status)}, outbox ${box.map((o) => o.status)}`);
    }
    expect(problems).toEqual([]);
  } finally {
    await store.close();
  }
}

describe('chime start killed mid-burst on a SQLite file', () => {
  it('two processes, one killed: the other delivers the rest, every reminder once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-two-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await killMidBurst({ CHIME_DB: join(dir, 'chime.db'), HOME: dir }, 'other-takes-over');
  }, 60_000);

  it('one process, killed and restarted: every reminder once, the unsent ones too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await killMidBurst({ CHIME_DB: join(dir, 'chime.db'), HOME: dir }, 'restart');
  }, 60_000);
});

describePg('chime start killed mid-burst on a PostgreSQL database', () => {
  for (const mode of ['other-takes-over', 'restart'] as const) {
    it(`${mode === 'restart' ? 'one process, killed and restarted' : 'two processes, one killed'}: every reminder once`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chime-two-pg-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const db = await freshDatabase();
      cleanups.push(db.drop);
      await killMidBurst({ CHIME_DATABASE_URL: db.url, CHIME_DB: join(dir, 'chime.db'), HOME: dir }, mode);
    }, 60_000);
  }
});
