import type { Clock } from '../../core/ports/clock.js';
import { type ApiMemoryAccess, type Note, type NotesStore, checkMemoryAccess } from '../../core/ports/notes-store.js';
import type { Db } from './open-db.js';

function prepareNoteQueries(db: Db) {
  return {
    insertNote: db.prepare<{ platform: string; user_id: string; text: string; now: number }>(
      'INSERT INTO notes (platform, user_id, text, created_at) VALUES (@platform, @user_id, @text, @now)',
    ),
    listNotes: db.prepare<[string, string], { text: string; created_at: number }>(
      'SELECT text, created_at FROM notes WHERE platform = ? AND user_id = ? ORDER BY id',
    ),
    countNotes: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM notes WHERE platform = ? AND user_id = ?'),
    /** Deletes the user's note number @n (1-based, in id order). */
    deleteNth: db.prepare<{ platform: string; user_id: string; n: number }>(`
      DELETE FROM notes WHERE id = (
        SELECT id FROM notes WHERE platform = @platform AND user_id = @user_id
        ORDER BY id LIMIT 1 OFFSET @n - 1)`),
  };
}

export interface SqliteNotesOptions {
  /** What `API` callers may do. Default `none`. */
  apiAccess?: ApiMemoryAccess;
  /** Source of `createdAt`. */
  clock: Clock;
}

/** NotesStore on SQLite; the access policy of notes-store.ts runs before every query. */
export class SqliteNotesStore implements NotesStore {
  private readonly q: ReturnType<typeof prepareNoteQueries>;
  private readonly apiAccess: ApiMemoryAccess;

  constructor(
    db: Db,
    private readonly opts: SqliteNotesOptions,
  ) {
    this.q = prepareNoteQueries(db);
    this.apiAccess = opts.apiAccess ?? 'none';
  }

  add(platform: string, userId: string, text: string): number {
    checkMemoryAccess('write', this.apiAccess);
    this.q.insertNote.run({ platform, user_id: userId, text, now: this.opts.clock.now().getTime() });
    return this.q.countNotes.get(platform, userId)?.n ?? 0;
  }

  list(platform: string, userId: string): Note[] {
    checkMemoryAccess('read', this.apiAccess);
    return this.q.listNotes.all(platform, userId).map((r) => ({ text: r.text, createdAt: new Date(r.created_at) }));
  }

  remove(platform: string, userId: string, n: number): boolean {
    checkMemoryAccess('write', this.apiAccess);
    if (!Number.isInteger(n) || n < 1) return false;
    return this.q.deleteNth.run({ platform, user_id: userId, n }).changes > 0;
  }

  count(platform: string, userId: string): number {
    checkMemoryAccess('read', this.apiAccess);
    return this.q.countNotes.get(platform, userId)?.n ?? 0;
  }
}
