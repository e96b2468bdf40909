import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { expect, it } from 'vitest';
import { T0, reminder } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

const run = promisify(execFile);
const CLAIMER = join(import.meta.dirname, 'fixtures', 'pg-claimer.ts');
const N = 1500;

describePg('PostgreSQL store shared by several processes', () => {
  it('two processes claiming one schema at once never claim one job twice, and together claim and settle all', async () => {
    const fx = new PgSchemaFixture();
    const dir = mkdtempSync(join(tmpdir(), 'chime-pg-mp-'));
    try {
      const s = await fx.open({ poolSize: 4 });
      for (let i = 0; i < N; i += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, k) => s.jobs.createJob(reminder(i + k), T0)));
      }
      expect(await s.jobs.countJobs()).toBe(N);

      const barrier = join(dir, 'barrier');
      const claimer = (owner: string) =>
        run(process.execPath, ['--import', 'tsx', CLAIMER, PG_URL, fx.schema, owner, barrier], { encoding: 'utf8', timeout: 60_000 }).then(
          (r) => JSON.parse(r.stdout) as string[],
        );
      const both = Promise.all([claimer('proc-a'), claimer('proc-b')]);
      while (!existsSync(`${barrier}.ready-proc-a`) || !existsSync(`${barrier}.ready-proc-b`)) await sleep(10);
      writeFileSync(`${barrier}.go`, '');
      const [a, b] = await both;

      expect(a.length).toBeGreaterThan(0); // they really competed
      expect(b.length).toBeGreaterThan(0);
      const all = [...a, ...b];
      expect(new Set(all).size).toBe(all.length); // no job claimed twice
      expect(all.length).toBe(N);
      expect(await s.jobs.countJobs({ status: 'completed' })).toBe(N);
      expect(await s.jobs.listOutbox()).toHaveLength(N);

      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        const q = async (sql: string) => (await c.query<{ n: string }>(sql)).rows[0]?.n;
        expect(await q(`SELECT COUNT(*) AS n FROM ${fx.schema}.runs WHERE status = 'success'`)).toBe(String(N));
        expect(await q(`SELECT COUNT(DISTINCT job_id) AS n FROM ${fx.schema}.runs WHERE status = 'success'`)).toBe(String(N));
        expect(await q(`SELECT COUNT(DISTINCT job_id) AS n FROM ${fx.schema}.outbox`)).toBe(String(N));
        expect(await q(`SELECT COUNT(*) AS n FROM ${fx.schema}.jobs WHERE lease_owner IS NOT NULL`)).toBe('0');
      } finally {
        await c.end();
      }
    } finally {
      await fx.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
