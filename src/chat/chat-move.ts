import type { ChatMove } from '../core/ports/job-store.js';
import type { ResolvedChatDeps } from './command.js';

/**
 * Moves a chat's reminders (every status: /list all and /history follow them), the messages
 * still waiting to be delivered to it, and its settings to the chat's new id. Otherwise the
 * group's reminders stay addressed to a chat that no longer takes messages, nobody in the new
 * chat sees or manages them, and after a restart each waiting message is first refused by the
 * old id. Safe to repeat: once moved, nothing is left under the old id. Returns how many jobs moved.
 */
export async function moveChat(deps: ResolvedChatDeps, move: ChatMove): Promise<number> {
  if (move.from === move.to) return 0;
  const moved = await deps.scheduler.moveChat(move);
  // The chat's zone and settings, unless the new chat already has its own.
  const prefs = await deps.prefs.get(move.platform, 'chat', move.from);
  if (prefs && !(await deps.prefs.get(move.platform, 'chat', move.to))) await deps.prefs.set(move.platform, 'chat', move.to, prefs);
  if (moved.jobs.length > 0 || moved.outbox > 0) {
    deps.logger.info(
      { ...move, jobs: moved.jobs.length, messages: moved.outbox },
      'chat moved to a new id; its reminders and waiting messages follow',
    );
  }
  return moved.jobs.length;
}
