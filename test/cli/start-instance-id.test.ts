/**
 * `chime start` twice under one CHIME_INSTANCE_ID on one database, as real processes: the
 * second is refused with one line naming the id, the running process and when it was last
 * seen, and the fix (exit 1, nothing started); once the first stops cleanly the second starts;
 * after the first is killed (SIGKILL, no clean stop) the second starts at once, as its pid is
 * gone from this host.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describePg, freshDatabase } from '../store/pg-harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chime-start-id-'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/chime.js', 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      LOG_LEVEL: 'info',
      CHIME_LOG_FILE: 'stderr',
      CHIME_HTTP: 'off',
      // A short lease: the heartbeat (a third of it) bounds how long stop() takes.
      CHIME_LEASE_MS: '3000',
      CHIME_INSTANCE_ID: 'chime-1',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stdout.resume();
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = async (): Promise<void> => {
    const until = Date.now() + 20_000;
    while (!/"msg":"chime ready"/.test(err)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`not ready (exit ${child.exitCode}); stderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, ready, err: () => err };
}

function refusalAndCleanStop(database: () => Promise<Record<string, string>>): void {
  it('the second start under the same id is refused (exit 1, one line); after the first stops cleanly it starts', async () => {
    const env = await database();
    const first = start(env);
    await first.ready();
    const second = start(env);
    expect(await second.exited).toBe(1);
    // The refusal is the first line; the log may follow (LOG_LEVEL=info), but nothing started.
    const line = second.err().split('\n')[0];
    expect(line).toMatch(
      new RegExp(
        `^CHIME_INSTANCE_ID=chime-1 is in use by another running Chime \\(pid ${first.child.pid} on host ${hostname().replace(/[.]/g, '\\.')}, started \\S+Z, last seen \\S+Z, [0-3] s ago\\), so this one does not start: .*` +
          'Fix: give each instance its own CHIME_INSTANCE_ID, or stop the other one\\. If the other has crashed, the id is free once it has been silent for its lease \\(3 s\\), from \\S+Z\\.$',
      ),
    );
    expect(second.err()).not.toMatch(/chime ready|adapter started/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const third = start(env);
    await third.ready();
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 60_000);
}

describe('chime start: one running process per CHIME_INSTANCE_ID (SQLite)', () => {
  let n = 0;
  refusalAndCleanStop(async () => ({ CHIME_DB: join(dir, `refused-${++n}.db`) }));

  it('after the first is killed (no clean stop), a start on the same host takes the id at once', async () => {
    const env = { CHIME_DB: join(dir, 'killed.db') };
    const first = start(env);
    await first.ready();
    first.child.kill('SIGKILL');
    await first.exited;
    const second = start(env);
    await second.ready();
    expect(second.err()).toMatch(/"msg":"took over the instance id of a process that is gone"/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);
});

describePg('chime start: one running process per CHIME_INSTANCE_ID (PostgreSQL)', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  refusalAndCleanStop(async () => {
    const db = await freshDatabase();
    drops.push(db.drop);
    return { CHIME_DATABASE_URL: db.url };
  });
});
