import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './open-db.js';

/** Where the numbered `NNNN_name.sql` files live (next to this module). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNNN_name.sql` files in version order. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const out: Migration[] = [];
  for (const file of readdirSync(dir)) {
    const m = /^(\d{4})_([\w-]+)\.sql$/.exec(file);
    if (!m) continue;
    out.push({ version: Number(m[1]), name: m[2]!, sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.version === out[i - 1]!.version) throw new Error(`store: two migrations numbered ${out[i]!.version}`);
  }
  return out;
}

/**
 * Applies every migration newer than the database, each in its own IMMEDIATE transaction
 * (so two processes opening one file at once apply each migration exactly once), and records
 * it in `schema_migrations`. Returns the versions applied now; reopening applies nothing.
 */
export function migrate(db: Db, nowMs: number, migrations: Migration[] = loadMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const current = db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= (current.get()?.v ?? 0)) continue;
    const apply = db.transaction(() => {
      // Re-check inside the lock: another process may have applied it meanwhile.
      if (m.version <= (current.get()?.v ?? 0)) return false;
      db.exec(m.sql);
      record.run(m.version, m.name, nowMs);
      return true;
    });
    if (apply.immediate()) applied.push(m.version);
  }
  const newest = migrations.at(-1)?.version ?? 0;
  const dbVersion = current.get()?.v ?? 0;
  if (dbVersion > newest)
    throw new Error(`store: database schema version ${dbVersion} is newer than this Chime (${newest}); upgrade Chime`);
  return applied;
}
