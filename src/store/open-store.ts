import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { JobStore, MaybePromise } from './job-store.js';
import type { NotesStore } from './notes-store.js';
import type { PrefsStore } from './prefs-store.js';
import { openSqliteStore, startCheckpointer } from './sqlite/index.js';

/** Background work a store wants while the app runs; `stop()` ends it before the store closes. */
export interface StoreMaintenance {
  stop(): Promise<void>;
}

/** Everything Chime keeps, on one backend: jobs, history and outbox; notes; preferences. */
export interface ChimeStore {
  jobs: JobStore;
  notes: NotesStore;
  prefs: PrefsStore;
  /** Which backend this is (logs, diagnostics). */
  kind: 'sqlite' | 'postgres';
  /** Starts the backend's background work (SQLite: WAL checkpoints off the event loop). */
  startMaintenance(clock: Clock, onError: (message: string) => void): StoreMaintenance;
  close(): MaybePromise<void>;
}

/** The SQLite file of `config.db` (its directory created), as a ChimeStore. Synchronous. */
export function openSqliteChimeStore(config: Pick<Config, 'db'>, clock?: Clock): ChimeStore {
  if (config.db !== ':memory:') mkdirSync(dirname(config.db), { recursive: true });
  const s = openSqliteStore(config.db, clock ? { clock } : {});
  return {
    jobs: s.jobs,
    notes: s.notes,
    prefs: s.prefs,
    kind: 'sqlite',
    startMaintenance: (c, onError) => startCheckpointer(s.db, { clock: c, onError }),
    close: () => s.close(),
  };
}

/**
 * Opens the store the configuration names: PostgreSQL when CHIME_DATABASE_URL is set (its
 * module and the `pg` driver load only then), else the SQLite file.
 */
export async function openStore(config: Pick<Config, 'db' | 'databaseUrl'>, clock?: Clock): Promise<ChimeStore> {
  if (!config.databaseUrl) return openSqliteChimeStore(config, clock);
  const { openPostgresStore } = await import('./postgres/index.js');
  const s = await openPostgresStore(config.databaseUrl, clock ? { clock } : {});
  return {
    jobs: s.jobs,
    notes: s.notes,
    prefs: s.prefs,
    kind: 'postgres',
    // PostgreSQL does its own checkpoints and vacuum.
    startMaintenance: () => ({ stop: async () => undefined }),
    close: () => s.close(),
  };
}
