import type { CommandContext } from '../../chat/command.js';
import type { EntityType } from '../../core/ghost.js';
import type { AgentOutcome, AgentRuntime } from '../../core/ports/agent.js';
import type { Clock } from '../../core/ports/clock.js';
import type { ConversationKey, ConversationStore } from '../../core/ports/conversation-store.js';
import type { Logger } from '../../core/ports/logger.js';
import { type CleanupPort, type StoredChange, schedulingTools } from '../tools/index.js';
import { checkedAnswer } from './claim-check.js';
import { DEFAULT_MEMORY, type MemoryBounds, recentWindow } from './memory-window.js';
import { systemPrompt } from './system-prompt.js';

/** What conversation turns need; the composition root builds it once. */
export interface ConversationDeps {
  runtime: AgentRuntime;
  conversations: ConversationStore;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** CHIME_ADMINS: who gets the cleanup tools (see access.ts isChimeAdmin). */
  admins: readonly string[];
  cleanup?: CleanupPort;
  memory?: MemoryBounds;
}

/** One turn as it ended. */
export interface TurnOutcome {
  outcome: AgentOutcome | 'failed';
  /** What the person is shown: the answer with the stored changes (and a correction when one was due). */
  text: string;
  changes: StoredChange[];
  corrected: boolean;
}

/** Who speaks in this turn, and with what. */
export interface TurnInput {
  ctx: CommandContext;
  key: ConversationKey;
  /** The person's words, or the finished job's message for a resumed turn. */
  userText: string;
  entityType: EntityType;
  resumed: boolean;
  isChimeAdmin: boolean;
  /** Only these of the tools (a resumed turn: the job's ghost's); all of them when absent. */
  toolNames?: readonly string[];
  signal: AbortSignal;
}

/**
 * One turn of a conversation: the last turns from memory, the tools acting as `ctx`, the
 * model's answer checked against what the tools stored, and the exchange kept in memory when
 * it produced an answer. Never throws for a model failure: that is an outcome.
 */
export async function conversationTurn(deps: ConversationDeps, input: TurnInput): Promise<TurnOutcome> {
  const { ctx, key } = input;
  const changes: StoredChange[] = [];
  const env = {
    chat: ctx,
    isChimeAdmin: input.isChimeAdmin,
    changes,
    ...(deps.cleanup && input.isChimeAdmin ? { cleanup: deps.cleanup } : {}),
  };
  const history = await recentWindow(deps.conversations, key, deps.memory ?? DEFAULT_MEMORY);
  const messages = [
    { role: 'system' as const, content: await systemPrompt(ctx, input.resumed) },
    ...history,
    { role: 'user' as const, content: input.userText },
  ];
  let outcome: TurnOutcome['outcome'];
  let modelText: string;
  try {
    const offered = schedulingTools(env).filter((t) => input.toolNames?.includes(t.name) ?? true);
    const result = await deps.runtime.runTurn({ messages, tools: offered, signal: input.signal });
    outcome = result.outcome;
    modelText = result.outcome === 'answered' || result.outcome === 'no_reply' ? result.text : `⚠️ I could not finish: ${result.text}`;
  } catch (err) {
    if (input.signal.aborted) throw err;
    deps.logger.warn({ err, session: key.sessionId }, 'agent turn failed');
    outcome = 'failed';
    modelText = `⚠️ I could not answer: ${err instanceof Error ? err.message : String(err)}`;
  }
  const { text, corrected } = checkedAnswer(modelText, changes);
  if (corrected) deps.logger.warn({ session: key.sessionId, changes: changes.length }, 'agent promised what no tool stored: corrected');
  // A resumed turn that failed is not part of the conversation: the plain message goes out instead.
  if (text && (!input.resumed || outcome === 'answered')) {
    await deps.conversations.append(
      key,
      [
        { role: 'user', content: input.userText, entityType: input.entityType },
        { role: 'assistant', content: text, entityType: input.entityType },
      ],
      deps.clock.now(),
    );
  }
  return { outcome, text, changes, corrected };
}
