import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { type PostgresStore, type PostgresStoreOptions, openPostgresStore } from '../../src/store/postgres/index.js';

/** The PostgreSQL the tests use (trust auth on the CI machine). */
export const PG_URL = process.env.CHIME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers at PG_URL (2 s connect timeout). */
export async function pgAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const available = await pgAvailable();

/**
 * `describe` for suites that need PostgreSQL. Without it the suite is skipped with a warning,
 * unless CHIME_REQUIRE_PG=1 (CI): then it fails, so a missing database cannot pass silently.
 */
export function describePg(name: string, fn: () => void): void {
  if (available) return void describe(name, fn);
  if (process.env.CHIME_REQUIRE_PG === '1') {
    return void describe(name, () => {
      it('PostgreSQL is reachable', () => {
        throw new Error(`PostgreSQL required (CHIME_REQUIRE_PG=1) but not reachable at ${PG_URL}`);
      });
    });
  }
  console.warn(
    `[chime tests] PostgreSQL not reachable at ${PG_URL}: skipping "${name}" (set CHIME_TEST_PG_URL, or CHIME_REQUIRE_PG=1 to fail instead)`,
  );
  describe.skip(name, fn);
}

/** A fresh schema name for one test. */
export const freshSchema = (): string => `chime_t_${randomBytes(6).toString('hex')}`;

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Stores opened on one fresh schema, closed and dropped together. */
export class PgSchemaFixture {
  readonly schema = freshSchema();
  private readonly opened: PostgresStore[] = [];

  async open(opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const s = await openPostgresStore(PG_URL, { poolSize: 3, ...opts, schema: this.schema });
    this.opened.push(s);
    return s;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.map((s) => s.close()));
  }

  async dispose(): Promise<void> {
    await this.closeAll();
    await dropSchema(this.schema);
  }
}

/** A fresh database next to PG_URL's; returns its URL and a drop function. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `chime_e2e_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
