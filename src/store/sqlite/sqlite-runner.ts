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
