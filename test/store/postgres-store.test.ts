import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadPgMigrations, openPostgresStore } from '../../src/store/postgres/index.js';
import { T0, reminder, runJobStoreContract } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg, dropSchema, freshSchema } from './pg-harness.js';

const run = promisify(execFile);

describePg('PostgreSQL store', () => {
  runJobStoreContract('PostgreSQL', async () => {
    const fx = new PgSchemaFixture();
    const first = await fx.open();
    return {
      store: first.jobs,
      second: async () => (await fx.open()).jobs,
      async reopen() {
        await fx.closeAll();
        return (await fx.open()).jobs;
      },
      dispose: () => fx.dispose(),
    };
  });
});

describePg('PostgreSQL store: job ids', () => {
  let fx: PgSchemaFixture;
  afterEach(() => fx.dispose());

  it('a generated id that collides is drawn again', async () => {
    fx = new PgSchemaFixture();
    const ids = ['aaaaaa', 'aaaaaa', 'bbbbbb'];
    const s = await fx.open({ newJobId: () => ids.shift() ?? 'zzzzzz' });
    expect((await s.jobs.createJob(reminder(0), T0)).id).toBe('aaaaaa');
    expect((await s.jobs.createJob(reminder(0), T0)).id).toBe('bbbbbb');
  });

  it('gives up after ten collisions in a row instead of looping', async () => {
    fx = new PgSchemaFixture();
    const s = await fx.open({ newJobId: () => 'same00' });
    await s.jobs.createJob(reminder(0), T0);
    await expect(s.jobs.createJob(reminder(0), T0)).rejects.toThrow(/no free job id after 10 attempts/);
    expect(await s.jobs.countJobs()).toBe(1);
  });
});

describePg('PostgreSQL store: opening and migrations', () => {
  const schemas: string[] = [];
  afterEach(async () => {
    await Promise.all(schemas.splice(0).map(dropSchema));
  });
  const versionsIn = async (schema: string): Promise<number[]> => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      return (await c.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`)).rows.map(
        (r) => r.version,
      );
    } finally {
      await c.end();
    }
  };

  it('creates the schema, applies every numbered migration once in order, and reopening applies none', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const clock = new ManualClock(T0);
    const expected = loadPgMigrations().map((m) => m.version);
    expect(expected.slice(0, 2)).toEqual([1, 2]);
    const s = await openPostgresStore(PG_URL, { schema, clock, poolSize: 2 });
    expect(await versionsIn(schema)).toEqual(expected);
    await s.jobs.createJob(reminder(0), T0);
    await s.close();
    await s.close(); // safe twice
    const again = await openPostgresStore(PG_URL, { schema, clock, poolSize: 2 });
    expect(await versionsIn(schema)).toEqual(expected);
    expect(await again.jobs.countJobs()).toBe(1);
    await again.close();
  });

  it('a fresh schema opened by three processes together is migrated exactly once', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const opener = join(import.meta.dirname, 'fixtures', 'pg-opener.ts');
    await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', opener, PG_URL, schema], { encoding: 'utf8', timeout: 60_000 })),
    );
    expect(await versionsIn(schema)).toEqual(loadPgMigrations().map((m) => m.version));
    const s = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    expect(await s.jobs.countJobs()).toBe(3);
    await s.close();
  }, 60_000);

  it('refuses a database migrated by a newer Chime', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const s = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    await s.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)`);
    await c.end();
    await expect(openPostgresStore(PG_URL, { schema, poolSize: 2 })).rejects.toThrow(/newer than this Chime/);
  });

  it('an unreachable server fails the open with its host and database, never the password', async () => {
    const err = await openPostgresStore('postgres://chime:s3cret@127.0.0.1:1/chimedb', { schema: freshSchema() }).then(
      () => new Error('opened?'),
      (e: unknown) => e as Error,
    );
    expect(err.message).toMatch(/^store: opening PostgreSQL 127\.0\.0\.1:1\/chimedb schema chime_t_\w+ failed: /);
    expect(err.message).not.toContain('s3cret');
  });

  it('refuses a schema name that is not a plain lower-case identifier', async () => {
    await expect(openPostgresStore(PG_URL, { schema: 'x; DROP TABLE jobs' })).rejects.toThrow(/schema name/);
  });

  it('its connections name themselves chime/<schema> in pg_stat_activity', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const s = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    await s.jobs.createJob(reminder(1), T0);
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [
      `chime/${schema}`,
    ]);
    await s.close();
    await c.end();
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('times and counts come back as numbers without touching the global pg.types', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const s = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    const job = await s.jobs.createJob(reminder(1234), T0);
    expect((await s.jobs.getJob(job.id))?.nextRunAt).toEqual(new Date(T0.getTime() + 1234));
    expect(await s.jobs.countJobs()).toBe(1);
    await s.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    expect((await c.query('SELECT 1::bigint AS n')).rows[0].n).toBe('1');
    await c.end();
  });
});

describePg('PostgreSQL store: least privilege', () => {
  it('a role that owns its schema but may not create schemas opens, migrates and reopens it', async (ctx) => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const schema = freshSchema();
    const role = `${schema}_role`;
    try {
      const { rows } = await admin.query<{ su: boolean }>('SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user');
      if (!rows[0]?.su) return ctx.skip(); // creating roles needs a superuser
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
      const url = new URL(PG_URL);
      url.username = role;
      url.password = '';
      const probe = new pg.Client({ connectionString: url.toString() });
      const canLogin = await probe.connect().then(
        () => true,
        () => false,
      );
      await probe.end().catch(() => undefined);
      if (!canLogin) return ctx.skip(); // the server wants a password for new roles
      const { rows: priv } = await admin.query<{ ok: boolean }>(`SELECT has_database_privilege($1, current_database(), 'CREATE') AS ok`, [
        role,
      ]);
      expect(priv[0]?.ok).toBe(false);
      const s = await openPostgresStore(url.toString(), { schema, poolSize: 1 });
      await s.jobs.createJob(reminder(0), T0);
      await s.close();
      const again = await openPostgresStore(url.toString(), { schema, poolSize: 1 });
      expect(await again.jobs.countJobs()).toBe(1);
      await again.close();
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});
