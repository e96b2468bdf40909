import type pg from 'pg';
import type { InstanceRegistry } from '../../core/ports/instance-registry.js';
import { EngineInstanceStore, type InstanceQueries, type InstanceRow } from '../engine/instance-store.js';
import type { Async, AsyncQueries } from '../engine/work.js';
import { type Sql, type Statement, exec } from './db.js';
import { pgRunner } from './pg-runner.js';

const COLUMNS = 'instance_id, boot, host, pid, started_at, seen_at, lease_ms';

const INSTANCE_SQL = {
  /** $1 id: held to the end of the transaction, so two processes claiming one id (even one no row holds yet) take turns. */
  lock: {
    name: 'chime_lock_instance',
    text: `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':instance:' || $1::text))`,
  },
  /** $1 id. */
  get: { name: 'chime_get_instance', text: `SELECT ${COLUMNS} FROM instances WHERE instance_id = $1` },
  /** $1..$7 the row's columns in order. */
  put: {
    name: 'chime_put_instance',
    text: `INSERT INTO instances (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (instance_id) DO UPDATE SET boot = excluded.boot, host = excluded.host, pid = excluded.pid,
        started_at = excluded.started_at, seen_at = excluded.seen_at, lease_ms = excluded.lease_ms`,
  },
  /** $1 now. */
  prune: { name: 'chime_prune_instances', text: 'DELETE FROM instances WHERE seen_at + lease_ms <= $1' },
  /** $1 seen at, $2 id, $3 boot. */
  renew: { name: 'chime_renew_instance', text: 'UPDATE instances SET seen_at = $1 WHERE instance_id = $2 AND boot = $3' },
  /** $1 id, $2 boot. */
  remove: { name: 'chime_release_instance', text: 'DELETE FROM instances WHERE instance_id = $1 AND boot = $2' },
  /** $1 now. */
  live: { name: 'chime_live_instances', text: `SELECT ${COLUMNS} FROM instances WHERE seen_at + lease_ms > $1` },
} satisfies Record<string, Statement>;

const pgInstanceQueries: AsyncQueries<InstanceQueries, Sql> = {
  lockInstance: async (c, id) => void (await exec(c, INSTANCE_SQL.lock, [id])),
  getInstance: async (c, id) => (await exec<InstanceRow>(c, INSTANCE_SQL.get, [id])).rows[0],
  putInstance: async (c, r) =>
    void (await exec(c, INSTANCE_SQL.put, [r.instance_id, r.boot, r.host, r.pid, r.started_at, r.seen_at, r.lease_ms])),
  pruneInstances: async (c, now) => (await exec(c, INSTANCE_SQL.prune, [now])).rowCount ?? 0,
  renewInstance: async (c, id, boot, seenAt) => (await exec(c, INSTANCE_SQL.renew, [seenAt, id, boot])).rowCount ?? 0,
  deleteInstance: async (c, id, boot) => (await exec(c, INSTANCE_SQL.remove, [id, boot])).rowCount ?? 0,
  liveInstances: async (c, now) => (await exec<InstanceRow>(c, INSTANCE_SQL.live, [now])).rows,
};

/** InstanceRegistry on PostgreSQL. */
export class PostgresInstanceStore extends EngineInstanceStore<Async> implements InstanceRegistry {
  constructor(pool: pg.Pool) {
    super(pgRunner(pool, pgInstanceQueries));
  }
}
