import {
  ChannelType,
  MessageFlags,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { type ActionAnswer, type ChatService, type Reply, replyMessage } from '../../src/chat/message.js';
import { GENERIC_FAILURE } from '../../src/core/errors.js';
import { jobChoices, zoneChoices, type Choice } from './autocomplete.js';
import { helpText } from './commands.js';
import type { AdapterLogger } from './logger.js';
import { splitLong, toMessagePayload } from './sender.js';
import {
  contextOf,
  isRefusal,
  toIncomingAction,
  toIncomingMessage,
  type InteractionPlace,
  type Invoker,
  type ResolvedChannel,
  type SlashInvocation,
} from './to-incoming.js';

/** Said when the chat layer itself fails; the details go to the log. */

export interface InteractionDeps {
  chat: ChatService;
  logger: AdapterLogger;
}

/**
 * A private thread is seen only by its members, so it is a chat of its own: as part of its
 * channel, everyone there would see its reminders in /list, and a delivery would fall back to
 * the channel when the thread is gone. Public threads belong to their channel (like topics).
 */
function isPrivateThread(channel: { type?: unknown }): boolean {
  return channel.type === ChannelType.PrivateThread;
}

/** Where the interaction happened; a (public) thread's parent comes from the cached channel. */
export function placeOf(i: BaseInteraction): InteractionPlace {
  const place: InteractionPlace = { channelId: i.channelId ?? '' };
  if (i.guildId) place.guildId = i.guildId;
  const channel = i.channel;
  if (channel?.isThread() && channel.parentId && !isPrivateThread(channel)) place.parentId = channel.parentId;
  return place;
}

/** The person: server nickname, else global name, else username; permissions from the interaction. */
export function invokerOf(i: BaseInteraction): Invoker {
  const member = i.member;
  const nick = member && 'nick' in member && typeof member.nick === 'string' ? member.nick : undefined;
  const who: Invoker = { userId: i.user.id, userName: nick || i.user.globalName || i.user.username };
  if (i.memberPermissions) who.permissions = i.memberPermissions.bitfield;
  return who;
}

function invocationOf(i: ChatInputCommandInteraction | AutocompleteInteraction): SlashInvocation {
  const inv: SlashInvocation = { name: i.commandName, options: {} };
  const sub = i.options.getSubcommand(false);
  if (sub) inv.subcommand = sub;
  const data = i.options.data;
  const leaves = data.length === 1 && data[0]?.options ? data[0].options : data;
  for (const o of leaves) {
    if (o.channel) inv.options[o.name] = o.channel.id;
    else if (o.value !== undefined) inv.options[o.name] = o.value;
  }
  return inv;
}

function pickedChannel(i: ChatInputCommandInteraction): ResolvedChannel | undefined {
  const channel = i.options.getChannel('channel');
  if (!channel) return undefined;
  const picked: ResolvedChannel = { id: channel.id };
  const parent = 'parent_id' in channel ? channel.parent_id : 'parentId' in channel ? channel.parentId : undefined;
  const isThread = 'thread_metadata' in channel || ('isThread' in channel && typeof channel.isThread === 'function' && channel.isThread());
  if (isThread && typeof parent === 'string' && !isPrivateThread(channel)) picked.parentId = parent;
  return picked;
}

/** An outgoing message as an interaction reply body (ephemeral-ness is set when deferring). */
export function replyBody(msg: Reply) {
  const { content, components, allowed_mentions } = toMessagePayload(replyMessage(msg));
  return { content, components, allowedMentions: { parse: [], users: allowed_mentions.users, roles: allowed_mentions.roles } };
}

async function chatReplies(deps: InteractionDeps, run: () => Promise<Reply[]>, where: object): Promise<Reply[]> {
  try {
    return await run();
  } catch (err) {
    deps.logger.error({ err, ...where }, 'discord: chat layer failed');
    return [{ text: GENERIC_FAILURE }];
  }
}

/**
 * A slash command: acknowledged at once with an ephemeral defer (Discord's 3-second window;
 * parsing and storing may take longer), then the chat layer's first answer replaces the
 * "thinking…" placeholder and further answers follow up, all visible to the caller only.
 * An answer marked `ephemeral: false` is posted for everyone.
 */
export async function handleCommand(deps: InteractionDeps, i: ChatInputCommandInteraction): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const where = { command: i.commandName, channelId: i.channelId, userId: i.user.id };
  const incoming = toIncomingMessage(invocationOf(i), placeOf(i), invokerOf(i), pickedChannel(i));
  let replies: Reply[];
  if (incoming === undefined) replies = [{ text: `I don't know /${i.commandName}. /help lists what I can do.` }];
  else if (i.commandName === 'help') replies = [{ text: helpText(i.options.getString('command') ?? undefined) }];
  else if (isRefusal(incoming)) replies = [{ text: incoming.refused }];
  else replies = await chatReplies(deps, () => deps.chat.handleMessage(incoming), where);
  replies = replies.flatMap((r) => splitLong(r));
  if (replies.length === 0) replies = [{ text: '✓' }];
  const [first, ...rest] = replies as [Reply, ...Reply[]];
  await i.editReply(replyBody(first));
  for (const msg of rest) {
    await i.followUp({ ...replyBody(msg), ...(msg.ephemeral === false ? {} : { flags: MessageFlags.Ephemeral }) });
  }
}

/**
 * A button press: acknowledged at once (deferUpdate), then the chat layer decides. Its edit
 * replaces the pressed message in place; a toast that the edit does not show (a refusal: not
 * the owner, not a moderator; a reminder already finished) and any extra replies go to the
 * presser only, as ephemeral follow-ups.
 */
export async function handleButton(deps: InteractionDeps, i: ButtonInteraction): Promise<void> {
  await i.deferUpdate();
  const action = toIncomingAction(placeOf(i), invokerOf(i), { id: i.message.id, content: i.message.content }, i.customId);
  let answer: ActionAnswer;
  try {
    answer = await deps.chat.handleAction(action);
  } catch (err) {
    deps.logger.error({ err, channelId: i.channelId, customId: i.customId }, 'discord: chat layer failed on a button');
    answer = { toast: GENERIC_FAILURE };
  }
  if (answer.edit) await i.editReply(replyBody(answer.edit));
  // The edit usually says what the toast says ("💤 Snoozed until …"); when it changes nothing
  // visible (a refusal, an already finished reminder) the toast is the only answer.
  const unchanged = !answer.edit || answer.edit.text === action.messageText;
  const privately = [...(answer.toast && unchanged ? [{ text: answer.toast }] : []), ...(answer.replies ?? [])].flatMap((r) =>
    splitLong(r),
  );
  for (const msg of privately) await i.followUp({ ...replyBody(msg), flags: MessageFlags.Ephemeral });
}

/** Autocomplete for reminder ids (the caller's own) and time zones; answered directly, no defer exists. */
export async function handleAutocomplete(deps: InteractionDeps, i: AutocompleteInteraction): Promise<void> {
  const focused = i.options.getFocused(true);
  const partial = String(focused.value ?? '');
  let choices: Choice[] = [];
  try {
    if (focused.name === 'zone') choices = zoneChoices(partial);
    else if (focused.name === 'id') choices = await jobChoices(deps.chat, contextOf(placeOf(i), invokerOf(i)), partial);
  } catch (err) {
    deps.logger.warn({ err, option: focused.name }, 'discord: autocomplete failed, answering with no choices');
  }
  await i.respond(choices);
}
