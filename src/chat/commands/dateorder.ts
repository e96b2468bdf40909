import { UserError } from '../../core/errors.js';
import type { DateOrder } from '../../core/date-order.js';
import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { requireChatAdmin } from './tz.js';

const EXAMPLE = '/dateorder dmy';

function describe(order: DateOrder): string {
  return order === 'dmy' ? '3/4 means 3 April (day first)' : '3/4 means March 4 (month first)';
}

/** `/dateorder dmy|mdy` for the user, `/dateorder chat dmy|mdy` for the chat (admins in groups). */
export const dateorder: CommandModule = {
  name: 'dateorder',
  description: 'How to read 3/4: /dateorder dmy or mdy',
  usage: '/dateorder dmy|mdy',
  async run(ctx) {
    const { msg, deps } = ctx;
    const words = ctx.args.toLowerCase().split(/\s+/).filter(Boolean);
    const forChat = words[0] === 'chat';
    const raw = forChat ? words[1] : words[0];
    if (!raw) {
      const { dateOrder } = await ctx.prefs();
      return reply(
        dateOrder
          ? `Date order: ${dateOrder} (${describe(dateOrder)}).`
          : 'Date order: from your time zone (mdy in the US, dmy elsewhere).',
      );
    }
    if (raw !== 'dmy' && raw !== 'mdy') {
      throw new UserError('dateorder.invalid', `"${raw}" is not a date order; use dmy (3/4 = 3 April) or mdy (3/4 = March 4).`, EXAMPLE);
    }
    if (forChat) {
      requireChatAdmin(ctx, 'date order');
      await deps.prefs.set(msg.platform, 'chat', msg.chatId, { dateOrder: raw });
      return reply(`📅 This chat's date order is now ${raw}: ${describe(raw)}.`);
    }
    await deps.prefs.set(msg.platform, 'user', msg.userId, { dateOrder: raw });
    return reply(`📅 Your date order is now ${raw}: ${describe(raw)}.`);
  },
};
