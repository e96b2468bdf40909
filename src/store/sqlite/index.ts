import type { Clock } from '../../core/ports/clock.js';
import { SystemClock } from '../../core/system-clock.js';
import type { ApiMemoryAccess } from '../../core/ports/notes-store.js';
import { migrate } from './migrate.js';
import { unusableDatabase } from './db-file.js';
import { type Db, openDb } from './open-db.js';
import { SqliteJobStore } from './sqlite-job-store.js';
import { SqliteNotesStore } from './sqlite-notes-store.js';
import { SqlitePrefsStore } from './sqlite-prefs-store.js';
import { SqliteAgentUsageStore } from './sqlite-agent-usage-store.js';
import { SqliteConversationStore } from './sqlite-conversation-store.js';
import { SqliteInstanceStore } from './sqlite-instance-store.js';

export { startCheckpointer } from './checkpointer.js';
export { SqliteJobStore } from './sqlite-job-store.js';
export { SqliteNotesStore } from './sqlite-notes-store.js';
export { SqlitePrefsStore } from './sqlite-prefs-store.js';
export type { Db } from './open-db.js';
export { UnusableDatabaseError } from './db-file.js';

export interface SqliteStoreOptions {
  /** Time for note/pref timestamps and migration records. Default the system clock. */
  clock?: Clock;
  /** What `API` callers may do with notes (the access table in core/ports/notes-store.ts). Default `none`. */
  notesApiAccess?: ApiMemoryAccess;
  /** Wait for another process's write lock (ms). Default 5000. */
  busyTimeoutMs?: number;
  /** Job id generator (tests). Default: 6 random characters of the unambiguous alphabet. */
  newJobId?: () => string;
}

/** Everything Chime keeps in one SQLite file. */
export interface SqliteStore {
  jobs: SqliteJobStore;
  notes: SqliteNotesStore;
  prefs: SqlitePrefsStore;
  conversations: SqliteConversationStore;
  agentUsage: SqliteAgentUsageStore;
  /** Which process holds each instance id. */
  instances: SqliteInstanceStore;
  /** The raw connection (tests, benchmarks, maintenance). */
  db: Db;
  /** Closes the connection; safe to call twice. */
  close(): void;
}

/**
 * Opens (creating the parent directory) or creates the SQLite store at `path` (`:memory:`
 * works) and applies pending migrations. Opening reads no jobs: time-to-ready does not grow
 * with the number of jobs in the file.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const clock = opts.clock ?? new SystemClock();
  const db = openDb(path, opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {});
  try {
    migrate(db, clock.now().getTime());
  } catch (err) {
    db.close();
    // A damaged file often shows only when the schema is first read.
    throw unusableDatabase(path, err) ?? err;
  }
  const jobs = new SqliteJobStore(db, opts.newJobId ? { newJobId: opts.newJobId } : {});
  const notes = new SqliteNotesStore(db, opts.notesApiAccess !== undefined ? { clock, apiAccess: opts.notesApiAccess } : { clock });
  const prefs = new SqlitePrefsStore(db, clock);
  return {
    jobs,
    notes,
    prefs,
    conversations: new SqliteConversationStore(db),
    agentUsage: new SqliteAgentUsageStore(db),
    instances: new SqliteInstanceStore(db),
    db,
    close: () => jobs.close(),
  };
}
