import { UserError } from '../../core/errors.js';
import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { findChangeableJob } from '../access.js';
import { jobSubject } from '../describe.js';
import { truncate } from '../format.js';

export const cancel: CommandModule = {
  name: 'cancel',
  aliases: ['delete'],
  description: 'Cancel a reminder: /cancel <id>',
  usage: '/cancel <id>',
  async run(ctx) {
    const id = ctx.args.split(/\s+/)[0] ?? '';
    const job = await findChangeableJob(ctx, id);
    if (job.status === 'cancelled' || job.status === 'completed') {
      throw new UserError('job.finished', `Reminder ${job.id} is already ${job.status}.`, '/list');
    }
    await ctx.deps.scheduler.cancelJob(job.id);
    return reply(`🗑 Cancelled [${job.id}]: ${truncate(jobSubject(job))}`);
  },
};
