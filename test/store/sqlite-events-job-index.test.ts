/**
 * Migration 0012: the job log index `events_job` keys on the job id alone. An index on a rowid
 * table ends with the rowid (the event id), so `(job_id)` is ordered by (job_id, id) as
 * `(job_id, id)` was, without storing each id twice; one job's log is still one range of it,
 * read in order (no sort).
 */
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/store/sqlite/migrate.js';
import { openDb } from '../../src/store/sqlite/open-db.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { sqliteEventQueries } from '../../src/store/sqlite/event-queries.js';
import type { EventParams } from '../../src/store/engine/event-log.js';

const indexColumns = (db: ReturnType<typeof openDb>): Array<string | null> =>
  (
    db.prepare(`SELECT name FROM pragma_index_xinfo('events_job') WHERE key = 1 ORDER BY seqno`).all() as Array<{ name: string | null }>
  ).map((r) => r.name);

/** Events of jobs a, b, c interleaved (ids 1..n), and one without a job. */
function someEvents(n: number): EventParams[] {
  const jobs = ['b', 'a', 'c'];
  const out: EventParams[] = Array.from({ length: n }, (_, i) => ({
    at: 1_000 + i,
    type: i % 2 ? 'run.started' : 'run.succeeded',
    job_id: jobs[i % 3]!,
    actor_type: 'SCHEDULER',
    actor_name: 'host',
    session_id: null,
    body: `{"i":${i}}`,
  }));
  out.push({ at: 9_999, type: 'job.created', job_id: null, actor_type: 'API', actor_name: null, session_id: null, body: '{}' });
  return out;
}

describe('SQLite event log: the job log index (migration 0012)', () => {
  it('keys on the job id alone: the event id is the rowid every index entry ends with', () => {
    const s = openSqliteStore(':memory:');
    expect(indexColumns(s.db)).toEqual(['job_id']);
    s.close();
  });

  it("one job's log since an id is one range of the index, in id order, without sorting", () => {
    const s = openSqliteStore(':memory:');
    const prepared: string[] = [];
    const prepare = s.db.prepare.bind(s.db);
    s.db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof s.db.prepare;
    const q = sqliteEventQueries(s.db);
    q.insertEvents(someEvents(30));
    const jobLog = prepared.find((sql) => /WHERE job_id = @job_id AND id > @since/.test(sql))!;
    const plan = (
      s.db.prepare(`EXPLAIN QUERY PLAN ${jobLog}`).all({ job_id: 'a', since: 5, types: null, limit: 3 }) as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH events USING INDEX events_job \(job_id=\? AND rowid>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    // Job a's events are ids 2, 5, 8, …: after 5, the next three in order.
    expect(q.listEvents({ since: 5, limit: 3, jobId: 'a' }).map((e) => e.id)).toEqual([8, 11, 14]);
    expect(q.listEvents({ since: 0, limit: 100, jobId: 'c', types: ['run.started'] }).map((e) => e.id)).toEqual([6, 12, 18, 24, 30]);
    s.close();
  });

  it('replaces the two-column index of a file written before it, and the same events come back', () => {
    const db = openDb(':memory:');
    const before = loadMigrations().filter((m) => m.version < 12);
    migrate(db, 0, before);
    expect(indexColumns(db)).toEqual(['job_id', 'id']);
    const q = sqliteEventQueries(db);
    q.insertEvents(someEvents(30));
    const read = () => ['a', 'b', 'c'].map((jobId) => q.listEvents({ since: 4, limit: 4, jobId }).map((e) => e.id));
    const old = read();
    expect(migrate(db, 0)).toContain(12);
    expect(indexColumns(db)).toEqual(['job_id']);
    expect(read()).toEqual(old);
    expect(old).toEqual([
      [5, 8, 11, 14],
      [7, 10, 13, 16],
      [6, 9, 12, 15],
    ]);
    db.close();
  });
});
