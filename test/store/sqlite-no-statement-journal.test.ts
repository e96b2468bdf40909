import { describe, expect, it } from 'vitest';
import type { ClaimedRun, Settlement } from '../../src/core/run.js';
import type { Db } from '../../src/store/sqlite/open-db.js';
import { type SqliteStore, openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0, at, reminder } from './contract.js';

const lease = { owner: 'host-a:1:aaaa', durationMs: 60_000 };

/** Completes every run with one message keyed by its run. */
const decide = (run: ClaimedRun): Settlement => ({
  run: { status: 'success', finishedAt: at(10), durationMs: 1, result: 'ok', error: null },
  job: { status: 'completed', nextRunAt: null, runCount: run.job.runCount + 1 },
  outbox: [{ key: `${run.runId}:r`, jobId: run.job.id, to: { platform: 'console', chatId: 'c' }, text: 'done' }],
});

/** A store whose connection records the SQL it prepares from now on. */
function recording(): { s: SqliteStore; prepared: string[] } {
  const s = openSqliteStore(':memory:');
  const prepared: string[] = [];
  const prepare = s.db.prepare.bind(s.db);
  s.db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof s.db.prepare;
  return { s, prepared };
}

/**
 * The opcodes by which a statement may abort halfway (sqlite3VdbeAssertMayAbort): a statement
 * that has one and writes several rows gets a statement journal inside a transaction.
 */
function abortingOps(db: Db, sql: string): string[] {
  const params = (sql.match(/\?/g) ?? []).length;
  const ops = db.prepare(`EXPLAIN ${sql}`).all(...Array<null>(params).fill(null)) as Array<{
    opcode: string;
    p1: number;
    p2: number;
    p4: unknown;
  }>;
  const OE_ABORT = 2;
  return ops
    .filter(
      (o) =>
        ['Function', 'PureFunc', 'FkCounter', 'VUpdate'].includes(o.opcode) ||
        ((o.opcode === 'Halt' || o.opcode === 'HaltIfNull') && o.p1 !== 0 && o.p2 === OE_ABORT),
    )
    .map((o) => `${o.opcode} ${String(o.p4)}`);
}

describe('SQLite store: the writes of a burst keep no statement journal', () => {
  it('every multi-row write of a claim with instant runs cannot abort (a refused row throws instead)', () => {
    // Statements of many rows are prepared when first used: from here on (the creations' events too).
    const { s, prepared } = recording();
    for (let i = 0; i < 85; i++) s.jobs.createJob(reminder(0), T0); // 64 + 16 + 4 + 1 rows a table
    const claims = s.jobs.claimDueSettlingInstant(at(1), 100, lease, undefined, decide);
    expect(claims.filter((c) => c.settled)).toHaveLength(85);
    const writes = prepared.filter((sql) => /\b(INSERT|UPDATE)\b/.test(sql));
    // The history, the messages, the events and the jobs, each in statements of 64, 16, 4 and 1 rows.
    for (const table of ['runs', 'outbox', 'events']) {
      expect(writes.filter((sql) => new RegExp(`INSERT OR IGNORE INTO ${table}\\b`).test(sql))).toHaveLength(4);
    }
    expect(writes.filter((sql) => /UPDATE OR IGNORE\s+jobs/.test(sql))).toHaveLength(4);
    expect(writes).toHaveLength(16);
    for (const sql of writes) expect(abortingOps(s.db, sql), sql).toEqual([]);
    // The check sees an abort where there is one: the same history insert without OR IGNORE.
    expect(abortingOps(s.db, writes.find((sql) => sql.includes('INTO runs'))!.replace('INSERT OR IGNORE', 'INSERT'))).toContain(
      'HaltIfNull runs.job_id',
    );
    s.close();
  });
});

describe('SQLite store: a row refused in a multi-row write rolls the whole claim back', () => {
  // Each refuses the second of three settled jobs' rows in one table, as a constraint would.
  it.each([
    ['the jobs', `CREATE UNIQUE INDEX refuse ON jobs (updated_at) WHERE status = 'completed'`, /UNIQUE constraint failed: jobs.updated_at/],
    ['the history', 'CREATE UNIQUE INDEX refuse ON runs (status)', /2 of 3 rows refused by a constraint of runs/],
    [
      'the events',
      `CREATE UNIQUE INDEX refuse ON events (type) WHERE type = 'run.succeeded'`,
      /2 of \d+ rows refused by a constraint of events/,
    ],
    ['the messages', 'CREATE UNIQUE INDEX refuse ON outbox (text)', /UNIQUE constraint failed: outbox.text/],
  ])('in %s: the claim throws; nothing is settled, leased or recorded', (_, refuse, error) => {
    const s = openSqliteStore(':memory:');
    const ids = [0, 1, 2].map((i) => s.jobs.createJob(reminder(i), T0).id);
    const events = s.jobs.listEvents({ since: 0, limit: 100 }).length;
    s.db.exec(refuse);
    expect(() => s.jobs.claimDueSettlingInstant(at(5), 10, lease, undefined, decide)).toThrow(error);
    for (const id of ids) expect(s.jobs.getJob(id)).toMatchObject({ status: 'active', runCount: 0, nextRunAt: expect.any(Date) });
    expect(s.jobs.listRuns({})).toEqual([]);
    expect(s.jobs.listOutbox()).toEqual([]);
    expect(s.jobs.listEvents({ since: 0, limit: 100 })).toHaveLength(events);
    // Nothing holds a lease: the next claim takes all three again.
    s.db.exec('DROP INDEX refuse');
    expect(s.jobs.claimDueSettlingInstant(at(6), 10, lease, undefined, decide).filter((c) => c.settled)).toHaveLength(3);
    s.close();
  });

  it('a malformed message fails with SQLite’s own error, and a message whose key is taken is still dropped', () => {
    const s = openSqliteStore(':memory:');
    s.jobs.enqueueOutbox([{ key: 'k1', jobId: null, to: { platform: 'console', chatId: 'c' }, text: 'first' }], T0);
    const good = { key: 'k2', jobId: null, to: { platform: 'console', chatId: 'c' }, text: 'second' };
    const taken = { key: 'k1', jobId: null, to: { platform: 'console', chatId: 'c' }, text: 'again' };
    const malformed = { key: 'k3', jobId: null, to: { platform: 'console', chatId: 'c' }, text: null as unknown as string };
    expect(() => s.jobs.enqueueOutbox([good, taken, malformed], at(1))).toThrow(/NOT NULL constraint failed: outbox.text/);
    expect(s.jobs.listOutbox().map((m) => m.key)).toEqual(['k1']);
    s.jobs.enqueueOutbox([good, taken], at(2));
    expect(s.jobs.listOutbox().map((m) => [m.key, m.text])).toEqual([
      ['k1', 'first'],
      ['k2', 'second'],
    ]);
    s.close();
  });
});
