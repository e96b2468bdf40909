import type pg from 'pg';
import { EngineJobStore } from '../engine/engine-job-store.js';
import type { Async } from '../engine/work.js';
import type { EventLog } from '../../core/ports/event-log.js';
import type { JobStore } from '../../core/ports/job-store.js';
import type { ChangeListener } from './change-listener.js';
import { pgJobQueries } from './pg-queries.js';
import { pgRunner } from './pg-runner.js';

/**
 * The JobStore on PostgreSQL, for several Chime processes sharing one database: the store
 * engine over the PostgreSQL query module. Every state change is one transaction that ends by
 * notifying the other stores on the schema (see ChangeListener); claims use `FOR UPDATE SKIP
 * LOCKED`. Open it with `openPostgresStore`, which applies the migrations first.
 */
export class PostgresJobStore extends EngineJobStore<Async> implements JobStore, EventLog {
  private readonly closeAll: () => Promise<void>;

  constructor(
    pool: pg.Pool,
    private readonly changes: ChangeListener,
    opts: { newJobId?: () => string; close?: () => Promise<void> } = {},
  ) {
    super(pgRunner(pool, pgJobQueries, changes), opts);
    this.closeAll = opts.close ?? (() => this.changes.close());
  }

  /** Calls `listener` after writes of other stores on this schema (other processes): LISTEN/NOTIFY. */
  override onExternalChange(listener: () => void): () => void {
    return this.changes.subscribe(listener);
  }

  /** Resolves once change notifications are being received (after the first `onExternalChange`). */
  changesReady(): Promise<void> {
    return this.changes.ready();
  }

  /** Closes the whole PostgresStore (pool and LISTEN connection), as SQLite's `jobs.close()` closes its file; safe twice. */
  async close(): Promise<void> {
    await this.closeAll();
  }
}
