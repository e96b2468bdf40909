import type pg from 'pg';
import type { NotesStore } from '../../core/ports/notes-store.js';
import { EngineNotesStore, type NotesOptions, type NotesQueries } from '../engine/notes-prefs-store.js';
import type { Async, AsyncQueries } from '../engine/work.js';
import { type Sql, type Statement, exec } from './db.js';
import { pgRunner } from './pg-runner.js';

const NOTE_SQL = {
  /** $1 platform, $2 user: held to the end of the transaction, so adds of one user run one at a time. */
  lockUserNotes: {
    name: 'chime_lock_user_notes',
    text: `SELECT pg_advisory_xact_lock(hashtext('chime:notes:' || $1::text || ':' || $2::text))`,
  },
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

/** The notes store's queries on PostgreSQL. */
const pgNotesQueries: AsyncQueries<NotesQueries, Sql> = {
  lockUserNotes: async (c, platform, userId) => void (await exec(c, NOTE_SQL.lockUserNotes, [platform, userId])),
  insertNote: async (c, platform, userId, text, now) => void (await exec(c, NOTE_SQL.insertNote, [platform, userId, text, now])),
  listNotes: async (c, platform, userId) =>
    (await exec<{ text: string; created_at: number }>(c, NOTE_SQL.listNotes, [platform, userId])).rows,
  countNotes: async (c, platform, userId) => (await exec<{ n: number }>(c, NOTE_SQL.countNotes, [platform, userId])).rows[0]?.n ?? 0,
  deleteNthNote: async (c, platform, userId, n) => ((await exec(c, NOTE_SQL.deleteNth, [platform, userId, n])).rowCount ?? 0) > 0,
};

/** NotesStore on PostgreSQL; the access policy of core/ports/notes-store.ts runs before every query. */
export class PostgresNotesStore extends EngineNotesStore<Async> implements NotesStore {
  constructor(pool: pg.Pool, opts: NotesOptions) {
    super(pgRunner(pool, pgNotesQueries), opts);
  }
}
