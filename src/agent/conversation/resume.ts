import type { CommandContext } from '../../chat/command.js';
import type { Job } from '../../core/job.js';
import { parentSessionId } from '../../core/occurrence.js';
import type { ConversationResumer } from '../../core/ports/conversation-resumer.js';
import { type ConversationDeps, conversationTurn } from './conversation-turn.js';

/**
 * resume_conversation (seed 002): a finished job's message goes back into the conversation of
 * the person who made it, in the chat it came from. The turn runs as the job's ghost: the
 * scheduler's runtime context (the runner sets it, so the notes store refuses it), the owner's
 * rights limited to that chat (`ghostContext`), and only the tools the job's scheduled run is
 * offered (`toolNames`: reading only, unless a prompt job lists more), never the person's full
 * set: nobody is at the keyboard, and the message it reads (a polled result, a command's
 * output) must not be able to make it cancel, schedule or run anything. Its answer is what
 * the chat receives; no answer (model off, failing, stopped, or silent) sends the plain message.
 */
export function createConversationResumer(
  deps: ConversationDeps,
  ghostContext: (job: Job) => CommandContext,
  toolNames: (job: Job) => readonly string[],
): ConversationResumer {
  return async ({ job, outcome, text, signal }) => {
    if (!deps.runtime.enabled) return undefined;
    const key = { sessionId: parentSessionId(job), platform: job.owner.platform, userId: job.owner.userId };
    const event = `[Background job ${job.id} (${job.kind}) ${outcome === 'success' ? 'succeeded' : 'failed'}] ${text}`;
    const turn = await conversationTurn(deps, {
      ctx: ghostContext(job),
      key,
      userText: event,
      entityType: 'SCHEDULER',
      resumed: true,
      isChimeAdmin: false,
      toolNames: toolNames(job),
      signal,
    });
    return turn.outcome === 'answered' ? turn.text : undefined;
  };
}
