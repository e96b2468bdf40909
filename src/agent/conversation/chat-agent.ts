import { isChimeAdmin } from '../../chat/access.js';
import type { ChatAgent } from '../../chat/command.js';
import { sessionIdFor } from '../../chat/who.js';
import { AGENT_OFF } from '../../core/ports/agent.js';
import { type ConversationDeps, conversationTurn } from './conversation-turn.js';

/**
 * The agent as the chat layer's `/ask` and unreadable text reach it: a turn of the person in
 * their chat's conversation, acting with their rights (HUMAN), answered in the chat.
 */
export function createChatAgent(deps: ConversationDeps): ChatAgent {
  return {
    get enabled() {
      return deps.runtime.enabled;
    },
    offMessage: AGENT_OFF,
    async ask(ctx, text) {
      const { msg } = ctx;
      const key = { sessionId: sessionIdFor(msg), platform: msg.platform, userId: msg.userId };
      const turn = await conversationTurn(deps, {
        ctx,
        key,
        userText: text,
        entityType: 'HUMAN',
        resumed: false,
        isChimeAdmin: isChimeAdmin(msg, deps.admins),
        signal: new AbortController().signal,
      });
      return [{ text: turn.text || 'Nothing to add.' }];
    },
  };
}
