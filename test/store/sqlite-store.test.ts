import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import {
  DUE_JOB_COLUMNS,
  JOB_COLUMNS,
  countJobsSql,
  dueJobRowFromRaw,
  jobRowFromRaw,
  listRunsSql,
  pageJobsSql,
  prepareJobQueries,
} from '../../src/store/sqlite/job-queries.js';
import { loadMigrations, migrate } from '../../src/store/sqlite/migrate.js';
import { openDb } from '../../src/store/sqlite/open-db.js';
import { listOutboxSql, prepareOutboxQueries } from '../../src/store/sqlite/outbox-queries.js';
import { type SqliteStore, openSqliteStore, startCheckpointer } from '../../src/store/sqlite/index.js';
import { BACKSTOP_CHECKPOINT_PAGES } from '../../src/store/sqlite/checkpointer.js';
import type { ClaimedRun, Settlement } from '../../src/core/run.js';
import { T0, at, reminder, runJobStoreContract } from './contract.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chime-store-'));
}

runJobStoreContract('SQLite file', async () => {
  const dir = tempDir();
  const path = join(dir, 'nested', 'chime.db');
  const opened: SqliteStore[] = [openSqliteStore(path)];
  return {
    store: opened[0]!.jobs,
    async second() {
      const s = openSqliteStore(path);
      opened.push(s);
      return s.jobs;
    },
    async reopen() {
      for (const s of opened) s.close();
      const s = openSqliteStore(path);
      opened.push(s);
      return s.jobs;
    },
    async dispose() {
      for (const s of opened) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store: job ids', () => {
  it('a generated id that collides is drawn again', () => {
    const ids = ['aaaaaa', 'aaaaaa', 'bbbbbb'];
    const s = openSqliteStore(':memory:', { newJobId: () => ids.shift() ?? 'zzzzzz' });
    expect(s.jobs.createJob(reminder(0), T0).id).toBe('aaaaaa');
    expect(s.jobs.createJob(reminder(0), T0).id).toBe('bbbbbb');
    s.close();
  });

  it('gives up after ten collisions in a row instead of looping', () => {
    const s = openSqliteStore(':memory:', { newJobId: () => 'same00' });
    s.jobs.createJob(reminder(0), T0);
    expect(() => s.jobs.createJob(reminder(0), T0)).toThrow(/no free job id after 10 attempts/);
    expect(s.jobs.countJobs()).toBe(1);
    s.close();
  });
});

describe('SQLite store: opening and migrations', () => {
  it('creates the parent directory and uses WAL, synchronous=NORMAL and a busy timeout', () => {
    const dir = tempDir();
    try {
      const s = openSqliteStore(join(dir, 'a', 'b', 'chime.db'));
      expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(s.db.pragma('synchronous', { simple: true })).toBe(1);
      expect(s.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      s.close();
      s.close(); // safe twice
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies every numbered migration once, in order, and reopening applies none', () => {
    const dir = tempDir();
    const path = join(dir, 'chime.db');
    try {
      const clock = new ManualClock(T0);
      const s = openSqliteStore(path, { clock });
      const versions = () => s2rows(s);
      const expected = loadMigrations().map((m) => m.version);
      expect(expected.slice(0, 2)).toEqual([1, 2]);
      expect(versions()).toEqual(expected);
      s.jobs.createJob(reminder(0), T0);
      s.close();
      const again = openSqliteStore(path, { clock });
      expect(s2rows(again)).toEqual(expected);
      expect(again.jobs.countJobs()).toBe(1);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migration 3 moves runs in progress onto their leases and keeps every outbox message', () => {
    const dir = tempDir();
    const path = join(dir, 'chime.db');
    try {
      // A file as Chime left it at schema 2: one job mid-run (its 'running' row), one orphaned
      // 'running' row, one finished run, two outbox messages.
      const old = openDb(path);
      migrate(
        old,
        T0.getTime(),
        loadMigrations().filter((m) => m.version <= 2),
      );
      const job = { id: 'job001' };
      old
        .prepare(`INSERT INTO jobs (id, name, kind, payload, owner_platform, owner_user_id, origin, origin_platform,
        origin_chat_id, schedule, bounds, time_zone, status, next_run_at, max_attempts, retries, retry_delay_ms,
        timeout_ms, completion_mode, created_at, updated_at, attempts)
        VALUES ('job001', 'n', 'reminder', '{"text":"x"}', 'tg', 'u', '{"platform":"tg","chatId":"1"}', 'tg', '1',
        '{"kind":"once","at":"1970-01-01T00:00:01.000Z"}', '{}', 'UTC', 'active', 1000, 1, 3, 5000, 60000, 'notify', 0, 0, 1)`)
        .run();
      const runId = `${(5000).toString(16).padStart(12, '0')}-${job.id}-abcd`;
      old
        .prepare('UPDATE jobs SET lease_owner = ?, lease_expires_at = ?, lease_run_id = ? WHERE id = ?')
        .run('host:1:x', T0.getTime() + 60_000, runId, job.id);
      const insertRun =
        old.prepare(`INSERT INTO runs (run_id, job_id, scheduled_for, started_at, status, trigger, attempt, late_ms, ghost_session_id)
        VALUES (?, ?, ?, ?, ?, ?, 1, 0, 'g')`);
      insertRun.run(runId, job.id, 1000, 5000, 'running', 'retry');
      insertRun.run('orphan', 'gone00', 7, 8, 'running', 'schedule');
      insertRun.run('done', job.id, 9, 10, 'success', 'schedule');
      old
        .prepare(`INSERT INTO outbox (key, platform, chat_id, text, available_at, created_at) VALUES (?, 'tg', '1', ?, 0, 0)`)
        .run('a', 'first');
      old
        .prepare(
          `INSERT INTO outbox (key, platform, chat_id, text, available_at, created_at, status) VALUES (?, 'tg', '1', ?, 0, 0, 'dead')`,
        )
        .run('b', 'second');
      old.close();

      const store = openSqliteStore(path);
      expect(s2rows(store)).toContain(3);
      const runs = store.jobs.listRuns({ limit: 10 });
      expect(runs.find((r) => r.runId === runId)).toMatchObject({
        status: 'running',
        jobId: job.id,
        scheduledFor: new Date(1000),
        startedAt: new Date(5000),
        trigger: 'retry',
        lateMs: 4000,
        attempt: 2,
      });
      expect(runs.find((r) => r.runId === 'orphan')).toMatchObject({ status: 'abandoned', error: 'run lost its lease' });
      expect(runs.find((r) => r.runId === 'done')?.status).toBe('success');
      expect(runs).toHaveLength(3);
      expect(store.jobs.listOutbox().map((m) => [m.id, m.key, m.status])).toEqual([
        [1, 'a', 'pending'],
        [2, 'b', 'dead'],
      ]);
      expect(store.jobs.stats()).toMatchObject({ outboxPending: 1, outboxDead: 1, runsByStatus: { running: 1, abandoned: 1, success: 1 } });
      // The carried-over lease expires and is taken over like any other.
      const [taken] = store.jobs.claimDue(new Date(T0.getTime() + 60_000), 10, { owner: 'next', durationMs: 60_000 });
      expect(taken).toMatchObject({ scheduledFor: new Date(1000), trigger: 'retry' });
      expect(store.jobs.listRuns({ jobId: job.id, status: 'abandoned' }).map((r) => r.runId)).toEqual([runId]);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports other processes' commits to change listeners, not its own", async () => {
    const dir = tempDir();
    const path = join(dir, 'chime.db');
    try {
      const a = openSqliteStore(path);
      const b = openSqliteStore(path);
      let calls = 0;
      const unsubscribe = a.jobs.onExternalChange(() => calls++);
      a.jobs.createJob(reminder(0), T0);
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toBe(0);
      b.jobs.createJob(reminder(0), T0);
      const until = Date.now() + 5000;
      while (calls === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(calls).toBeGreaterThan(0);
      unsubscribe();
      const before = calls;
      b.jobs.createJob(reminder(0), T0);
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toBe(before);
      a.close();
      b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database migrated by a newer Chime', () => {
    const dir = tempDir();
    const path = join(dir, 'chime.db');
    try {
      const s = openSqliteStore(path);
      s.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, ?, 0)').run('future');
      s.close();
      expect(() => openSqliteStore(path)).toThrow(/newer than this Chime/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("':memory:' works", () => {
    const s = openSqliteStore(':memory:');
    const job = s.jobs.createJob(reminder(0), T0);
    expect(s.jobs.getJob(job.id)?.id).toBe(job.id);
    s.close();
  });

  it('raw claim rows name every column of jobs (a new column must be added to JOB_COLUMNS)', () => {
    const s = openSqliteStore(':memory:');
    const columns = s.db
      .prepare<[], { name: string }>('PRAGMA table_info(jobs)')
      .all()
      .map((c) => c.name);
    expect([...JOB_COLUMNS].sort()).toEqual(columns.sort());
    s.close();
  });

  it('jobRowFromRaw names each value of a raw claim row by its JOB_COLUMNS position, then the rowid as seq', () => {
    const values = Array.from({ length: JOB_COLUMNS.length + 1 }, (_, i) => i);
    const row = jobRowFromRaw(values) as unknown as Record<string, number>;
    expect(Object.keys(row)).toEqual([...JOB_COLUMNS, 'seq']);
    for (const [i, column] of JOB_COLUMNS.entries()) expect(row[column], column).toBe(i);
    expect(row.seq).toBe(JOB_COLUMNS.length);
  });

  it('dueJobRowFromRaw names each value of a raw due row by its DUE_JOB_COLUMNS position, then the rowid as seq', () => {
    const values = Array.from({ length: DUE_JOB_COLUMNS.length + 1 }, (_, i) => i);
    const row = dueJobRowFromRaw(values) as unknown as Record<string, number>;
    expect(Object.keys(row)).toEqual([...DUE_JOB_COLUMNS, 'seq']);
    for (const [i, column] of DUE_JOB_COLUMNS.entries()) expect(row[column], column).toBe(i);
    expect(row.seq).toBe(DUE_JOB_COLUMNS.length);
  });

  it('nextDueAt, the claim scan and the outbox claim read their partial indexes, never the status index', () => {
    const s = openSqliteStore(':memory:');
    const jq = prepareJobQueries(s.db);
    const oq = prepareOutboxQueries(s.db);
    const plan = (sql: string, params: object = { after: 0 }) =>
      s.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    // The claims bind by position: owner, expires, now, now, after, due_by, limit; now, now, owner, owner, expires, now, now, limit.
    const claimJobs = plan(jq.claimDueBatch.source, ['o', 1, 0, 0, 0, 0, 1]);
    const claimOutbox = plan(oq.claimOutbox.source, [0, 0, 'o', 'o', 1, 0, 0, 1]);
    expect(plan(jq.nextDue.source)).toMatch(/jobs_due.*jobs_due.*jobs_leased/s);
    expect(claimJobs).toMatch(/jobs_due/);
    expect(claimJobs).not.toMatch(/jobs_status|SCAN jobs|TEMP B-TREE/);
    expect(claimOutbox).toMatch(/outbox_pending.*outbox_sending|outbox_sending.*outbox_pending/);
    // History pages come off an index in order, without sorting every run.
    const runsPlan = (f: Parameters<typeof listRunsSql>[0]) => {
      const { sql, params } = listRunsSql(f);
      return s.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    };
    expect(runsPlan({})).not.toMatch(/TEMP B-TREE/);
    expect(runsPlan({ jobId: 'j' })).toMatch(/runs_job/);
    expect(runsPlan({ jobId: 'j' })).not.toMatch(/TEMP B-TREE/);
    const deadPlan = listOutboxSql({ status: 'dead' });
    expect(
      s.db
        .prepare(`EXPLAIN QUERY PLAN ${deadPlan.sql}`)
        .all(deadPlan.params)
        .map((r) => (r as { detail: string }).detail)
        .join(),
    ).toMatch(/outbox_dead/);
    s.close();
  });

  it('quota counts read the chat or owner index; pages of all jobs read the table in key order, never sorting it', () => {
    const s = openSqliteStore(':memory:');
    const plan = ({ sql, params }: { sql: string; params: Record<string, unknown> }) =>
      s.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    const live = ['active', 'paused'] as Array<'active' | 'paused'>;
    expect(plan(countJobsSql({ originPlatform: 'telegram', originChatId: 'c', status: live }, 500))).toMatch(/jobs_origin_chat/);
    expect(plan(countJobsSql({ ownerPlatform: 'telegram', ownerUserId: 'u', status: live }, 100))).toMatch(/jobs_owner/);
    for (const f of [{}, { status: live }, { kind: 'reminder' }]) {
      const p = plan(pageJobsSql(f, { key: 'created' }, { seq: 0, value: 0 }, 500));
      expect(p).toMatch(/INTEGER PRIMARY KEY \(rowid>\?\)/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    s.close();
  });
});

describe('SQLite store: settleAll', () => {
  const lease = { owner: 'host-a:1:aaaa', durationMs: 60_000 };
  const done = (run: ClaimedRun): { run: ClaimedRun; settlement: Settlement } => ({
    run,
    settlement: {
      run: { status: 'success', finishedAt: at(10), durationMs: 1, result: 'ok', error: null },
      job: { status: 'completed', nextRunAt: null, runCount: run.job.runCount + 1 },
      outbox: [{ key: `${run.runId}:r`, jobId: run.job.id, to: { platform: 'console', chatId: 'c' }, text: 'done' }],
    },
  });

  it('settles a batch across statement sizes (70 runs): results in input order, false for a lost lease', () => {
    const s = openSqliteStore(':memory:');
    for (let i = 0; i < 70; i++) s.jobs.createJob(reminder(0, { id: `job${String(i).padStart(3, '0')}` }), T0);
    const runs = s.jobs.claimDue(at(1), 100, lease);
    expect(runs).toHaveLength(70);
    const lost = new Set([runs[3]!.job.id, runs[66]!.job.id]);
    for (const id of lost) s.jobs.deleteJob(id, at(2));
    const results = s.jobs.settleAll!(runs.map(done), at(10));
    expect(results).toEqual(runs.map((r) => !lost.has(r.job.id)));
    expect(s.jobs.countJobs({ status: 'completed' })).toBe(68);
    expect(
      s.jobs
        .listRuns({ status: 'success', limit: 100 })
        .map((r) => r.runId)
        .sort(),
    ).toEqual(
      runs
        .filter((r) => !lost.has(r.job.id))
        .map((r) => r.runId)
        .sort(),
    );
    // Messages in the order of the settles (ids follow it).
    expect(s.jobs.listOutbox().map((m) => m.key)).toEqual(runs.filter((r) => !lost.has(r.job.id)).map((r) => `${r.runId}:r`));
    s.close();
  });

  it('a batch naming a job twice settles in input order: the same run twice, or a stale run beside the current one', () => {
    const s = openSqliteStore(':memory:');
    s.jobs.createJob(reminder(0, { id: 'twice1' }), T0);
    const [run] = s.jobs.claimDue(at(1), 10, lease);
    expect(s.jobs.settleAll!([done(run!), done(run!)], at(10))).toEqual([true, false]);
    expect(s.jobs.listRuns({ status: 'success' })).toHaveLength(1);
    expect(s.jobs.listOutbox()).toHaveLength(1);

    s.jobs.createJob(reminder(0, { id: 'stale1' }), T0);
    const [stale] = s.jobs.claimDue(at(2), 10, lease);
    // Its lease expires; another claim takes the occurrence over with a new run.
    const [current] = s.jobs.claimDue(at(2 + lease.durationMs + 1), 10, lease);
    expect(current!.job.id).toBe('stale1');
    expect(current!.runId).not.toBe(stale!.runId);
    expect(s.jobs.settleAll!([done(stale!), done(current!)], at(70_000))).toEqual([false, true]);
    expect(s.jobs.listOutbox().map((m) => m.key)).toEqual([`${run!.runId}:r`, `${current!.runId}:r`]);
    s.close();
  });
});

describe('SQLite store: sorted job pages', () => {
  it('every sort but last update walks an index in order (no sort of the table per page), and a later page seeks to its cursor', () => {
    const s = openSqliteStore(':memory:');
    const plan = ({ sql, params }: { sql: string; params: Record<string, unknown> }) =>
      s.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    const keys = ['created', 'id', 'name', 'next_run'] as const;
    for (const key of keys)
      for (const desc of [false, true])
        for (const f of [{}, { status: 'active' as const }, { recurring: true }, { kind: 'command' }])
          for (const after of [undefined, { seq: 10, value: key === 'name' || key === 'id' ? 'm' : 10 }]) {
            const p = plan(pageJobsSql(f, { key, desc }, after, 51));
            expect(p, `${key} ${desc} ${JSON.stringify(f)} ${JSON.stringify(after)}`).not.toMatch(/TEMP B-TREE/);
            // A later page seeks to its keyset instead of walking the index from its start.
            if (after) expect(p, `${key} ${desc} ${JSON.stringify(f)}`).toMatch(/^SEARCH jobs USING/);
          }
    expect(plan(pageJobsSql({}, { key: 'next_run' }, undefined, 51))).toMatch(/jobs_list_next_run/);
    expect(plan(pageJobsSql({}, { key: 'name', desc: true }, { seq: 3, value: 'b' }, 51))).toMatch(/jobs_list_name/);
    s.close();
  });
});

function s2rows(s: SqliteStore): number[] {
  return s.db
    .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    .all()
    .map((r) => r.version);
}

describe('SQLite store: background checkpoints', () => {
  it('a worker thread checkpoints the WAL into the file; the main connection only as a backstop', async () => {
    const dir = tempDir();
    const path = join(dir, 'chime.db');
    try {
      const s = openSqliteStore(path);
      const clock = new ManualClock(T0);
      const checkpointer = startCheckpointer(s.db, { clock, intervalMs: 1000 });
      expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_CHECKPOINT_PAGES);
      const fileSize = () => statSync(path).size;
      const before = fileSize();
      // About 2,500 pages: more than SQLite's usual 1,000-page checkpoint, less than the backstop.
      s.db.exec('CREATE TABLE filler (x BLOB)');
      const fill = s.db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
      s.db.transaction(() => {
        for (let i = 0; i < 2500; i++) fill.run();
      })();
      await new Promise((r) => setTimeout(r, 300));
      expect(fileSize()).toBeLessThan(before + 5_000_000); // nothing checkpoints before its time
      await clock.advance(1000);
      const until = Date.now() + 5000;
      while (fileSize() < before + 5_000_000 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(fileSize()).toBeGreaterThan(before + 5_000_000);
      await checkpointer.stop();
      expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
