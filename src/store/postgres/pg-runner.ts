import type pg from 'pg';
import { type Async, type Runner, runAsync } from '../engine/work.js';
import type { ChangeListener } from './change-listener.js';
import { transaction } from './db.js';

/**
 * Runs the store engine's work on PostgreSQL: each query awaited on one pooled client between
 * BEGIN and COMMIT, or on the pool outside a transaction. A write that changed something
 * commits with a NOTIFY to the other stores on the schema (`changes`), in the COMMIT's round
 * trip; a LISTEN connection that dropped is revived on the way.
 */
export function pgRunner(pool: pg.Pool, queries: object, changes?: ChangeListener): Runner<Async> {
  return {
    single(work) {
      changes?.revive();
      return runAsync(queries, pool, work);
    },
    write(work, quiet = () => false) {
      changes?.revive();
      return transaction(
        pool,
        (c) => runAsync(queries, c, work),
        (r) => (!changes || quiet(r) ? 'COMMIT' : changes.notifySql()),
      );
    },
    dryRun: (work) =>
      transaction(
        pool,
        (c) => runAsync(queries, c, work),
        () => 'ROLLBACK',
      ),
  };
}
