import Database from 'better-sqlite3';
import { prepareDatabasePath, unusableDatabase } from './db-file.js';

/** A better-sqlite3 connection. */
export type Db = Database.Database;

export interface OpenDbOptions {
  /** How long a writer waits for another process's lock before SQLITE_BUSY (ms). Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating the parent directory) a database tuned for a single-writer job queue:
 * WAL so readers never block the writer, synchronous=NORMAL (durable at checkpoints, no fsync
 * per commit: a power cut may lose the last commits but never corrupts), busy_timeout so two
 * processes on one file wait instead of failing. A path or file that cannot be a database
 * throws UnusableDatabaseError (what is wrong and the fix) instead of SQLite's bare code.
 */
export function openDb(path: string, opts: OpenDbOptions = {}): Db {
  const memory = path === ':memory:' || path === '';
  if (!memory) prepareDatabasePath(path);
  let db: Db | undefined;
  try {
    db = new Database(path);
    // First, so that even switching to WAL waits for another process's lock instead of failing.
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db?.close();
    throw unusableDatabase(path, err) ?? err;
  }
}
