import type { ConversationStore } from '../../core/ports/conversation-store.js';
import { type ConversationMessageRow, type ConversationQueries, EngineConversationStore } from '../engine/conversation-store.js';
import type { Sync } from '../engine/work.js';
import type { Db } from './open-db.js';
import { sqliteRunner } from './sqlite-runner.js';

/** The conversation store's queries on SQLite. */
function sqliteConversationQueries(db: Db): ConversationQueries {
  const touch = db.prepare<{ id: string; session_id: string; platform: string; user_id: string; now: number }>(`
    INSERT INTO conversations (id, session_id, platform, user_id, created_at, updated_at)
    VALUES (@id, @session_id, @platform, @user_id, @now, @now)
    ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at`);
  const insert = db.prepare<{ id: string; role: string; content: string; entity_type: string; now: number }>(`
    INSERT INTO conversation_messages (conversation_id, role, content, entity_type, created_at)
    VALUES (@id, @role, @content, @entity_type, @now)`);
  const recent = db.prepare<[string, number], ConversationMessageRow>(`
    SELECT role, content, entity_type, created_at FROM conversation_messages
    WHERE conversation_id = ? ORDER BY id DESC LIMIT CAST(? AS INTEGER)`);
  const deleteBefore = db.prepare<[number]>('DELETE FROM conversation_messages WHERE created_at < ?');
  const deleteEmpty = db.prepare<[number]>(`
    DELETE FROM conversations WHERE updated_at < ?
      AND NOT EXISTS (SELECT 1 FROM conversation_messages m WHERE m.conversation_id = conversations.id)`);
  return {
    touchConversation: (id, sessionId, platform, userId, now) =>
      void touch.run({ id, session_id: sessionId, platform, user_id: userId, now }),
    insertConversationMessage: (id, role, content, entityType, now) => void insert.run({ id, role, content, entity_type: entityType, now }),
    recentConversationMessages: (id, limit) => recent.all(id, limit),
    deleteConversationMessagesBefore: (before) => deleteBefore.run(before).changes,
    deleteEmptyConversations: (before) => deleteEmpty.run(before).changes,
  };
}

/** ConversationStore on SQLite. */
export class SqliteConversationStore extends EngineConversationStore<Sync> implements ConversationStore {
  constructor(db: Db) {
    super(sqliteRunner(db, sqliteConversationQueries(db)));
  }
}
