/**
 * `npm start` in a real terminal (a pseudo-terminal from util-linux `script`), as a new user
 * meets it: a greeting that says how to press buttons, numbered buttons pressed by typing the
 * number, and the log in data/chime.log instead of between the lines of the conversation.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const hasScript = spawnSync('script', ['--version']).status === 0;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chime-tty-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startInTerminal(env: Record<string, string>) {
  // exec: the shell script(1) starts must not stay between the terminal and Chime (it would die of the Ctrl-C too).
  const command = `exec ${process.execPath} bin/chime.js start`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dir, USER: 'sam', TERM: 'dumb', CHIME_LEASE_MS: '3000', CHIME_HTTP_PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString().replace(/\r/g, '')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 20_000): Promise<RegExpExecArray> => {
    const until = Date.now() + ms;
    for (;;) {
      const m = re.exec(screen);
      if (m) return m;
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, waitFor, screen: () => screen, type: (line: string) => child.stdin.write(`${line}\r`) };
}

describe.skipIf(!hasScript)('the console in a terminal', () => {
  it('greets, numbers buttons, presses one by its number, and keeps the log out of the conversation', async () => {
    const db = join(dir, 'data', 'chime.db');
    const t = startInTerminal({ CHIME_DB: db, LOG_LEVEL: 'info', CHIME_TZ: 'Europe/Berlin' });
    await t.waitFor(/type the number \(1\) and Enter to press one/);
    expect(t.screen()).toContain(`Chime logs to ${join(dir, 'data', 'chime.log')}`);
    expect(t.screen()).toMatch(/👋 Hi sam!/);
    t.type('/remind in 2 seconds stretch');
    const due = await t.waitFor(/⏰ stretch\n {2}\[(\d+)\] Snooze 10 min {3}\[\d+\] Snooze 1 h {3}\[\d+\] Tomorrow\n {2}\[(\d+)\] Done/);
    t.type(due[2]!);
    await t.waitFor(/✓ Done\./);
    t.type('/list');
    await t.waitFor(/You have no reminders/);
    // Not one log line in the conversation; all of them in the file.
    expect(t.screen()).not.toMatch(/INFO|scheduled run|"level"/);
    const log = readFileSync(join(dir, 'data', 'chime.log'), 'utf8');
    expect(log).toContain('"msg":"chime ready"');
    expect(log).toContain('"msg":"scheduled run"');
    t.child.stdin.write('\x03'); // Ctrl-C
    expect(await t.exited).toBe(0);
  }, 60_000);

  it('CHIME_LOG_FILE=stderr keeps the log in the terminal', async () => {
    const db = join(dir, 'other', 'chime.db');
    const t = startInTerminal({ CHIME_DB: db, LOG_LEVEL: 'info', CHIME_LOG_FILE: 'stderr' });
    await t.waitFor(/chime ready/);
    expect(existsSync(join(dir, 'other', 'chime.log'))).toBe(false);
    t.child.stdin.write('\x03');
    const code = await t.exited;
    expect(code, t.screen()).toBe(0);
  }, 60_000);
});
