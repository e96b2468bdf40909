import type { Job } from '../core/job.js';
import type { DateOrder } from '../core/date-order.js';
import type { ChatDeps, ChatQuotas } from './deps.js';
import type { ChatMemory } from './memory.js';
import type { IncomingMessage, Reply } from './message.js';

/**
 * The conversational agent as the chat layer sees it (issue 13): `/ask`, and text the reminder
 * parser cannot read, go to it. The composition root wires the one in src/agent; the chat layer
 * never imports it (the agent acts through the chat layer's own rules instead).
 */
export interface ChatAgent {
  /** Whether a model is configured. Off: `/ask` answers `offMessage`, unreadable text gets the usual hint. */
  readonly enabled: boolean;
  /** One line saying the agent is off and how to turn it on. */
  readonly offMessage: string;
  /** One turn of `ctx`'s person in `ctx`'s chat; never throws (a failure is an answer). */
  ask(ctx: CommandContext, text: string): Promise<Reply[]>;
}

/** Deps with defaults filled in. */
export interface ResolvedChatDeps extends ChatDeps {
  quotas: ChatQuotas;
  memory: ChatMemory;
  /** Absent: no agent wired at all (as off, with a generic off message). */
  agent?: ChatAgent;
}

/** The reader's settings, resolved user → chat → default. */
export interface ResolvedPrefs {
  timeZone: string;
  /** Who chose `timeZone`: the user (/tz), a chat admin (/tz chat), or nobody (the bot's default). */
  timeZoneSource: 'user' | 'chat' | 'default';
  /** The chat's own zone, when one was set for it. */
  chatTimeZone?: string;
  dateOrder?: DateOrder;
}

/** Everything a command module gets for one message. */
export interface CommandContext {
  deps: ResolvedChatDeps;
  msg: IncomingMessage;
  /** Command name without slash or @BotName, lower-case (`remind`). */
  command: string;
  /** The text after the command, trimmed. */
  args: string;
  /** The instant this message is handled at (from the Clock). */
  now: Date;
  /** Set when a scheduled `command` job runs this as its ghost (SCHEDULER context). */
  ghostJob?: Job;
  prefs(): Promise<ResolvedPrefs>;
  /**
   * Throws a UserError when `text` cannot be a scheduled command (no "/", unknown, or not
   * allowed in scheduled runs), so a job is refused when made rather than failing every run.
   */
  checkScheduledCommand(text: string): void;
}

/** One chat command. */
export interface CommandModule {
  /** Name without slash, e.g. `remind`. */
  name: string;
  aliases?: string[];
  /** One line for /help and platform command menus. */
  description: string;
  /** Usage line, e.g. `/snooze <id> <duration>`. */
  usage: string;
  run(ctx: CommandContext): Promise<Reply[]>;
}

/** Shorthand for a plain text reply. */
export function reply(text: string, extra: Omit<Reply, 'text'> = {}): Reply[] {
  return [{ text, ...extra }];
}
