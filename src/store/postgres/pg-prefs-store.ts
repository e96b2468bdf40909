import type pg from 'pg';
import type { Clock } from '../../core/ports/clock.js';
import { type PrefRow, prefsFromRow } from '../pref-row.js';
import { type PrefScope, type PrefValues, type PrefsStore, mergePrefs } from '../../core/ports/prefs-store.js';
import { type Statement, exec } from './db.js';

const PREF_SQL = {
  /** $1 platform, $2 scope, $3 id. */
  getPrefs: { name: 'chime_get_prefs', text: 'SELECT time_zone, date_order FROM prefs WHERE platform = $1 AND scope = $2 AND scope_id = $3' },
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

/** PrefsStore on PostgreSQL: one row per (platform, scope, id). */
export class PostgresPrefsStore implements PrefsStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
  ) {}

  async get(platform: string, scope: PrefScope, id: string): Promise<PrefValues | undefined> {
    return prefsFromRow((await exec<PrefRow>(this.pool, PREF_SQL.getPrefs, [platform, scope, id])).rows[0]);
  }

  async set(platform: string, scope: PrefScope, id: string, values: PrefValues): Promise<void> {
    const now = this.clock.now().getTime();
    await exec(this.pool, PREF_SQL.mergePrefs, [platform, scope, id, values.timeZone ?? null, values.dateOrder ?? null, now]);
  }

  async clear(platform: string, scope: PrefScope, id: string, fields?: Array<keyof PrefValues>): Promise<void> {
    const all = fields === undefined;
    const now = this.clock.now().getTime();
    await exec(this.pool, PREF_SQL.clearPrefs, [platform, scope, id, all || fields.includes('timeZone'), all || fields.includes('dateOrder'), now]);
  }

  async effective(platform: string, userId: string, chatId: string): Promise<PrefValues> {
    const [user, chat] = await Promise.all([this.get(platform, 'user', userId), this.get(platform, 'chat', chatId)]);
    return mergePrefs(user, chat);
  }
}
