import pg from 'pg';
import { expect, it } from 'vitest';
import type { EventType } from '../../src/core/ports/event-log.js';
import { connectionConfig, exec } from '../../src/store/postgres/db.js';
import { EVENT_COLUMNS, EVENT_SQL } from '../../src/store/postgres/event-queries.js';
import { columnArrays } from '../../src/store/postgres/column-arrays.js';
import { T0, at, reminder } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

/**
 * Event ids on PostgreSQL become visible in id order, across instances: a reader paging with
 * `id > since` never skips an event that commits later under a lower id (migration 0008).
 */

const row = (type: EventType) =>
  columnArrays(
    [{ at: T0.getTime(), type, job_id: null, actor_type: 'UNKNOWN', actor_name: null, session_id: null, body: '{}' }],
    EVENT_COLUMNS,
  );

describePg('PostgreSQL event ids: visible in id order', () => {
  it('a second transaction gets its id only after the first one with events committed', async () => {
    const fx = new PgSchemaFixture();
    await fx.open();
    const a = new pg.Client(connectionConfig(PG_URL, fx.schema));
    const b = new pg.Client(connectionConfig(PG_URL, fx.schema));
    await a.connect();
    await b.connect();
    try {
      await a.query('BEGIN');
      await exec(a, EVENT_SQL.insertEvents, row('job.created'));
      await b.query('BEGIN');
      let bDone = false;
      const bInsert = exec(b, EVENT_SQL.insertEvents, row('job.updated')).then(() => {
        bDone = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(bDone).toBe(false); // B waits for A's counter lock: it cannot take id 2 and commit before 1 exists
      await a.query('COMMIT');
      await bInsert;
      await b.query('COMMIT');
      const { rows } = await a.query<{ id: number; type: string }>('SELECT id, type FROM events ORDER BY id');
      expect(rows).toEqual([
        { id: 1, type: 'job.created' },
        { id: 2, type: 'job.updated' },
      ]);
      // A rolled-back transaction's ids are handed out again: no gap for a reader to wonder about.
      await a.query('BEGIN');
      await exec(a, EVENT_SQL.insertEvents, row('job.deleted'));
      await a.query('ROLLBACK');
      await exec(b, EVENT_SQL.insertEvents, row('job.paused'));
      expect((await b.query('SELECT max(id) AS m FROM events')).rows[0].m).toBe(3);
    } finally {
      await a.end();
      await b.end();
      await fx.dispose();
    }
  }, 30_000);

  it('two stores writing at once: a reader polling with since never finds an id below one it already passed', async () => {
    const fx = new PgSchemaFixture();
    try {
      const [s1, s2, reader] = [await fx.open(), await fx.open(), await fx.open()];
      let writing = true;
      const seen: number[] = [];
      const read = (async () => {
        let since = 0;
        while (writing || since < (await reader.jobs.lastEventId())) {
          const page = await reader.jobs.listEvents({ since, limit: 500 });
          for (const e of page) seen.push(e.id);
          since = page.at(-1)?.id ?? since;
        }
      })();
      const write = async (s: typeof s1) => {
        for (let i = 0; i < 150; i++) {
          const job = await s.jobs.createJob(reminder(i), at(i));
          await s.jobs.updateJob(job.id, { status: 'paused' }, at(i));
        }
      };
      await Promise.all([write(s1), write(s2)]);
      writing = false;
      await read;
      const all = (await reader.jobs.listEvents({ limit: 10_000 })).map((e) => e.id);
      expect(all).toHaveLength(600);
      expect(seen).toEqual(all); // every id seen once, in order, none skipped
    } finally {
      await fx.dispose();
    }
  }, 60_000);
});
