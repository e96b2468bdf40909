import { UserError } from '../../core/errors.js';
import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { findChangeableJob } from '../access.js';
import { jobSubject } from '../describe.js';
import { formatWhen, truncate } from '../format.js';
import { parseWithPrefs } from '../parse-input.js';

const EXAMPLE = '/snooze k7m2qd 30m';

/**
 * `/snooze <id> <duration or time>`: "30m", "2 hours", "tomorrow at 9". A bare duration
 * counts from now; the parser reads both forms, so one vocabulary serves /remind and /snooze.
 */
export const snooze: CommandModule = {
  name: 'snooze',
  description: 'Move the next run: /snooze <id> 30m',
  usage: '/snooze <id> <duration or time>',
  async run(ctx) {
    const [rawId = '', ...rest] = ctx.args.split(/\s+/);
    const when = rest.join(' ').trim();
    const job = await findChangeableJob(ctx, rawId);
    if (!when) throw new UserError('snooze.no_time', 'For how long? Add a duration or a time.', EXAMPLE);
    if (job.status === 'cancelled' || job.status === 'failed') {
      throw new UserError('job.finished', `Reminder ${job.id} is ${job.status}; set a new one with /remind.`, '/remind in 1 hour stretch');
    }
    const parsed = await parseWithPrefs(ctx, /^\d/.test(when) && !/[:/]/.test(when) ? `in ${when}` : when);
    if (!parsed.ok) throw new UserError('snooze.bad_time', parsed.error, EXAMPLE);
    const at = parsed.next[0];
    if (parsed.kind !== 'once' || !at) {
      throw new UserError('snooze.recurring', 'Snooze takes one time or a duration, not a repetition.', EXAMPLE);
    }
    if (at.getTime() <= ctx.now.getTime()) throw new UserError('snooze.past', 'That time has passed.', EXAMPLE);
    await ctx.deps.scheduler.snoozeJob(job.id, at);
    const { timeZone } = await ctx.prefs();
    return reply(`💤 Snoozed [${job.id}] ${truncate(jobSubject(job))} until ${formatWhen(at, timeZone, ctx.now)}`);
  },
};
