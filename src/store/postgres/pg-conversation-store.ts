import type pg from 'pg';
import type { ConversationStore } from '../../core/ports/conversation-store.js';
import { type ConversationMessageRow, type ConversationQueries, EngineConversationStore } from '../engine/conversation-store.js';
import type { Async, AsyncQueries } from '../engine/work.js';
import { type Sql, type Statement, exec } from './db.js';
import { pgRunner } from './pg-runner.js';

const CONVERSATION_SQL = {
  /** $1 id, $2 session, $3 platform, $4 user, $5 now. */
  touch: {
    name: 'chime_touch_conversation',
    text: `INSERT INTO conversations (id, session_id, platform, user_id, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $5)
      ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at`,
  },
  /** $1 conversation, $2 role, $3 content, $4 entity type, $5 now. */
  insert: {
    name: 'chime_insert_conversation_message',
    text: `INSERT INTO conversation_messages (conversation_id, role, content, entity_type, created_at)
      VALUES ($1, $2, $3, $4, $5)`,
  },
  /** $1 conversation, $2 limit: newest first. */
  recent: {
    name: 'chime_recent_conversation_messages',
    text: `SELECT role, content, entity_type, created_at FROM conversation_messages
      WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2`,
  },
  /** $1 before. */
  deleteBefore: { name: 'chime_prune_conversation_messages', text: 'DELETE FROM conversation_messages WHERE created_at < $1' },
  /** $1 before. */
  deleteEmpty: {
    name: 'chime_prune_conversations',
    text: `DELETE FROM conversations c WHERE c.updated_at < $1
      AND NOT EXISTS (SELECT 1 FROM conversation_messages m WHERE m.conversation_id = c.id)`,
  },
} satisfies Record<string, Statement>;

/** The conversation store's queries on PostgreSQL. */
const pgConversationQueries: AsyncQueries<ConversationQueries, Sql> = {
  touchConversation: async (c, id, sessionId, platform, userId, now) =>
    void (await exec(c, CONVERSATION_SQL.touch, [id, sessionId, platform, userId, now])),
  insertConversationMessage: async (c, id, role, content, entityType, now) =>
    void (await exec(c, CONVERSATION_SQL.insert, [id, role, content, entityType, now])),
  recentConversationMessages: async (c, id, limit) => (await exec<ConversationMessageRow>(c, CONVERSATION_SQL.recent, [id, limit])).rows,
  deleteConversationMessagesBefore: async (c, before) => (await exec(c, CONVERSATION_SQL.deleteBefore, [before])).rowCount ?? 0,
  deleteEmptyConversations: async (c, before) => (await exec(c, CONVERSATION_SQL.deleteEmpty, [before])).rowCount ?? 0,
};

/** ConversationStore on PostgreSQL. */
export class PostgresConversationStore extends EngineConversationStore<Async> implements ConversationStore {
  constructor(pool: pg.Pool) {
    super(pgRunner(pool, pgConversationQueries));
  }
}
