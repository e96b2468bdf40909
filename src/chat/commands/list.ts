import type { Job } from '../../core/job.js';
import type { CommandContext, CommandModule } from '../command.js';
import { reply } from '../command.js';
import { jobsVisibleHere } from '../access.js';
import { listLine } from '../describe.js';

/** Most lines one /list answer shows (a chat message stays readable). */
const MAX_LINES = 50;

/**
 * The reminders the reader may see here (see jobsVisibleHere). Active and paused only,
 * soonest first, paused last.
 */
export async function visibleLiveJobs(ctx: CommandContext): Promise<Job[]> {
  return (await jobsVisibleHere(ctx, ['active', 'paused'])).sort((a, b) => (a.nextRunAt?.getTime() ?? Infinity) - (b.nextRunAt?.getTime() ?? Infinity));
}

export const list: CommandModule = {
  name: 'list',
  aliases: ['reminders'],
  description: 'Your reminders (in a group: this chat’s)',
  usage: '/list',
  async run(ctx) {
    const jobs = await visibleLiveJobs(ctx);
    if (jobs.length === 0) {
      return reply(
        ctx.msg.chatType === 'group'
          ? 'No reminders in this chat. Try /remind in 10 minutes stretch'
          : 'You have no reminders. Try /remind in 10 minutes stretch',
      );
    }
    const { timeZone } = await ctx.prefs();
    const head = ctx.msg.chatType === 'group' ? `Reminders in this chat (${jobs.length}):` : `Your reminders (${jobs.length}):`;
    const lines = jobs.slice(0, MAX_LINES).map((j) => listLine(j, timeZone, ctx.now));
    if (jobs.length > MAX_LINES) lines.push(`… and ${jobs.length - MAX_LINES} more`);
    return reply([head, ...lines].join('\n'));
  },
};
