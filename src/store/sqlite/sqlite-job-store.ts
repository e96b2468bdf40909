import { EngineJobStore } from '../engine/engine-job-store.js';
import { type Runner, type Sync, type Work, runSync } from '../engine/work.js';
import type { JobStore } from '../../core/ports/job-store.js';
import { ChangeWatcher } from './change-watcher.js';
import type { Db } from './open-db.js';
import { sqliteJobQueries } from './sqlite-queries.js';

/** Thrown inside a dry run's transaction to roll it back. */
const DRY_RUN = Symbol('dry run');

/**
 * Runs the store engine's work synchronously on better-sqlite3. Write transactions are
 * BEGIN IMMEDIATE: they take the write lock before their first read, so a read-modify-write
 * never fails halfway because another process wrote in between.
 */
export function sqliteRunner(db: Db, queries: object): Runner<Sync> {
  return {
    single: (work) => runSync(queries, work),
    write: (work) => db.transaction(() => runSync(queries, work)).immediate(),
    dryRun<T>(work: Work<T>): T {
      let done: { result: T } | undefined;
      try {
        db.transaction(() => {
          done = { result: runSync(queries, work) };
          throw DRY_RUN;
        }).immediate();
      } catch (err) {
        if (err !== DRY_RUN) throw err;
      }
      return done!.result;
    },
  };
}

/**
 * The JobStore on SQLite (better-sqlite3, synchronous): the store engine over the SQLite query
 * module. Every state change is one transaction; claims are batched `UPDATE … RETURNING` over
 * the partial index of due jobs. Open it with `openSqliteStore`, which applies the migrations first.
 */
export class SqliteJobStore extends EngineJobStore<Sync> implements JobStore {
  private readonly changes: ChangeWatcher;

  constructor(
    private readonly db: Db,
    opts: { newJobId?: () => string } = {},
  ) {
    super(sqliteRunner(db, sqliteJobQueries(db)), opts);
    this.changes = new ChangeWatcher(db, db.name);
  }

  onExternalChange(listener: () => void): () => void {
    return this.changes.subscribe(listener);
  }

  close(): void {
    this.changes.close();
    if (this.db.open) this.db.close();
  }
}
