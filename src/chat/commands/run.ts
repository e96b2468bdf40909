import { UserError } from '../../core/errors.js';
import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { inJobTurn } from '../job-turn.js';
import { jobSubject } from '../describe.js';
import { formatWhen, truncate } from '../format.js';

export const run: CommandModule = {
  name: 'run',
  description: 'Run a reminder now: /run <id>',
  usage: '/run <id>',
  run: (ctx) =>
    inJobTurn(ctx, ctx.args.split(/\s+/)[0] ?? '', async (job) => {
      if (job.status === 'cancelled') {
        throw new UserError('job.finished', `Reminder ${job.id} is cancelled.`, '/list');
      }
      await ctx.deps.scheduler.runNow(job.id);
      // A run by hand is an extra delivery: the scheduled time stays (see the runner's settlement).
      const ahead = job.status === 'active' && job.nextRunAt && job.nextRunAt.getTime() > ctx.now.getTime() ? job.nextRunAt : null;
      const keeps = ahead ? ` It still comes ${formatWhen(ahead, (await ctx.prefs()).timeZone, ctx.now)}.` : '';
      return reply(`▶️ Running [${job.id}] ${truncate(jobSubject(job))} now; its message follows.${keeps}`);
    }),
};
