import { resolve } from 'node:path';
import type { Clock } from '../core/ports/clock.js';
import { ConfigError } from '../core/errors.js';
import type { JobStore, MaybePromise } from '../core/ports/job-store.js';
import type { ApiMemoryAccess, NotesStore } from '../core/ports/notes-store.js';
import type { PrefsStore } from '../core/ports/prefs-store.js';
import type { ConversationStore } from '../core/ports/conversation-store.js';
import type { EventLog } from '../core/ports/event-log.js';
import type { AgentUsageStore } from '../core/ports/agent-usage-store.js';
import type { InstanceRegistry } from '../core/ports/instance-registry.js';
import { UnusableDatabaseError, openSqliteStore, startCheckpointer } from './sqlite/index.js';

/**
 * Where the data lives: PostgreSQL when `databaseUrl` is set, else the SQLite file `db`
 * (`:memory:` for none). Names the settings (CHIME_DB, CHIME_DATABASE_URL) in its errors.
 */
export interface StoreLocation {
  db: string;
  databaseUrl?: string | undefined;
  /**
   * `CHIME_API_MEMORY` (the configuration's `api.memory`): what API callers may do with
   * people's notes. The notes store enforces it, as it enforces every caller's access. Default none.
   */
  api?: { memory: 'none' | 'read' | 'readwrite' } | undefined;
}

/** The notes store's access table entry for API callers, from the setting. */
function notesApiAccess(location: Pick<StoreLocation, 'api'>): ApiMemoryAccess {
  const memory = location.api?.memory ?? 'none';
  return memory === 'readwrite' ? 'full' : memory;
}

/** Background work a store wants while the app runs; `stop()` ends it before the store closes. */
export interface StoreMaintenance {
  stop(): Promise<void>;
}

/** Everything Chime keeps, on one backend: jobs, history and outbox; notes; preferences. */
export interface ChimeStore {
  jobs: JobStore;
  notes: NotesStore;
  prefs: PrefsStore;
  /** The agent's conversation memory. */
  conversations: ConversationStore;
  /** The event log (audit log, live stream): written by `jobs` in its own transactions, read here. */
  events: EventLog;
  /** Tokens each prompt job used per month (its budget). */
  agentUsage: AgentUsageStore;
  /** Which process holds each instance id (`chime start` claims its own). */
  instances: InstanceRegistry;
  /** Which backend this is (logs, diagnostics). */
  kind: 'sqlite' | 'postgres';
  /** Starts the backend's background work (SQLite: WAL checkpoints off the event loop). */
  startMaintenance(clock: Clock, onError: (message: string) => void): StoreMaintenance;
  close(): MaybePromise<void>;
}

/**
 * Which database the configuration names, for people: the SQLite file's absolute path, or
 * PostgreSQL's host and database (never the password).
 */
export function describeDatabase(location: StoreLocation): string {
  if (!location.databaseUrl) return location.db === ':memory:' ? 'an in-memory database' : resolve(location.db);
  try {
    const u = new URL(location.databaseUrl);
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL (CHIME_DATABASE_URL)';
  }
}

/**
 * The setting that named an unusable database, the path, what is wrong and the fix, on one
 * line: what `chime start` and every CLI command print (exit code 1) instead of a stack trace.
 */
export function databaseSettingError(err: UnusableDatabaseError): ConfigError {
  return new ConfigError(`CHIME_DB=${err.path} cannot be used: ${err.reason}. Fix: ${err.fix}.`);
}

/** The SQLite file of `location.db` (its directory created), as a ChimeStore. Synchronous. */
export function openSqliteChimeStore(location: Pick<StoreLocation, 'db' | 'api'>, clock?: Clock): ChimeStore {
  let s: ReturnType<typeof openSqliteStore>;
  try {
    s = openSqliteStore(location.db, { notesApiAccess: notesApiAccess(location), ...(clock ? { clock } : {}) });
  } catch (err) {
    throw err instanceof UnusableDatabaseError ? databaseSettingError(err) : err;
  }
  return {
    jobs: s.jobs,
    notes: s.notes,
    prefs: s.prefs,
    conversations: s.conversations,
    events: s.jobs,
    agentUsage: s.agentUsage,
    instances: s.instances,
    kind: 'sqlite',
    startMaintenance: (c, onError) => startCheckpointer(s.db, { clock: c, onError }),
    close: () => s.close(),
  };
}

/**
 * Opens the store the configuration names: PostgreSQL when CHIME_DATABASE_URL is set (its
 * module and the `pg` driver load only then), else the SQLite file.
 */
export async function openStore(location: StoreLocation, clock?: Clock): Promise<ChimeStore> {
  if (!location.databaseUrl) return openSqliteChimeStore(location, clock);
  const { openPostgresStore } = await import('./postgres/index.js');
  let s: Awaited<ReturnType<typeof openPostgresStore>>;
  try {
    s = await openPostgresStore(location.databaseUrl, { notesApiAccess: notesApiAccess(location), ...(clock ? { clock } : {}) });
  } catch (err) {
    // The store's message names host, database and schema (never the password).
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^store: /, '').replace(/\s*\n\s*/g, ' ');
    throw new ConfigError(
      `CHIME_DATABASE_URL cannot be used: ${reason}. Fix: check that PostgreSQL runs there and accepts this user (psql with the same URL), or unset CHIME_DATABASE_URL to use the SQLite file CHIME_DB.`,
      { cause: err },
    );
  }
  return {
    jobs: s.jobs,
    notes: s.notes,
    prefs: s.prefs,
    conversations: s.conversations,
    events: s.jobs,
    agentUsage: s.agentUsage,
    instances: s.instances,
    kind: 'postgres',
    // PostgreSQL does its own checkpoints and vacuum.
    startMaintenance: () => ({ stop: async () => undefined }),
    close: () => s.close(),
  };
}
