import type { CommandHandler, DeliveryFormatter } from '../core/executor.js';
import type { Job } from '../core/job.js';
import { humanContext, runWithContext } from '../core/runtime-context.js';
import { handleActionPress } from './actions.js';
import { answerEditedMessage } from './edited-message.js';
import { moveChat } from './chat-move.js';
import type { ChatAgent, CommandContext, CommandModule, ResolvedChatDeps } from './command.js';
import type { ChatDeps } from './deps.js';
import { DEFAULT_QUOTAS } from './deps.js';
import { createDeliveryFormatter } from './delivery-format.js';
import { createChatMemory } from './memory.js';
import type { ActionAnswer, ChatContext, ChatService, IncomingAction, IncomingMessage } from './message.js';
import { resolvePrefs } from './prefs.js';
import { parseActionId } from './action-ids.js';
import { jobTurnKey } from './job-turn.js';
import { handleZonePress } from './zone-actions.js';
import { parseZoneActionId } from './zone-action-ids.js';
import { GENERIC_FAILURE, UserError } from '../core/errors.js';
import { createRouter } from './router.js';
import { sessionIdFor } from './who.js';

/** The chat layer as wired by the app: the ChatService plus the hooks the scheduler calls. */
export interface ChimeChat extends ChatService {
  /** Runs a `command` job's text as its ghost; pass to the scheduler's command executor. */
  commandHandler: CommandHandler;
  /** Throws a UserError when a text cannot be a scheduled command; pass to the command executors. */
  checkScheduledCommand: (commandText: string) => void;
  /** Formats due jobs with action buttons; pass to the scheduler. */
  formatDelivery: DeliveryFormatter;
  /** Commands with descriptions, for platform menus (Telegram setMyCommands, Discord). */
  commands: ReadonlyArray<Pick<CommandModule, 'name' | 'description' | 'usage'>>;
  /**
   * The context a job's ghost acts with: its owner in its chat, with the owner's rights only and
   * limited to that chat, as a scheduled command runs. The agent's resumed turns
   * (resume_conversation) run their tools with it.
   */
  ghostContext(job: Job): CommandContext;
}

/** The message a `command` job's ghost sends: the job's owner in the job's chat, with the owner's rights only. */
function ghostMessage(commandText: string, job: Job): IncomingMessage {
  return {
    platform: job.origin.platform,
    chatId: job.origin.chatId,
    chatType: job.origin.chatType ?? 'private',
    ...(job.origin.threadId !== undefined ? { threadId: job.origin.threadId } : {}),
    userId: job.owner.userId,
    userName: job.owner.name ?? job.owner.userId,
    // The ghost acts with the owner's rights only, never a chat admin's.
    isAdmin: false,
    text: commandText,
  };
}

/** The caller's own live reminders whose id starts with, or name contains, `partial` (Discord autocomplete). */
async function suggestOwnJobs(deps: ResolvedChatDeps, who: ChatContext, partial: string): Promise<Array<{ id: string; label: string }>> {
  const needle = partial.trim().toLowerCase();
  const own = await deps.scheduler.listJobs({
    ownerPlatform: who.platform,
    ownerUserId: who.userId,
    status: ['active', 'paused'],
    limit: 200,
  });
  return own
    .filter((j) => !needle || j.id.toLowerCase().startsWith(needle) || j.name.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((j) => ({ id: j.id, label: `${j.id} · ${j.status === 'paused' ? '(paused) ' : ''}${j.name}`.slice(0, 100) }));
}

/**
 * What a press acts on, for answering presses on it one at a time: the job (or the question) its
 * button names; zone buttons that name no job change only the presser's own settings.
 */
function pressTarget(press: IncomingAction): string {
  const zone = parseZoneActionId(press.actionId);
  if (zone) return 'jobId' in zone ? jobTurnKey(zone.jobId) : `user:${press.platform}:${press.userId}`;
  const parsed = parseActionId(press.actionId);
  return parsed ? jobTurnKey(parsed.jobId) : `user:${press.platform}:${press.userId}`;
}

/** A button press: a zone button, else a job's button; a failure is logged and answered politely. */
async function answerPress(deps: ResolvedChatDeps, press: IncomingAction): Promise<ActionAnswer> {
  const zoneOf = async (who: IncomingAction): Promise<string> => (await resolvePrefs(deps, who)).timeZone;
  try {
    return await deps.memory.turns.run(pressTarget(press), async () => {
      // The time of the press's turn: an earlier press on the same job may have taken a while.
      const now = deps.clock.now();
      return (await handleZonePress(deps, press, now)) ?? (await handleActionPress(deps, press, now, zoneOf));
    });
  } catch (err) {
    // A refusal of the scheduler's (the job runs right now, it was cancelled meanwhile) is the
    // presser's to read, as a typed command's is; it changed nothing.
    if (err instanceof UserError) return { toast: err.message };
    deps.logger.error(
      { err, platform: press.platform, chatId: press.chatId, userId: press.userId, actionId: press.actionId },
      'chat action failed',
    );
    return { toast: GENERIC_FAILURE };
  }
}

/**
 * The platform-free conversation. Every human message and button press runs inside
 * `runWithContext(humanContext('tg_<chat>' | 'dc_<chat>' | 'console_<chat>'))`; command jobs
 * run in whatever context the scheduler gives them (SCHEDULER), so the notes store refuses them.
 * Never throws to the adapter: failures become a reply.
 */
export function createChatService(input: ChatDeps, agent?: ChatAgent): ChimeChat {
  const deps: ResolvedChatDeps = {
    ...input,
    quotas: { ...DEFAULT_QUOTAS, ...input.config.quotas },
    memory: createChatMemory(input.clock),
    ...(agent ? { agent } : {}),
  };
  const router = createRouter(deps);

  const commandHandler: CommandHandler = async (commandText, job) => {
    // Errors propagate: the command executor records them as the run's failure.
    const replies = await router.runScheduled(ghostMessage(commandText, job), job, deps.clock.now());
    return replies.map((r) => r.text).join('\n\n') || `(${commandText} gave no answer)`;
  };

  return {
    handleMessage: async (msg) =>
      runWithContext(humanContext(sessionIdFor(msg), `${msg.platform}:${msg.userId}`), () => router.route(msg, { now: deps.clock.now() })),
    handleAction: async (press) =>
      runWithContext(humanContext(sessionIdFor(press), `${press.platform}:${press.userId}`), () => answerPress(deps, press)),
    suggestJobs: (who, partial) => suggestOwnJobs(deps, who, partial),
    handleEditedMessage: async (msg) =>
      runWithContext(humanContext(sessionIdFor(msg), `${msg.platform}:${msg.userId}`), () =>
        answerEditedMessage(deps, msg, deps.clock.now()),
      ),
    moveChat: async (move) => void (await moveChat(deps, move)),
    commandHandler,
    checkScheduledCommand: router.checkScheduled,
    formatDelivery: createDeliveryFormatter(),
    commands: router.commands.map((c) => ({ name: c.name, description: c.description, usage: c.usage })),
    ghostContext: (job) => router.contextFor(ghostMessage('', job), { now: deps.clock.now(), ghostJob: job }, 'ask'),
  };
}
