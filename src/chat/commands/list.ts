import type { Job } from '../../core/job.js';
import type { CommandContext, CommandModule } from '../command.js';
import { reply } from '../command.js';
import { jobsVisibleHere } from '../access.js';
import { UserError } from '../../core/errors.js';
import { finishedLine, listLine } from '../describe.js';
import { truncate } from '../format.js';
import { pageOf, readPageArg } from '../paging.js';
import { readerZone } from '../confirmation.js';

/**
 * The reminders the reader may see here (see jobsVisibleHere). Active and paused only,
 * soonest first, paused last.
 */
export async function visibleLiveJobs(ctx: CommandContext): Promise<Job[]> {
  return (await jobsVisibleHere(ctx, ['active', 'paused'])).sort(
    (a, b) => (a.nextRunAt?.getTime() ?? Infinity) - (b.nextRunAt?.getTime() ?? Infinity),
  );
}

/** How far back `/list all` shows finished and cancelled jobs. */
const FINISHED_SHOWN_MS = 30 * 24 * 3600_000;

/** Finished, failed and cancelled jobs visible here that ended in the last 30 days, latest first. */
async function recentlyFinished(ctx: CommandContext): Promise<Job[]> {
  const since = ctx.now.getTime() - FINISHED_SHOWN_MS;
  const ended = (j: Job) => (j.completedAt ?? j.updatedAt).getTime();
  return (await jobsVisibleHere(ctx, ['completed', 'failed', 'cancelled']))
    .filter((j) => ended(j) >= since)
    .sort((a, b) => ended(b) - ended(a));
}

/**
 * `/list`: each live reminder with its next time and, for a repetition, its rule in words.
 * `/list all` adds those finished or cancelled in the last 30 days. Long lists come in pages
 * ("/list page 2", "/list all page 2").
 */
export const list: CommandModule = {
  name: 'list',
  aliases: ['reminders'],
  description: 'Your reminders (in a group: this chat’s)',
  usage: '/list [all]',
  async run(ctx) {
    const { page, rest } = readPageArg(ctx.args, { bare: true });
    const all = rest.toLowerCase();
    if (all && all !== 'all')
      throw new UserError('list.args', `"/list ${truncate(ctx.args, 20)}" is not something I can list.`, '/list all');
    const jobs = await visibleLiveJobs(ctx);
    const finished = all ? await recentlyFinished(ctx) : [];
    const group = ctx.msg.chatType === 'group';
    if (jobs.length === 0 && finished.length === 0) {
      const none = group ? 'No reminders in this chat' : 'You have no reminders';
      return reply(`${none}${all ? ', and none finished in the last 30 days' : ''}. Try /remind in 10 minutes stretch`);
    }
    const reader = await readerZone(ctx);
    const { timeZone } = reader;
    // Everyone in a group reads the list: times in the asker's zone say so unless it is the chat's own.
    const named = group && reader.show !== 'no' ? `, times in ${timeZone}` : '';
    const head = group ? `Reminders in this chat (${jobs.length})${named}:` : `Your reminders (${jobs.length}):`;
    const lines = jobs.map((j) => listLine(j, timeZone, ctx.now));
    if (all) {
      lines.push(
        '',
        `Finished or cancelled in the last 30 days (${finished.length}):`,
        ...finished.map((j) => finishedLine(j, timeZone, ctx.now)),
      );
    }
    return reply(pageOf(head, lines, page, (n) => `/list ${all ? 'all ' : ''}page ${n}`));
  },
};
