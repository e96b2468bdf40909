import { UserError } from '../../core/errors.js';
import type { CommandContext, CommandModule } from '../command.js';
import { reply } from '../command.js';
import { formatWallTime } from '../format.js';
import { canonicalTimeZone } from '../zones.js';

const EXAMPLE = '/tz Europe/Berlin';

/** Checks that `/… chat …` is allowed: in a group only admins set the chat default. */
export function requireChatAdmin(ctx: CommandContext, what: string): void {
  if (ctx.msg.chatType === 'group' && !ctx.msg.isAdmin) {
    throw new UserError('prefs.admin_only', `Only a chat admin can set this chat's ${what}. Your own setting works without "chat".`, EXAMPLE);
  }
}

/**
 * `/tz` shows the zone in use; `/tz <IANA zone>` sets the user's; `/tz chat <zone>` sets the
 * chat default (admins in groups). Zones are stored canonically ("europe/berlin" → "Europe/Berlin").
 */
export const tz: CommandModule = {
  name: 'tz',
  aliases: ['timezone'],
  description: 'Your time zone: /tz Europe/Berlin (admins: /tz chat Europe/Berlin)',
  usage: '/tz <IANA zone> | /tz chat <zone>',
  async run(ctx) {
    const { msg, deps } = ctx;
    const words = ctx.args.split(/\s+/).filter(Boolean);
    const forChat = words[0]?.toLowerCase() === 'chat';
    const raw = forChat ? words[1] : words[0];
    if (!raw) {
      const { timeZone } = await ctx.prefs();
      return reply(`Your time zone: ${timeZone} (now ${formatWallTime(ctx.now, timeZone, ctx.now)}). Change it with ${EXAMPLE}`);
    }
    const zone = canonicalTimeZone(raw);
    if (!zone) {
      throw new UserError('tz.invalid', `"${raw}" is not a time zone I know. Use an IANA name like Europe/Berlin or America/New_York.`, EXAMPLE);
    }
    const local = formatWallTime(ctx.now, zone, ctx.now);
    if (forChat) {
      requireChatAdmin(ctx, 'time zone');
      await deps.prefs.set(msg.platform, 'chat', msg.chatId, { timeZone: zone });
      return reply(`🌍 This chat's default time zone is now ${zone} (it is ${local} there). Members' own /tz still wins.`);
    }
    await deps.prefs.set(msg.platform, 'user', msg.userId, { timeZone: zone });
    return reply(`🌍 Your time zone is now ${zone} (it is ${local} there).`);
  },
};
