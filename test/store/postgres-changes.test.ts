import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { T0, reminder } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

/** Polls (real time, bounded) until `cond` holds. */
async function eventually(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await sleep(10);
}

describePg('PostgreSQL store: change notifications (LISTEN/NOTIFY)', () => {
  let fx: PgSchemaFixture;
  afterEach(() => fx.dispose());

  it("calls listeners for another store's writes, not for its own; unsubscribe stops it", async () => {
    fx = new PgSchemaFixture();
    const a = await fx.open();
    const b = await fx.open();
    let calls = 0;
    const unsubscribe = a.jobs.onExternalChange(() => calls++);
    await a.jobs.changesReady();

    await a.jobs.createJob(reminder(0), T0);
    await a.jobs.claimDue(T0, 10, { owner: 'a', durationMs: 60_000 });
    // A's own notifications arrive on its LISTEN connection too, and must be dropped: a write
    // by B after them proves they were delivered (NOTIFY order is commit order).
    await b.jobs.enqueueOutbox([{ key: 'k', jobId: null, to: { platform: 'console', chatId: 'c' }, text: 'x' }], T0);
    await eventually(() => calls > 0);
    expect(calls).toBe(1);

    unsubscribe();
    await b.jobs.createJob(reminder(0), T0);
    await sleep(200);
    expect(calls).toBe(1);
  });

  it('notifications arriving together call a listener once per event-loop turn, not once each', async () => {
    fx = new PgSchemaFixture();
    const a = await fx.open();
    let calls = 0;
    a.jobs.onExternalChange(() => calls++);
    await a.jobs.changesReady();
    // 200 distinct notifications committed in one transaction are delivered back to back.
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(Array.from({ length: 200 }, (_, i) => `NOTIFY chime_changes_${fx.schema}, 'other${i}'`).join('; '));
    } finally {
      await admin.end();
    }
    await eventually(() => calls > 0);
    await sleep(100);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(10);
  });

  it('notes a write of every kind: create, claim, settle, outbox', async () => {
    fx = new PgSchemaFixture();
    const a = await fx.open();
    const b = await fx.open();
    let calls = 0;
    a.jobs.onExternalChange(() => calls++);
    await a.jobs.changesReady();
    const expectCall = async (write: () => Promise<unknown>) => {
      const before = calls;
      await write();
      await eventually(() => calls > before);
      expect(calls).toBeGreaterThan(before);
    };
    const job = await b.jobs.createJob(reminder(0), T0);
    await eventually(() => calls > 0);
    const [claimed] = await b.jobs.claimDue(T0, 10, { owner: 'b', durationMs: 60_000 });
    await expectCall(() =>
      b.jobs.settle(
        claimed!,
        {
          run: { status: 'success', finishedAt: T0, durationMs: 0, result: null, error: null },
          job: { status: 'completed', nextRunAt: null },
          outbox: [],
        },
        T0,
      ),
    );
    await expectCall(() => b.jobs.updateJob(job.id, { name: 'renamed' }, T0));
    await expectCall(() => b.jobs.deleteJob(job.id, T0));
  });

  it('a store whose LISTEN connection is killed keeps working, does not crash the process, and listens again', async () => {
    fx = new PgSchemaFixture();
    const a = await fx.open();
    const b = await fx.open();
    let calls = 0;
    a.jobs.onExternalChange(() => calls++);
    await a.jobs.changesReady();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE query = 'LISTEN chime_changes_${fx.schema}' AND pid <> pg_backend_pid()`);
      expect(killed.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await sleep(200);
    await b.jobs.createJob(reminder(0), T0);
    expect(await a.jobs.countJobs()).toBe(1);
    await sleep(200);
    expect(calls).toBe(0); // nobody listening now
    // The scheduler's periodic re-arm asks nextDueAt: that listens again.
    await a.jobs.nextDueAt();
    await a.jobs.changesReady();
    await b.jobs.createJob(reminder(0), T0);
    await eventually(() => calls > 0);
    expect(calls).toBe(1);
  });
});
