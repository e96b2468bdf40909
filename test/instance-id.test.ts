/**
 * One running process per instance id (CHIME_INSTANCE_ID). A process that starts takes the
 * claims of an earlier process of its instance for a crashed predecessor's and ends their
 * leases (lease recovery). Two live processes under one id, on one SQLite file or one
 * PostgreSQL database, would so take each other's runs in progress and run them again: the
 * run's side effects happen twice. Here two whole apps (createApp) share one database in this
 * process; with the same pid they stand for two containers that both run Chime as pid 1, or
 * the same id on two hosts (both are taken for predecessors by lease-owner.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { ManualClock, flushMicrotasks } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Executor } from '../src/core/executor.js';
import { silentLogger } from '../src/log.js';
import { openStore } from '../src/store/open-store.js';
import { FakeSender } from './delivery/fake-sender.js';
import { describePg, freshDatabase } from './store/pg-harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
/** Open every gate first: a run still waiting would keep app.stop() waiting for it. */
const gates: Array<() => void> = [];
afterEach(async () => {
  for (const open of gates.splice(0)) open();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const LEASE_MS = 60_000;
const T0 = '2026-12-04T10:00:00Z';

/** A job kind whose runs wait until `finish()`; `started` counts runs begun (its side effect). */
function slowKind() {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const state = { started: 0 };
  gates.push(() => release());
  const executor: Executor = {
    kind: 'slow',
    parsePayload: (raw) => raw,
    run: async () => {
      state.started++;
      await gate;
      return { status: 'done', result: 'ok' };
    },
  };
  return { executor, state, finish: () => release() };
}

type Backend = { env: Record<string, string> };

/** A database for one test: a SQLite file, or a fresh PostgreSQL database. */
async function backend(kind: 'sqlite' | 'postgres'): Promise<Backend> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chime-instance-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { env: { CHIME_DB: join(dir, 'chime.db') } };
  }
  const db = await freshDatabase();
  cleanups.push(db.drop);
  return { env: { CHIME_DATABASE_URL: db.url } };
}

/** A whole app on `db`, under `instanceId` (undefined: none configured), with its own clock. */
async function instance(db: Backend, instanceId: string | undefined, executor: Executor, clock = new ManualClock(T0)) {
  const config = loadConfig({
    ...db.env,
    CHIME_LEASE_MS: String(LEASE_MS),
    ...(instanceId !== undefined ? { CHIME_INSTANCE_ID: instanceId } : {}),
  });
  const sender = new FakeSender('telegram');
  const store = await openStore(config, clock);
  const app: App = createApp({ config, clock, logger: silentLogger(), executors: [executor], senders: [sender], store });
  cleanups.push(() => app.stop());
  return { app, clock, sender };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await flushMicrotasks();
  }
}

/** A slow job due now, created through `app`, once it is running. */
async function runningJob(app: App, slow: ReturnType<typeof slowKind>) {
  const job = await app.scheduler.createJob({
    kind: 'slow',
    payload: {},
    owner: { platform: 'telegram', userId: '42' },
    origin: { platform: 'telegram', chatId: '42' },
    schedule: { kind: 'once', at: app.clock.now() },
    timeZone: 'UTC',
  });
  await until(() => slow.state.started === 1, 'the job to start');
  return job;
}

/** The holder of `id` on `app`'s database, as the next start would see it at `at`. */
async function holder(app: App, id: string, at: Date) {
  return (await app.store.instances.live(at)).find((r) => r.id === id);
}

/** The lease heartbeat's next beat (a third of the lease) on `clock`, once `app` has renewed its id. */
async function beat(clock: ManualClock, app: App, id: string): Promise<void> {
  await clock.advance(LEASE_MS / 3);
  await until(async () => (await holder(app, id, clock.now()))?.seenAt.getTime() === clock.now().getTime(), 'the heartbeat');
}

const REFUSAL =
  /^CHIME_INSTANCE_ID=chime-1 is in use by another running Chime \(pid \d+ on host \S+, started 2026-12-04T10:00:00\.000Z, last seen (\S+), (\d+) s ago\), so this one does not start: .* Fix: give each instance its own CHIME_INSTANCE_ID, or stop the other one\. If the other has crashed, the id is free once it has been silent for its lease \(60 s\), from (\S+)\.$/;

function sharedDatabaseTests(kind: 'sqlite' | 'postgres'): void {
  it('a second process under the same CHIME_INSTANCE_ID is refused, and the first one’s job in progress runs once', async () => {
    const db = await backend(kind);
    const slow = slowKind();
    const clock = new ManualClock(T0);
    const a = await instance(db, 'chime-1', slow.executor, clock);
    await a.app.start();
    const job = await runningJob(a.app, slow);
    await clock.advance(5_000);
    const before = await holder(a.app, 'chime-1', clock.now());

    const b = await instance(db, 'chime-1', slow.executor, clock);
    const refused = await b.app.start().then(
      () => undefined,
      (err: Error) => err,
    );
    expect(refused?.message).toMatch(REFUSAL);
    const [, seen, ago, free] = REFUSAL.exec(refused!.message)!;
    expect([seen, ago, free]).toEqual(['2026-12-04T10:00:00.000Z', '5', '2026-12-04T10:01:00.000Z']);
    // Nothing changed: the first still holds the id as it did.
    expect(await holder(a.app, 'chime-1', clock.now())).toEqual(before);

    // Whatever b might have taken over, it has had time to start it.
    for (let i = 0; i < 20; i++) await clock.advance(100);
    slow.finish();
    await until(async () => (await a.app.store.jobs.getJob(job.id))?.status === 'completed', 'the job to complete');
    for (let i = 0; i < 20; i++) await clock.advance(100);
    expect(slow.state.started).toBe(1);
    expect((await a.app.store.jobs.listRuns({ jobId: job.id })).map((r) => r.status)).toEqual(['success']);
  });

  it('a reminder whose message the first is sending is not sent again by a second process under the same id', async () => {
    const db = await backend(kind);
    const slow = slowKind();
    const clock = new ManualClock(T0);
    const a = await instance(db, 'chime-1', slow.executor, clock);
    let sent: () => void = () => {};
    a.sender.behave = () =>
      new Promise<void>((r) => {
        sent = r;
        gates.push(r);
      });
    await a.app.start();
    await a.app.scheduler.createJob({
      kind: 'reminder',
      payload: { text: 'take the pill' },
      owner: { platform: 'telegram', userId: '42' },
      origin: { platform: 'telegram', chatId: '42' },
      schedule: { kind: 'once', at: clock.now() },
      timeZone: 'UTC',
    });
    await until(() => a.sender.calls.length === 1, 'the send to begin');

    const b = await instance(db, 'chime-1', slow.executor, clock);
    await b.app.start().catch(() => undefined);
    // Whatever b took over, it has had time to send it.
    await until(async () => {
      await clock.advance(100);
      return b.sender.calls.length > 0 || clock.now().getTime() - Date.parse(T0) >= 5_000;
    }, 'b to send or five seconds');
    sent();
    await until(() => a.sender.delivered.length === 1, 'the send to end');
    for (let i = 0; i < 20; i++) await clock.advance(100);
    expect([...a.sender.calls, ...b.sender.calls].map((c) => c.text.match(/take the pill/)?.[0])).toEqual(['take the pill']);
  });

  it('the running one’s heartbeat keeps its id: still refused three leases later', async () => {
    const db = await backend(kind);
    const slow = slowKind();
    const clock = new ManualClock(T0);
    const a = await instance(db, 'chime-1', slow.executor, clock);
    await a.app.start();
    for (let i = 0; i < 9; i++) await beat(clock, a.app, 'chime-1');
    const b = await instance(db, 'chime-1', slow.executor, clock);
    await expect(b.app.start()).rejects.toThrow(/last seen 2026-12-04T10:03:00\.000Z, 0 s ago/);
  });

  it('after a clean stop, the id is free at once', async () => {
    const db = await backend(kind);
    const slow = slowKind();
    const clock = new ManualClock(T0);
    const a = await instance(db, 'chime-1', slow.executor, clock);
    await a.app.start();
    await a.app.stop();
    const b = await instance(db, 'chime-1', slow.executor, clock);
    await b.app.start();
    expect((await holder(b.app, 'chime-1', clock.now()))?.boot).toMatch(/^chime-1@/);
  });

  it('after a crash, the id is free once the last heartbeat is older than the lease, and its run in progress is run again', async () => {
    const db = await backend(kind);
    const slowA = slowKind();
    const clockA = new ManualClock(T0);
    const a = await instance(db, 'chime-1', slowA.executor, clockA);
    await a.app.start();
    const job = await runningJob(a.app, slowA);
    await beat(clockA, a.app, 'chime-1');
    // a "crashes": never stopped, its clock (and so its heartbeat) stands still at 10:00:20.
    const slowB = slowKind();
    const clockB = new ManualClock('2026-12-04T10:01:19.999Z');
    const early = await instance(db, 'chime-1', slowB.executor, clockB);
    await expect(early.app.start()).rejects.toThrow(/last seen 2026-12-04T10:00:20\.000Z, 60 s ago.*from 2026-12-04T10:01:20\.000Z\.$/);
    await clockB.set('2026-12-04T10:01:20Z');
    const b = await instance(db, 'chime-1', slowB.executor, clockB);
    await b.app.start();
    await until(() => slowB.state.started === 1, 'the run to be taken over');
    slowB.finish();
    await until(async () => (await b.app.store.jobs.getJob(job.id))?.status === 'completed', 'the job to complete');
    expect((await b.app.store.jobs.listRuns({ jobId: job.id })).map((r) => r.status).sort()).toEqual(['abandoned', 'success']);
  });

  it('two starts under one id at the same moment: exactly one runs', async () => {
    const db = await backend(kind);
    const slow = slowKind();
    const clock = new ManualClock(T0);
    const apps = await Promise.all([1, 2, 3].map(() => instance(db, 'chime-1', slow.executor, clock)));
    const started = await Promise.allSettled(apps.map((x) => x.app.start()));
    expect(started.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of started) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/CHIME_INSTANCE_ID=chime-1 is in use/);
  });

  it('without CHIME_INSTANCE_ID, two processes never share an id: both start, and neither takes the other’s run in progress', async () => {
    const db = await backend(kind);
    const slow = slowKind();
    const clock = new ManualClock(T0);
    const a = await instance(db, undefined, slow.executor, clock);
    await a.app.start();
    const job = await runningJob(a.app, slow);
    const b = await instance(db, undefined, slow.executor, clock);
    await b.app.start();
    for (let i = 0; i < 20; i++) await clock.advance(100);
    slow.finish();
    await until(async () => (await a.app.store.jobs.getJob(job.id))?.status === 'completed', 'the job to complete');
    for (let i = 0; i < 20; i++) await clock.advance(100);
    expect(slow.state.started).toBe(1);
    expect((await a.app.store.jobs.listRuns({ jobId: job.id })).map((r) => r.status)).toEqual(['success']);
  });
}

describe('one running process per instance id: SQLite', () => sharedDatabaseTests('sqlite'));
describePg('one running process per instance id: PostgreSQL', () => sharedDatabaseTests('postgres'));
