import { GENERIC_FAILURE, MemoryAccessDenied, UserError } from '../core/errors.js';
import type { Job } from '../core/job.js';
import type { ChatAgent, CommandContext, CommandModule, ResolvedChatDeps, ResolvedPrefs } from './command.js';
import { resolvePrefs } from './prefs.js';
import { commandModules } from './commands/index.js';
import { parseCommandText } from './command-text.js';
import { schedulableCommand } from './scheduled-commands.js';
import type { IncomingMessage, Reply } from './message.js';
import { answerForwarded } from './forwarded-message.js';
import { parseWithPrefs } from './parse-input.js';
import type { ParseResult } from '../nl/types.js';
import { readPlainSentence } from './plain-request.js';
import { setUserZone } from './zone-change.js';
import { lookupZone } from './zones.js';

export { parseCommandText };

/** Plain-text requests understood in private chats: "remind me …". */
const PLAIN_REMIND = /^remind\s+me\b/i;

/** The answer to plain text that is no request: what a request looks like. */
export const PLAIN_HINT =
  'I didn\'t catch that. Tell me what and when, e.g. "in 10 minutes stretch" or "every weekday at 9 standup" (or /remind …), /help lists everything I can do.';

/**
 * A private message that is only a place or zone ("Berlin", "new york", "Asia/Tokyo"): the
 * answer to "where are you?". It sets the zone of someone who has none yet; someone who
 * chose one is told how to change it, since a city alone may also be chatter.
 */
async function zoneNamedAlone(ctx: CommandContext): Promise<Reply[] | undefined> {
  const text = ctx.args.trim();
  if (text.length < 3 || !/^[\p{L}\s./_'-]+$/u.test(text)) return undefined;
  const found = lookupZone(text);
  // Antarctic stations are named like people ("Casey", "Davis", "Palmer"): only /tz sets them.
  if (found.kind === 'unknown' || (found.kind === 'zone' && found.zone.startsWith('Antarctica/'))) return undefined;
  const prefs = await ctx.prefs();
  if (prefs.timeZoneSource === 'user' || found.kind === 'choice') {
    return [{ text: `To make that your time zone, send /tz ${text} (yours is ${prefs.timeZone}).` }];
  }
  return setUserZone(ctx.deps, ctx.msg, found.zone, ctx.now, found.note);
}

export interface RouteOptions {
  now: Date;
  /** Set for a scheduled `command` job's run (the caller is the ghost, not a person). */
  ghostJob?: Job;
}

export interface Router {
  /** Every command, for /help and platform menus (Telegram setMyCommands). */
  readonly commands: CommandModule[];
  /** Answers one message; never throws. */
  route(msg: IncomingMessage, opts: RouteOptions): Promise<Reply[]>;
  /**
   * Runs a scheduled `command` job's text as its ghost (`msg` speaks for the job's owner in the
   * job's chat). Unlike `route` it throws: a refused, unknown or failing command is the run's
   * failure, never a reply that counts as success.
   */
  runScheduled(msg: IncomingMessage, ghostJob: Job, now: Date): Promise<Reply[]>;
  /** Throws a UserError saying why `text` cannot be a scheduled command (see scheduled-commands.ts). */
  checkScheduled(text: string): void;
  /** The context a command of `msg` runs with (the agent's resumed turns act through it as the job's ghost). */
  contextFor(msg: IncomingMessage, opts: RouteOptions, command: string): CommandContext;
}

/** Turns an error from a command into the reply a person sees. */
export function errorReply(err: unknown, deps: ResolvedChatDeps, where: Record<string, unknown>): Reply[] {
  if (err instanceof UserError) {
    const example = err.example ? `\nExample: ${err.example}` : '';
    return [{ text: `⚠️ ${err.message}${example}` }];
  }
  if (err instanceof MemoryAccessDenied) {
    deps.logger.warn({ ...where, entityType: err.entityType, operation: err.operation }, 'memory access denied');
    return [{ text: err.operation === 'read' ? "🔒 Scheduled runs can't read your notes." : "🔒 Scheduled runs can't change your notes." }];
  }
  deps.logger.error({ ...where, err }, 'chat command failed');
  return [{ text: `⚠️ ${GENERIC_FAILURE}` }];
}

/** Each command under its name and its aliases. */
function indexCommands(commands: CommandModule[]): Map<string, CommandModule> {
  const byName = new Map<string, CommandModule>();
  for (const c of commands) for (const n of [c.name, ...(c.aliases ?? [])]) byName.set(n, c);
  return byName;
}

/** The context of one command run for one message; prefs are read once, when first asked for. */
function commandContext(
  deps: ResolvedChatDeps,
  checkScheduled: (text: string) => void,
  msg: IncomingMessage,
  command: string,
  args: string,
  ro: RouteOptions,
): CommandContext {
  let prefs: Promise<ResolvedPrefs> | undefined;
  return {
    deps,
    msg,
    command,
    args,
    now: ro.now,
    ...(ro.ghostJob ? { ghostJob: ro.ghostJob } : {}),
    prefs: () => (prefs ??= resolvePrefs(deps, msg)),
    checkScheduledCommand: checkScheduled,
  };
}

/** Builds the context for a command of the message being routed. */
type ContextFor = (command: string, args: string) => CommandContext;

/**
 * Text that is no command. In a private chat everything is said to the bot: a sentence that
 * reads as a reminder is one ("in 90 seconds check the oven"), a place named alone answers
 * "where are you?"; with the assistant on, anything else the parser cannot read goes to it,
 * otherwise it gets a hint. Groups need the command, or (assistant on) a message that mentions
 * or replies to the bot, which is then read the same way.
 */
async function routePlain(
  msg: IncomingMessage,
  text: string,
  contextFor: ContextFor,
  remind: CommandModule,
  agent: ChatAgent | undefined,
): Promise<Reply[]> {
  const agentOn = agent?.enabled === true;
  const addressedGroup = msg.chatType === 'group' && msg.addressed === true;
  if ((msg.chatType !== 'private' && !addressedGroup) || !text) return [];
  const ctx = contextFor('remind', text);
  const parsed = await parseWithPrefs(ctx, text);
  if (addressedGroup && !agentOn) return groupWordsHint(text, parsed);
  // "remind me …" the parser cannot read: the parser's refusal, unless the assistant may try.
  const remindMe = PLAIN_REMIND.test(text) && (parsed.ok || !agentOn);
  if (remindMe || readPlainSentence(text, parsed) !== 'chatter') return remind.run(ctx);
  const zone = msg.chatType === 'private' ? await zoneNamedAlone(ctx) : undefined;
  if (zone) return zone;
  if (agent && agentOn) return agent.ask(contextFor('ask', text), text);
  return [{ text: PLAIN_HINT }];
}

/** Words that ask for what a delivered reminder's buttons do ("snooze 10 minutes", "done"). */
const BUTTON_WORDS = /^(snooze|later|done|stop|cancel|pause|nag)\b/i;

/**
 * Words said to the bot in a group (a mention, or a reply to it) with the assistant off: only
 * commands act there. A request is answered with that nothing was done and the command that
 * does it, since silence let the person believe it was; anything else ("thanks!") stays unanswered.
 */
function groupWordsHint(text: string, parsed: ParseResult): Reply[] {
  if (BUTTON_WORDS.test(text)) {
    return [
      {
        text: 'In a group I act on buttons and commands, not on words: nothing was changed. Press the button under the reminder, or send the command with its id (see /list), e.g. /snooze k7m2qd 10m',
      },
    ];
  }
  if (!PLAIN_REMIND.test(text) && readPlainSentence(text, parsed) === 'chatter') return [];
  const request = text.replace(PLAIN_REMIND, '').trim();
  return [{ text: `In a group I set reminders from commands, not from words: nothing was set. Send it as a command: /remind ${request}` }];
}

/**
 * A `/command args`: an unknown one gets a hint in private chats, or in groups when addressed
 * to this bot by name. Commands naming another bot never get here: the Telegram adapter drops
 * them and strips this bot's own name (adapters/telegram/to-incoming.ts).
 */
async function routeCommand(
  cmd: NonNullable<ReturnType<typeof parseCommandText>>,
  msg: IncomingMessage,
  contextFor: ContextFor,
  byName: ReadonlyMap<string, CommandModule>,
): Promise<Reply[]> {
  const module = byName.get(cmd.name);
  if (!module) {
    if (msg.chatType === 'group' && !cmd.bot) return [];
    return [{ text: `I don't know /${cmd.name}. /help lists what I can do; to set a reminder: /remind in 10 minutes stretch` }];
  }
  return module.run(contextFor(module.name, cmd.args));
}

/** Dispatches each message to its command module (routeCommand) or reads it as plain text (routePlain). */
export function createRouter(deps: ResolvedChatDeps): Router {
  const commands = commandModules();
  const byName = indexCommands(commands);
  const remindModule = byName.get('remind') as CommandModule;
  const find = (name: string): CommandModule | undefined => byName.get(name);
  const checkScheduled = (text: string): void => void schedulableCommand(text, find);
  const contextFor =
    (msg: IncomingMessage, ro: RouteOptions): ContextFor =>
    (command, args) =>
      commandContext(deps, checkScheduled, msg, command, args, ro);

  async function route(msg: IncomingMessage, ro: RouteOptions): Promise<Reply[]> {
    const where = { platform: msg.platform, chatId: msg.chatId, userId: msg.userId, text: msg.text.slice(0, 200) };
    try {
      if (msg.forwarded) return answerForwarded(msg, (name) => byName.has(name));
      const text = msg.text.trim();
      const cmd = parseCommandText(text);
      if (!cmd) return await routePlain(msg, text, contextFor(msg, ro), remindModule, deps.agent);
      return await routeCommand(cmd, msg, contextFor(msg, ro), byName);
    } catch (err) {
      return errorReply(err, deps, where);
    }
  }

  async function runScheduled(msg: IncomingMessage, ghostJob: Job, now: Date): Promise<Reply[]> {
    const module = schedulableCommand(msg.text, find);
    const args = parseCommandText(msg.text)?.args ?? '';
    return module.run(contextFor(msg, { now, ghostJob })(module.name, args));
  }

  return { commands, route, runScheduled, checkScheduled, contextFor: (msg, ro, command) => contextFor(msg, ro)(command, '') };
}
