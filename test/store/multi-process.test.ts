import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0, reminder } from './contract.js';

const run = promisify(execFile);
const CLAIMER = join(import.meta.dirname, 'fixtures', 'claimer.ts');
const N = 1500;

describe('SQLite store shared by several processes', () => {
  it('two processes claiming the same file at once never claim one job twice, and together claim all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-store-mp-'));
    try {
      const path = join(dir, 'chime.db');
      const s = openSqliteStore(path);
      s.db.transaction(() => {
        for (let i = 0; i < N; i++) s.jobs.createJob(reminder(i), T0);
      })();
      s.close();

      const claimer = (owner: string) =>
        run(process.execPath, ['--import', 'tsx', CLAIMER, path, owner], { encoding: 'utf8', timeout: 60_000 }).then(
          (r) => JSON.parse(r.stdout) as string[],
        );
      const both = Promise.all([claimer('proc-a'), claimer('proc-b')]);
      while (!existsSync(`${path}.ready-proc-a`) || !existsSync(`${path}.ready-proc-b`)) await sleep(10);
      writeFileSync(`${path}.go`, '');
      const [a, b] = await both;

      expect(a.length).toBeGreaterThan(0); // they really competed
      expect(b.length).toBeGreaterThan(0);
      const all = [...a, ...b];
      expect(new Set(all).size).toBe(all.length); // no job claimed twice
      expect(all.length).toBe(N);
      const check = openSqliteStore(path);
      expect(check.jobs.countJobs({ status: 'completed' })).toBe(N);
      expect(check.jobs.listOutbox()).toHaveLength(N);
      expect(check.db.prepare(`SELECT COUNT(*) AS n FROM runs WHERE status = 'success'`).get()).toEqual({ n: N });
      check.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('SQLite store opened by several processes at once', () => {
  it('a fresh file opened by three processes together is migrated exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-store-mig-'));
    try {
      const path = join(dir, 'fresh.db');
      const opener = join(import.meta.dirname, 'fixtures', 'opener.ts');
      await Promise.all(
        [1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', opener, path], { encoding: 'utf8', timeout: 60_000 })),
      );
      const s = openSqliteStore(path);
      const rows = s.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
      expect(rows.map((r) => r.version)).toEqual([...new Set(rows.map((r) => r.version))]);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(s.jobs.countJobs()).toBe(3);
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
