/**
 * A command job whose command is refused or errs is a failed run with the reason in its
 * history, never a success (the app wired as `chime start` wires it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { ManualClock, flushMicrotasks } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'chime-cmdrun-'));
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const app = createApp({
    config: loadConfig({ CHIME_DB: join(dir, 'chime.db'), CHIME_DEFAULT_RETRIES: '0' }),
    clock,
    logger: silentLogger(),
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => app.stop());
  await app.start();
  return { app, clock };
}

const CONSOLE = {
  owner: { platform: 'console', userId: 'cli' },
  origin: { platform: 'console', chatId: 'console', chatType: 'private' as const },
};

describe('scheduled command runs', () => {
  it('a stored /recall or unknown command job records a failed run with the reason; /next succeeds', async () => {
    const { app, clock } = await setup();
    const at = new Date(clock.now().getTime() + 60_000);
    // Written past the scheduler's check, as jobs made before it exist in old databases.
    const make = (command: string) =>
      app.store.jobs.createJob(
        { kind: 'command', name: command, payload: { command }, ...CONSOLE, schedule: { kind: 'once', at }, timeZone: 'UTC' },
        clock.now(),
      );
    const recall = await make('/recall');
    const unknown = await make('/nosuchcommand');
    const noSlash = await make('recall');
    const next = await make('/next');
    await clock.advance(60_000);
    const ids = [recall.id, unknown.id, noSlash.id, next.id];
    for (let i = 0; i < 200; i++) {
      const runs = await Promise.all(ids.map((id) => app.store.jobs.listRuns({ jobId: id })));
      if (runs.every((r) => r.length > 0 && r[0]!.status !== 'running')) break;
      await flushMicrotasks(5);
    }
    const last = async (id: string) => (await app.store.jobs.listRuns({ jobId: id }))[0];
    expect(await last(recall.id)).toMatchObject({ status: 'failure', error: expect.stringContaining("/recall can't be scheduled") });
    expect(await last(unknown.id)).toMatchObject({
      status: 'failure',
      error: expect.stringContaining('/nosuchcommand is not a command I know'),
    });
    expect(await last(noSlash.id)).toMatchObject({
      status: 'failure',
      error: expect.stringContaining('a scheduled command starts with "/"'),
    });
    expect(await last(next.id)).toMatchObject({ status: 'success' });
    expect((await app.store.jobs.getJob(recall.id))?.status).toBe('failed');
  });

  it('the scheduler refuses to create or change a command job that could never run', async () => {
    const { app, clock } = await setup();
    const base = {
      kind: 'command',
      name: 'x',
      ...CONSOLE,
      schedule: { kind: 'interval' as const, everyMs: 3600_000, anchor: clock.now() },
      timeZone: 'UTC',
    };
    await expect(app.scheduler.createJob({ ...base, payload: { command: '/recall' } })).rejects.toThrow("/recall can't be scheduled");
    const ok = await app.scheduler.createJob({ ...base, payload: { command: '/list' } });
    await expect(app.scheduler.updateJob(ok.id, { payload: { command: '/forget 1' } })).rejects.toThrow("/forget can't be scheduled");
    expect((await app.scheduler.getJob(ok.id))?.payload).toEqual({ command: '/list' });
  });
});
