import { EngineNotesStore, type NotesOptions, type NotesQueries } from '../engine/notes-prefs-store.js';
import type { Sync } from '../engine/work.js';
import type { NotesStore } from '../../core/ports/notes-store.js';
import type { Db } from './open-db.js';
import { sqliteRunner } from './sqlite-runner.js';

/** The notes store's queries on SQLite. */
function sqliteNotesQueries(db: Db): NotesQueries {
  const insertNote = db.prepare<{ platform: string; user_id: string; text: string; now: number }>(
    'INSERT INTO notes (platform, user_id, text, created_at) VALUES (@platform, @user_id, @text, @now)',
  );
  const listNotes = db.prepare<[string, string], { text: string; created_at: number }>(
    'SELECT text, created_at FROM notes WHERE platform = ? AND user_id = ? ORDER BY id',
  );
  const countNotes = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM notes WHERE platform = ? AND user_id = ?');
  const deleteNth = db.prepare<{ platform: string; user_id: string; n: number }>(`
    DELETE FROM notes WHERE id = (
      SELECT id FROM notes WHERE platform = @platform AND user_id = @user_id
      ORDER BY id LIMIT 1 OFFSET @n - 1)`);
  return {
    // The write transaction holds the database's one write lock: adds are serialised already.
    lockUserNotes: () => undefined,
    insertNote: (platform, userId, text, now) => void insertNote.run({ platform, user_id: userId, text, now }),
    listNotes: (platform, userId) => listNotes.all(platform, userId),
    countNotes: (platform, userId) => countNotes.get(platform, userId)?.n ?? 0,
    deleteNthNote: (platform, userId, n) => deleteNth.run({ platform, user_id: userId, n }).changes > 0,
  };
}

/** NotesStore on SQLite; the access policy of core/ports/notes-store.ts runs before every query. */
export class SqliteNotesStore extends EngineNotesStore<Sync> implements NotesStore {
  constructor(db: Db, opts: NotesOptions) {
    super(sqliteRunner(db, sqliteNotesQueries(db)), opts);
  }
}
