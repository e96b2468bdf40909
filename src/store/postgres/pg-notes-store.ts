import type pg from 'pg';
import type { Clock } from '../../core/ports/clock.js';
import { type ApiMemoryAccess, type Note, type NotesStore, checkMemoryAccess } from '../../core/ports/notes-store.js';
import { type Statement, exec, transaction } from './db.js';

const NOTE_SQL = {
  /** $1 platform, $2 user, $3 text, $4 now. */
  insertNote: { name: 'chime_insert_note', text: 'INSERT INTO notes (platform, user_id, text, created_at) VALUES ($1, $2, $3, $4)' },
  /** $1 platform, $2 user. */
  listNotes: { name: 'chime_list_notes', text: 'SELECT text, created_at FROM notes WHERE platform = $1 AND user_id = $2 ORDER BY id' },
  /** $1 platform, $2 user. */
  countNotes: { name: 'chime_count_notes', text: 'SELECT COUNT(*) AS n FROM notes WHERE platform = $1 AND user_id = $2' },
  /** $1 platform, $2 user, $3 n: deletes the user's note number n (1-based, in id order). */
  deleteNth: {
    name: 'chime_delete_nth_note',
    text: `DELETE FROM notes WHERE id = (
      SELECT id FROM notes WHERE platform = $1 AND user_id = $2 ORDER BY id LIMIT 1 OFFSET $3::int - 1)`,
  },
} satisfies Record<string, Statement>;

export interface PostgresNotesOptions {
  /** What `API` callers may do. Default `none`. */
  apiAccess?: ApiMemoryAccess;
  /** Source of `createdAt`. */
  clock: Clock;
}

/**
 * NotesStore on PostgreSQL. The access policy of notes-store.ts runs first in every method,
 * before any await: it reads the caller's runtime context synchronously.
 */
export class PostgresNotesStore implements NotesStore {
  private readonly apiAccess: ApiMemoryAccess;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: PostgresNotesOptions,
  ) {
    this.apiAccess = opts.apiAccess ?? 'none';
  }

  /** Insert and count in one transaction, so the number is this note's even with other writers of the same user. */
  async add(platform: string, userId: string, text: string): Promise<number> {
    checkMemoryAccess('write', this.apiAccess);
    const now = this.opts.clock.now().getTime();
    return transaction(this.pool, async (c) => {
      // Serialise adds of one user: the count must not include a note added after ours.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`chime:notes:${platform}:${userId}`]);
      await exec(c, NOTE_SQL.insertNote, [platform, userId, text, now]);
      return (await exec<{ n: number }>(c, NOTE_SQL.countNotes, [platform, userId])).rows[0]?.n ?? 0;
    });
  }

  async list(platform: string, userId: string): Promise<Note[]> {
    checkMemoryAccess('read', this.apiAccess);
    const rows = (await exec<{ text: string; created_at: number }>(this.pool, NOTE_SQL.listNotes, [platform, userId])).rows;
    return rows.map((r) => ({ text: r.text, createdAt: new Date(r.created_at) }));
  }

  async remove(platform: string, userId: string, n: number): Promise<boolean> {
    checkMemoryAccess('write', this.apiAccess);
    if (!Number.isInteger(n) || n < 1) return false;
    return ((await exec(this.pool, NOTE_SQL.deleteNth, [platform, userId, n])).rowCount ?? 0) > 0;
  }

  async count(platform: string, userId: string): Promise<number> {
    checkMemoryAccess('read', this.apiAccess);
    return (await exec<{ n: number }>(this.pool, NOTE_SQL.countNotes, [platform, userId])).rows[0]?.n ?? 0;
  }
}
