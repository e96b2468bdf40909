// The compiled build (bin/build.js into dist/) and how bin/chime.js chooses between it and the
// TypeScript sources: a fresh build runs with no TypeScript loader at all; a source edited after
// the build is what runs, never the old build. Each case works on its own copy of the checkout,
// so the real dist/ (and tests starting bin/chime.js meanwhile) are left alone.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../emulators/discord/emulator.js';
import { FakeBotApi } from '../emulators/telegram/fake-bot-api.js';
// @ts-expect-error plain JavaScript without type declarations (bin/ runs before any build)
import { buildState } from '../../bin/build-state.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GREETING = "I'm Chime, I remind you of things";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A copy of what the build and the CLI read, with node_modules as links to the real packages.
 * Without tsx (`withTsx` false) the copy cannot run TypeScript at all: whatever answers came
 * from dist/.
 */
function checkout(withTsx: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'chime-build-'));
  dirs.push(dir);
  for (const part of ['bin', 'src', 'adapters', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  const modules = join(ROOT, 'node_modules');
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(modules)) {
    if (name === 'tsx' && !withTsx) continue;
    symlinkSync(join(modules, name), join(dir, 'node_modules', name));
  }
  return dir;
}

const build = (dir: string): void => void execFileSync(process.execPath, ['bin/build.js'], { cwd: dir, stdio: 'pipe' });

/**
 * The cases that start from a finished build share one: it is built once, in a checkout of
 * its own, and each case gets a copy (a build takes several seconds on a loaded 2-core machine,
 * a copy a fraction of one). `cp -a` keeps the modification times to the nanosecond, which the
 * build's fingerprint compares, so the copy is as fresh as the original.
 */
let template: string | undefined;
afterAll(() => {
  if (template) rmSync(template, { recursive: true, force: true });
});
function builtCheckout(withTsx: boolean): string {
  if (!template) {
    template = checkout(false);
    dirs.pop(); // kept for the later cases, removed by afterAll
    build(template);
  }
  const dir = mkdtempSync(join(tmpdir(), 'chime-build-'));
  dirs.push(dir);
  execFileSync('cp', ['-a', `${template}/.`, dir]);
  if (withTsx) symlinkSync(join(ROOT, 'node_modules', 'tsx'), join(dir, 'node_modules', 'tsx'));
  return dir;
}

/** `chime start` in `dir` with `/help` piped in; resolves with its output once it greeted. */
async function helpFrom(
  dir: string,
  env: Record<string, string> = { CHIME_DB: join(dir, 'chime.db') },
): Promise<{ out: string; err: string }> {
  const child: ChildProcess = spawn(process.execPath, ['bin/chime.js', 'start'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'info', CHIME_LOG_FILE: 'stderr', CHIME_HTTP_PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin!.end('/help\n');
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const until = Date.now() + 20_000;
  while (!out.includes('/help lists everything')) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`no greeting (exit ${child.exitCode}); stdout:\n${out}\nstderr:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return { out, err };
}

/** The source file holding the greeting (found by content: files move, the greeting stays). */
function greetingFile(dir: string): string {
  const found = (readdirSync(join(dir, 'src'), { recursive: true }) as string[])
    .map((f) => join(dir, 'src', f))
    .find((f) => f.endsWith('.ts') && readFileSync(f, 'utf8').includes(GREETING));
  if (!found) throw new Error(`no source file holds "${GREETING}"`);
  return found;
}

describe('the compiled build', () => {
  it('answers /help from dist/ with no TypeScript loader installed', async () => {
    const dir = builtCheckout(false);
    // The dashboard's browser code is one bundle beside its page, not Node modules.
    expect(existsSync(join(dir, 'dist/src/dashboard/app.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist/src/dashboard/index.html'))).toBe(true);
    expect(existsSync(join(dir, 'dist/src/dashboard/main.js'))).toBe(false);
    // Chime's own directory is still the checkout, not dist/: its .env is read, and a relative
    // database path in it is resolved against the checkout.
    writeFileSync(join(dir, '.env'), 'CHIME_DB=from-env.db\n');
    const { out, err } = await helpFrom(dir, {});
    expect(out).toContain(GREETING);
    expect(err).toMatch(/"msg":"chime ready"/);
    expect(err).not.toMatch(/changed since the last build/);
    expect(err).toContain(`"db":${JSON.stringify(join(dir, 'from-env.db'))}`);
  }, 60_000);

  it('runs chime from its bundle: with the file-by-file modules deleted, --help, start to ready, the API and the dashboard answer', async () => {
    const dir = builtCheckout(false);
    expect(existsSync(join(dir, 'dist/bundle/chime.js'))).toBe(true);
    // What the bundle still reads from dist/ are data files (migrations, the dashboard's page and
    // script); every compiled module goes, so whatever answers came from dist/bundle/.
    const compiled = (readdirSync(join(dir, 'dist'), { recursive: true }) as string[]).filter(
      (f) => !f.startsWith('bundle') && f.endsWith('.js') && f !== join('src', 'dashboard', 'app.js'),
    );
    expect(compiled.length).toBeGreaterThan(100);
    for (const f of compiled) rmSync(join(dir, 'dist', f));
    expect(buildState(dir)).toBe('fresh');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      CHIME_DB: join(dir, 'data', 'chime.db'),
      LOG_LEVEL: 'info',
      CHIME_LOG_FILE: 'stderr',
    };
    const help = execFileSync(process.execPath, ['bin/chime.js', '--help'], { cwd: dir, env, encoding: 'utf8' });
    expect(help).toContain('Usage: chime <command> [options]');
    expect(help).toContain('chime start');

    const child = spawn(process.execPath, ['bin/chime.js', 'start'], {
      cwd: dir,
      env: { ...env, CHIME_HTTP_PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const until = Date.now() + 20_000;
    while (!/Log in: \S+/.test(err) && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    try {
      expect(err).toMatch(/"msg":"chime ready"/);
      const base = /Dashboard and API: (http:\/\/127\.0\.0\.1:\d+)\//.exec(err)?.[1];
      const token = new URL(/Log in: (\S+)/.exec(err)?.[1] ?? 'http://x/').searchParams.get('token');
      expect(base, err).toBeDefined();
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const auth = { headers: { authorization: `Bearer ${token}` } };
      expect((await fetch(`${base}/api/v1/jobs`, auth)).status).toBe(200);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      expect((await fetch(`${base}/assets/app.js`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it("the bundle's Telegram and Discord adapters (loaded when configured) start against their emulators", async () => {
    const telegram = await new FakeBotApi().start();
    const discord = await new DiscordEmulator().start();
    try {
      const dir = builtCheckout(false);
      const child = spawn(process.execPath, ['bin/chime.js', 'start'], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          CHIME_DB: join(dir, 'chime.db'),
          LOG_LEVEL: 'info',
          CHIME_LOG_FILE: 'stderr',
          CHIME_HTTP: 'off',
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          DISCORD_TOKEN: discord.token,
          DISCORD_REST_API: discord.apiUrl,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const until = Date.now() + 30_000;
      while (!/"msg":"chime ready"/.test(err) && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGTERM');
      expect(err).toMatch(/"adapters":\["telegram","discord"\],"msg":"chime ready"/);
      expect(await exited).toBe(0);
    } finally {
      await discord.stop();
      await telegram.stop();
    }
  }, 60_000);

  it('runs a source edited after the build, not the old build', async () => {
    const dir = builtCheckout(true);
    expect(buildState(dir)).toBe('fresh');
    const file = greetingFile(dir);
    writeFileSync(file, readFileSync(file, 'utf8').replace(GREETING, `${GREETING} (edited)`));
    const { out, err } = await helpFrom(dir);
    expect(out).toContain(`${GREETING} (edited)`);
    // Piped stderr stays as it was (a note goes to a terminal only).
    expect(err).not.toMatch(/changed since the last build/);
    // Rebuilt, the edit runs from dist/ again.
    build(dir);
    expect(buildState(dir)).toBe('fresh');
    const again = await helpFrom(dir);
    expect(again.out).toContain(`${GREETING} (edited)`);
  }, 90_000);

  it('an added or removed source file, or a changed build input, makes the build stale too', () => {
    const dir = checkout(true);
    expect(buildState(dir)).toBe('missing');
    build(dir);
    expect(buildState(dir)).toBe('fresh');
    writeFileSync(join(dir, 'src', 'new-module.ts'), 'export const x = 1;\n');
    expect(buildState(dir)).toBe('stale');
    rmSync(join(dir, 'src', 'new-module.ts'));
    expect(buildState(dir)).toBe('fresh');
    writeFileSync(join(dir, 'tsconfig.json'), `${readFileSync(join(dir, 'tsconfig.json'), 'utf8')}\n`);
    expect(buildState(dir)).toBe('stale');
  }, 60_000);

  it('with no build at all, runs the sources', async () => {
    const dir = checkout(true);
    const { out, err } = await helpFrom(dir);
    expect(out).toContain(GREETING);
    expect(err).toMatch(/"msg":"chime ready"/);
  }, 60_000);
});
