import type { Clock } from '../../core/ports/clock.js';
import { SystemClock } from '../../core/system-clock.js';
import type { ApiMemoryAccess } from '../../core/ports/notes-store.js';
import { ChangeListener, changeChannel } from './change-listener.js';
import { checkSchemaName, connectionConfig, describeUrl, openPool } from './db.js';
import { migratePg } from './migrate.js';
import { PostgresJobStore } from './pg-job-store.js';
import { PostgresNotesStore } from './pg-notes-store.js';
import { PostgresPrefsStore } from './pg-prefs-store.js';
import { PostgresAgentUsageStore } from './pg-agent-usage-store.js';
import { PostgresConversationStore } from './pg-conversation-store.js';
import { PostgresInstanceStore } from './pg-instance-store.js';

export { PostgresJobStore } from './pg-job-store.js';
export { PostgresNotesStore } from './pg-notes-store.js';
export { PostgresPrefsStore } from './pg-prefs-store.js';
export { loadPgMigrations } from './migrate.js';

export interface PostgresStoreOptions {
  /** Time for note/pref timestamps and migration records. Default the system clock. */
  clock?: Clock;
  /** What `API` callers may do with notes (the access table in core/ports/notes-store.ts). Default `none`. */
  notesApiAccess?: ApiMemoryAccess;
  /** Job id generator (tests). Default: 6 random characters of the unambiguous alphabet. */
  newJobId?: () => string;
  /** PostgreSQL schema to use, created if missing: lower-case letters, digits, `_`. Default `public`. */
  schema?: string;
  /** Pooled connections (besides one for LISTEN, opened with the first change listener). Default 10. */
  poolSize?: number;
}

/** Everything Chime keeps in one PostgreSQL schema. */
export interface PostgresStore {
  jobs: PostgresJobStore;
  notes: PostgresNotesStore;
  prefs: PostgresPrefsStore;
  conversations: PostgresConversationStore;
  agentUsage: PostgresAgentUsageStore;
  /** Which process holds each instance id. */
  instances: PostgresInstanceStore;
  /** Ends the pool and the LISTEN connection; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Connects to `url` (`postgres://user@host:5432/db`), creates the schema if missing and applies
 * pending migrations (safe with several processes opening at once). Several processes may then
 * share the store: claims never hand one job to two of them.
 */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const clock = opts.clock ?? new SystemClock();
  const schema = checkSchemaName(opts.schema ?? 'public');
  const pool = openPool(url, schema, opts.poolSize ?? 10);
  try {
    await migratePg(pool, schema, clock.now().getTime());
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    if (reason.startsWith('store:')) throw err; // already says what and where (a newer schema)
    throw new Error(`store: opening PostgreSQL ${describeUrl(url)} schema ${schema} failed: ${reason}`, { cause: err });
  }
  const changes = new ChangeListener(connectionConfig(url, schema), changeChannel(schema));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await changes.close();
      await pool.end();
    })());
  const jobs = new PostgresJobStore(pool, changes, opts.newJobId ? { newJobId: opts.newJobId, close } : { close });
  const notes = new PostgresNotesStore(pool, opts.notesApiAccess !== undefined ? { clock, apiAccess: opts.notesApiAccess } : { clock });
  const prefs = new PostgresPrefsStore(pool, clock);
  return {
    jobs,
    notes,
    prefs,
    conversations: new PostgresConversationStore(pool),
    agentUsage: new PostgresAgentUsageStore(pool),
    instances: new PostgresInstanceStore(pool),
    close,
  };
}
