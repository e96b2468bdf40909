import type { EntityType } from '../ghost.js';
import type { MaybePromise } from './job-store.js';

/** Whose conversation with the agent: one person in one human session (a chat). */
export interface ConversationKey {
  /** The human session, `tg_<chat>` / `dc_<chat>` / `console_<chat>` (core/occurrence.ts). */
  sessionId: string;
  platform: string;
  userId: string;
}

/** One message of a conversation as kept: what the person said, or what was answered. */
export interface ConversationMessage {
  role: 'user' | 'assistant';
  content: string;
  /** Who produced it: HUMAN for a live turn, SCHEDULER for a resumed one (resume_conversation). */
  entityType: EntityType;
  createdAt: Date;
}

/**
 * The agent's bounded memory of each conversation (migration 0007): the last turns, so a
 * follow-up ("and make it every week") reads what came before. Only the text people saw is
 * kept, never tool calls, so any window of it is a valid conversation for a model. Old
 * messages go with housekeeping (`prune`).
 */
export interface ConversationStore {
  /** Appends messages (in order) to the conversation, creating it when new. */
  append(key: ConversationKey, messages: Array<Omit<ConversationMessage, 'createdAt'>>, now: Date): MaybePromise<void>;
  /** The newest `limit` messages of the conversation, oldest first. */
  recent(key: ConversationKey, limit: number): MaybePromise<ConversationMessage[]>;
  /**
   * Deletes messages created before `before`, and conversations left empty; returns messages
   * deleted. With `dryRun`, only counts them.
   */
  prune(before: Date, opts?: { dryRun?: boolean }): MaybePromise<number>;
}

/** The conversation's id in the store: the session and the person in it. */
export function conversationId(key: ConversationKey): string {
  return `${key.sessionId}:${key.platform}:${key.userId}`;
}
