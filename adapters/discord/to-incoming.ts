import type { ChatContext, IncomingAction, IncomingMessage } from '../../src/chat/message.js';

/** Platform name Chime uses for Discord in addresses and owners. */
export const DISCORD = 'discord';

/** Discord permission bits Chime checks (discord-api-types' PermissionFlagsBits values). */
export const Perm = {
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
} as const;

/** Where an interaction happened, from the interaction payload. */
export interface InteractionPlace {
  /** The channel the interaction came from (a thread's own id inside a thread). */
  channelId: string;
  /** Absent in DMs with the bot. */
  guildId?: string;
  /** Set when `channelId` is a public thread: the text channel the thread belongs to (a private thread is a chat of its own). */
  parentId?: string;
}

/** Who pressed or typed. */
export interface Invoker {
  userId: string;
  /** Server nickname, global name or username, in that order. */
  userName: string;
  /** The member's permissions in the channel; undefined in DMs. */
  permissions?: bigint;
}

/** One slash command as typed: `/reminders snooze id:k7m2qd for:30m` → name, subcommand, options. */
export interface SlashInvocation {
  name: string;
  subcommand?: string;
  /** Option values by name; channel options carry the channel id. */
  options: Record<string, string | number | boolean | undefined>;
}

/** A channel picked in a `channel:` option, as the interaction resolved it. */
export interface ResolvedChannel {
  id: string;
  /** Set when the picked channel is a thread. */
  parentId?: string;
}

/** Administrator implies every permission, as Discord computes it. */
export function hasPermission(perms: bigint | undefined, flag: bigint): boolean {
  if (perms === undefined) return false;
  return (perms & Perm.Administrator) !== 0n || (perms & flag) === flag;
}

/**
 * The chat context of an interaction. Threads: `chatId` is the parent channel and `threadId`
 * the thread, like a Telegram forum topic, so a channel's members, its /list and its time zone
 * default cover its threads; the sender posts to `threadId ?? chatId`, which is the thread.
 * DMs are private chats where the one person is their own admin.
 */
export function contextOf(place: InteractionPlace, who: Invoker): ChatContext {
  if (place.guildId === undefined) {
    return { platform: DISCORD, chatId: place.channelId, chatType: 'private', userId: who.userId, userName: who.userName, isAdmin: true };
  }
  const ctx: ChatContext = {
    platform: DISCORD,
    chatId: place.parentId ?? place.channelId,
    chatType: 'group',
    userId: who.userId,
    userName: who.userName,
    // Manage Messages is what lets a Discord member manage others' reminders (a chat admin's rights).
    isAdmin: hasPermission(who.permissions, Perm.ManageMessages),
  };
  if (place.parentId !== undefined) ctx.threadId = place.channelId;
  return ctx;
}

/** Role pings in reminder text: `<@&id>`, @everyone and @here. */
export function mentionsRoles(text: string): boolean {
  return /<@&\d+>|@everyone\b|@here\b/.test(text);
}

/** A reason to refuse a command before the chat layer sees it (shown ephemerally). */
export interface Refusal {
  refused: string;
}

/**
 * The refusal for text that would ping a role (or try @everyone/@here) when a reminder made of
 * it fires, from someone without Manage Channels; undefined when allowed. The sender pings the
 * roles a reminder's text names, so every way text reaches a reminder is checked with this.
 */
export function refuseRolePings(who: Invoker, ...texts: string[]): Refusal | undefined {
  if (!texts.some(mentionsRoles) || hasPermission(who.permissions, Perm.ManageChannels)) return undefined;
  return { refused: NEEDS_MANAGE_CHANNELS_ROLES };
}

/**
 * The options whose text can end up in a reminder: /remind's and /reminders edit's (either part,
 * `when` may carry words the parser leaves as text), and /ask's, from which the assistant may set one.
 */
function reminderTexts(inv: SlashInvocation): string[] {
  if (inv.name === 'remind') return [str(inv, 'when'), str(inv, 'what')];
  if (inv.name === 'reminders' && inv.subcommand === 'edit') return [str(inv, 'when'), str(inv, 'text')];
  if (inv.name === 'ask') return [str(inv, 'text')];
  return [];
}

export const NEEDS_MANAGE_CHANNELS_CHANNEL =
  '🔒 Reminders for another channel need the Manage Channels permission. Leave out `channel:` to be reminded here.';
export const NEEDS_MANAGE_CHANNELS_ROLES = '🔒 Reminders that mention roles, @everyone or @here need the Manage Channels permission.';
export const NO_CHANNEL_IN_DMS = 'In a DM I can only remind you here; `channel:` works in a server.';

/** `/reminders <sub>` → the chat layer's command. */
const REMINDERS_SUB: Record<string, string> = {
  list: 'list',
  next: 'next',
  cancel: 'cancel',
  pause: 'pause',
  resume: 'resume',
  snooze: 'snooze',
  edit: 'edit',
  run: 'run',
  history: 'history',
};

function str(inv: SlashInvocation, name: string): string {
  const v = inv.options[name];
  return v === undefined ? '' : String(v).trim();
}

function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

/**
 * The chat layer's text command for a slash command (`/reminders cancel id:k7` → `/cancel k7`),
 * or undefined for a command Chime does not know.
 */
export function commandText(inv: SlashInvocation): string | undefined {
  switch (inv.name) {
    case 'remind':
      return join('/remind', str(inv, 'when'), str(inv, 'what'));
    case 'reminders': {
      const sub = inv.subcommand ? REMINDERS_SUB[inv.subcommand] : undefined;
      if (!sub) return undefined;
      if (sub === 'snooze') return join('/snooze', str(inv, 'id'), str(inv, 'for'));
      if (sub === 'edit') {
        const when = str(inv, 'when');
        const text = str(inv, 'text');
        // The chat layer's prefixes force one reading when only one part is given.
        if (when && text) return join('/edit', str(inv, 'id'), when, text);
        if (when) return join('/edit', str(inv, 'id'), `when: ${when}`);
        if (text) return join('/edit', str(inv, 'id'), `text: ${text}`);
        return join('/edit', str(inv, 'id'));
      }
      return join(`/${sub}`, str(inv, 'id'));
    }
    case 'timezone':
      return join('/tz', inv.options.chat === true ? 'chat' : '', str(inv, 'zone'));
    case 'remember':
      return join('/remember', str(inv, 'note'));
    case 'recall':
      return '/recall';
    case 'forget':
      return join('/forget', str(inv, 'number'));
    case 'watch':
      return join('/watch', str(inv, 'url'), str(inv, 'every') ? `every ${str(inv, 'every').replace(/^every\s+/i, '')}` : '');
    case 'ask':
      return join('/ask', str(inv, 'text'));
    case 'help':
      return '/help';
    default:
      return undefined;
  }
}

/**
 * The IncomingMessage for a slash command, or a refusal. A `channel:` other than the current
 * one, and role mentions, need Manage Channels (from the interaction's member permissions);
 * the reminder's origin is then the picked channel (or thread), so it is delivered there.
 */
export function toIncomingMessage(
  inv: SlashInvocation,
  place: InteractionPlace,
  who: Invoker,
  picked?: ResolvedChannel,
): IncomingMessage | Refusal | undefined {
  const text = commandText(inv);
  if (text === undefined) return undefined;
  const ctx: IncomingMessage = { ...contextOf(place, who), text };
  const parts = partsOf(inv);
  if (parts) ctx.parts = parts;
  const rolePing = refuseRolePings(who, ...reminderTexts(inv));
  if (rolePing) return rolePing;
  if (inv.name === 'remind') {
    if (picked && picked.id !== place.channelId) {
      if (place.guildId === undefined) return { refused: NO_CHANNEL_IN_DMS };
      if (!hasPermission(who.permissions, Perm.ManageChannels)) return { refused: NEEDS_MANAGE_CHANNELS_CHANNEL };
      const target = contextOf(
        { channelId: picked.id, guildId: place.guildId, ...(picked.parentId ? { parentId: picked.parentId } : {}) },
        who,
      );
      return { ...target, text, ...(parts ? { parts } : {}) };
    }
  }
  return ctx;
}

/** The time phrase and the text as typed in separate options (IncomingMessage.parts). */
export function partsOf(inv: SlashInvocation): IncomingMessage['parts'] {
  if (inv.name === 'remind') return { when: str(inv, 'when'), what: str(inv, 'what') };
  if (inv.name === 'reminders' && inv.subcommand === 'edit') {
    const parts: NonNullable<IncomingMessage['parts']> = {};
    if (str(inv, 'when')) parts.when = str(inv, 'when');
    if (str(inv, 'text')) parts.what = str(inv, 'text');
    return parts.when !== undefined || parts.what !== undefined ? parts : undefined;
  }
  return undefined;
}

/** A button press for the chat layer. */
export function toIncomingAction(
  place: InteractionPlace,
  who: Invoker,
  message: { id: string; content?: string },
  customId: string,
): IncomingAction {
  const action: IncomingAction = { ...contextOf(place, who), messageId: message.id, actionId: customId };
  if (message.content) action.messageText = message.content;
  return action;
}

export function isRefusal(x: IncomingMessage | Refusal | undefined): x is Refusal {
  return x !== undefined && 'refused' in x;
}
