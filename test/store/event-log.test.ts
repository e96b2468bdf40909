import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { humanContext, runWithContext } from '../../src/core/runtime-context.js';
import type { EventLog, LoggedEvent } from '../../src/core/ports/event-log.js';
import type { JobStore } from '../../src/core/ports/job-store.js';
import type { ClaimedRun, Lease, Settlement } from '../../src/core/run.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0, at, reminder } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

/**
 * The event log, on both stores: every job change, run and delivery outcome is logged in the
 * transaction of the change (an injected failure of the event insert leaves the change undone
 * too), with the acting context as the actor, in id order.
 */

type Store = JobStore & EventLog;
interface Harness {
  store: Store;
  /** Makes the insert of events of `type` fail inside the database (a trigger), after the change was written. */
  failEventInserts(type: string): Promise<void>;
  dispose(): Promise<void>;
}

const lease: Lease = { owner: 'host-a:1:aaaa', durationMs: 60_000 };
const person = humanContext('tg_42', 'telegram:42');
const types = (events: LoggedEvent[]): string[] => events.map((e) => e.type);

function success(run: ClaimedRun, now: Date): Settlement {
  return {
    run: { status: 'success', finishedAt: now, durationMs: 5, result: 'done', error: null },
    job: { status: 'completed', nextRunAt: null, runCount: 1, lastRunAt: now, completedAt: now, attempts: 0 },
    outbox: [{ key: `k-${run.runId}`, jobId: run.job.id, to: { platform: 'telegram', chatId: 'c1' }, text: 'hi' }],
  };
}

function failureWithRetry(now: Date): Settlement {
  return {
    run: { status: 'failure', finishedAt: now, durationMs: 5, result: null, error: 'boom' },
    job: { status: 'active', nextRunAt: at(99_000), attempts: 1, lastError: 'boom' },
    outbox: [],
  };
}

function eventLogSuite(name: string, make: () => Promise<Harness>): void {
  describe(`event log: ${name}`, () => {
    let h: Harness;
    let store: Store;
    beforeEach(async () => {
      h = await make();
      store = h.store;
    });
    afterEach(async () => {
      await h.dispose();
    });

    it('job changes are logged in order with the acting context as actor', async () => {
      const job = await runWithContext(person, () => store.createJob(reminder(1000), T0));
      await runWithContext(person, () => store.updateJob(job.id, { status: 'paused' }, at(1)));
      await runWithContext(person, () => store.updateJob(job.id, { status: 'active' }, at(2)));
      await store.updateJob(job.id, { name: 'renamed' }, at(3));
      await store.updateJob(job.id, { status: 'cancelled' }, at(4));
      await store.deleteJob(job.id, at(5));
      const events = await store.listEvents({ limit: 100 });
      expect(types(events)).toEqual(['job.created', 'job.paused', 'job.resumed', 'job.updated', 'job.status', 'job.deleted']);
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
      expect(new Set(events.map((e) => e.jobId))).toEqual(new Set([job.id]));
      expect(events[0]!.actor).toEqual({ type: 'HUMAN', name: 'telegram:42', sessionId: 'tg_42' });
      expect(events[0]!.at).toEqual(T0);
      expect(events[0]!.body).toMatchObject({ name: 'reminder', kind: 'reminder', status: 'active', nextRunAt: at(1000).getTime() });
      expect(events[3]!.actor).toEqual({ type: 'UNKNOWN', name: null, sessionId: null });
      expect(events[3]!.body).toMatchObject({ fields: ['name'] });
      expect(events[4]!.body).toMatchObject({ from: 'active', to: 'cancelled' });
      expect(await store.lastEventId()).toBe(events.at(-1)!.id);
    });

    it('runs: start, success with the job completed, a retry; the scheduler instance is the actor', async () => {
      const a = await store.createJob(reminder(0), T0);
      const b = await store.createJob(reminder(0), T0);
      const since = await store.lastEventId();
      const runs = await store.claimDue(at(10), 10, lease);
      expect(runs).toHaveLength(2);
      const byJob = new Map(runs.map((r) => [r.job.id, r]));
      await store.settleAll!(
        [
          { run: byJob.get(a.id)!, settlement: success(byJob.get(a.id)!, at(20)) },
          { run: byJob.get(b.id)!, settlement: failureWithRetry(at(20)) },
        ],
        at(20),
      );
      const events = await store.listEvents({ since, limit: 100 });
      expect(types(events)).toEqual(['run.started', 'run.started', 'run.succeeded', 'job.status', 'run.retry']);
      expect(events[0]!.actor).toEqual({ type: 'SCHEDULER', name: lease.owner, sessionId: `ghost_scheduler_${events[0]!.jobId}` });
      expect(events[3]).toMatchObject({ jobId: a.id, body: { from: 'active', to: 'completed' } });
      expect(events[4]).toMatchObject({ jobId: b.id, body: { status: 'failure', error: 'boom', nextRunAt: at(99_000).getTime() } });
    });

    it('a pause made while the run was in progress is kept, and the settle logs no status change', async () => {
      await store.createJob(reminder(0), T0);
      const [run] = await store.claimDue(at(10), 10, lease);
      await store.updateJob(run!.job.id, { status: 'paused' }, at(15));
      const since = await store.lastEventId();
      await store.settle(run!, success(run!, at(20)), at(20));
      expect(types(await store.listEvents({ since, limit: 10 }))).toEqual(['run.succeeded']);
    });

    it('delivery outcomes: sent, failed (will retry), dead', async () => {
      const job = await store.createJob(reminder(0), T0);
      const to = { platform: 'telegram', chatId: 'c1' };
      await store.enqueueOutbox(
        ['a', 'b'].map((key) => ({ key, jobId: job.id, to, text: key })),
        T0,
      );
      const since = await store.lastEventId();
      const rows = await store.claimOutbox(at(1), 10, lease);
      await store.markSent(rows[0]!.id, 'ref-1', at(2));
      await store.markRetry(rows[1]!.id, 'HTTP 502', at(3));
      await store.markDead(rows[1]!.id, 'chat gone', at(4));
      await store.markDead(rows[0]!.id, 'already sent: no change, no event', at(5));
      const events = await store.listEvents({ since, limit: 10 });
      expect(types(events)).toEqual(['delivery.sent', 'delivery.failed', 'delivery.dead']);
      expect(events[0]).toMatchObject({ jobId: job.id, actor: { type: 'SCHEDULER', name: lease.owner }, body: { outboxId: rows[0]!.id } });
      expect(events[1]!.body).toMatchObject({ attempts: 1, error: 'HTTP 502', platform: 'telegram', chatId: 'c1' });
      expect(events[2]!.body).toMatchObject({ attempts: 2, error: 'chat gone' });
    });

    it('filters by type and job, pages by since, and prunes by age', async () => {
      const a = await store.createJob(reminder(0), T0);
      const b = await store.createJob(reminder(0), at(10));
      await store.updateJob(a.id, { status: 'paused' }, at(20));
      expect((await store.listEvents({ jobId: a.id, limit: 10 })).map((e) => e.type)).toEqual(['job.created', 'job.paused']);
      expect((await store.listEvents({ types: ['job.created'], limit: 10 })).map((e) => e.jobId)).toEqual([a.id, b.id]);
      const first = await store.listEvents({ limit: 1 });
      const rest = await store.listEvents({ since: first[0]!.id, limit: 10 });
      expect(types([...first, ...rest])).toEqual(['job.created', 'job.created', 'job.paused']);
      expect(await store.pruneEvents({ before: at(15), dryRun: true })).toBe(2);
      expect(await store.pruneEvents({ before: at(15) })).toBe(2);
      expect(types(await store.listEvents({ limit: 10 }))).toEqual(['job.paused']);
    });

    it('a failing event insert undoes the change it records: neither or both', async () => {
      const kept = await store.createJob(reminder(0), T0);
      await h.failEventInserts('job.paused');
      await expect(async () => store.updateJob(kept.id, { status: 'paused' }, at(1))).rejects.toThrow(/injected/);
      expect((await store.getJob(kept.id))!.status).toBe('active');
      await h.failEventInserts('run.started');
      await expect(async () => store.claimDue(at(10), 10, lease)).rejects.toThrow(/injected/);
      expect((await store.getJob(kept.id))!.status).toBe('active');
      expect(await store.nextDueAt()).toEqual(T0); // still unclaimed
      expect(types(await store.listEvents({ limit: 10 }))).toEqual(['job.created']);
    });

    it('wakes in-process readers after a commit that wrote events', async () => {
      let woken = 0;
      const off = store.onEvents(() => woken++);
      await store.createJob(reminder(0), T0);
      await new Promise((r) => setImmediate(r));
      expect(woken).toBe(1);
      off();
      await store.createJob(reminder(0), T0);
      await new Promise((r) => setImmediate(r));
      expect(woken).toBe(1);
    });
  });
}

eventLogSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chime-events-'));
  const s = openSqliteStore(join(dir, 'chime.db'));
  return {
    store: s.jobs,
    async failEventInserts(type) {
      s.db.exec(`CREATE TRIGGER fail_${type.replace('.', '_')} BEFORE INSERT ON events WHEN NEW.type = '${type}'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    },
    async dispose() {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describePg('event log on PostgreSQL', () => {
  eventLogSuite('PostgreSQL', async () => {
    const fx = new PgSchemaFixture();
    const s = await fx.open();
    return {
      store: s.jobs,
      async failEventInserts(type) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        const fn = `${fx.schema}.fail_${type.replace('.', '_')}`;
        await c.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.type = '${type}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
        await c.query(
          `CREATE TRIGGER fail_${type.replace('.', '_')} BEFORE INSERT ON ${fx.schema}.events FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
        );
        await c.end();
      },
      dispose: () => fx.dispose(),
    };
  });
});
