import { UserError } from '../../core/errors.js';
import { parseReference } from '../../nl/parse.js';
import type { ParseResult } from '../../nl/types.js';
import type { CommandContext, CommandModule } from '../command.js';
import type { Job } from '../../core/job.js';
import { inJobTurn } from '../job-turn.js';
import type { Reply } from '../message.js';
import { parseWithPrefs } from '../parse-input.js';
import { scheduleNotes } from '../schedule-notes.js';
import { applySnoozePlan } from '../snooze-apply.js';
import { normaliseId } from '../access.js';
import { idNamedInReply } from '../replied-id.js';
import { planSnooze } from '../snooze-rules.js';
import type { SnoozeRequest } from '../snooze-rules.js';

const EXAMPLE = '/snooze k7m2qd 30m';

/** "30m", "2 hours", "1h30m": a span rather than a time of day. */
const SPAN = /^\d/;

/**
 * `/snooze <id> <span or time>`: "30m", "2 hours", "tomorrow at 9". A span counts from the
 * reminder's due time when it has not fired yet (so it never comes earlier), from now when it
 * has; see snooze-rules.ts. The parser reads both forms, so one vocabulary serves /remind too.
 */
export const snooze: CommandModule = {
  name: 'snooze',
  description: 'Move a reminder later: /snooze <id> 30m',
  usage: '/snooze <id> <duration or time>',
  async run(ctx) {
    const { rawId, when } = await snoozeTarget(ctx);
    return inJobTurn(ctx, rawId, (job) => snoozeJob(ctx, job, when));
  },
};

/**
 * Which reminder and when: the id comes first. Sent as a reply to a message naming one
 * reminder ("✅ Reminder set [k7m2qd]"), a first word that is no reminder's id is the time
 * ("/snooze 30m"). Without one, a time where the id belongs is refused as a missing id:
 * "No reminder with id 30m" left people wondering what they had typed wrong.
 */
async function snoozeTarget(ctx: CommandContext): Promise<{ rawId: string; when: string }> {
  const [first = '', ...rest] = ctx.args.trim().split(/\s+/);
  const given = { rawId: first, when: rest.join(' ').trim() };
  if (!first || (await ctx.deps.scheduler.getJob(normaliseId(first)))) return given;
  const named = idNamedInReply(ctx.msg);
  if (named) return { rawId: named, when: ctx.args.trim() };
  if ((await readSnoozeTime(ctx, ctx.args.trim())).parsed.ok) {
    throw new UserError('id.missing', 'Which reminder? Put its id first (see /list); nothing was snoozed.', EXAMPLE);
  }
  return given;
}

/** "30m" is a span (read as "in 30m"); "tomorrow at 9" or "17:30" a time. */
async function readSnoozeTime(ctx: CommandContext, when: string): Promise<{ span: boolean; parsed: ParseResult }> {
  const span = SPAN.test(when) && !/[:/]/.test(when);
  return { span, parsed: await parseWithPrefs(ctx, span ? `in ${when}` : when) };
}

async function snoozeJob(ctx: CommandContext, job: Job, when: string): Promise<Reply[]> {
  if (!when) throw new UserError('snooze.no_time', 'For how long? Add a duration or a time.', EXAMPLE);
  const { span, parsed } = await readSnoozeTime(ctx, when);
  if (!parsed.ok) throw new UserError('snooze.bad_time', parsed.error, EXAMPLE);
  const at = parsed.next[0];
  if (parsed.kind !== 'once' || !at) {
    throw new UserError('snooze.recurring', 'Snooze takes one time or a duration, not a repetition.', EXAMPLE);
  }
  const request: SnoozeRequest = span ? { by: at.getTime() - parseReference(ctx.now).getTime() } : { at };
  const { timeZone } = await ctx.prefs();
  const result = await applySnoozePlan(ctx.deps, job, planSnooze(job, request, ctx.now, timeZone), timeZone, ctx.now);
  if (!result.ok) throw new UserError('snooze.refused', `${result.text} Nothing was changed.`, `/snooze ${job.id} 1h`);
  // A time of day (not a span) may fall in a DST gap or overlap: say which time was taken.
  const notes = span ? [] : scheduleNotes(parsed, [at]);
  return [{ text: [result.text, ...notes].join('\n'), actions: result.actions }];
}
