import type { Clock } from '../../core/ports/clock.js';
import type { PrefsStore } from '../../core/ports/prefs-store.js';
import { EnginePrefsStore, type PrefsQueries } from '../engine/notes-prefs-store.js';
import type { Sync } from '../engine/work.js';
import type { PrefRow } from '../pref-row.js';
import type { Db } from './open-db.js';
import { sqliteRunner } from './sqlite-runner.js';

type Key = { platform: string; scope: string; id: string };

/** The prefs store's queries on SQLite. */
function sqlitePrefsQueries(db: Db): PrefsQueries {
  const getPrefs = db.prepare<[string, string, string], PrefRow>(
    'SELECT time_zone, date_order FROM prefs WHERE platform = ? AND scope = ? AND scope_id = ?',
  );
  const getUserAndChat = db.prepare<{ platform: string; user_id: string; chat_id: string }, PrefRow & { scope: 'user' | 'chat' }>(`
    SELECT scope, time_zone, date_order FROM prefs
    WHERE platform = @platform AND ((scope = 'user' AND scope_id = @user_id) OR (scope = 'chat' AND scope_id = @chat_id))`);
  /** Upsert that keeps stored fields the caller did not give (NULL parameter = keep). */
  const mergePrefs = db.prepare<Key & { time_zone: string | null; date_order: string | null; now: number }>(`
    INSERT INTO prefs (platform, scope, scope_id, time_zone, date_order, updated_at)
    VALUES (@platform, @scope, @id, @time_zone, @date_order, @now)
    ON CONFLICT (platform, scope, scope_id) DO UPDATE SET
      time_zone = COALESCE(excluded.time_zone, prefs.time_zone),
      date_order = COALESCE(excluded.date_order, prefs.date_order),
      updated_at = excluded.updated_at`);
  /** Sets the flagged fields to NULL. */
  const clearPrefs = db.prepare<Key & { tz: number; order: number; now: number }>(`
    UPDATE prefs SET
      time_zone = CASE WHEN @tz THEN NULL ELSE time_zone END,
      date_order = CASE WHEN @order THEN NULL ELSE date_order END,
      updated_at = @now
    WHERE platform = @platform AND scope = @scope AND scope_id = @id`);
  return {
    getPrefs: (platform, scope, id) => getPrefs.get(platform, scope, id),
    getUserAndChatPrefs: (platform, userId, chatId) => getUserAndChat.all({ platform, user_id: userId, chat_id: chatId }),
    mergePrefs: (platform, scope, id, tz, order, now) =>
      void mergePrefs.run({ platform, scope, id, time_zone: tz, date_order: order, now }),
    clearPrefs: (platform, scope, id, tz, order, now) => void clearPrefs.run({ platform, scope, id, tz, order, now }),
  };
}

/** PrefsStore on SQLite: one row per (platform, scope, id). */
export class SqlitePrefsStore extends EnginePrefsStore<Sync> implements PrefsStore {
  constructor(db: Db, clock: Clock) {
    super(sqliteRunner(db, sqlitePrefsQueries(db)), clock);
  }
}
