import type pg from 'pg';
import type { Clock } from '../../core/ports/clock.js';
import type { PrefsStore } from '../../core/ports/prefs-store.js';
import { EnginePrefsStore, type PrefsQueries } from '../engine/notes-prefs-store.js';
import type { Async, AsyncQueries } from '../engine/work.js';
import type { PrefRow } from '../pref-row.js';
import { type Sql, type Statement, exec } from './db.js';
import { pgRunner } from './pg-runner.js';

const PREF_SQL = {
  /** $1 platform, $2 scope, $3 id. */
  getPrefs: {
    name: 'chime_get_prefs',
    text: 'SELECT time_zone, date_order FROM prefs WHERE platform = $1 AND scope = $2 AND scope_id = $3',
  },
  /** $1 platform, $2 user, $3 chat: the user's row and the chat's. */
  getUserAndChatPrefs: {
    name: 'chime_get_user_chat_prefs',
    text: `SELECT scope, time_zone, date_order FROM prefs
      WHERE platform = $1 AND ((scope = 'user' AND scope_id = $2) OR (scope = 'chat' AND scope_id = $3))`,
  },
  /** $1 platform, $2 scope, $3 id, $4 time zone, $5 date order, $6 now: upsert that keeps stored fields given as NULL. */
  mergePrefs: {
    name: 'chime_merge_prefs',
    text: `INSERT INTO prefs (platform, scope, scope_id, time_zone, date_order, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (platform, scope, scope_id) DO UPDATE SET
        time_zone = COALESCE(excluded.time_zone, prefs.time_zone),
        date_order = COALESCE(excluded.date_order, prefs.date_order),
        updated_at = excluded.updated_at`,
  },
  /** $1 platform, $2 scope, $3 id, $4 clear time zone, $5 clear date order, $6 now. */
  clearPrefs: {
    name: 'chime_clear_prefs',
    text: `UPDATE prefs SET
        time_zone = CASE WHEN $4::boolean THEN NULL ELSE time_zone END,
        date_order = CASE WHEN $5::boolean THEN NULL ELSE date_order END,
        updated_at = $6
      WHERE platform = $1 AND scope = $2 AND scope_id = $3`,
  },
} satisfies Record<string, Statement>;

/** The prefs store's queries on PostgreSQL. */
const pgPrefsQueries: AsyncQueries<PrefsQueries, Sql> = {
  getPrefs: async (c, platform, scope, id) => (await exec<PrefRow>(c, PREF_SQL.getPrefs, [platform, scope, id])).rows[0],
  getUserAndChatPrefs: async (c, platform, userId, chatId) =>
    (await exec<PrefRow & { scope: 'user' | 'chat' }>(c, PREF_SQL.getUserAndChatPrefs, [platform, userId, chatId])).rows,
  mergePrefs: async (c, platform, scope, id, tz, order, now) =>
    void (await exec(c, PREF_SQL.mergePrefs, [platform, scope, id, tz, order, now])),
  clearPrefs: async (c, platform, scope, id, tz, order, now) =>
    void (await exec(c, PREF_SQL.clearPrefs, [platform, scope, id, tz === 1, order === 1, now])),
};

/** PrefsStore on PostgreSQL: one row per (platform, scope, id). */
export class PostgresPrefsStore extends EnginePrefsStore<Async> implements PrefsStore {
  constructor(pool: pg.Pool, clock: Clock) {
    super(pgRunner(pool, pgPrefsQueries), clock);
  }
}
