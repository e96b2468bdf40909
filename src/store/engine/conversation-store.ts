import type { EntityType } from '../../core/ghost.js';
import { type ConversationKey, type ConversationMessage, conversationId } from '../../core/ports/conversation-store.js';
import { type Kind, type Out, type Runner, requests } from './work.js';

/** A stored message row. */
export interface ConversationMessageRow {
  role: string;
  content: string;
  entity_type: string;
  created_at: number;
}

/** The queries of the conversation store, one per operation (see JobStoreQueries for the form). */
export interface ConversationQueries {
  /** Creates the conversation or moves its `updated_at`. */
  touchConversation(id: string, sessionId: string, platform: string, userId: string, now: number): void;
  insertConversationMessage(id: string, role: string, content: string, entityType: string, now: number): void;
  /** The newest `limit` messages of one conversation, newest first. */
  recentConversationMessages(id: string, limit: number): ConversationMessageRow[];
  deleteConversationMessagesBefore(before: number): number;
  /** Conversations not touched since `before` that have no message left. */
  deleteEmptyConversations(before: number): number;
}

const q = requests<ConversationQueries>();

function toMessage(row: ConversationMessageRow): ConversationMessage {
  return {
    role: row.role === 'assistant' ? 'assistant' : 'user',
    content: row.content,
    entityType: row.entity_type as EntityType,
    createdAt: new Date(row.created_at),
  };
}

/** The ConversationStore over a dialect's runner. */
export class EngineConversationStore<F extends Kind> {
  constructor(private readonly run: Runner<F>) {}

  /** The conversation row and its new messages in one transaction: a turn is kept whole or not at all. */
  append(key: ConversationKey, messages: Array<Omit<ConversationMessage, 'createdAt'>>, now: Date): Out<F, void> {
    const id = conversationId(key);
    const at = now.getTime();
    return this.run.write(
      (function* () {
        yield* q.touchConversation(id, key.sessionId, key.platform, key.userId, at);
        for (const m of messages) yield* q.insertConversationMessage(id, m.role, m.content, m.entityType, at);
      })(),
    );
  }

  recent(key: ConversationKey, limit: number): Out<F, ConversationMessage[]> {
    const id = conversationId(key);
    return this.run.single(
      (function* () {
        const rows = yield* q.recentConversationMessages(id, Math.max(0, Math.floor(limit)));
        return rows.reverse().map(toMessage);
      })(),
    );
  }

  prune(before: Date, opts: { dryRun?: boolean } = {}): Out<F, number> {
    const at = before.getTime();
    const work = (function* () {
      const deleted = yield* q.deleteConversationMessagesBefore(at);
      yield* q.deleteEmptyConversations(at);
      return deleted;
    })();
    // A dry run counts with the same deletes, rolled back.
    return opts.dryRun ? this.run.dryRun(work) : this.run.write(work, (deleted) => deleted === 0);
  }
}
