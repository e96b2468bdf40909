// The dashboard's browser tests and bench run the real `chime start` (bin/chime.js, as `npm
// start` does) on a real SQLite file in a temporary directory, log in with the URL it prints,
// and drive Debian's Chromium through playwright-core. No browser is ever downloaded: without
// /usr/bin/chromium (or CHIME_CHROMIUM) these tests are skipped, saying why.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots of the browser tests land here (gitignored), to look at after a run. */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** The Chromium to drive, or undefined when this machine has none. */
export function chromiumPath(): string | undefined {
  const path = process.env.CHIME_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

export const NO_CHROMIUM = 'no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHIME_CHROMIUM)';

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI and these machines run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath()!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** The read-only token every harness run configures beside the generated full one. */
export const READONLY_TOKEN = 'dashboard-readonly-token-0123456789';

export interface RunningChime {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The one-click login URL `chime start` printed. */
  loginUrl: string;
  /** The generated full-access token (from the login URL), for API calls of the test itself. */
  token: string;
  dir: string;
  db: string;
  /** Everything it printed on stderr so far. */
  stderr(): string;
  /** Calls the API with the full token. */
  call(path: string, init?: { method?: string; json?: unknown }): Promise<Response>;
  /** Stops the process (SIGTERM) and waits for it to exit; the directory stays (see `restart`). */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** Stops it and deletes the directory. */
  close(): Promise<void>;
}

/**
 * Starts `chime start` on a fresh data directory. `seed` runs first with the database path
 * (to write jobs through the store before the process opens it).
 */
export async function startChime(opts: { seed?: (db: string) => void; env?: Record<string, string> } = {}): Promise<RunningChime> {
  const dir = mkdtempSync(join(tmpdir(), 'chime-dash-'));
  const db = join(dir, 'chime.db');
  opts.seed?.(db);
  let child: ChildProcess | undefined;
  let err = '';
  let port = '0';
  const launch = async (): Promise<{ url: string; loginUrl: string }> => {
    err = '';
    const c = spawn(process.execPath, [join(ROOT, 'bin/chime.js'), 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        CHIME_DB: db,
        CHIME_HTTP_PORT: port,
        CHIME_TZ: 'Europe/Berlin',
        CHIME_API_READONLY_TOKEN: READONLY_TOKEN,
        LOG_LEVEL: 'warn',
        CHIME_LOG_FILE: 'stderr',
        ...opts.env,
      },
      // stdin stays open: the console adapter reads it and Chime runs until stopped.
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    child = c;
    c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const m = /Log in: (http:\/\/\S+\/login\?token=\S+)/.exec(err);
      const d = /Dashboard and API: (http:\/\/\S+?)\/ /.exec(err);
      if (m?.[1] && d?.[1]) return { url: d[1], loginUrl: m[1] };
      if (c.exitCode !== null || Date.now() > deadline) {
        c.kill('SIGKILL');
        throw new Error(`chime start printed no login URL (exit ${c.exitCode}):\n${err}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const first = await launch();
  port = new URL(first.url).port;
  const token = new URL(first.loginUrl).searchParams.get('token')!;
  const stop = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (c.exitCode === null) c.kill('SIGKILL');
  };
  return {
    ...first,
    token,
    dir,
    db,
    stderr: () => err,
    call: (path, init = {}) =>
      fetch(first.url + path, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${token}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      }),
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser context (its own cookies) logged in through `loginUrl`, as a person clicking the printed link. */
export async function loggedIn(
  browser: Browser,
  loginUrl: string,
  opts: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
  const page = await context.newPage();
  await page.goto(loginUrl);
  await page.close();
  return context;
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** The value of a JavaScript expression in the page (written as text: tests are type-checked without the DOM's types). */
export const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

/** The pixel height of a row of the jobs list (its CSS --row-h, which depends on the width). */
export const ROW_HEIGHT = `parseFloat(getComputedStyle(document.querySelector('.vlist')).getPropertyValue('--row-h'))`;

/**
 * Presses the mouse on `button`, makes `change` to job `id` elsewhere (through the API), waits
 * until the page has read the changed job from the live update, and only then releases: a
 * person's click takes a tenth of a second, long enough for a live update to land inside it.
 */
export async function pressAcrossLiveUpdate(page: Page, button: Locator, id: string, change: () => Promise<Response>): Promise<void> {
  const box = await button.boundingBox();
  if (!box) throw new Error('the button to press is not on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const read = page.waitForEvent('requestfinished', (r) => new URL(r.url()).pathname === `/api/v1/jobs/${id}`);
  const res = await change();
  if (!res.ok) throw new Error(`the change made elsewhere was refused: ${res.status} ${await res.text()}`);
  await read;
  // The page draws what it read once the answer is parsed: a moment more in its own event loop.
  await inPage(page, 'new Promise((resolve) => setTimeout(resolve, 300))');
  await page.mouse.up();
}
