import type { InstanceRegistry } from '../../core/ports/instance-registry.js';
import { EngineInstanceStore, type InstanceQueries, type InstanceRow } from '../engine/instance-store.js';
import type { Sync } from '../engine/work.js';
import type { Db } from './open-db.js';
import { sqliteRunner } from './sqlite-runner.js';

const COLUMNS = 'instance_id, boot, host, pid, started_at, seen_at, lease_ms';

function sqliteInstanceQueries(db: Db): InstanceQueries {
  const get = db.prepare<[string], InstanceRow>(`SELECT ${COLUMNS} FROM instances WHERE instance_id = ?`);
  const put = db.prepare<InstanceRow>(`
    INSERT OR REPLACE INTO instances (${COLUMNS})
    VALUES (@instance_id, @boot, @host, @pid, @started_at, @seen_at, @lease_ms)`);
  const prune = db.prepare<[number]>('DELETE FROM instances WHERE seen_at + lease_ms <= ?');
  const renew = db.prepare<[number, string, string]>('UPDATE instances SET seen_at = ? WHERE instance_id = ? AND boot = ?');
  const remove = db.prepare<[string, string]>('DELETE FROM instances WHERE instance_id = ? AND boot = ?');
  const live = db.prepare<[number], InstanceRow>(`SELECT ${COLUMNS} FROM instances WHERE seen_at + lease_ms > ?`);
  return {
    // A write transaction is BEGIN IMMEDIATE: claims of any id already run one at a time.
    lockInstance: () => undefined,
    getInstance: (id) => get.get(id),
    putInstance: (row) => void put.run(row),
    pruneInstances: (now) => prune.run(now).changes,
    renewInstance: (id, boot, seenAt) => renew.run(seenAt, id, boot).changes,
    deleteInstance: (id, boot) => remove.run(id, boot).changes,
    liveInstances: (now) => live.all(now),
  };
}

/** InstanceRegistry on SQLite. */
export class SqliteInstanceStore extends EngineInstanceStore<Sync> implements InstanceRegistry {
  constructor(db: Db) {
    super(sqliteRunner(db, sqliteInstanceQueries(db)));
  }
}
