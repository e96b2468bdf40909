import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0, reminder } from '../store/contract.js';

/**
 * `chime events tail`, the real CLI in its own process on a SQLite file another process writes:
 * the backlog from --since, then live events one line each (filtered by --type), and Ctrl-C
 * (SIGINT) ends it with exit code 0. A wrong type is refused with the list of types.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'chime.js');

function tail(db: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, 'events', 'tail', ...args], {
    env: { PATH: process.env.PATH ?? '', CHIME_DB: db, LOG_LEVEL: 'silent', CHIME_HTTP: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of [...waiters]) w();
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`tail printed ${lines.length} lines: ${lines.join(' | ')} ${stderr}`)), 30_000);
      const w = () => {
        if (lines.length >= n) {
          clearTimeout(t);
          waiters.delete(w);
          resolve();
        }
      };
      waiters.add(w);
      w();
    });
  return { child, lines, until, exit, stderr: () => stderr };
}

describe('chime events tail', () => {
  it('prints the backlog, then each new event of another process as a line; Ctrl-C exits cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-tail-'));
    const db = join(dir, 'chime.db');
    const s = openSqliteStore(db);
    try {
      const a = s.jobs.createJob(reminder(0), T0);
      s.jobs.updateJob(a.id, { status: 'paused' }, T0);
      const t = tail(db, ['--since', '0', '--type', 'job.created,job.deleted']);
      await t.until(1);
      expect(t.lines[0]).toMatch(new RegExp(`^1 2027-01-01T00:00:00.000Z job.created job=${a.id} by=UNKNOWN \\{.*"kind":"reminder"`));
      const b = s.jobs.createJob(reminder(0), T0);
      s.jobs.deleteJob(a.id, T0);
      await t.until(3);
      expect(t.lines.map((l) => l.split(' ').slice(2, 4).join(' '))).toEqual([
        `job.created job=${a.id}`,
        `job.created job=${b.id}`,
        `job.deleted job=${a.id}`,
      ]);
      t.child.kill('SIGINT');
      expect(await t.exit).toBe(0);
      expect(t.stderr()).toBe('');
    } finally {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('--since beyond the newest event is refused naming the newest id, exit code 1, instead of waiting silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-tail-'));
    const db = join(dir, 'chime.db');
    try {
      const store = openSqliteStore(db);
      store.jobs.createJob(reminder(0), T0);
      const newest = store.jobs.lastEventId();
      store.close();
      const t = tail(db, ['--since', String(newest + 100)]);
      expect(await t.exit).toBe(1);
      expect(t.stderr()).toContain(`the newest event is ${newest}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('an unknown --type is refused with the valid types, exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-tail-'));
    try {
      const t = tail(join(dir, 'chime.db'), ['--type', 'job.exploded']);
      expect(await t.exit).toBe(1);
      expect(t.stderr()).toContain('Unknown event type "job.exploded"');
      expect(t.stderr()).toContain('run.failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
