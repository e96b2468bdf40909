import { type Runner, type Sync, type Work, runSync } from '../engine/work.js';
import type { Db } from './open-db.js';

/** Thrown inside a dry run's transaction to roll it back. */
const DRY_RUN = Symbol('dry run');

/**
 * Runs the store engine's work synchronously on better-sqlite3. Write transactions are
 * BEGIN IMMEDIATE: they take the write lock before their first read, so a read-modify-write
 * never fails halfway because another process wrote in between.
 */
export function sqliteRunner(db: Db, queries: object): Runner<Sync> {
  // One transaction function for every write: db.transaction() builds four wrappers and their
  // properties each call, ~6 µs a transaction (a write without them costs ~2 µs).
  const transaction = db.transaction((work: Work<unknown>) => runSync(queries, work));
  return {
    single: (work) => runSync(queries, work),
    write: <T>(work: Work<T>) => transaction.immediate(work) as T,
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
