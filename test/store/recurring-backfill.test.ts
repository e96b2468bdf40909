/**
 * Migration 0009 backfills `jobs.recurring` for rows written before it, in SQL. New rows take
 * the flag from core's isRecurring; this checks that the migration's SQL says the same as
 * isRecurring for every kind of schedule, on both stores, so the two never disagree.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/core/schedule.js';
import { isRecurring } from '../../src/core/schedule.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { T0, reminder } from './contract.js';
import { PG_URL, describePg, dropSchema, freshSchema } from './pg-harness.js';

const SCHEDULES: Schedule[] = [
  { kind: 'once', at: T0 },
  { kind: 'manual' },
  { kind: 'interval', everyMs: 60_000, anchor: T0 },
  { kind: 'calendar', unit: 'week', step: 2, anchor: '2027-01-05T09:00:00' },
  { kind: 'cron', pattern: '0 9 * * 1-5' },
  {
    kind: 'multi',
    triggers: [
      { kind: 'once', at: T0 },
      { kind: 'once', at: new Date(T0.getTime() + 1) },
    ],
  },
  {
    kind: 'multi',
    triggers: [
      { kind: 'once', at: T0 },
      { kind: 'cron', pattern: '0 9 * * *' },
    ],
  },
];

/** The backfill statement of the migration file, as it ships. */
const backfill = (dialect: 'sqlite' | 'postgres'): string => {
  const sql = readFileSync(new URL(`../../src/store/${dialect}/migrations/0009_jobs_list.sql`, import.meta.url), 'utf8');
  const m = /UPDATE jobs SET recurring[\s\S]*?END;/.exec(sql);
  if (!m) throw new Error('no backfill statement in migration 0009');
  return m[0];
};

describe('migration 0009 backfill (SQLite)', () => {
  it('marks each stored schedule recurring exactly when isRecurring does', async () => {
    const s = openSqliteStore(':memory:');
    const ids = SCHEDULES.map((schedule) => s.jobs.createJob(reminder(0, { schedule }), T0).id);
    s.db.exec('UPDATE jobs SET recurring = 7');
    s.db.exec(backfill('sqlite'));
    const got = ids.map((id) => s.db.prepare<[string], { r: number }>('SELECT recurring AS r FROM jobs WHERE id = ?').get(id)!.r);
    expect(got).toEqual(SCHEDULES.map((sch) => (isRecurring(sch) ? 1 : 0)));
    s.close();
  });
});

describePg('migration 0009 backfill (PostgreSQL)', () => {
  const schema = freshSchema();
  afterAll(async () => dropSchema(schema));
  it('marks each stored schedule recurring exactly when isRecurring does', async () => {
    const s = await openPostgresStore(PG_URL, { schema, poolSize: 1 });
    const ids: string[] = [];
    for (const schedule of SCHEDULES) ids.push((await s.jobs.createJob(reminder(0, { schedule }), T0)).id);
    await s.close();
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      await c.query('UPDATE jobs SET recurring = 7');
      await c.query(backfill('postgres'));
      const rows = (await c.query<{ id: string; r: number }>('SELECT id, recurring AS r FROM jobs')).rows;
      expect(ids.map((id) => rows.find((r) => r.id === id)?.r)).toEqual(SCHEDULES.map((sch) => (isRecurring(sch) ? 1 : 0)));
    } finally {
      await c.end();
    }
  });
});
