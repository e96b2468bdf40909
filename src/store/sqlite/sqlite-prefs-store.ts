import type { Clock } from '../../core/ports/clock.js';
import { type PrefRow, prefsFromRow } from '../pref-row.js';
import { type PrefScope, type PrefValues, type PrefsStore, mergePrefs } from '../../core/ports/prefs-store.js';
import type { Db } from './open-db.js';

function preparePrefQueries(db: Db) {
  return {
    getPrefs: db.prepare<[string, string, string], PrefRow>(
      'SELECT time_zone, date_order FROM prefs WHERE platform = ? AND scope = ? AND scope_id = ?',
    ),
    /** Upsert that keeps stored fields the caller did not give (NULL parameter = keep). */
    mergePrefs: db.prepare<{ platform: string; scope: string; id: string; time_zone: string | null; date_order: string | null; now: number }>(`
      INSERT INTO prefs (platform, scope, scope_id, time_zone, date_order, updated_at)
      VALUES (@platform, @scope, @id, @time_zone, @date_order, @now)
      ON CONFLICT (platform, scope, scope_id) DO UPDATE SET
        time_zone = COALESCE(excluded.time_zone, prefs.time_zone),
        date_order = COALESCE(excluded.date_order, prefs.date_order),
        updated_at = excluded.updated_at`),
    /** Sets the flagged fields to NULL. */
    clearPrefs: db.prepare<{ platform: string; scope: string; id: string; tz: number; order: number; now: number }>(`
      UPDATE prefs SET
        time_zone = CASE WHEN @tz THEN NULL ELSE time_zone END,
        date_order = CASE WHEN @order THEN NULL ELSE date_order END,
        updated_at = @now
      WHERE platform = @platform AND scope = @scope AND scope_id = @id`),
  };
}

/** PrefsStore on SQLite: one row per (platform, scope, id). */
export class SqlitePrefsStore implements PrefsStore {
  private readonly q: ReturnType<typeof preparePrefQueries>;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.q = preparePrefQueries(db);
  }

  get(platform: string, scope: PrefScope, id: string): PrefValues | undefined {
    return prefsFromRow(this.q.getPrefs.get(platform, scope, id));
  }

  set(platform: string, scope: PrefScope, id: string, values: PrefValues): void {
    this.q.mergePrefs.run({
      platform,
      scope,
      id,
      time_zone: values.timeZone ?? null,
      date_order: values.dateOrder ?? null,
      now: this.clock.now().getTime(),
    });
  }

  clear(platform: string, scope: PrefScope, id: string, fields?: Array<keyof PrefValues>): void {
    const all = fields === undefined;
    this.q.clearPrefs.run({
      platform,
      scope,
      id,
      tz: all || fields.includes('timeZone') ? 1 : 0,
      order: all || fields.includes('dateOrder') ? 1 : 0,
      now: this.clock.now().getTime(),
    });
  }

  effective(platform: string, userId: string, chatId: string): PrefValues {
    return mergePrefs(this.get(platform, 'user', userId), this.get(platform, 'chat', chatId));
  }
}
