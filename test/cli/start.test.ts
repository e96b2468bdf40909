/**
 * `npm start` (= `chime start`) with no tokens: the console adapter answers piped input,
 * delivers a due reminder, and SIGTERM shuts down gracefully (exit 0); a restart keeps the
 * reminders. A bad variable stops it at once with exit code 1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chime-start-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>, input: string) {
  const child = spawn(process.execPath, ['bin/chime.js', 'start'], {
    cwd: ROOT,
    // A short lease: the scheduler's heartbeat (a third of it) bounds how long stop() takes.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'info',
      CHIME_LEASE_MS: '3000',
      CHIME_HTTP_PORT: '0',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end(input);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 15_000): Promise<void> => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; stdout:\n${out}\nstderr:\n${err}`);
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}; stdout:\n${out}\nstderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, waitFor, out: () => out, err: () => err };
}

describe('chime start', () => {
  it('console adapter answers piped input, delivers a due reminder, and exits 0 on SIGTERM', async () => {
    const bot = start({}, '/help\nremind me in 1 second to drink water\n');
    await bot.waitFor(/remind/i);
    await bot.waitFor(/drink water[\s\S]*drink water/);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.err()).toMatch(/"msg":"chime ready"/);
    expect(bot.err()).toMatch(/"msg":"chime stopped"/);
  }, 30_000);

  it('a job created by the CLI while the bot runs fires on time, not at the next 30 s re-arm', async () => {
    const db = join(dir, 'cli-wake.db');
    const bot = start({ CHIME_DB: db }, '');
    const until = Date.now() + 15_000;
    while (!/"msg":"chime ready"/.test(bot.err()) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(bot.err()).toMatch(/"msg":"chime ready"/);
    // The bot now sleeps up to 30 s (no jobs). Another process adds one due in 2 s.
    const cli = spawn(
      process.execPath,
      ['bin/chime.js', 'jobs', 'create', '--name', 'wake', '--schedule', 'in:2s', '--text', 'made by the cli'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: dir, CHIME_DB: db, LOG_LEVEL: 'silent' },
      },
    );
    const created = Date.now();
    expect(await new Promise((resolve) => cli.once('exit', resolve))).toBe(0);
    await bot.waitFor(/made by the cli/, 12_000);
    expect(Date.now() - created).toBeLessThan(12_000);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 40_000);

  it('serves the HTTP API and prints its URL and a one-click login URL with the token it made (kept at mode 0600)', async () => {
    const data = join(dir, 'http');
    const bot = start({ CHIME_DB: join(data, 'chime.db') }, '');
    const until = Date.now() + 15_000;
    while (!/Log in: \S+/.test(bot.err()) && Date.now() < until && bot.child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    const base = /Dashboard and API: (http:\/\/127\.0\.0\.1:\d+)\//.exec(bot.err())?.[1];
    const login = /Log in: (\S+)/.exec(bot.err())?.[1];
    expect(base, bot.err()).toBeDefined();
    expect(login).toMatch(new RegExp(`^${base}/login\\?token=`));
    expect(statSync(join(data, 'api-token')).mode & 0o777).toBe(0o600);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/api/v1/jobs`)).status).toBe(401);
    const loggedIn = await fetch(login!, { redirect: 'manual' });
    expect(loggedIn.status).toBe(303);
    const token = new URL(login!).searchParams.get('token');
    expect((await fetch(`${base}/api/v1/jobs`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 30_000);

  it('refuses a non-loopback address without a configured token, naming the fix (exit 1)', async () => {
    const bot = start({ CHIME_DB: join(dir, 'exposed.db'), CHIME_HTTP_HOST: '0.0.0.0' }, '');
    expect(await bot.exited).toBe(1);
    expect(bot.err()).toContain(
      'CHIME_HTTP_HOST=0.0.0.0 would expose the API beyond this machine without a configured token. Fix: set CHIME_API_TOKEN',
    );
  }, 30_000);

  it('a bad variable stops it at once with a message naming it and exit code 1', async () => {
    const bot = start({ CHIME_LEASE_MS: 'soon' }, '');
    expect(await bot.exited).toBe(1);
    expect(bot.err()).toContain(
      'Invalid configuration: CHIME_LEASE_MS must be milliseconds, at least 1000 (a second), e.g. 60000 for a minute (got "soon")',
    );
  }, 30_000);
});
