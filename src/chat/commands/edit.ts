import { ForbiddenError, UserError } from '../../core/errors.js';
import type { JobPatch } from '../../core/ports/job-store.js';
import type { Job } from '../../core/job.js';
import { hasVisibleText } from '../../core/text-limit.js';
import type { CommandContext, CommandModule } from '../command.js';
import { isOwner } from '../access.js';
import { inJobTurn } from '../job-turn.js';
import type { Reply } from '../message.js';
import { confirmation, readerZone } from '../confirmation.js';
import { truncate } from '../format.js';
import { jobSubject } from '../describe.js';
import { editedWhen } from '../edit-time-of-day.js';
import { readsAsEdit } from '../../nl/edit-when.js';
import { parseWithPrefs } from '../parse-input.js';
import { scheduleNotes } from '../schedule-notes.js';
import { undoEditAction } from '../undo.js';
import { checkGroupInterval, checkTextLength } from '../quotas.js';

const EXAMPLE = '/edit k7m2qd tomorrow at 10';

/**
 * Input that is clearly meant as a time. When it does not parse, the parser's complaint is
 * shown instead of silently turning "tomorow 9" into the reminder's new text.
 */
const LOOKS_LIKE_TIME =
  /^((in|at|on|by|every|each)\b|tom|tmr|2mo|today|tonight|2nite|next|nxt|this|daily|weekly|monthly|yearly|hourly|noon|midnight|(mon|tue|wed|thu|fri|sat|sun)[a-z]*day|eo[dwmy]\b|cron:|at:|in:|@|\d)/i;

/** A leading `text:` or `when:` forces that reading of the rest. */
function forcedReading(input: string): { input: string; force?: 'text' | 'when' } {
  if (/^text:/i.test(input)) return { input: input.slice(5).trim(), force: 'text' };
  if (/^when:/i.test(input)) return { input: input.slice(5).trim(), force: 'when' };
  return { input };
}

/** The new text into the payload (a command job's only by its owner, and only a schedulable command). */
function withNewText(ctx: CommandContext, job: Job, newText: string): JobPatch {
  const payload = { ...(job.payload as Record<string, unknown>) };
  if (job.kind === 'command') {
    // What a command job runs, it runs with its owner's rights: only the owner chooses it.
    // An admin may still reschedule, pause or cancel it.
    if (!isOwner(job, ctx.msg)) {
      const owner = job.owner.name ? ` (${job.owner.name})` : '';
      throw new ForbiddenError(
        `Only its owner${owner} can change what scheduled command ${job.id} runs. You can change its time, /pause or /cancel it.`,
      );
    }
    ctx.checkScheduledCommand(newText);
    payload.command = newText;
  } else {
    payload.text = newText;
  }
  return { payload, name: truncate(newText, 80) };
}

/**
 * `/edit <id> <when or text>`: a time (optionally followed by text) reschedules, anything
 * else replaces the text. `text:` or `when:` prefixes force one reading.
 */
export const edit: CommandModule = {
  name: 'edit',
  description: 'Change time or text: /edit <id> <when or text>',
  usage: '/edit <id> <when or text>',
  run(ctx) {
    const [rawId = '', ...rest] = ctx.args.split(/\s+/);
    return inJobTurn(ctx, rawId, (job) => editJob(ctx, job, rest.join(' ').trim()));
  },
};

/**
 * A new time for a cancelled reminder: it stays cancelled (a cancel is for good, as the API
 * keeps it), so the confirmation's "⏰ Mon 09:00" promised a reminder that never came. Refused,
 * with the /remind that sets it again.
 */
function cancelledNotRevived(job: Job, input: string, hasText: boolean): UserError {
  const again = hasText ? `/remind ${input}` : `/remind ${input} ${truncate(jobSubject(job), 80)}`;
  return new UserError(
    'job.finished',
    `Reminder ${job.id} is cancelled, and a new time does not bring it back. Nothing was changed; set it again with /remind.`,
    again,
  );
}

async function editJob(ctx: CommandContext, job: Job, raw: string): Promise<Reply[]> {
  if (!raw) throw new UserError('edit.empty', 'What should change? Give a new time or a new text.', EXAMPLE);
  checkTextLength(ctx, raw);
  const { input, force } = forcedReading(raw);
  const read = force === 'text' ? undefined : await parseWithPrefs(ctx, input);
  const parsed = read && readsAsEdit(read) ? await editedWhen(ctx, job, input, read) : read;
  let patch: JobPatch = {};
  let newText: string | undefined;
  let next: Date[] = job.nextRunAt ? [job.nextRunAt] : [];
  if (parsed?.ok) {
    if (job.status === 'cancelled') throw cancelledNotRevived(job, input, parsed.text.trim() !== '');
    checkGroupInterval(ctx, parsed);
    patch = { schedule: parsed.schedule, bounds: parsed.bounds, timeZone: parsed.timeZone };
    if (job.status === 'completed' || job.status === 'failed') patch.status = 'active';
    if (hasVisibleText(parsed.text)) newText = parsed.text.trim();
    next = parsed.next;
  } else if (parsed && (force === 'when' || LOOKS_LIKE_TIME.test(input))) {
    // the parser's example is a new "when" ("today at 5pm"): said as the /edit that sets it
    throw new UserError(
      'edit.bad_time',
      `${parsed.error} (To change the text instead: /edit ${job.id} text: …)`,
      parsed.example ? `/edit ${job.id} ${parsed.example.replace(/^remind me (?:to |that |about )?/i, '')}` : EXAMPLE,
    );
  } else {
    if (!hasVisibleText(input)) throw new UserError('edit.empty', 'The new text is empty.', `/edit ${job.id} text: call mom`);
    newText = input;
  }
  if (newText !== undefined) patch = { ...patch, ...withNewText(ctx, job, newText) };
  const updated = await ctx.deps.scheduler.updateJob(job.id, patch);
  const reply = confirmation(updated, next, await readerZone(ctx), ctx.now, 'Reminder updated', undoEditAction(ctx.deps, job, updated));
  // A new time says how it meets the calendar, as a new reminder's confirmation does.
  const notes = parsed?.ok ? scheduleNotes(parsed) : [];
  return [notes.length ? { ...reply, text: `${reply.text}\n${notes.join('\n')}` } : reply];
}
