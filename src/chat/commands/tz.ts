import { UserError } from '../../core/errors.js';
import type { CommandContext, CommandModule } from '../command.js';
import { reply } from '../command.js';
import { formatLocalTime } from '../format.js';
import type { Action, Reply } from '../message.js';
import { zoneButton } from '../zone-action-ids.js';
import { setUserZone } from '../zone-change.js';
import { zonePicker, zoneQuestion } from '../zone-prompt.js';
import { lookupZone, type ZoneMeaning } from '../zones.js';

const EXAMPLE = '/tz Berlin';

/** Checks that `/… chat …` is allowed: in a group only admins set the chat default. */
export function requireChatAdmin(ctx: CommandContext, what: string): void {
  if (ctx.msg.chatType === 'group' && !ctx.msg.isAdmin) {
    throw new UserError(
      'prefs.admin_only',
      `Only a chat admin can set this chat's ${what}. Your own setting works without "chat".`,
      EXAMPLE,
    );
  }
}

/** "IST can mean: …" with one button per meaning (the button sets the presser's own zone). */
function askWhich(name: string, choices: readonly ZoneMeaning[], forChat: boolean): Reply[] {
  const lines = [`"${name}" can mean several time zones:`, ...choices.map((c) => `• ${c.label}: ${c.zone}`)];
  if (forChat) {
    lines.push(`Which one? Send it by its name, e.g. /tz chat ${choices[0]!.zone}`);
    return reply(lines.join('\n'));
  }
  lines.push('Which one is yours?');
  const buttons = choices.map((c) => zoneButton({ verb: 'tz', zone: c.zone }, c.label)).filter((b): b is Action => b !== undefined);
  return reply(lines.join('\n'), { actions: buttons.map((b) => [b]) });
}

/**
 * `/tz` shows the zone in use (and asks for one while it is the bot's default); `/tz <zone>`
 * sets the user's, given as a city ("berlin", "new york"), an IANA id or an abbreviation from
 * the shared table ("EST"); `/tz chat <zone>` sets the chat default (admins in groups). A
 * name with several meanings asks which one; a change offers to move existing reminders.
 */
export const tz: CommandModule = {
  name: 'tz',
  aliases: ['timezone'],
  description: 'Your time zone: /tz Berlin, /tz new york, /tz America/Chicago (admins: /tz chat Berlin)',
  usage: '/tz <city or zone> | /tz chat <zone>',
  async run(ctx) {
    const { msg, deps } = ctx;
    const forChat = /^chat(?:\s|$)/i.test(ctx.args);
    const raw = (forChat ? ctx.args.slice(4) : ctx.args).trim();
    if (!raw) {
      const prefs = await ctx.prefs();
      const now = formatLocalTime(ctx.now, prefs.timeZone, ctx.now);
      if (prefs.timeZoneSource === 'default' && !forChat) {
        return reply(`${zoneQuestion(prefs.timeZone)}\n(It is ${now} in ${prefs.timeZone}.)`, { actions: zonePicker() });
      }
      const whose = prefs.timeZoneSource === 'chat' ? "This chat's time zone" : 'Your time zone';
      return reply(`${whose}: ${prefs.timeZone} (now ${now}). Change it with ${EXAMPLE}`);
    }
    const found = lookupZone(raw);
    if (found.kind === 'unknown') {
      throw new UserError(
        'tz.invalid',
        `"${raw}" is not a time zone or city I know. Try a bigger city nearby in the same zone, or an IANA name like Europe/Berlin.`,
        '/tz Berlin, /tz new york, /tz America/Chicago',
      );
    }
    if (found.kind === 'choice') return askWhich(found.name, found.choices, forChat);
    const { zone } = found;
    if (forChat) {
      requireChatAdmin(ctx, 'time zone');
      await deps.prefs.set(msg.platform, 'chat', msg.chatId, { timeZone: zone });
      const note = found.note ? `\n${found.note}` : '';
      return reply(
        `🌍 This chat's default time zone is now ${zone} (it is ${formatLocalTime(ctx.now, zone, ctx.now)} there). Members' own /tz still wins.${note}`,
      );
    }
    return setUserZone(deps, msg, zone, ctx.now, found.note);
  },
};
