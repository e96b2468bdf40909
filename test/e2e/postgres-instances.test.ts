/**
 * Several Chime instances on one PostgreSQL database (CHIME_DATABASE_URL), each a whole app
 * (createApp + openStore) with its own clock, scheduler, dispatcher and platform sender: a
 * burst of reminders is run and delivered exactly once across them, both take part, and a
 * job created through one instance wakes the other (LISTEN/NOTIFY).
 *
 * Needs PostgreSQL (CHIME_TEST_PG_URL, default the local server); each test makes its own
 * database. Skipped with a message when none is reachable, unless CHIME_REQUIRE_PG=1 (CI).
 */
import { afterEach, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import type { Adapter } from '../../src/chat/adapter.js';
import { ManualClock, flushMicrotasks } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/open-store.js';
import type { PostgresJobStore } from '../../src/store/postgres/pg-job-store.js';
import { FakeSender } from '../delivery/fake-sender.js';
import { describePg, freshDatabase } from '../store/pg-harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function fakeAdapter(): Adapter & { sender: FakeSender } {
  return { platform: 'telegram', sender: new FakeSender('telegram'), async start() {}, async stop() {} };
}

async function instance(url: string) {
  const config = loadConfig({ CHIME_DATABASE_URL: url, CHIME_LEASE_MS: '60000', CHIME_MAX_CONCURRENT: '10' });
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const adapter = fakeAdapter();
  const app: App = createApp({ config, clock, logger: silentLogger(), adapters: [adapter], store: await openStore(config, clock) });
  cleanups.push(() => app.stop());
  return { app, clock, adapter };
}

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describePg('several Chime instances on one PostgreSQL database', () => {
  it('300 reminders due at once: each runs and is delivered exactly once, and both instances work', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const a = await instance(db.url);
    const b = await instance(db.url);
    const due = new Date('2026-11-22T10:00:05Z');
    for (let i = 0; i < 300; i++) {
      await a.app.scheduler.createJob({
        kind: 'reminder',
        payload: { text: `reminder ${i}` },
        owner: { platform: 'telegram', userId: String(i % 7) },
        origin: { platform: 'telegram', chatId: String(100 + (i % 30)) },
        schedule: { kind: 'once', at: due },
        timeZone: 'UTC',
      });
    }
    const ran = { a: 0, b: 0 };
    a.app.scheduler.on('task-event', (e) => e.type === 'executed' && ran.a++);
    b.app.scheduler.on('task-event', (e) => e.type === 'executed' && ran.b++);
    await Promise.all([a.app.start(), b.app.start()]);
    await Promise.all([a.clock.advance(5000), b.clock.advance(5000)]);
    const sent = () => [...a.adapter.sender.delivered, ...b.adapter.sender.delivered].map((c) => c.text);
    await until(async () => {
      await Promise.all([flushMicrotasks(), a.clock.advance(100), b.clock.advance(100)]);
      return sent().length >= 300;
    });
    expect(new Set(sent()).size).toBe(300);
    expect(sent()).toHaveLength(300);
    const runs = await a.app.store.jobs.listRuns({ limit: 1000 });
    expect(runs.filter((r) => r.status === 'success')).toHaveLength(300);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(300);
    expect((await a.app.store.jobs.stats()).jobsByStatus.completed).toBe(300);
    // Both took part (SKIP LOCKED: neither waited for the other's claims), none twice.
    expect(ran.a).toBeGreaterThan(0);
    expect(ran.b).toBeGreaterThan(0);
    expect(ran.a + ran.b).toBe(300);
  }, 60_000);

  it('a job created through one instance wakes the other, which runs it at its time', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const a = await instance(db.url);
    const b = await instance(db.url);
    await b.app.start(); // only B runs jobs; it sleeps (nothing due)
    // Its LISTEN connection opens in the background; a write before it is in place is heard
    // only at the 30 s re-arm, which this test never reaches.
    await (b.app.store.jobs as PostgresJobStore).changesReady();
    await b.clock.advance(1000);
    await a.app.scheduler.createJob({
      kind: 'reminder',
      payload: { text: 'from instance a' },
      owner: { platform: 'telegram', userId: '1' },
      origin: { platform: 'telegram', chatId: '7' },
      schedule: { kind: 'once', at: new Date('2026-11-22T10:00:03Z') },
      timeZone: 'UTC',
    });
    // B sleeps until its 30 s re-arm (10:00:31), which this test never reaches: only the
    // notification of A's write can wake it to see the job due at 10:00:03.
    await b.clock.advance(2000);
    await until(async () => {
      await flushMicrotasks();
      return b.adapter.sender.delivered.length === 1;
    }, 10_000);
    expect(b.adapter.sender.delivered[0]?.text).toContain('from instance a');
  }, 30_000);
});
