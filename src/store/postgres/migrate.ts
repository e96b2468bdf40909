import type pg from 'pg';
import { loadMigrations, type Migration } from '../sqlite/migrate.js';
import { fileURLToPath } from 'node:url';
import { checkSchemaName } from './db.js';

/** Where the numbered `NNNN_name.sql` files for PostgreSQL live (next to this module). */
export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The PostgreSQL migrations, in version order. */
export function loadPgMigrations(): Migration[] {
  return loadMigrations(PG_MIGRATIONS_DIR);
}

/** One advisory lock per schema: processes migrating other schemas do not wait for each other. */
const LOCK = 'SELECT pg_advisory_xact_lock(hashtext($1))';
const lockKey = (schema: string): string => `chime:migrate:${schema}`;

/**
 * Creates `schema` if missing and applies every migration newer than it, each in its own
 * transaction under a transaction-scoped advisory lock, re-reading the version inside the lock:
 * several processes opening one fresh database at once apply each migration exactly once.
 * Records each in `schema_migrations`. Refuses a schema migrated by a newer Chime. Returns the
 * versions applied now (none on reopen).
 */
export async function migratePg(
  pool: pg.Pool,
  schema: string,
  nowMs: number,
  migrations: Migration[] = loadPgMigrations(),
): Promise<number[]> {
  checkSchemaName(schema);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const inLock = async <T>(fn: () => Promise<T>): Promise<T> => {
      await client.query('BEGIN');
      try {
        await client.query(LOCK, [lockKey(schema)]);
        // The pool's search_path names the schema, but it may not have existed when this
        // connection opened: name it again (unqualified names in the migration files).
        await client.query(`SET LOCAL search_path TO ${schema}`);
        const out = await fn();
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
        throw err;
      }
    };
    const current = async (): Promise<number> =>
      (await client.query<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${schema}.schema_migrations`)).rows[0]?.v ?? 0;

    // Create the schema and the migrations table only when missing: CREATE SCHEMA checks the
    // database's CREATE privilege even with IF NOT EXISTS, which a role that merely owns its
    // schema lacks.
    // The catalog tables themselves, read with the statement's snapshot: to_regclass() would
    // consult a cache that may still hold "missing" from before another process's commit.
    const bootstrapped = async (): Promise<boolean> =>
      ((
        await client.query(
          `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = 'schema_migrations'`,
          [schema],
        )
      ).rowCount ?? 0) > 0;
    if (!(await bootstrapped())) {
      await inLock(async () => {
        if (await bootstrapped()) return;
        const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        if (found.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
          version    INTEGER PRIMARY KEY,
          name       TEXT NOT NULL,
          applied_at BIGINT NOT NULL
        )`);
      });
    }

    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= (await current())) continue;
      const done = await inLock(async () => {
        // Re-check inside the lock: another process may have applied it meanwhile.
        if (m.version <= (await current())) return false;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, nowMs]);
        return true;
      });
      if (done) applied.push(m.version);
    }
    const newest = migrations.at(-1)?.version ?? 0;
    const dbVersion = await current();
    if (dbVersion > newest) {
      throw new Error(`store: database schema ${schema} version ${dbVersion} is newer than this Chime (${newest}); upgrade Chime`);
    }
    return applied;
  } finally {
    client.release(broken);
  }
}
