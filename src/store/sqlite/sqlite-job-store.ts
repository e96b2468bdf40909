import { EngineJobStore } from '../engine/engine-job-store.js';
import type { Sync } from '../engine/work.js';
import type { EventLog } from '../../core/ports/event-log.js';
import type { JobStore } from '../../core/ports/job-store.js';
import { ChangeWatcher } from './change-watcher.js';
import type { Db } from './open-db.js';
import { sqliteJobQueries } from './sqlite-queries.js';
import { sqliteRunner } from './sqlite-runner.js';

/**
 * The JobStore on SQLite (better-sqlite3, synchronous): the store engine over the SQLite query
 * module. Every state change is one transaction; claims are batched `UPDATE … RETURNING` over
 * the partial index of due jobs. Open it with `openSqliteStore`, which applies the migrations first.
 */
export class SqliteJobStore extends EngineJobStore<Sync> implements JobStore, EventLog {
  private readonly changes: ChangeWatcher;

  constructor(
    private readonly db: Db,
    opts: { newJobId?: () => string } = {},
  ) {
    super(sqliteRunner(db, sqliteJobQueries(db)), opts);
    this.changes = new ChangeWatcher(db, db.name);
  }

  override onExternalChange(listener: () => void): () => void {
    return this.changes.subscribe(listener);
  }

  close(): void {
    this.changes.close();
    if (this.db.open) this.db.close();
  }
}
