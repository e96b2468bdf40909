import { UserError } from '../../core/errors.js';
import type { CommandModule } from '../command.js';
import { inJobTurn } from '../job-turn.js';
import { jobSubject } from '../describe.js';
import { formatLocalTime, formatWhen, truncate } from '../format.js';
import type { Job } from '../../core/job.js';
import { isRecurring } from '../../core/schedule.js';
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

/**
 * What became of the time that came while the reminder was paused (`paused.nextRunAt` passed):
 * a one-off comes now, a repeating one's missed occurrence is skipped (JobOperations.resumeJob).
 * Said, so "Next: 10:00 (1 hour ago)" or a silently dropped occurrence does not leave the
 * person guessing. Undefined when nothing was missed.
 */
function missedWhilePaused(paused: Job, resumed: Job, timeZone: string, now: Date): string | undefined {
  const due = paused.nextRunAt;
  if (!due || due.getTime() >= now.getTime()) return undefined;
  const was = formatLocalTime(due, timeZone, now);
  if (!isRecurring(paused.schedule)) return ` It was due ${was} while paused, so it comes now.`;
  const next = resumed.nextRunAt ? ` Next: ${formatWhen(resumed.nextRunAt, timeZone, now)}` : ' It has no more times to come.';
  return ` ${was} came while it was paused and was skipped.${next}`;
}

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
      const when =
        missedWhilePaused(job, resumed, timeZone, ctx.now) ??
        (resumed.nextRunAt ? ` Next: ${formatWhen(resumed.nextRunAt, timeZone, ctx.now)}` : '');
      return [{ text: `▶️ Resumed [${job.id}]: ${truncate(jobSubject(job))}.${when}`, actions: [[undoStateAction(job, resumed)]] }];
    }),
};
