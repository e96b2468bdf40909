import type { AgentMessage } from '../../core/ports/agent.js';
import type { ConversationKey, ConversationMessage, ConversationStore } from '../../core/ports/conversation-store.js';

/** How much of a conversation a turn sees: the last messages, and no more text than this. */
export interface MemoryBounds {
  /** Messages read back (a turn is a question and its answer: 12 is the last six turns). */
  maxMessages: number;
  /** Characters of history, oldest dropped first (about 4 characters a token). */
  maxChars: number;
}

export const DEFAULT_MEMORY: MemoryBounds = { maxMessages: 12, maxChars: 8000 };

/** The newest messages that fit `bounds`, oldest first, as model messages. */
export async function recentWindow(store: ConversationStore, key: ConversationKey, bounds: MemoryBounds): Promise<AgentMessage[]> {
  const recent: ConversationMessage[] = await store.recent(key, bounds.maxMessages);
  const kept: AgentMessage[] = [];
  let chars = 0;
  for (let i = recent.length - 1; i >= 0; i--) {
    const m = recent[i] as ConversationMessage;
    chars += m.content.length;
    if (chars > bounds.maxChars) break;
    kept.unshift({ role: m.role, content: m.content });
  }
  // A window opening with an answer has lost its question: start at a question.
  while (kept[0]?.role === 'assistant') kept.shift();
  return kept;
}
