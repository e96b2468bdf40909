import { UserError } from '../../core/errors.js';
import type { CommandModule } from '../command.js';
import { inJobTurn } from '../job-turn.js';
import { jobSubject } from '../describe.js';
import { formatWhen, truncate } from '../format.js';
import { undoStateAction } from '../undo.js';

export const pause: CommandModule = {
  name: 'pause',
  description: 'Pause a reminder: /pause <id>',
  usage: '/pause <id>',
  run: (ctx) =>
    inJobTurn(ctx, ctx.args.split(/\s+/)[0] ?? '', async (job) => {
      if (job.status !== 'active') {
        throw new UserError('job.not_active', `Reminder ${job.id} is ${job.status}, not active.`, `/resume ${job.id}`);
      }
      const paused = await ctx.deps.scheduler.pauseJob(job.id);
      return [
        {
          text: `⏸ Paused [${job.id}]: ${truncate(jobSubject(job))}. Resume with /resume ${job.id}`,
          actions: [[undoStateAction(job, paused)]],
        },
      ];
    }),
};

export const resume: CommandModule = {
  name: 'resume',
  description: 'Resume a paused reminder: /resume <id>',
  usage: '/resume <id>',
  run: (ctx) =>
    inJobTurn(ctx, ctx.args.split(/\s+/)[0] ?? '', async (job) => {
      if (job.status !== 'paused') {
        throw new UserError('job.not_paused', `Reminder ${job.id} is ${job.status}, not paused.`, `/pause ${job.id}`);
      }
      const resumed = await ctx.deps.scheduler.resumeJob(job.id);
      const { timeZone } = await ctx.prefs();
      const when = resumed.nextRunAt ? ` Next: ${formatWhen(resumed.nextRunAt, timeZone, ctx.now)}` : '';
      return [{ text: `▶️ Resumed [${job.id}]: ${truncate(jobSubject(job))}.${when}`, actions: [[undoStateAction(job, resumed)]] }];
    }),
};
