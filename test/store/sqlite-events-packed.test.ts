/**
 * Migration 0013: consecutive events of one job, recorded by one transaction with one actor,
 * share a row of the SQLite event log (an instant run's run.started, run.succeeded and
 * job.status: one row and one events_job entry instead of three). Readers still get one event
 * per id, ids that only grow, and pages, filters and pruning as before.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/core/ports/event-log.js';
import type { ClaimedRun, Settlement } from '../../src/core/run.js';
import type { EventParams } from '../../src/store/engine/event-log.js';
import { sqliteEventQueries } from '../../src/store/sqlite/event-queries.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0, at, reminder } from './contract.js';

const lease = { owner: 'host-a:1:aaaa', durationMs: 60_000 };

/** Completes every run with one message keyed by its run. */
const decide = (run: ClaimedRun): Settlement => ({
  run: { status: 'success', finishedAt: at(10), durationMs: 1, result: 'ok', error: null },
  job: { status: 'completed', nextRunAt: null, runCount: run.job.runCount + 1 },
  outbox: [{ key: `${run.runId}:r`, jobId: run.job.id, to: { platform: 'console', chatId: 'c' }, text: 'done' }],
});

const rowCount = (s: ReturnType<typeof openSqliteStore>): number =>
  (s.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

const event = (type: EventParams['type'], job: string | null, body: object, actor = 'host', at = 1_000): EventParams => ({
  at,
  type,
  job_id: job,
  actor_type: 'SCHEDULER',
  actor_name: actor,
  session_id: job && `ghost_${job}`,
  body: JSON.stringify(body),
});

describe('SQLite event log: one job’s consecutive events share a row (migration 0013)', () => {
  it('an instant run’s three events are one row, read back as three events with consecutive ids', () => {
    const s = openSqliteStore(':memory:');
    const ids = [0, 1, 2].map((i) => s.jobs.createJob(reminder(i), T0).id);
    const before = rowCount(s);
    const first = s.jobs.lastEventId() + 1;
    const claims = s.jobs.claimDueSettlingInstant(at(5), 10, lease, undefined, decide);
    expect(claims.filter((c) => c.settled)).toHaveLength(3);
    expect(rowCount(s) - before).toBe(3);
    const events = s.jobs.listEvents({ since: first - 1, limit: 100 });
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 9 }, (_, i) => first + i));
    expect(s.jobs.lastEventId()).toBe(first + 8);
    // Per run, in claim order: its start, its outcome, its job's completion, all as the scheduler.
    const runs = claims.map((c) => c.run);
    expect(events.map((e) => [e.type, e.jobId])).toEqual(
      ids.flatMap((id) => [
        ['run.started', id],
        ['run.succeeded', id],
        ['job.status', id],
      ]),
    );
    expect(events[0]).toMatchObject({
      at: at(5),
      actor: { type: 'SCHEDULER', name: lease.owner, sessionId: expect.stringContaining(ids[0]!) },
      body: { runId: runs[0]!.runId, trigger: 'schedule', attempt: 1 },
    });
    expect(events[1]!.body).toMatchObject({ runId: runs[0]!.runId, status: 'success', durationMs: 1 });
    expect(events[2]!.body).toEqual({ from: 'active', to: 'completed' });
    s.close();
  });

  it('pages of any size, from any id, hand out every event once and in order, with type and job filters', () => {
    const s = openSqliteStore(':memory:');
    const q = sqliteEventQueries(s.db);
    // Job a: a group of three; b: a group of two; then a job-less event; c: two actors, so two rows.
    q.insertEvents([
      event('run.started', 'a', { n: 1 }),
      event('run.succeeded', 'a', { n: 2 }),
      event('job.status', 'a', { n: 3 }),
      event('run.started', 'b', { n: 4 }),
      event('run.failed', 'b', { n: 5 }),
      event('delivery.sent', null, { n: 6 }),
      event('run.started', 'c', { n: 7 }, 'host'),
      event('run.started', 'c', { n: 8 }, 'other'),
    ]);
    expect(rowCount(s)).toBe(5);
    const all = q.listEvents({ since: 0, limit: 100 });
    expect(all.map((e) => [e.id, e.type, e.job_id, JSON.parse(e.body).n])).toEqual([
      [1, 'run.started', 'a', 1],
      [2, 'run.succeeded', 'a', 2],
      [3, 'job.status', 'a', 3],
      [4, 'run.started', 'b', 4],
      [5, 'run.failed', 'b', 5],
      [6, 'delivery.sent', null, 6],
      [7, 'run.started', 'c', 7],
      [8, 'run.started', 'c', 8],
    ]);
    expect(all.every((e) => !('more' in e))).toBe(true);
    for (let size = 1; size <= 4; size++) {
      for (let since = 0; since <= 8; since++) {
        const page = q.listEvents({ since, limit: size });
        expect(page, `since ${since}, ${size}`).toEqual(all.filter((e) => e.id > since).slice(0, size));
      }
    }
    // A type inside a row (its earlier events) is found, with its own id.
    expect(q.listEvents({ since: 0, limit: 10, types: ['run.started'] }).map((e) => e.id)).toEqual([1, 4, 7, 8]);
    expect(q.listEvents({ since: 1, limit: 1, types: ['run.started', 'run.failed'] }).map((e) => e.id)).toEqual([4]);
    expect(q.listEvents({ since: 2, limit: 10, jobId: 'a' }).map((e) => e.id)).toEqual([3]);
    expect(q.listEvents({ since: 0, limit: 10, jobId: 'a', types: ['run.succeeded'] }).map((e) => e.id)).toEqual([2]);
    expect(q.lastEventId()).toBe(8);
    s.close();
  });

  it('a page filtered by type reads past rows with nothing for it until it is full', () => {
    const s = openSqliteStore(':memory:');
    const q = sqliteEventQueries(s.db);
    // Rows whose earlier events are run.started: the SQL filter takes them, the page wants two.
    q.insertEvents([
      event('run.started', 'a', {}),
      event('job.status', 'a', {}),
      event('run.started', 'b', {}),
      event('job.status', 'b', {}),
    ]);
    q.insertEvents([event('run.started', 'c', {}), event('job.status', 'c', {})]);
    expect(q.listEvents({ since: 1, limit: 2, types: ['run.started'] }).map((e) => e.id)).toEqual([3, 5]);
    s.close();
  });

  it('a long streak of one job’s events is split into rows of at most eight', () => {
    const s = openSqliteStore(':memory:');
    const q = sqliteEventQueries(s.db);
    q.insertEvents(Array.from({ length: 20 }, (_, n) => event('job.updated', 'a', { n })));
    expect(rowCount(s)).toBe(3);
    expect(q.listEvents({ since: 0, limit: 100 }).map((e) => JSON.parse(e.body).n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    s.close();
  });

  it('pruning keeps the newest row, so no id is handed out twice', () => {
    const s = openSqliteStore(':memory:');
    const q = sqliteEventQueries(s.db);
    q.insertEvents([event('run.started', 'a', {}, 'host', 1), event('job.status', 'a', {}, 'host', 1)]);
    q.insertEvents([event('run.started', 'b', {}, 'host', 2), event('job.status', 'b', {}, 'host', 2)]);
    expect(q.pruneEventsBefore(10)).toBe(1);
    expect(q.listEvents({ since: 0, limit: 10 }).map((e) => e.id)).toEqual([3, 4]);
    q.insertEvents([event('run.started', 'c', {}, 'host', 11)]);
    expect(q.listEvents({ since: 4, limit: 10 }).map((e) => [e.id, e.job_id])).toEqual([[5, 'c']]);
    s.close();
  });

  it('the scheduler’s events are the log’s: a reader from an id inside a run’s row gets the rest of it', () => {
    const s = openSqliteStore(':memory:');
    s.jobs.createJob(reminder(0), T0);
    const since = s.jobs.lastEventId();
    s.jobs.claimDueSettlingInstant(at(5), 10, lease, undefined, decide);
    const tail: LoggedEvent[] = s.jobs.listEvents({ since: since + 1, limit: 10 });
    expect(tail.map((e) => [e.id, e.type])).toEqual([
      [since + 2, 'run.succeeded'],
      [since + 3, 'job.status'],
    ]);
    s.close();
  });
});
