/**
 * Jobs made with the real CLI report to the console chat; there, the console's person manages
 * them like their own: the delivered reminder's buttons work, and /list, /snooze, /history,
 * /cancel see them (a private chat has one person, who manages what is delivered to it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { type App, createApp } from '../../src/app.js';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ManualClock, flushMicrotasks } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'chime-cli-console-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const env = { CHIME_DB: join(dir, 'chime.db'), LOG_LEVEL: 'silent', CHIME_TZ: 'Europe/Berlin' };
  // The CLI runs on the real clock; the app's clock starts there and is moved by hand.
  const clock = new ManualClock(new Date(Math.ceil(Date.now() / 60_000) * 60_000));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString()));
  const adapter = createConsoleAdapter({ input, output, userId: 'sam', keepAlive: false });
  const app: App = createApp({ config: loadConfig(env), clock, logger: silentLogger(), adapters: [adapter] });
  cleanups.push(() => app.stop());
  await app.start();
  async function cli(...argv: string[]) {
    const io = captureIo(env);
    const code = await main(argv, io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    return io.out;
  }
  async function type(line: string): Promise<string> {
    const before = printed.length;
    input.write(`${line}\n`);
    await flushMicrotasks();
    await adapter.idle();
    return printed.slice(before);
  }
  async function until(check: () => boolean | Promise<boolean>): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`not reached; console shows:\n${printed}`);
  }
  return { app, clock, cli, type, until, printed: () => printed };
}

describe('CLI jobs in the console', () => {
  it('a CLI reminder delivered to the console answers its buttons and shows in /list, /snooze, /history, /cancel', async () => {
    const s = await setup();
    const created = JSON.parse(
      await s.cli('jobs', 'create', '--name', 'stretch', '--schedule', 'in:2h', '--text', 'stretch your legs', '--format', 'json'),
    ) as { id: string };
    const id = created.id;
    const rec = JSON.parse(
      await s.cli('jobs', 'create', '--name', 'backup', '--schedule', 'every 1d', '--text', 'run the backup', '--format', 'json'),
    ) as { id: string };

    const list = await s.type('/list');
    expect(list).toContain('Your reminders (2)');
    expect(list).toContain(`${id} ·`);
    expect(list).toContain('stretch your legs');

    await s.clock.advance(2 * 3600_000);
    await s.until(() => s.printed().includes('⏰ stretch your legs'));
    const snoozed = await s.type(`s10:${id}`);
    expect(snoozed).toContain('Snoozed until');
    expect(snoozed).not.toContain('No reminder with id');
    expect((await s.app.store.jobs.getJob(id))?.nextRunAt?.getTime()).toBe(s.clock.now().getTime() + 10 * 60_000);

    expect(await s.type(`/snooze ${id} 1h`)).toContain(`Snoozed [${id}] stretch your legs`);
    expect(await s.type('/history')).toContain(`${id} ·`);
    const cancelled = await s.type(`/cancel ${id} ${rec.id}`);
    expect(cancelled).toContain('Cancelled 2 of 2');
    expect((await s.app.store.jobs.getJob(rec.id))?.status).toBe('cancelled');
  });

  it('a Telegram user cannot see the console’s CLI jobs', async () => {
    const s = await setup();
    const created = JSON.parse(
      await s.cli('jobs', 'create', '--name', 'x', '--schedule', 'in:1h', '--text', 'secret', '--format', 'json'),
    ) as { id: string };
    const tg = {
      platform: 'telegram',
      chatId: 'console',
      chatType: 'private' as const,
      userId: 'console',
      userName: 'Mallory',
      isAdmin: false,
    };
    const [reply] = await s.app.chat.handleMessage({ ...tg, text: `/cancel ${created.id}` });
    expect(reply!.text).toContain('No reminder with id');
    expect((await s.app.store.jobs.getJob(created.id))?.status).toBe('active');
  });
});
