import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0, reminder } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

/**
 * A process killed (SIGKILL) after its job change was written and while its event was being
 * inserted, inside the one transaction: afterwards the store holds neither the change nor the
 * event. And a change that commits holds both.
 */

const run = promisify(execFile);
const CRASHER = join(import.meta.dirname, 'fixtures', 'event-crasher.ts');

describe('event log and change commit together: SQLite', () => {
  it('SIGKILL inside the event insert leaves neither the job nor its event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-events-crash-'));
    try {
      const path = join(dir, 'chime.db');
      openSqliteStore(path).close();
      const died = await run(process.execPath, ['--import', 'tsx', CRASHER, 'sqlite', path], { timeout: 60_000 }).then(
        () => 'exited normally',
        (err: { signal?: string }) => err.signal,
      );
      expect(died).toBe('SIGKILL');
      const s = openSqliteStore(path);
      expect(s.jobs.getJob('crash1')).toBeUndefined();
      expect(s.jobs.listEvents({ limit: 10 })).toEqual([]);
      // The same change without the kill: both.
      s.jobs.createJob(reminder(0, { id: 'crash1' }), T0);
      expect(s.jobs.listEvents({ limit: 10 }).map((e) => [e.type, e.jobId])).toEqual([['job.created', 'crash1']]);
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describePg('event log and change commit together: PostgreSQL', () => {
  it('SIGKILL while the event insert waits inside the transaction leaves neither', async () => {
    const fx = new PgSchemaFixture();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const s = await fx.open();
      const key = Math.floor(Math.random() * 1e9);
      await admin.query(`CREATE FUNCTION ${fx.schema}.hold() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock(${key}); RETURN NEW; END $$`);
      await admin.query(`CREATE TRIGGER hold BEFORE INSERT ON ${fx.schema}.events FOR EACH ROW EXECUTE FUNCTION ${fx.schema}.hold()`);
      await admin.query('SELECT pg_advisory_lock($1)', [key]);
      const child = spawn(process.execPath, ['--import', 'tsx', CRASHER, 'pg', PG_URL, fx.schema], { stdio: 'ignore' });
      const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      let pid: number | undefined;
      for (let i = 0; i < 600 && pid === undefined; i++) {
        const r = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1::bigint::oid`,
          [key],
        );
        pid = r.rows[0]?.pid;
        if (pid === undefined) await sleep(50);
      }
      expect(pid).toBeDefined(); // the child's transaction has written the job and waits in the event insert
      // Not visible to anyone yet: uncommitted.
      expect(await s.jobs.getJob('crash1')).toBeUndefined();
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await admin.query('SELECT pg_advisory_unlock($1)', [key]);
      // The orphaned backend finishes the statement, finds its client gone and rolls back.
      for (let i = 0; i < 200; i++) {
        const r = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
        if (r.rowCount === 0) break;
        await sleep(50);
      }
      expect(await s.jobs.getJob('crash1')).toBeUndefined();
      expect(await s.jobs.listEvents({ limit: 10 })).toEqual([]);
      await s.jobs.createJob(reminder(0, { id: 'crash1' }), T0);
      expect((await s.jobs.listEvents({ limit: 10 })).map((e) => [e.type, e.jobId])).toEqual([['job.created', 'crash1']]);
    } finally {
      await admin.end();
      await fx.dispose();
    }
  }, 60_000);
});
