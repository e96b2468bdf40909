/**
 * An unusable database path or file, from the user's side: the real `chime` process prints one
 * line naming the setting, the path and the fix, exits 1, and does so quickly (no stack trace,
 * no endless directory-creation loop), for `chime start` and for a CLI command alike.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chime-dbpath-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node bin/chime.js ...argv` and kills it after `killAfterMs` (a hang is a failure). */
function chime(env: Record<string, string>, argv: string[], killAfterMs = 15_000): Promise<Outcome> {
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/chime.js', ...argv], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

/** What every unusable path must give: exit 1, one stderr line naming CHIME_DB=<path>, a fix. */
function expectOneLine(o: Outcome, path: string, reason: RegExp): void {
  expect(o.code, o.stderr).toBe(1);
  expect(o.stdout).toBe('');
  const lines = o.stderr.trim().split('\n');
  expect(lines, o.stderr).toHaveLength(1);
  expect(lines[0]).toContain(`CHIME_DB=${path} cannot be used: `);
  expect(lines[0]).toMatch(reason);
  expect(lines[0]).toMatch(/ Fix: \S/);
  expect(o.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(o.ms).toBeLessThan(10_000);
}

/** The same command in this process (what `bin/chime.js` calls), for the cases that cannot hang. */
async function inProcess(env: Record<string, string>, argv: string[]): Promise<Outcome> {
  const started = Date.now();
  const io = captureIo({ LOG_LEVEL: 'silent', ...env });
  const code = await main(argv, io);
  return { code, stdout: io.out, stderr: io.err, ms: Date.now() - started };
}

describe('an unusable CHIME_DB', () => {
  it('a path under /proc (where recursive mkdir never returns) ends at once, for start and for jobs list', async () => {
    const path = '/proc/chime-nonexistent/y.db';
    expectOneLine(await chime({ CHIME_DB: path }, ['start']), path, /its directory \/proc\/chime-nonexistent cannot be created/);
    expectOneLine(await chime({ CHIME_DB: path }, ['jobs', 'list']), path, /cannot be created/);
  }, 40_000);

  it('a directory, a path through a file, and a place where no file can be created', async () => {
    expectOneLine(await inProcess({ CHIME_DB: dir }, ['start']), dir, /is a directory, not a file.* Fix: name a file inside it/);
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'hello\n');
    const through = join(file, 'chime.db');
    expectOneLine(await inProcess({ CHIME_DB: through }, ['jobs', 'stats']), through, /plain\.txt is a file, not a directory/);
    expectOneLine(
      await inProcess({ CHIME_DB: '/sys/kernel/chime.db' }, ['jobs', 'list']),
      '/sys/kernel/chime.db',
      /cannot be opened or created there/,
    );
  });

  it('a file that is not a database is named and left untouched', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'my shopping list\n');
    expectOneLine(await inProcess({ CHIME_DB: file }, ['start']), file, /not a SQLite database/);
    expectOneLine(
      await inProcess({ CHIME_DB: file }, ['jobs', 'create', '--name', 'x', '--schedule', '5m', '--text', 'x']),
      file,
      /not a SQLite database/,
    );
    expect(readFileSync(file, 'utf8')).toBe('my shopping list\n');
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a damaged Chime database says so and how to recover', async () => {
    const path = join(dir, 'damaged', 'chime.db');
    const made = await inProcess({ CHIME_DB: path }, ['jobs', 'create', '--name', 'a', '--schedule', '5m', '--text', 'hi']);
    expect(made.code, made.stderr).toBe(0);
    // Overwrite the pages after the header page: the schema can no longer be read.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xff), 0, 8192, 4096);
    closeSync(fd);
    expectOneLine(
      await inProcess({ CHIME_DB: path }, ['jobs', 'list']),
      path,
      /the database file is damaged .* Fix: move chime\.db .*\.recover/,
    );
    expectOneLine(await chime({ CHIME_DB: path }, ['start']), path, /the database file is damaged/);
  }, 30_000);
});

describe('an unusable CHIME_DATABASE_URL', () => {
  it('a server that is not there, a database that does not exist: one line naming the variable and the fix, exit 1', async () => {
    const refused = await inProcess({ CHIME_DATABASE_URL: 'postgres://chime@127.0.0.1:1/chime' }, ['jobs', 'list']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^CHIME_DATABASE_URL cannot be used: .*127\.0\.0\.1:1\/chime.*ECONNREFUSED.* Fix: /);
    const s = await inProcess({ CHIME_DATABASE_URL: 'postgres://chime@127.0.0.1:1/chime' }, ['start']);
    expect(s.code).toBe(1);
    expect(s.stderr.trim().split('\n')).toHaveLength(1);
    expect(s.stderr).toContain('CHIME_DATABASE_URL cannot be used');
  }, 30_000);
});
