import { UserError } from '../../core/errors.js';
import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { pageOf, readPageArg } from '../paging.js';
import { checkTextLength } from '../quotas.js';

/**
 * Personal notes, one list per person. The notes store checks who is asking; a scheduled run
 * (SCHEDULER) is refused there and the router turns that into a clear sentence.
 */
export const remember: CommandModule = {
  name: 'remember',
  description: 'Keep a note: /remember wifi password is on the fridge',
  usage: '/remember <note>',
  async run(ctx) {
    if (!ctx.args) throw new UserError('notes.empty', 'What should I remember?', '/remember the spare key is under the mat');
    checkTextLength(ctx, ctx.args, 'A note');
    const added = await ctx.deps.notes.add(ctx.msg.platform, ctx.msg.userId, ctx.args);
    const count = typeof added === 'number' ? added : (await ctx.deps.notes.list(ctx.msg.platform, ctx.msg.userId)).length;
    return reply(`📝 Noted (#${count}). /recall shows your notes.`);
  },
};

export const recall: CommandModule = {
  name: 'recall',
  description: 'Show your notes',
  usage: '/recall',
  async run(ctx) {
    const { page } = readPageArg(ctx.args, { bare: true });
    const notes = await ctx.deps.notes.list(ctx.msg.platform, ctx.msg.userId);
    if (notes.length === 0) return reply('You have no notes. Add one with /remember <note>');
    return reply(
      pageOf(
        'Your notes:',
        notes.map((n, i) => `${i + 1}. ${n.text}`),
        page,
        (n) => `/recall page ${n}`,
      ),
    );
  },
};

export const forget: CommandModule = {
  name: 'forget',
  description: 'Delete note number n: /forget 2',
  usage: '/forget <n>',
  async run(ctx) {
    const n = Number(ctx.args);
    if (!/^\d+$/.test(ctx.args) || n < 1) {
      throw new UserError('notes.bad_number', 'Give the note number from /recall.', '/forget 2');
    }
    // Absurd numbers cannot name a note; asking the store would only risk an integer overflow.
    const removed = Number.isSafeInteger(n) && n <= 1_000_000 && (await ctx.deps.notes.remove(ctx.msg.platform, ctx.msg.userId, n));
    if (!removed) throw new UserError('notes.not_found', `You have no note #${n}. /recall lists them.`, '/recall');
    return reply(`🗑 Forgot note #${n}.`);
  },
};
