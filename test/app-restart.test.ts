/**
 * A restart takes over at once what its dead predecessor held: the composition root (createApp)
 * ends the leases of an earlier process of the same instance before it claims anything, so the
 * claimed message goes out first, ahead of the newer one to the same chat, and the run in
 * progress is run again, all without waiting for the lease.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { ManualClock, flushMicrotasks } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { FakeSender } from './delivery/fake-sender.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A pid no process has: the predecessor is gone. */
const GONE_PID = 2 ** 30;

async function restartAfterCrash(env: Record<string, string>, deadOwner: string) {
  const dir = mkdtempSync(join(tmpdir(), 'chime-restart-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'chime.db');
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const lease = { owner: deadOwner, durationMs: 60_000 };
  // What the dead process left: a run in progress and a message claimed, then a newer message.
  const before = openSqliteStore(db, { clock });
  const job = before.jobs.createJob(
    {
      kind: 'reminder',
      payload: { text: 'take the pill' },
      owner: { platform: 'telegram', userId: '42' },
      origin: { platform: 'telegram', chatId: '42' },
      schedule: { kind: 'once', at: clock.now() },
      timeZone: 'UTC',
    },
    clock.now(),
  );
  expect(before.jobs.claimDue(clock.now(), 10, lease)).toHaveLength(1);
  before.jobs.enqueueOutbox([{ key: 'first', jobId: null, to: { platform: 'telegram', chatId: '7' }, text: 'first' }], clock.now());
  expect(before.jobs.claimOutbox(clock.now(), 10, lease)).toHaveLength(1);
  before.jobs.enqueueOutbox([{ key: 'second', jobId: null, to: { platform: 'telegram', chatId: '7' }, text: 'second' }], clock.now());
  before.close();

  await clock.advance(1_000);
  const sender = new FakeSender('telegram');
  const app: App = createApp({ config: loadConfig({ CHIME_DB: db, ...env }), clock, logger: silentLogger(), senders: [sender] });
  cleanups.push(() => app.stop());
  await app.start();
  for (let i = 0; i < 100 && sender.delivered.length < 3; i++) await flushMicrotasks(2);
  return { app, sender, job };
}

describe('restart after a crash', () => {
  it("on the same host: the gone process's claimed message goes first and its run is run again, at once", async () => {
    const { app, sender, job } = await restartAfterCrash({}, `${hostname()}:${GONE_PID}:abcdef`);
    expect(sender.delivered.filter((c) => c.to.chatId === '7').map((c) => c.text)).toEqual(['first', 'second']);
    expect(
      sender.delivered
        .filter((c) => c.to.chatId === '42')
        .map((c) => c.text)
        .join(),
    ).toMatch(/take the pill/);
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('completed');
    expect((await app.store.jobs.listRuns({ jobId: job.id })).map((r) => r.status).sort()).toEqual(['abandoned', 'success']);
  });

  it("with CHIME_INSTANCE_ID: the instance's predecessor on another host is taken over, whatever runs there under its pid", async () => {
    const { sender } = await restartAfterCrash({ CHIME_INSTANCE_ID: 'chime-1' }, `chime-1@old-host:${process.pid}:abcdef`);
    expect(sender.delivered.filter((c) => c.to.chatId === '7').map((c) => c.text)).toEqual(['first', 'second']);
  });

  it("a live process's claims are left to their lease: nothing of that chat is sent meanwhile", async () => {
    // A live process on this host under the same name (a CLI command, say), and another instance elsewhere.
    for (const owner of [`chime-1@${hostname()}:${process.ppid}:abcdef`, `chime-2@old-host:${GONE_PID}:abcdef`]) {
      const { sender } = await restartAfterCrash({ CHIME_INSTANCE_ID: 'chime-1' }, owner);
      expect(sender.delivered.filter((c) => c.to.chatId === '7')).toEqual([]);
    }
  });
});
