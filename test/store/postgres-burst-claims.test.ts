/**
 * One scheduler on PostgreSQL keeps several backlog claims in flight (claimsInFlight): each
 * claim transaction locks its due rows FOR UPDATE SKIP LOCKED, so claims in flight together
 * take disjoint jobs, and every job of a burst fires once: one history row, one outbox
 * message, one started event each.
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { createExecutors } from '../../src/core/executors/index.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { SystemClock } from '../../src/core/system-clock.js';
import { reminder } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

const N = 1200;

describePg('PostgreSQL: a burst claimed by several claims in flight at once', () => {
  let fx: PgSchemaFixture;
  let scheduler: Scheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    await fx.dispose();
  });

  it(`${N} reminders due at once fire once each: a history row, an outbox message and a started event per job`, async () => {
    fx = new PgSchemaFixture();
    const store = await fx.open({ poolSize: 6 });
    const clock = new SystemClock();
    const due = new Date(clock.now().getTime() - 60_000);
    for (let i = 0; i < N; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, () =>
          store.jobs.createJob({ ...reminder(0), schedule: { kind: 'once', at: due }, nextRunAt: due }, clock.now()),
        ),
      );
    }
    // Counts the claims in flight at once.
    let inFlight = 0;
    let most = 0;
    const claim = store.jobs.claimDueSettlingInstant.bind(store.jobs);
    store.jobs.claimDueSettlingInstant = async (...args) => {
      most = Math.max(most, ++inFlight);
      try {
        return await claim(...args);
      } finally {
        inFlight--;
      }
    };
    scheduler = new Scheduler({
      store: store.jobs,
      clock,
      logger: pino({ level: 'silent' }, new Writable({ write: (_c, _e, cb) => cb() })),
      executors: createExecutors(),
      instanceId: 'burst',
      options: { maxConcurrent: 1000, claimBatchSize: 50, claimsInFlight: 3 },
    });
    let fired = 0;
    const allFired = new Promise<void>((resolve) =>
      scheduler!.on('task-event', (e) => e.type !== 'executed' && ++fired === N && resolve()),
    );
    await scheduler.start();
    await allFired;
    await scheduler.stop();
    expect(most).toBeGreaterThanOrEqual(3);

    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      const count = async (sql: string): Promise<number> => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
      const s = fx.schema;
      expect(await count(`SELECT count(*) AS n FROM ${s}.runs`)).toBe(N);
      expect(await count(`SELECT count(DISTINCT job_id) AS n FROM ${s}.runs`)).toBe(N);
      expect(await count(`SELECT count(*) AS n FROM ${s}.outbox`)).toBe(N);
      expect(await count(`SELECT count(DISTINCT job_id) AS n FROM ${s}.outbox`)).toBe(N);
      expect(await count(`SELECT count(*) AS n FROM ${s}.events WHERE type = 'run.started'`)).toBe(N);
      expect(await count(`SELECT count(*) AS n FROM ${s}.jobs WHERE status = 'active'`)).toBe(0);
    } finally {
      await c.end();
    }
  }, 60_000);
});
